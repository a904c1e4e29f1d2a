"""Tornado handlers of the MLflow face: ``/mlstudio/mlflow/api/2.0/mlflow/...`` and the artifact
proxy ``/mlstudio/mlflow/api/2.0/mlflow-artifacts/artifacts/...``.

Authentication is Jupyter's (``MLFLOW_TRACKING_TOKEN`` = the server's token arrives as a Bearer
header); each endpoint then asks the authorizer for its own resource and access.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import anyio.to_thread
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import ensure_async
from tornado import web

from ..core.encoding import dumps
from ..core.errors import Forbidden, MLStudioError
from ..core.handlers import allowed_methods
from ..core.identity import owner_name
from ..core.jsonbody import parse_json
from ..core.streaming import SpooledBody, send_stream
from ..experiments.artifacts import content_disposition, safe_path
from .calls import Args, Call, Route
from .links import HANDLERS as LINK_HANDLERS
from .models import ROUTES as MODEL_ROUTES
from .tracking import ROUTES as TRACKING_ROUTES

PREFIX = "/mlstudio/mlflow"
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


def _compile(route: Route) -> re.Pattern[str]:
    pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", route.path)
    return re.compile(f"^{pattern}$")


_TABLE = [(route, _compile(route)) for route in [*TRACKING_ROUTES, *MODEL_ROUTES]]


def match(method: str, endpoint: str) -> tuple[Route, dict[str, str]] | None:
    for route, pattern in _TABLE:
        found = pattern.match(endpoint)
        if found and route.method == method:
            return route, found.groupdict()
    return None


def methods_for(endpoint: str) -> list[str]:
    """The methods some route answers at ``endpoint`` (none: no such endpoint)."""
    return sorted({route.method for route, pattern in _TABLE if pattern.match(endpoint)})


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

    async def authorize(self, resource: str, access: str) -> None:
        user = self.current_user
        allowed = await ensure_async(self.authorizer.is_authorized(self, user, access, resource))
        if not allowed:
            raise Forbidden(f"Permission denied: {access} on {resource}")

    def context(self) -> Any:
        return self.services.context_for(owner_name(self.identity_provider, self.current_user))


class MlflowApiHandler(MlflowBase):
    """``/mlstudio/mlflow/api/2.0/mlflow/{endpoint}``: MLflow's tracking and registry REST API."""

    async def _dispatch(self, endpoint: str) -> None:
        found = match(self.request.method or "GET", endpoint)
        if found is None:
            self.allowed = methods_for(endpoint)
            if self.allowed:
                raise web.HTTPError(405, f"{endpoint} does not answer {self.request.method}")
            raise web.HTTPError(404, f"No MLflow endpoint {self.request.method} {endpoint}")
        route, path = found
        await self.authorize(route.resource, route.access)
        values: dict[str, Any] = {}
        for key, raw in self.request.query_arguments.items():
            decoded = [item.decode("utf-8", "replace") for item in raw]
            values[key] = (
                decoded
                if len(decoded) > 1 or key.endswith("_ids") or key in ("order_by", "stages")
                else decoded[0]
            )
        if self.request.body:
            body = parse_json(self.request.body)
            if isinstance(body, dict):
                values.update(body)
        call = Call(self.services, self.context(), Args(values), path)
        result = await anyio.to_thread.run_sync(functools.partial(route.function, call))
        self.set_header("Content-Type", "application/json")
        self.finish(dumps(result))

    @web.authenticated
    async def get(self, endpoint: str) -> None:
        await self._dispatch(endpoint)

    @web.authenticated
    async def post(self, endpoint: str) -> None:
        await self._dispatch(endpoint)

    @web.authenticated
    async def patch(self, endpoint: str) -> None:
        await self._dispatch(endpoint)

    @web.authenticated
    async def delete(self, endpoint: str) -> None:
        await self._dispatch(endpoint)


