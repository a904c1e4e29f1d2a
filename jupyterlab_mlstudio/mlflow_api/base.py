"""What every handler of the MLflow face shares: errors in MLflow's shape, authorization by
resource, the caller's request context."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import anyio.to_thread
from jupyter_server.auth.identity import User
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import ensure_async
from tornado import web

from ..access.audit import mlflow_entry, outcome_of, record_soon
from ..core.context import CONTEXT_ATTRIBUTE
from ..core.errors import Forbidden, MLStudioError
from ..core.handlers import allowed_methods
from ..core.identity import owner_name
from ..domains.tokens import is_profile_token

ERROR_CODES = {
    "InvalidInput": ("INVALID_PARAMETER_VALUE", 400),
    "InvalidNextToken": ("INVALID_PARAMETER_VALUE", 400),
    "IllegalTransition": ("INVALID_STATE", 400),
    "NotFound": ("RESOURCE_DOES_NOT_EXIST", 404),
    "Conflict": ("RESOURCE_ALREADY_EXISTS", 400),
    "LimitExceeded": ("RESOURCE_LIMIT_EXCEEDED", 400),
    "Forbidden": ("PERMISSION_DENIED", 403),
    "BackendUnavailable": ("TEMPORARILY_UNAVAILABLE", 503),
}


class MlflowBase(APIHandler):
    """Errors in MLflow's shape: ``{"error_code", "message"}``."""

    auth_resource = "mlstudio:experiments"

    @property
    def services(self) -> Any:
        return self.settings["mlstudio.services"]

    #: The methods a 405 names in its ``Allow`` header, when they depend on the endpoint.
    allowed: list[str] | None = None

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        if status_code == 405:
            self.set_header("Allow", ", ".join(self.allowed or allowed_methods(self)))
        error = kwargs.get("exc_info", (None, None))[1]
        if isinstance(error, MLStudioError):
            code, status = ERROR_CODES.get(error.code, ("INTERNAL_ERROR", 500))
            self.set_status(status)
            body = {"error_code": code, "message": error.message}
        elif isinstance(error, web.HTTPError):
            code = {
                403: "PERMISSION_DENIED",
                404: "ENDPOINT_NOT_FOUND",
                401: "UNAUTHENTICATED",
            }.get(status_code, "BAD_REQUEST" if status_code < 500 else "INTERNAL_ERROR")
            body = {"error_code": code, "message": error.log_message or self._reason}
        else:
            body = {"error_code": "INTERNAL_ERROR", "message": "The server failed; see its log."}
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        if isinstance(value, MLStudioError) and value.status < 500:
            return
        super().log_exception(typ, value, tb)

    def on_finish(self) -> None:
        """A change (an experiment, run or model created, renamed or deleted) goes in the audit
        log, as does a change the caller's role refused."""
        context = getattr(self, CONTEXT_ATTRIBUTE, None)
        outcome = outcome_of(self.get_status())
        if context is None or outcome is None or self.request.method == "GET":
            return
        entry = mlflow_entry(self.request.path, self.request.body or b"")
        if entry is None:
            return
        action, operation, kind, name, detail = entry
        record_soon(
            self.services.audit,
            replace(context, face="mlflow"),
            action=action,
            operation=operation,
            resource_type=kind,
            resource_name=name,
            outcome=outcome,
            detail=detail,
        )

    async def authorize(self, resource: str, access: str) -> None:
        user = self.current_user
        allowed = await ensure_async(self.authorizer.is_authorized(self, user, access, resource))
        if not allowed:
            raise Forbidden(f"Permission denied: {access} on {resource}")

    async def prepare(self) -> None:  # type: ignore[override]
        """A user profile's MLflow token (``Authorization: Bearer mlst_...``) authenticates
        as that profile, looked up in the store on every request (a revoked token stops at
        once); anything else is Jupyter's own authentication."""
        token = _bearer(self.request.headers.get("Authorization", ""))
        if not is_profile_token(token):
            await super().prepare()
            return
        if not self.check_host():
            raise web.HTTPError(403)
        holder = await anyio.to_thread.run_sync(self.services.mlflow_tokens.holder, token)
        if holder is None:
            raise web.HTTPError(401, "The MLflow token is not valid: it was revoked or deleted")
        self._token_holder = holder
        self.current_user = self._jupyter_current_user = User(username=holder.user_profile)

    def context(self) -> Any:
        """The caller's request context (see ``MLStudioHandler.request_context``); a profile
        token's holder acts as that profile, in its domain."""
        context = getattr(self, CONTEXT_ATTRIBUTE, None)
        if context is None:
            holder = getattr(self, "_token_holder", None)
            if holder is not None:
                context = self.services.context_for(holder.user_profile, holder.domain)
            else:
                context = self.services.context_for(
                    owner_name(self.identity_provider, self.current_user)
                )
        if context.face != "mlflow":
            context = replace(context, face="mlflow")
        setattr(self, CONTEXT_ATTRIBUTE, context)
        return context


def _bearer(header: str) -> str:
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() in ("bearer", "token") else ""
