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
from tornado import web

from ..core.encoding import dumps
from ..core.jsonbody import parse_json
from . import graphql_api
from .artifact_handlers import (
    MlflowArtifactsHandler,
    ModelArtifactHandler,
    RunArtifactHandler,
    UploadArtifactHandler,
)
from .base import MlflowBase
from .calls import Args, Call, Route
from .datasets import ROUTES as DATASET_ROUTES
from .issues import ROUTES as ISSUE_ROUTES
from .label_schemas import ROUTES as LABEL_SCHEMA_ROUTES
from .links import HANDLERS as LINK_HANDLERS
from .models import ROUTES as MODEL_ROUTES
from .otlp_handler import OtlpTracesHandler
from .review_queues import ROUTES as REVIEW_QUEUE_ROUTES
from .scorers import ROUTES as SCORER_ROUTES
from .trace_metrics import ROUTES as TRACE_METRIC_ROUTES
from .traces import ROUTES as TRACE_ROUTES
from .tracking import ROUTES as TRACKING_ROUTES
from .ui import ROUTES as UI_ROUTES

PREFIX = "/mlstudio/mlflow"
#: The MLflow release whose client and server contract the face follows (the pinned client).
MLFLOW_VERSION = "3.17.2"


def _compile(route: Route) -> re.Pattern[str]:
    pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", route.path)
    return re.compile(f"^{pattern}$")


_TABLE = [
    (route, _compile(route))
    for route in [
        *TRACKING_ROUTES,
        *MODEL_ROUTES,
        *UI_ROUTES,
        *TRACE_METRIC_ROUTES,
        *TRACE_ROUTES,
        *SCORER_ROUTES,
        *DATASET_ROUTES,
        *LABEL_SCHEMA_ROUTES,
        *ISSUE_ROUTES,
        *REVIEW_QUEUE_ROUTES,
    ]
]


def match(method: str, endpoint: str) -> tuple[Route, dict[str, str]] | None:
    for route, pattern in _TABLE:
        found = pattern.match(endpoint)
        if found and route.method == method:
            return route, found.groupdict()
    return None


def methods_for(endpoint: str) -> list[str]:
    """The methods some route answers at ``endpoint`` (none: no such endpoint)."""
    return sorted({route.method for route, pattern in _TABLE if pattern.match(endpoint)})


class MlflowApiHandler(MlflowBase):
    """``/mlstudio/mlflow/api/2.0/mlflow/{endpoint}`` (and ``api/3.0``, where MLflow serves the
    same endpoints): MLflow's tracking, registry and trace REST API."""

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
    async def put(self, endpoint: str) -> None:
        await self._dispatch(endpoint)

    @web.authenticated
    async def delete(self, endpoint: str) -> None:
        await self._dispatch(endpoint)


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


class VersionHandler(MlflowBase):
    """``GET /mlstudio/mlflow/version``: the MLflow release whose REST contract this face follows,
    as plain text (the client compares it before it sends spans to ``/v1/traces``)."""

    @web.authenticated
    async def get(self) -> None:
        await self.authorize("mlstudio:experiments", "read")
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(MLFLOW_VERSION)


class HealthHandler(MlflowBase):
    """``GET /mlstudio/mlflow/health``: ``OK`` while the face answers (MLflow's probe)."""

    @web.authenticated
    async def get(self) -> None:
        await self.authorize("mlstudio:experiments", "read")
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("OK")


class GraphqlHandler(MlflowBase):
    """``POST /mlstudio/mlflow/graphql`` (and ``ajax-api/graphql``, and GET with ``?query=``):
    MLflow's GraphQL endpoint; ``{"data", "errors"}`` as MLflow's server answers."""

    async def _answer(self, body: Any) -> None:
        document, variables, operation = graphql_api.parsed(body)
        for resource in sorted(graphql_api.resources(document)):
            await self.authorize(resource, "read")
        result = await anyio.to_thread.run_sync(
            graphql_api.execute, self.services, self.context(), document, variables, operation
        )
        self.set_header("Content-Type", "application/json")
        self.finish(dumps(result))

    @web.authenticated
    async def post(self) -> None:
        await self._answer(parse_json(self.request.body) if self.request.body else None)

    @web.authenticated
    async def get(self) -> None:
        variables = self.get_query_argument("variables", None)
        await self._answer(
            {
                "query": self.get_query_argument("query", None),
                "variables": parse_json(variables.encode()) if variables else None,
                "operationName": self.get_query_argument("operationName", None),
            }
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
    (rf"{PREFIX}/(?:api|ajax-api)/2\.0/mlflow/upload-artifact", UploadArtifactHandler),
    (
        rf"{PREFIX}/(?:api|ajax-api)/2\.0/mlflow/logged-models/(?P<model_id>[^/]+)/artifacts/files",
        ModelArtifactHandler,
    ),
    (rf"{PREFIX}/(?:api|ajax-api)/[23]\.0/mlflow/(?P<endpoint>.+)", MlflowApiHandler),
    (rf"{PREFIX}/v1/traces", OtlpTracesHandler),
    (rf"{PREFIX}/get-artifact", RunArtifactHandler),
    (rf"{PREFIX}/health", HealthHandler),
    (rf"{PREFIX}/version", VersionHandler),
    (rf"{PREFIX}/(?:ajax-api/)?graphql", GraphqlHandler),
    # Anything else below the face (other API versions, MLflow's pages this server does not
    # serve): MLflow's JSON 404, never Jupyter's HTML page.
    (rf"{PREFIX}/.+", MlflowNotFoundHandler),
]
