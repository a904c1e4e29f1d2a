"""``POST /mlstudio/aws/``: the AWS JSON 1.1 face that boto3 and the SageMaker SDK talk to.

Authentication is the request's SigV4 signature (secret: the server's token, or a user
profile's access key, ``domains/keys.py``), not Jupyter's cookie or token header, so the handler
opts out of Jupyter's own checks and does its own.
"""

from __future__ import annotations

import functools
import json
import uuid
from typing import Any

import anyio.to_thread
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import User
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import ensure_async

from ..access.audit import action_of, resource_of_aws
from ..awsenv.keys import secret_for
from ..core.context import CONTEXT_ATTRIBUTE, RequestContext
from ..core.errors import Forbidden, InvalidInput, LimitExceeded, MLStudioError, NotFound
from ..core.identity import local_user
from ..core.jsonbody import parse_json
from ..domains.keys import is_profile_key
from . import query
from .actions import face_actions
from .registry import ActionRegistry, signing_names
from .shapes import ShapeError, parse_input, service_model, shape_output
from .sigv4 import IncomingRequest, SignatureError, verify

CONTENT_TYPE = "application/x-amz-json-1.1"
#: Services that speak JSON 1.0 (CloudWatch): their answers say so.
JSON_10_TARGETS = ("GraniteServiceVersion20100801.",)
#: IAM calls of the query face that change a user's keys (recorded in the audit log).
_KEY_CHANGES = ("CreateAccessKey", "UpdateAccessKey", "DeleteAccessKey")


