"""``POST /mlstudio/aws/endpoints/{name}/invocations``: sagemaker-runtime's InvokeEndpoint.

REST-JSON: the body is the model's input as it is, the parameters are headers, errors carry
``x-amzn-ErrorType`` and a JSON body (``ModelError`` adds ``OriginalStatusCode``,
``OriginalMessage`` and ``LogStreamArn``, which botocore lifts into the error response).
SigV4 as on the rest of the AWS face (service name ``sagemaker``). The handler parses,
authorizes and hands the call to the router; the router does the rest on the event loop.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import anyio.to_thread
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.utils import ensure_async

from ..aws.handlers import AwsError, AwsHandler
from .router import Invocation, InvocationError, validation_error

RESOURCE = "mlstudio:endpoints"
JSON = "application/json"


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


class InvocationsHandler(AwsHandler):
    """``POST /mlstudio/aws/endpoints/{name}/invocations``: InvokeEndpoint."""

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
