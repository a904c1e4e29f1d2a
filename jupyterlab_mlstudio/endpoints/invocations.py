"""``POST /mlstudio/aws/endpoints/{name}/invocations``: sagemaker-runtime's InvokeEndpoint.

REST-JSON: the body is the model's input as it is, the parameters are headers, errors carry
``x-amzn-ErrorType`` and a JSON body (``ModelError`` adds ``OriginalStatusCode``,
``OriginalMessage`` and ``LogStreamArn``, which botocore lifts into the error response).
SigV4 as on the rest of the AWS face (service name ``sagemaker``). The handler parses,
authorizes and hands the call to the router; the router does the rest on the event loop.

Both invocation routes (this one and the REST face's) are lean: they skip what Jupyter does
for every request that an invocation needs not (:class:`LeanInvocation`). The checks stay:
the Host check, the signature or the token (compared in constant time), the authorizer.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import uuid
from typing import Any

import anyio.to_thread
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import IdentityProvider, PasswordIdentityProvider, User
from jupyter_server.prometheus.log_functions import prometheus_log_method
from jupyter_server.utils import ensure_async
from tornado import web

from ..aws.handlers import AwsError, AwsHandler
from .router import Invocation, InvocationError, validation_error

RESOURCE = "mlstudio:endpoints"
JSON = "application/json"
#: Jupyter's own token header (``Authorization: token <t>`` or ``bearer <t>``).
_TOKEN_HEADER = re.compile(r"(token|bearer)\s+(.+)", re.IGNORECASE)
#: Who a request that carries the server's token is (Jupyter's token names nobody either).
TOKEN_USER = User(username="token", name="Token client", display_name="Token client")


class LeanInvocation:
    """What Jupyter does on every request that an invocation needs not, left out.

    A profile of the invocation path had about 40 % of the server's time in Jupyter's request
    handling: the identity provider's cookie and token dance (an anonymous user made, and a
    login cookie signed, per request), an access-log line formatted for the debug level that
    no handler shows, the API-activity stamp. Mixed into a ``JupyterHandler``, this keeps what
    guards the route and drops the rest:

    - ``prepare`` still refuses a non-local ``Host`` (Jupyter's DNS-rebinding guard) and sets
      the CORS headers; who the caller is, the route finds out itself (the signature on the
      AWS face, :func:`token_user` on the REST face);
    - successful requests still count in the server's Prometheus metrics; their log line is
      formatted only when a log handler would show it; failures are logged as before.
    """

    async def prepare(self, *, _redirect_to_login: bool = True) -> None:
        self._lean_prepare(None)

    def _lean_prepare(self, user: User | None) -> None:
        handler: Any = self
        handler.current_user = handler._jupyter_current_user = user
        if not handler.check_host():
            handler.current_user = handler._jupyter_current_user = None
            raise web.HTTPError(403)
        if user is not None:
            handler._token_authenticated = True  # as Jupyter marks a token login
        handler.set_cors_headers()

    def _log(self) -> None:
        handler: Any = self
        if handler.get_status() < 300 and not _shows_debug(handler.log):
            prometheus_log_method(handler)
            return
        super()._log()  # type: ignore[misc]


def _shows_debug(logger: logging.Logger) -> bool:
    """Whether a debug record of ``logger`` would reach a handler that writes it (Jupyter's
    logger is at DEBUG and filters in its handlers, so ``isEnabledFor`` says yes to all)."""
    if not logger.isEnabledFor(logging.DEBUG):
        return False
    current: logging.Logger | None = logger
    while current is not None:
        if any(handler.level <= logging.DEBUG for handler in current.handlers):
            return True
        current = current.parent if current.propagate else None
    return False


def token_user(handler: Any) -> User | None:
    """The caller when the request carries this server's own token in its ``Authorization``
    header (compared in constant time); ``None`` for any other credential (a cookie, a token
    in the URL, another identity provider's), which then goes through Jupyter's checks."""
    provider = handler.identity_provider
    if type(provider) not in (IdentityProvider, PasswordIdentityProvider):
        return None
    token = str(getattr(provider, "token", "") or "")
    match = _TOKEN_HEADER.match(handler.request.headers.get("Authorization", ""))
    if not token or match is None or "token" in handler.request.query_arguments:
        return None
    if not hmac.compare_digest(match.group(2).strip().encode(), token.encode()):
        return None
    return TOKEN_USER


def invocation_from(headers: Any, body: bytes) -> Invocation:
    """An InvokeEndpoint call from its headers (sagemaker-runtime's names)."""
    get = headers.get
    return Invocation(
        body=body,
        content_type=get("Content-Type"),
        accept=get("Accept"),
        target_variant=get("X-Amzn-SageMaker-Target-Variant"),
        custom_attributes=get("X-Amzn-SageMaker-Custom-Attributes"),
        inference_id=get("X-Amzn-SageMaker-Inference-Id"),
    )


async def serve_invocation(handler: Any, context: Any, name: str, call: Invocation) -> Any:
    """Route ``call`` to endpoint ``name``; raises InvocationError in sagemaker-runtime's
    terms. Shared by this face and the REST face."""
    endpoints = handler.services.endpoints
    live = endpoints.live(context, name)
    if live is None or live.status in ("Creating", "Deleting", "Failed"):
        reason = await anyio.to_thread.run_sync(endpoints.not_serving, context, name)
        raise validation_error(reason)
    return await endpoints.router.invoke(live, call)


class InvocationsHandler(LeanInvocation, AwsHandler):
    """``POST /mlstudio/aws/endpoints/{name}/invocations``: InvokeEndpoint (SigV4)."""

    auth_resource = RESOURCE

    @allow_unauthenticated
    async def post(self, name: str) -> None:  # type: ignore[override]  # the path names it
        self.set_header("x-amzn-RequestId", str(uuid.uuid4()))
        try:
            user, context = await self._authenticate()
            allowed = await ensure_async(
                self.authorizer.is_authorized(self, user, "write", RESOURCE)
            )
            if not allowed:
                raise AwsError(
                    "AccessDeniedException", f"User {user.username} may not invoke endpoints", 403
                )
            result = await serve_invocation(
                self, context, name, invocation_from(self.request.headers, self.request.body)
            )
        except AwsError as error:
            self._runtime_error(error.code, error.message, error.status)
            return
        except InvocationError as error:
            self._runtime_error(error.code, error.message, error.status, error.fields)
            return
        self.set_header("Content-Type", result.content_type)
        self.set_header("X-Amzn-Invoked-Production-Variant", result.variant)
        if result.custom_attributes:
            self.set_header("X-Amzn-SageMaker-Custom-Attributes", result.custom_attributes)
        self.finish(result.body)

    def _runtime_error(
        self, code: str, message: str, status: int, fields: dict[str, Any] | None = None
    ) -> None:
        self.set_status(status)
        self.set_header("Content-Type", JSON)
        self.set_header("x-amzn-ErrorType", code)
        self.finish(json.dumps({"message": message, **(fields or {})}))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Failures outside ``post`` answer in the runtime's error shape too."""
        code = "InternalFailure" if status_code >= 500 else "ValidationError"
        if status_code == 405:
            self.set_header("Allow", "POST")
        self.set_header("Content-Type", JSON)
        self.set_header("x-amzn-ErrorType", code)
        self.finish(json.dumps({"message": self._reason}))


def handlers() -> list[tuple[str, type[InvocationsHandler], dict[str, Any]]]:
    """The runtime's route; ahead of the AWS face's catch-all JSON handler."""
    from ..aws.actions import face_actions

    return [
        (
            r"/mlstudio/aws/endpoints/(?P<name>[^/]+)/invocations",
            InvocationsHandler,
            {"actions": face_actions()},
        )
    ]
