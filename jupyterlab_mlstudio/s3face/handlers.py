"""``/mlstudio/s3/...``: S3's REST API (path-style addressing) over the server's object store.

Authentication is the request's SigV4 signature with the AWS face's keys (access key = the
Jupyter user name, secret = the server's token), not Jupyter's cookie or token, so the handler
opts out of Jupyter's own checks, verifies the signature itself and then asks Jupyter's
authorizer. Bodies stream: an upload goes from the socket through a bounded pipe to a worker
thread that decodes, checks and stores it; a download is read and sent a chunk at a time.
Every answer, errors included, is S3's XML.
"""

from __future__ import annotations

import asyncio
import functools
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, TypeVar
from urllib.parse import unquote

import anyio
import anyio.to_thread
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import User
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import ensure_async, url_path_join
from tornado import httputil, web
from tornado.iostream import StreamClosedError

from ..access.audit import outcome_of, record_soon, s3_entry
from ..awsenv.keys import secret_for
from ..core.context import CONTEXT_ATTRIBUTE
from ..core.errors import MLStudioError
from ..core.identity import local_user
from ..domains.keys import is_profile_key, keys_named_in
from . import xml
from .auth import S3Request, authenticate
from .calls import Reply, S3Call
from .errors import S3Error, access_denied, as_s3_error
from .operations import Operation, resolve
from .payload import PayloadReader, plan_payload
from .pipe import BodyPipe

#: The largest body accepted: S3's largest single PUT (5 GiB) plus aws-chunked framing.
MAX_BODY = 5 * 1024**3 + 64 * 1024**2
#: Bytes gathered from the socket before they go to the worker thread, and held in the pipe.
BATCH = 1024 * 1024
PIPE_LIMIT = 4 * 1024 * 1024
DOWNLOAD_CHUNK = 1024 * 1024
#: Largest body of a request that is not an upload (XML documents).
MAX_SMALL_BODY = 4 * 1024 * 1024 + 64 * 1024
T = TypeVar("T")


class ClientGone(Exception):
    """The client closed the connection before its body ended."""


class _S3Headers(httputil.HTTPHeaders):
    """Response headers as S3 writes them: ``x-amz-*`` in lower case. Tornado would send
    ``X-Amz-Meta-Origin``, and clients take user metadata names from the header as sent."""

    def get_all(self) -> Iterator[tuple[str, str]]:
        for name, value in super().get_all():
            lower = name.lower()
            yield (lower if lower.startswith("x-amz-") else name), value


