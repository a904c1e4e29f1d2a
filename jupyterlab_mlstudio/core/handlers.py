"""The base of every REST handler: parse, authorize, call a service, serialize.

Handlers stay thin. Everything a handler needs from the server lives on ``self.services``;
errors raised anywhere below are turned into JSON bodies with the right status here, and only
here.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

import anyio.to_thread
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from pydantic import BaseModel, ValidationError
from tornado import web

from ..access.audit import REST_ACTIONS, outcome_of, record_soon
from .context import CONTEXT_ATTRIBUTE, RequestContext
from .encoding import dumps
from .errors import InvalidInput, MLStudioError
from .identity import owner_name
from .jsonbody import parse_json
from .models import validation_error_to_invalid_input

if TYPE_CHECKING:
    from ..services import Services

ModelT = TypeVar("ModelT", bound=BaseModel)
T = TypeVar("T")

API_PREFIX = "/mlstudio/api/v1"
_PATH_PARAMETER = re.compile(r"\{([a-z_]+)\}")


#: Path parameters that may themselves contain slashes (metric names such as ``train/loss``);
#: they must come last in a template.
_SLASHED = {"key"}


def route(template: str) -> str:
    """An OpenAPI path template (``/instance-types/{name}``) as a Tornado route pattern."""
    pattern = _PATH_PARAMETER.sub(
        lambda m: f"(?P<{m.group(1)}>{'.+' if m.group(1) in _SLASHED else '[^/]+'})", template
    )
    return f"{API_PREFIX}{pattern}"


class MLStudioHandler(APIHandler):
    """Base class for the REST handlers under ``/mlstudio/api/v1``."""

    auth_resource = "mlstudio"

    @property
    def services(self) -> Services:
        return self.settings["mlstudio.services"]

    @property
    def request_context(self) -> RequestContext:
        """The caller as services see it: owner, role, the spaces they are a member of and the
        space they write in (looked up once per request; the authorizer may have already)."""
        context = getattr(self, CONTEXT_ATTRIBUTE, None)
        if context is None:
            context = self.services.context_for(
                owner_name(self.identity_provider, self.current_user)
            )
        if context.face != "rest":
            context = replace(context, face="rest")
        setattr(self, CONTEXT_ATTRIBUTE, context)
        return context

    async def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a blocking service call in a worker thread, off the event loop."""
        return await anyio.to_thread.run_sync(functools.partial(function, *args, **kwargs))

    def parse_body(self, model: type[ModelT]) -> ModelT:
        """The JSON body as ``model``; a missing or malformed body or a bad field is a 400
        naming it. Types are checked as the OpenAPI document states them (strictly: ``false``
        is no integer, ``"1"`` no number)."""
        raw = self.request.body or b""
        if not raw.strip():
            raise InvalidInput("A JSON object is required as the request body.", field="body")
        data = parse_json(raw)
        if not isinstance(data, dict):
            raise InvalidInput("The request body must be a JSON object.", field="body")
        try:
            # JSON Schema counts 75.0 as an integer; strict validation would not.
            return model.model_validate_json(json.dumps(_whole(data)), strict=True)
        except ValidationError as error:
            raise validation_error_to_invalid_input(error) from error

    def parse_query(self, model: type[ModelT]) -> ModelT:
        """The query string as ``model``; repeated keys become lists where the model says so."""
        data: dict[str, Any] = {}
        for key, values in self.request.query_arguments.items():
            decoded = [value.decode("utf-8", "replace") for value in values]
            field = model.model_fields.get(key)
            if field is None and not any(decoded):
                continue  # a bare cache-buster such as JupyterLab's "?1767225600000"
            wants_list = field is not None and "list" in str(field.annotation)
            data[key] = decoded if wants_list else decoded[-1]
        try:
            return model.model_validate(data)
        except ValidationError as error:
            raise validation_error_to_invalid_input(error) from error

    def reply(self, payload: Any, status: int = 200) -> None:
        """Finish with ``payload`` (a pydantic model, list or dict) as JSON."""
        self._made = payload
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        if status == 204:
            self.finish()
            return
        self.finish(dumps(payload))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Every error is a JSON body ``{"error", "message", ["field"]}``."""
        self.set_header("Content-Type", "application/json")
        if status_code == 405:
            self.set_header("Allow", ", ".join(allowed_methods(self)))
        if status_code == 403 and getattr(self, "_current_user", None) is None:
            # No credentials at all is 401 (RFC 9110), as the OpenAPI document says.
            self.set_status(401)
            self.set_header("WWW-Authenticate", 'token realm="jupyter"')
            self.finish(json.dumps({"error": "Unauthorized", "message": "Not authenticated."}))
            return
        exc_info = kwargs.get("exc_info")
        error = exc_info[1] if exc_info else None
        if isinstance(error, MLStudioError):
            self.set_status(error.status)
            body = error.to_json()
        elif isinstance(error, web.HTTPError):
            body = {
                "error": _code_for_status(error.status_code),
                "message": error.log_message or error.reason or self._reason,
            }
        else:
            body = {"error": "InternalError", "message": "The server failed; see its log."}
        self.finish(json.dumps(body))

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        if isinstance(value, MLStudioError) and value.status < 500:
            self.log.info("%s %s: %s", self.request.method, self.request.path, value.message)
            return
        super().log_exception(typ, value, tb)

    def on_finish(self) -> None:
        """A change (POST, PUT, PATCH, DELETE) goes in the audit log, as does a change the
        caller's role refused: who, what (the route's resource and name), through REST."""
        method = (self.request.method or "GET").upper()
        context = getattr(self, CONTEXT_ATTRIBUTE, None)
        outcome = outcome_of(self.get_status())
        if method not in _CHANGES or context is None or outcome is None:
            return
        path = self.request.path.removeprefix(API_PREFIX)
        last = path.rstrip("/").rsplit("/", 1)[-1]
        made = getattr(self, "_made", None)
        name = self.path_kwargs.get("name") or _name_of(made) or ""
        record_soon(
            self.services.audit,
            replace(context, face="rest"),
            action=REST_ACTIONS.get(last, _CHANGES[method]),
            operation=f"{method} {path}",
            resource_type=self.auth_resource.removeprefix("mlstudio:"),
            resource_name=str(name),
            outcome=outcome,
            detail={key: value for key, value in self.path_kwargs.items() if key != "name"},
        )


class NotFoundHandler(MLStudioHandler):
    """Anything under ``/mlstudio/api/v1`` that names no route: a JSON 404 after auth."""

    @web.authenticated
    @authorized
    def get(self, path: str) -> None:
        raise web.HTTPError(404, f"No such resource: {self.request.path}")

    post = put = patch = delete = get


#: The methods that change something, and the audit action each records by default.
_CHANGES = {"POST": "create", "PUT": "update", "PATCH": "update", "DELETE": "delete"}


def _name_of(payload: Any) -> str | None:
    """The name a created resource answers with (``name`` or a SageMaker ``…Name``)."""
    if isinstance(payload, BaseModel):
        payload = payload.model_dump()
    if not isinstance(payload, dict):
        return None
    if isinstance(payload.get("name"), str):
        return str(payload["name"])
    for key, value in payload.items():
        if key.endswith("Name") and isinstance(value, str):
            return value
    return None


def allowed_methods(handler: web.RequestHandler) -> list[str]:
    """The HTTP methods ``handler``'s class answers (for a 405's ``Allow`` header)."""
    return [
        method
        for method in handler.SUPPORTED_METHODS
        if getattr(type(handler), method.lower(), None)
        is not getattr(web.RequestHandler, method.lower(), None)
    ]


def _code_for_status(status: int) -> str:
    return {
        400: "InvalidInput",
        401: "Unauthorized",
        403: "Forbidden",
        404: "NotFound",
        405: "MethodNotAllowed",
        409: "Conflict",
        503: "BackendUnavailable",
    }.get(status, "InternalError" if status >= 500 else "Error")


def _whole(value: Any) -> Any:
    """``value`` with every integral float (``75.0``) as an int; floats fields take ints."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_whole(item) for item in value]
    if isinstance(value, dict):
        return {key: _whole(item) for key, item in value.items()}
    return value