class AwsError(Exception):
    """An error in the AWS JSON error shape."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


class AwsHandler(JupyterHandler):
    """``POST /mlstudio/aws/``: SageMaker, CloudWatch Logs and CloudWatch metric operations,
    SigV4-signed."""

    auth_resource = "mlstudio"

    def initialize(self, actions: ActionRegistry) -> None:
        self.actions = actions

    def check_xsrf_cookie(self) -> None:
        """Signed requests carry no cookie; the signature is the protection."""
        return None

    async def _authenticate(self, names: set[str] | None = None) -> tuple[User, RequestContext]:
        """The verified caller and their request context.

        A user profile's access key signs for that profile, in its domain and private space
        (its secret read from the store for every request, so a revoked key stops at once);
        any other key name is the server's own user, signing with the server's token.
        """
        provider = self.identity_provider
        request = IncomingRequest(
            method=self.request.method or "POST",
            path=self.request.path,
            query=self.request.query,
            headers=dict(self.request.headers.items()),
            body=self.request.body,
        )
        claimed = _access_key(request.headers)
        signer = (
            await anyio.to_thread.run_sync(self.services.access_keys.signer, claimed)
            if is_profile_key(claimed)
            else None
        )
        token = str(getattr(provider, "token", "") or "")
        if signer is None and not token and not provider.auth_enabled:
            # An open server (no token, no password): a signature is still required, but there
            # is no secret to check it against.
            if "authorization" not in {key.lower() for key in request.headers}:
                raise AwsError(
                    "MissingAuthenticationTokenException", "Missing Authentication Token", 403
                )
            access_key = claimed
        else:

            def secret(key: str) -> str | None:
                if signer is not None:
                    return signer.secret if key == claimed and signer.secret else None
                return secret_for(key, token)

            try:
                target = self.request.headers.get("X-Amz-Target", "")
                access_key = verify(
                    request, secret, services=names or signing_names(target)
                ).access_key
            except SignatureError as error:
                raise AwsError(error.code, error.message, 403) from error
        if signer is not None:
            user = User(username=signer.user_profile)
            owner, domain = signer.user_profile, signer.domain
        else:
            # The server's token signs for the server's own user, whatever the key's name.
            user = User(username=access_key or "user")
            owner, domain = local_user(), None
        context = self.services.known_context(owner, domain, face="aws")
        if context is None:
            context = await anyio.to_thread.run_sync(
                functools.partial(self.services.context_for, owner, domain, face="aws")
            )
        setattr(self, CONTEXT_ATTRIBUTE, context)
        return user, context

    @allow_unauthenticated
    async def post(self) -> None:
        request_id = str(uuid.uuid4())
        self.set_header("x-amzn-RequestId", request_id)
        action = None
        target = self.request.headers.get("X-Amz-Target", "")
        content_type = self.request.headers.get("Content-Type", "")
        if query.is_query(content_type, target, self.request.body or b""):
            await self._query(request_id)
            return
        try:
            user, context = await self._authenticate()
            action = self.actions.resolve(target)
            if action is None:
                raise AwsError("UnknownOperationException", f"Unknown operation {target!r}")
            allowed = await ensure_async(
                self.authorizer.is_authorized(self, user, action.access, action.auth_resource)
            )
            if not allowed:
                if action.access != "read":
                    await self._audit(context, action.name, _body_dict(self.request.body), "denied")
                raise AwsError(
                    "AccessDeniedException",
                    f"User {user.username} may not {action.access} {action.auth_resource}",
                    403,
                )
            operation = service_model(action.service).operation_model(action.name)
            try:
                raw = parse_json(self.request.body or b"{}")
            except InvalidInput as error:
                raise AwsError("SerializationException", error.message) from error
            params = parse_input(operation.input_shape, raw)
            result = await anyio.to_thread.run_sync(
                functools.partial(action.function, self.services, context, params)
            )
            body = shape_output(operation.output_shape, result)
            if action.access != "read":
                await self._audit(context, action.name, params, "succeeded")
        except ShapeError as error:
            self._error(AwsError(error.code, error.message))
            return
        except MLStudioError as error:
            status = 503 if error.status == 503 else 403 if error.status == 403 else 400
            code = action.error_code(error.aws_code) if action is not None else error.aws_code
            self._error(AwsError(code, error.message, status))
            return
        except AwsError as error:
            self._error(error)
            return
        self.set_header("Content-Type", self._content_type())
        self.finish(json.dumps(body))

    async def _audit(
        self, context: RequestContext, operation: str, params: dict[str, Any], outcome: str
    ) -> None:
        """Record a changing call in the audit log: its resource's name and ids, never its
        other members (which may hold secrets)."""
        kind, name, detail = resource_of_aws(operation, params)
        await anyio.to_thread.run_sync(
            functools.partial(
                self.services.audit.record,
                context,
                action=action_of(operation, params),
                operation=operation,
                resource_type=kind,
                resource_name=name,
                outcome=outcome,
                detail=detail,
            )
        )

    async def _query(self, request_id: str) -> None:
        """STS and IAM (the query protocol: a form body, XML back)."""
        try:
            try:
                user, context = await self._authenticate(query.SIGNING_NAMES)
            except AwsError as error:
                raise query.QueryError(error.code, error.message, error.status) from error
            allowed = await ensure_async(
                self.authorizer.is_authorized(self, user, "read", self.auth_resource)
            )
            if not allowed:
                raise query.QueryError(
                    "AccessDenied", f"User {user.username} may not read {self.auth_resource}", 403
                )
            form = query.parse_form(self.request.body or b"")
            call = query.QueryCall(
                action=form.pop("Action", ""),
                version=form.pop("Version", ""),
                params=form,
                account=self.services.aws.account,
                user=context.owner,
                context=context,
                keys=self.services.access_keys,
            )
            try:
                body = await anyio.to_thread.run_sync(query.answer, call, request_id)
                if call.action in _KEY_CHANGES:
                    # The key's id and user only: the answer (with a new key's secret) never.
                    named = {"UserName": call.params.get("UserName") or context.owner}
                    if call.params.get("AccessKeyId"):
                        named["AccessKeyId"] = call.params["AccessKeyId"]
                    await self._audit(context, call.action, named, "succeeded")
            except NotFound as error:
                raise query.QueryError("NoSuchEntity", error.message, 404) from error
            except LimitExceeded as error:
                raise query.QueryError("LimitExceeded", error.message, 409) from error
            except Forbidden as error:
                raise query.QueryError("AccessDenied", error.message, 403) from error
            except MLStudioError as error:
                raise query.QueryError("ValidationError", error.message) from error
        except query.QueryError as error:
            self.set_status(error.status)
            body = query.error_body(error, request_id)
        self.set_header("Content-Type", "text/xml")
        self.finish(body)

    @property
    def services(self) -> Any:
        return self.settings["mlstudio.services"]

    def _content_type(self) -> str:
        if self.request.headers.get("X-Amz-Target", "").startswith(JSON_10_TARGETS):
            return "application/x-amz-json-1.0"
        return CONTENT_TYPE

    def _error(self, error: AwsError) -> None:
        if error.status >= 500:
            self.log.warning("AWS face: %s: %s", error.code, error.message)
        self.set_status(error.status)
        self.set_header("Content-Type", self._content_type())
        self.set_header("x-amzn-ErrorType", error.code)
        self.finish(json.dumps({"__type": error.code, "message": error.message}))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Failures outside ``post`` (host check, unexpected bugs) still answer in AWS's shape."""
        code = (
            "InternalFailure"
            if status_code >= 500
            else "AccessDeniedException"
            if status_code == 403
            else "ValidationException"
        )
        self.set_header("Content-Type", CONTENT_TYPE)
        if status_code == 405:
            self.set_header("Allow", "POST")
        self.finish(json.dumps({"__type": code, "message": self._reason}))


def _access_key(headers: Any) -> str:
    for key, value in headers.items():
        if key.lower() == "authorization" and "Credential=" in value:
            return str(value.split("Credential=", 1)[1].split("/", 1)[0])
    return "user"


#: Every path under the face answers in AWS's shape (a GET or a stray path is no HTML page).
PATTERN = r"/mlstudio/aws(?:/.*)?"


def handlers() -> list[tuple[str, type[AwsHandler], dict[str, Any]]]:
    """The face's route with its table of actions (checked against botocore's models now, so
    a wrong action stops the server at start-up, not a request later)."""
    return [(PATTERN, AwsHandler, {"actions": face_actions()})]


def _body_dict(body: bytes | None) -> dict[str, Any]:
    """A request's JSON body as a dict (empty when it is none), for naming a refused call."""
    try:
        found = json.loads(body or b"{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}