@web.stream_request_body
class S3Handler(JupyterHandler):
    """``GET|HEAD|PUT|POST|DELETE /mlstudio/s3/[bucket[/key]]``: S3 operations, SigV4-signed."""

    auth_resource = "mlstudio:objects"

    def initialize(self) -> None:
        self._request_id = uuid.uuid4().hex[:16].upper()
        self._operation: Operation | None = None
        self._call: S3Call | None = None
        self._pipe: BodyPipe | None = None
        self._worker: asyncio.Future[Reply] | None = None
        self._body = bytearray()
        self._small_body: PayloadReader | None = None
        self._refusal: S3Error | None = None
        self._resource = ""
        #: The operation the request names once resolved (before it is authorized), for the
        #: audit log.
        self._named: tuple[str, str, str] | None = None

    def clear(self) -> None:
        super().clear()
        self._headers = _S3Headers(self._headers)

    def check_xsrf_cookie(self) -> None:
        """Signed requests carry no cookie; the signature is the protection."""
        return None

    def compute_etag(self) -> str | None:
        """Only objects have ETags, and they are set explicitly."""
        return None

    @property
    def service(self) -> Any:
        return self.settings["mlstudio.s3face"]

    async def _in_thread(self, function: Callable[..., T], *args: Any, uploads: bool = False) -> T:
        limiter = None
        if uploads:
            limiter = self.settings.setdefault("mlstudio.s3face.uploads", anyio.CapacityLimiter(64))
        return await anyio.to_thread.run_sync(functools.partial(function, *args), limiter=limiter)

    # --- request -------------------------------------------------------------------------------

    async def prepare(self) -> None:  # type: ignore[override]
        await super().prepare()
        self.request.connection.set_max_body_size(MAX_BODY)  # type: ignore[union-attr]
        try:
            await self._begin()
        except MLStudioError as error:
            self._send_error(as_s3_error(error))

    async def _begin(self) -> None:
        request = self.request
        prefix = url_path_join(self.base_url, "mlstudio", "s3")
        raw_path = request.path
        bucket, _, key = unquote(raw_path[len(prefix) :]).lstrip("/").partition("/")
        self._resource = f"/{bucket}/{key}" if key else f"/{bucket}"
        headers = {
            name.lower(): ",".join(request.headers.get_list(name)) for name in request.headers
        }
        method = (request.method or "GET").upper()
        provider = self.identity_provider
        token = str(getattr(provider, "token", "") or "")
        # User profiles' keys (looked up off the loop, before verifying) sign as their profile.
        named = keys_named_in(headers.get("authorization", ""), request.query)
        profiles = {
            key: await self._in_thread(self.settings["mlstudio.services"].access_keys.signer, key)
            for key in named
        }

        def secret(key: str) -> str | None:
            if is_profile_key(key):
                found = profiles.get(key)
                return found.secret if found is not None and found.secret else None
            return secret_for(key, token)

        signer = authenticate(
            S3Request(method, raw_path, request.query, headers, raw_path[len(prefix) :] or "/"),
            secret,
            # As the AWS face: an open server (no token, no password) cannot check signatures;
            # a server with a password but no token has no secret, so every key is unknown.
            check_signature=bool(token) or provider.auth_enabled or bool(named),
        )
        profile = profiles.get(signer.access_key)
        query = _query(request.query)
        operation = resolve(method, bucket, key, query, headers)
        self._named = (operation.name, bucket, key)
        length = headers.get("content-length", "0")
        if length.isdigit() and int(length) > MAX_BODY:
            raise S3Error(
                "EntityTooLarge",
                "Your proposed upload exceeds the maximum allowed size",
                400,
                MaxSizeAllowed=str(MAX_BODY),
            )
        user = User(username=signer.access_key)
        # A profile's key acts with that profile's role, in the key's domain; the server's token
        # signs for the server's own user.
        setattr(
            self,
            CONTEXT_ATTRIBUTE,
            await self._in_thread(
                self.settings["mlstudio.services"].context_for,
                profile.user_profile if profile else local_user(),
                profile.domain if profile else None,
                "s3",
            ),
        )
        allowed = await ensure_async(
            self.authorizer.is_authorized(self, user, operation.access, self.auth_resource)
        )
        if not allowed:
            raise access_denied(f"User {user.username} may not {operation.access} objects")
        self._operation = operation
        self._call = S3Call(
            method=method,
            bucket=bucket,
            key=key,
            query=query,
            headers=headers,
            owner=profile.user_profile if profile else local_user(),
        )
        if operation.body == "stream":
            plan = plan_payload(headers, signer)
            self._pipe = BodyPipe(PIPE_LIMIT)
            self._call.body = PayloadReader(self._pipe.receive, plan)
            self._worker = asyncio.ensure_future(
                self._in_thread(operation.run, self.service, self._call, uploads=True)
            )
            self._worker.add_done_callback(self._worker_done)
        elif operation.body == "xml":
            plan = plan_payload(headers, signer)
            self._small_body = PayloadReader(self._take_small_body, plan)

    def _worker_done(self, worker: asyncio.Future[Reply]) -> None:
        if self._pipe is not None:
            self._pipe.abandon()  # bytes still arriving are dropped, not queued forever
        if not worker.cancelled():
            worker.exception()  # seen here when the client left before the answer

    def _take_small_body(self) -> bytes:
        data, self._body = bytes(self._body), bytearray()
        return data

    async def data_received(self, chunk: bytes) -> None:
        if self._finished or self._refusal is not None:
            return
        self._body += chunk
        if self._pipe is not None:
            if len(self._body) >= BATCH:
                await self._pipe.send(self._take_small_body())
        elif len(self._body) > MAX_SMALL_BODY:
            self._body = bytearray()
            self._refusal = S3Error(
                "MaxMessageLengthExceeded", "Your request was too big for this operation."
            )

    def on_connection_close(self) -> None:
        if self._pipe is not None:
            self._pipe.close(ClientGone("the client closed the connection mid-body"))
        super().on_connection_close()

    def on_finish(self) -> None:
        if self._pipe is not None:
            self._pipe.close(ClientGone("the request ended before its body"))
        self._audit()

    def _audit(self) -> None:
        """A call that made or removed a bucket or object goes in the audit log, as does one
        the caller's role refused: who, what (``bucket/key``), through the S3 face."""
        context = getattr(self, CONTEXT_ATTRIBUTE, None)
        outcome = outcome_of(self.get_status())
        entry = s3_entry(*self._named) if self._named is not None else None
        if entry is None or context is None or outcome is None:
            return
        action, kind, name, detail = entry
        record_soon(
            self.settings["mlstudio.services"].audit,
            replace(context, face="s3"),
            action=action,
            operation=self._named[0] if self._named else "",
            resource_type=kind,
            resource_name=name,
            outcome=outcome,
            detail=detail,
        )

    # --- verbs ---------------------------------------------------------------------------------

    @allow_unauthenticated
    async def get(self, *_: Any, **__: Any) -> None:
        await self._answer()

    @allow_unauthenticated
    async def head(self, *_: Any, **__: Any) -> None:
        await self._answer()

    @allow_unauthenticated
    async def put(self, *_: Any, **__: Any) -> None:
        await self._answer()

    @allow_unauthenticated
    async def post(self, *_: Any, **__: Any) -> None:
        await self._answer()

    @allow_unauthenticated
    async def delete(self, *_: Any, **__: Any) -> None:
        await self._answer()

    @allow_unauthenticated
    async def patch(self, *_: Any, **__: Any) -> None:
        await self._answer()

    @allow_unauthenticated
    async def options(self, *_: Any, **__: Any) -> None:
        await self._answer()

    async def _answer(self) -> None:
        if self._finished:
            return
        try:
            if self._refusal is not None:
                raise self._refusal
            if self._operation is None or self._call is None:
                raise S3Error("MethodNotAllowed", "The specified method is not allowed.", 405)
            if self._worker is not None and self._pipe is not None:
                if self._body:
                    await self._pipe.send(self._take_small_body())
                self._pipe.close()
                reply = await self._worker
            else:
                self._call.body = self._small_body
                reply = await self._in_thread(self._operation.run, self.service, self._call)
            await self._send(reply)
        except MLStudioError as error:
            self._send_error(as_s3_error(error))
        except StreamClosedError:
            pass
        except Exception:
            self.log.exception("S3 face: %s %s failed", self.request.method, self.request.path)
            self._send_error(S3Error("InternalError", "We encountered an internal error.", 500))

    # --- response ------------------------------------------------------------------------------

    async def _send(self, reply: Reply) -> None:
        self.set_status(reply.status)
        self.set_header("x-amz-request-id", self._request_id)
        for name, value in reply.headers.items():
            self.set_header(name, value)
        if "Content-Type" not in reply.headers:
            self.clear_header("Content-Type")
        found = reply.object_range
        if found is None or self.request.method == "HEAD" or found.last < found.first:
            self.finish(reply.body or None)
            return
        assert self._call is not None
        opened = await self._in_thread(
            self.service.open_range, self._call.bucket, self._call.key, found.first, found.last
        )
        stream = await self._in_thread(opened.__enter__)
        try:
            remaining = found.last - found.first + 1
            while remaining > 0:
                chunk = await self._in_thread(stream.read, min(DOWNLOAD_CHUNK, remaining))
                if not chunk:
                    break  # the object shrank: the short body makes the client retry
                remaining -= len(chunk)
                self.write(chunk)
                await self.flush()
        finally:
            await self._in_thread(opened.__exit__, None, None, None)
        self.finish()

    def _send_error(self, error: S3Error) -> None:
        if self._finished:
            return
        if error.status >= 500:
            self.log.warning("S3 face: %s: %s", error.s3_code, error.message)
        self.clear()
        self.set_status(error.status)
        self.set_header("x-amz-request-id", self._request_id)
        if error.status == 304 or self.request.method == "HEAD":
            self.finish()
            return
        self.set_header("Content-Type", xml.CONTENT_TYPE)
        self.finish(xml.error_document(error, self._resource, self._request_id))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Failures outside the verbs (host check, Tornado's own refusals) in S3's shape too."""
        codes = {
            400: "InvalidRequest",
            403: "AccessDenied",
            404: "NoSuchKey",
            405: "MethodNotAllowed",
            413: "EntityTooLarge",
        }
        code = codes.get(status_code, "InternalError" if status_code >= 500 else "InvalidRequest")
        error = S3Error(code, self._reason or code, status_code)
        self.set_header("x-amz-request-id", self._request_id)
        if self.request.method == "HEAD":
            self.finish()
            return
        self.set_header("Content-Type", xml.CONTENT_TYPE)
        self.finish(xml.error_document(error, self._resource, self._request_id))


def _query(raw: str) -> dict[str, str]:
    """The query's first value per name, decoded as S3 decodes it (``+`` stays ``+``)."""
    values: dict[str, str] = {}
    for part in raw.split("&") if raw else []:
        name, _, value = part.partition("=")
        values.setdefault(unquote(name), unquote(value))
    return values


HANDLERS = [(r"/mlstudio/s3(?:/.*)?", S3Handler)]
