"""REST handlers for runs: read a run, its metric series, and push a batch from a client."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from pydantic import Field
from tornado import web

from ..core.handlers import MLStudioHandler, route
from ..core.models import ApiModel
from ..core.openapi import Operation, Paths
from .models import MetricPoint, Param, Run, Tag


class RunBatch(ApiModel):
    """``POST /runs/{run_id}/batch``: points, params and tags in one request."""

    batch_id: str | None = Field(default=None, max_length=64, description="Idempotency key")
    metrics: list[MetricPoint] = Field(default_factory=list, max_length=10000)
    params: list[Param] = Field(default_factory=list, max_length=100)
    tags: list[Tag] = Field(default_factory=list, max_length=100)


class BatchResult(ApiModel):
    applied: bool = Field(description="False when this batch_id had been applied before")


class MetricHistory(ApiModel):
    run_id: str
    key: str
    points: list[MetricPoint]


class RunHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/runs/{run_id}``: a run with params, tags and latest metrics."""

    auth_resource = "mlstudio:experiments"

    @web.authenticated
    @authorized
    async def get(self, run_id: str) -> None:
        self.reply(await self.call(self.services.experiments.get_run, self.request_context, run_id))


class RunBatchHandler(MLStudioHandler):
    """``POST /mlstudio/api/v1/runs/{run_id}/batch``: log metrics, params and tags."""

    auth_resource = "mlstudio:experiments"

    @web.authenticated
    @authorized
    async def post(self, run_id: str) -> None:
        batch = self.parse_body(RunBatch)
        applied = await self.call(
            self.services.experiments.log_batch,
            self.request_context,
            run_id,
            batch.metrics,
            batch.params,
            batch.tags,
            batch_id=batch.batch_id,
        )
        if applied and batch.metrics:
            self.services.events.emit(
                "run-metrics",
                {
                    "run_id": run_id,
                    "job": None,
                    "points": [p.model_dump() for p in batch.metrics[-500:]],
                },
            )
        self.reply(BatchResult(applied=applied))


class MetricHistoryHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/runs/{run_id}/metrics/{key}``: every point of one series."""

    auth_resource = "mlstudio:experiments"

    @web.authenticated
    @authorized
    async def get(self, run_id: str, key: str) -> None:
        points, _ = await self.call(
            self.services.experiments.metric_history, self.request_context, run_id, key
        )
        self.reply(MetricHistory(run_id=run_id, key=key, points=points))


OPENAPI: Paths = {
    "/runs/{run_id}": {
        "get": Operation("Get a run", response=Run, errors=(401, 403, 404), tags=("experiments",))
    },
    "/runs/{run_id}/batch": {
        "post": Operation(
            "Log metrics, params and tags (idempotent with batch_id)",
            body=RunBatch,
            response=BatchResult,
            errors=(401, 403, 404),
            tags=("experiments",),
        )
    },
    "/runs/{run_id}/metrics/{key}": {
        "get": Operation(
            "A metric's full history",
            response=MetricHistory,
            errors=(401, 403, 404),
            tags=("experiments",),
        )
    },
}

HANDLERS = [
    (route("/runs/{run_id}"), RunHandler),
    (route("/runs/{run_id}/batch"), RunBatchHandler),
    (route("/runs/{run_id}/metrics/{key}"), MetricHistoryHandler),
]