@web.stream_request_body
class MlflowArtifactsHandler(SpooledBody, MlflowBase):
    """``/mlstudio/mlflow/api/2.0/mlflow-artifacts/artifacts[/{path}]``: MLflow's artifact proxy.

    GET a path downloads it (streamed); GET without one lists ``?path=``; PUT uploads (streamed
    to the object store); DELETE removes a file or folder.
    """

    spool_memory_bytes = 16 * 1024 * 1024

    async def prepare(self) -> None:  # type: ignore[override]
        await super().prepare()
        if self.current_user is None:
            raise web.HTTPError(403)  # before reading a byte of an upload
        if self.request.method == "PUT":
            self.start_spool()

    @web.authenticated
    async def get(self, path: str | None = None) -> None:
        await self.authorize("mlstudio:experiments", "read")
        store = self.services.artifacts
        if not path:
            folder = safe_path(self.get_query_argument("path", ""))
            entries = await anyio.to_thread.run_sync(store.list, folder)
            files = []
            for entry in entries:
                item: dict[str, Any] = {
                    "path": entry.path.rsplit("/", 1)[-1],
                    "is_dir": entry.is_dir,
                }
                if not entry.is_dir:
                    item["file_size"] = entry.file_size
                files.append(item)
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps({"files": files}))
            return
        relative = safe_path(path)
        handle = await anyio.to_thread.run_sync(store.open_read, relative)
        self.set_header("Content-Disposition", content_disposition(relative.rsplit("/", 1)[-1]))
        await send_stream(self, handle, "application/octet-stream")

    @web.authenticated
    async def put(self, path: str | None = None) -> None:
        await self.authorize("mlstudio:experiments", "write")
        await anyio.to_thread.run_sync(
            self.services.artifacts.write, safe_path(path or ""), self.spooled_body()
        )
        self.set_header("Content-Type", "application/json")
        self.finish("{}")

    @web.authenticated
    async def delete(self, path: str | None = None) -> None:
        await self.authorize("mlstudio:experiments", "write")
        await anyio.to_thread.run_sync(self.services.artifacts.delete, safe_path(path or ""))
        self.set_header("Content-Type", "application/json")
        self.finish("{}")


class ServerInfoHandler(MlflowBase):
    """``/mlstudio/mlflow/api/3.0/mlflow/server-info``: what this MLflow face supports."""

    @web.authenticated
    async def get(self) -> None:
        await self.authorize("mlstudio:experiments", "read")
        self.set_header("Content-Type", "application/json")
        self.finish(
            json.dumps(
                {
                    "store_type": "SqlStore",
                    "workspaces_enabled": False,
                    "multipart_uploads_enabled": False,
                    "multipart_downloads_enabled": False,
                }
            )
        )


class MlflowNotFoundHandler(MlflowBase):
    """Any other path under the MLflow face's API: a 404 in MLflow's shape, not an HTML page."""

    @web.authenticated
    async def get(self, *args: str) -> None:
        raise web.HTTPError(404, f"No MLflow endpoint {self.request.method} {self.request.path}")

    post = put = patch = delete = get


HANDLERS = [
    *LINK_HANDLERS,
    (rf"{PREFIX}/(?:api|ajax-api)/3\.0/mlflow/server-info", ServerInfoHandler),
    (rf"{PREFIX}/(?:api|ajax-api)/2\.0/mlflow-artifacts/artifacts/?", MlflowArtifactsHandler),
    (
        rf"{PREFIX}/(?:api|ajax-api)/2\.0/mlflow-artifacts/artifacts/(?P<path>.+)",
        MlflowArtifactsHandler,
    ),
    (rf"{PREFIX}/(?:api|ajax-api)/2\.0/mlflow/(?P<endpoint>.+)", MlflowApiHandler),
    (rf"{PREFIX}/(?:api|ajax-api)(?:/.*)?", MlflowNotFoundHandler),
]
