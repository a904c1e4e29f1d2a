"""REST handlers for experiment tracking: experiments, runs, metric series, artifacts."""

from __future__ import annotations

import mimetypes
from typing import Annotated, Any, Literal

from jupyter_server.auth.decorator import authorized
from pydantic import Field
from tornado import web

from ..core.errors import InvalidInput
from ..core.handlers import MLStudioHandler, route
from ..core.models import ApiModel, Int64, Millis
from ..core.openapi import Operation, Paths
from .artifacts import content_disposition, proxied, safe_path
from .models import Experiment, Key, MetricPoint, Param, Run, RunStatus, Tag, ViewType
from .series import kept_indices
from .validation import MAX_PARAM_VALUE_LENGTH, MAX_TAG_VALUE_LENGTH

RESOURCE = "mlstudio:experiments"


class ExperimentQuery(ApiModel):
    view: ViewType = ViewType.ACTIVE_ONLY
    filter: str | None = Field(default=None, description="MLflow syntax, e.g. name LIKE 'cv%'")
    max_items: int = Field(default=100, ge=1, le=1000)
    next_token: str | None = None


class ExperimentList(ApiModel):
    experiments: list[Experiment]
    next_token: str | None = None


class NewExperiment(ApiModel):
    name: str = Field(min_length=1, max_length=500, pattern=r"\S")
    tags: dict[Key, Annotated[str, Field(max_length=MAX_TAG_VALUE_LENGTH)]] = Field(
        default_factory=dict
    )


class RunQuery(ApiModel):
    experiment_id: list[str] = Field(min_length=1)
    filter: str | None = Field(default=None, description="MLflow's search syntax")
    order_by: list[str] = Field(default_factory=list, description="e.g. metrics.accuracy DESC")
    view: ViewType = ViewType.ACTIVE_ONLY
    max_items: int = Field(default=100, ge=1, le=5000)
    next_token: str | None = None


class RunList(ApiModel):
    runs: list[Run]
    next_token: str | None = None


class NewRun(ApiModel):
    experiment_id: str | None = None
    experiment_name: str | None = Field(default=None, description="Made if missing")
    run_name: str | None = None
    tags: dict[Key, Annotated[str, Field(max_length=MAX_TAG_VALUE_LENGTH)]] = Field(
        default_factory=dict
    )
    params: dict[Key, Annotated[str, Field(max_length=MAX_PARAM_VALUE_LENGTH)]] = Field(
        default_factory=dict
    )


class RunUpdate(ApiModel):
    status: RunStatus | None = None
    end_time: Millis | None = None
    name: str | None = None


#: How JSON, which has no NaN or infinities, spells them in a metric row.
SpecialFloat = Literal["NaN", "Infinity", "-Infinity", "nan", "inf", "-inf"]


class RunBatch(ApiModel):
    """``POST /runs/{run_id}/batch``: points, params and tags in one request. Points come as
    objects (``metrics``) or, more compactly, as ``[key, value, step, timestamp]`` rows."""

    batch_id: str | None = Field(default=None, max_length=64, description="Idempotency key")
    metrics: list[MetricPoint] = Field(default_factory=list, max_length=10000)
    metric_rows: list[tuple[Key, float | SpecialFloat, Int64, Int64]] = Field(
        default_factory=list, max_length=10000
    )
    params: list[Param] = Field(default_factory=list, max_length=100)
    tags: list[Tag] = Field(default_factory=list, max_length=100)


class BatchResult(ApiModel):
    applied: bool = Field(description="False when this batch_id had been applied before")


class HistoryQuery(ApiModel):
    max_points: int | None = Field(
        default=None, ge=10, le=1_000_000, description="Downsample to about this many"
    )


class MetricHistory(ApiModel):
    run_id: str
    key: str
    points: list[MetricPoint]
    total: int = Field(description="Points stored; more than len(points) when downsampled")


class ExperimentKeys(ApiModel):
    params: list[str]
    metrics: list[str]
    tags: list[str]


class ArtifactQuery(ApiModel):
    path: str = ""
    download: bool = Field(
        default=False, description="Answer as an attachment, for the browser to save"
    )


class ArtifactEntryOut(ApiModel):
    path: str
    is_dir: bool
    file_size: int | None = None


class ArtifactList(ApiModel):
    root: str
    entries: list[ArtifactEntryOut]


def as_point(point: MetricPoint | tuple[str, float, int, int]) -> dict[str, Any]:
    if isinstance(point, MetricPoint):
        return point.model_dump()
    return {"key": point[0], "value": point[1], "step": point[2], "timestamp": point[3]}


class ExperimentsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/experiments``: experiments with run counts; ``POST`` makes one."""

    auth_resource = RESOURCE

    @web.authenticated
    @authorized
    async def get(self) -> None:
        query = self.parse_query(ExperimentQuery)
        service = self.services.experiments
        await self.call(service.default_experiment, self.request_context)
        experiments, token = await self.call(
            service.search_experiments,
            self.request_context,
            view=query.view,
            filter=query.filter,
            max_results=query.max_items,
            page_token=query.next_token,
            with_counts=True,
        )
        self.reply(ExperimentList(experiments=experiments, next_token=token))

    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.parse_body(NewExperiment)
        created = await self.call(
            self.services.experiments.create_experiment,
            self.request_context,
            body.name,
            None,
            body.tags,
        )
        self.reply(created, status=201)


class ExperimentHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/experiments/{experiment_id}``."""

    auth_resource = RESOURCE

    @web.authenticated
    @authorized
    async def get(self, experiment_id: str) -> None:
        self.reply(
            await self.call(
                self.services.experiments.get_experiment, self.request_context, experiment_id
            )
        )


class ExperimentKeysHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/experiments/{experiment_id}/keys``: every param, metric and tag
    name its runs use (for choosing table columns)."""

    auth_resource = RESOURCE

    @web.authenticated
    @authorized
    async def get(self, experiment_id: str) -> None:
        keys = await self.call(self.services.experiments.keys, self.request_context, experiment_id)
        self.reply(ExperimentKeys(**keys))


class RunsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/runs?experiment_id=...``: runs by MLflow's search syntax, sorted
    and paged; ``POST`` starts a run (the Python client's ``start_run``)."""

    auth_resource = RESOURCE

    @web.authenticated
    @authorized
    async def get(self) -> None:
        query = self.parse_query(RunQuery)
        runs, token = await self.call(
            self.services.experiments.search_runs,
            self.request_context,
            query.experiment_id,
            filter=query.filter,
            view=query.view,
            max_results=query.max_items,
            order_by=query.order_by,
            page_token=query.next_token,
        )
        self.reply(RunList(runs=runs, next_token=token))

    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.parse_body(NewRun)
        service = self.services.experiments
        context = self.request_context
        if body.experiment_id:
            experiment_id = body.experiment_id
        elif body.experiment_name:
            experiment_id = (
                await self.call(service.ensure_experiment, context, body.experiment_name)
            ).experiment_id
        else:
            experiment_id = (await self.call(service.default_experiment, context)).experiment_id
        created = await self.call(
            service.create_run,
            context,
            experiment_id,
            body.run_name,
            params=body.params,
            tags=body.tags,
        )
        self.reply(created, status=201)


class RunHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/runs/{run_id}``: a run with params, tags, latest metrics, inputs and
    outputs; ``PATCH`` changes its status, end time or name."""

    auth_resource = RESOURCE

    @web.authenticated
    @authorized
    async def get(self, run_id: str) -> None:
        self.reply(await self.call(self.services.experiments.get_run, self.request_context, run_id))

    @web.authenticated
    @authorized
    async def patch(self, run_id: str) -> None:
        body = self.parse_body(RunUpdate)
        updated = await self.call(
            self.services.experiments.update_run,
            self.request_context,
            run_id,
            body.status,
            body.end_time,
            body.name,
        )
        self.reply(updated)


class RunBatchHandler(MLStudioHandler):
    """``POST /mlstudio/api/v1/runs/{run_id}/batch``: log metrics, params and tags."""

    auth_resource = RESOURCE

    @web.authenticated
    @authorized
    async def post(self, run_id: str) -> None:
        batch = self.parse_body(RunBatch)
        points: list[MetricPoint | tuple[str, float, int, int]] = list(batch.metrics)
        points += [
            (key, float(value), step, stamp) for key, value, step, stamp in batch.metric_rows
        ]
        applied = await self.call(
            self.services.experiments.log_batch,
            self.request_context,
            run_id,
            points,
            batch.params,
            batch.tags,
            batch_id=batch.batch_id,
        )
        if applied and points:
            self.services.events.emit(
                "run-metrics",
                {
                    "run_id": run_id,
                    "job": None,
                    "points": [as_point(point) for point in points[-500:]],
                },
            )
        self.reply(BatchResult(applied=applied))


class MetricHistoryHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/runs/{run_id}/metrics/{key}``: a series, whole or downsampled."""

    auth_resource = RESOURCE

    @web.authenticated
    @authorized
    async def get(self, run_id: str, key: str) -> None:
        query = self.parse_query(HistoryQuery)
        points, _ = await self.call(
            self.services.experiments.metric_history, self.request_context, run_id, key
        )
        total = len(points)
        if query.max_points is not None and total > query.max_points:
            points = [
                points[index]
                for index in kept_indices([point.value for point in points], query.max_points)
            ]
        self.reply(MetricHistory(run_id=run_id, key=key, points=points, total=total))


class RunArtifactsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/runs/{run_id}/artifacts?path=``: one folder of a run's artifacts."""

    auth_resource = RESOURCE

    @web.authenticated
    @authorized
    async def get(self, run_id: str) -> None:
        folder = safe_path(self.parse_query(ArtifactQuery).path)
        root = await self._root(run_id)
        entries = await self.call(
            self.services.artifacts.list, "/".join(part for part in (root, folder) if part)
        )
        self.reply(
            ArtifactList(
                root=root,
                entries=[
                    ArtifactEntryOut(
                        path=entry.path[len(root) :].lstrip("/"),
                        is_dir=entry.is_dir,
                        file_size=entry.file_size,
                    )
                    for entry in entries
                ],
            )
        )

    async def _root(self, run_id: str) -> str:
        run = await self.call(self.services.experiments.get_run, self.request_context, run_id)
        root = proxied(run.artifact_uri)
        if root is None:
            raise InvalidInput(
                f"Run {run_id} keeps its artifacts at {run.artifact_uri}, outside this server"
            )
        return root


class RunArtifactHandler(RunArtifactsHandler):
    """``GET /mlstudio/api/v1/runs/{run_id}/artifact?path=``: one artifact's bytes (streamed)."""

    @web.authenticated
    @authorized
    async def get(self, run_id: str) -> None:
        query = self.parse_query(ArtifactQuery)
        path = safe_path(query.path)
        if not path:
            raise InvalidInput("path: name a file", field="path")
        root = await self._root(run_id)
        handle = await self.call(self.services.artifacts.open_read, f"{root}/{path}")
        kind, _ = mimetypes.guess_type(path)
        self.set_header("Content-Type", kind or "application/octet-stream")
        if query.download:
            self.set_header("Content-Disposition", content_disposition(path.rsplit("/", 1)[-1]))
        with handle as stream:
            while chunk := await self.call(stream.read, 1024 * 1024):
                self.write(chunk)
                await self.flush()
        self.finish()


_EXP = ("experiments",)
_ERR = (401, 403, 404)

OPENAPI: Paths = {
    "/experiments": {
        "get": Operation(
            "List experiments with run counts",
            response=ExperimentList,
            query=ExperimentQuery,
            tags=_EXP,
        ),
        "post": Operation(
            "Create an experiment",
            body=NewExperiment,
            response=Experiment,
            status=201,
            errors=(401, 403, 409),
            tags=_EXP,
        ),
    },
    "/experiments/{experiment_id}": {
        "get": Operation("Get an experiment", response=Experiment, errors=_ERR, tags=_EXP)
    },
    "/experiments/{experiment_id}/keys": {
        "get": Operation(
            "Param, metric and tag names used by its runs",
            response=ExperimentKeys,
            errors=_ERR,
            tags=_EXP,
        )
    },
    "/runs": {
        "get": Operation(
            "Search runs (MLflow's filter syntax)", response=RunList, query=RunQuery, tags=_EXP
        ),
        "post": Operation(
            "Start a run", body=NewRun, response=Run, status=201, errors=_ERR, tags=_EXP
        ),
    },
    "/runs/{run_id}": {
        "get": Operation("Get a run", response=Run, errors=_ERR, tags=_EXP),
        "patch": Operation(
            "End or rename a run", body=RunUpdate, response=Run, errors=_ERR, tags=_EXP
        ),
    },
    "/runs/{run_id}/batch": {
        "post": Operation(
            "Log metrics, params and tags (idempotent with batch_id)",
            body=RunBatch,
            response=BatchResult,
            errors=_ERR,
            tags=_EXP,
        )
    },
    "/runs/{run_id}/metrics/{key}": {
        "get": Operation(
            "A metric's history, optionally downsampled",
            response=MetricHistory,
            query=HistoryQuery,
            errors=_ERR,
            tags=_EXP,
        )
    },
    "/runs/{run_id}/artifacts": {
        "get": Operation(
            "List a folder of the run's artifacts",
            response=ArtifactList,
            query=ArtifactQuery,
            errors=_ERR,
            tags=_EXP,
        )
    },
    "/runs/{run_id}/artifact": {
        "get": Operation("Download one artifact", query=ArtifactQuery, errors=_ERR, tags=_EXP)
    },
}

HANDLERS: list[tuple[str, Any]] = [
    (route("/experiments"), ExperimentsHandler),
    (route("/experiments/{experiment_id}"), ExperimentHandler),
    (route("/experiments/{experiment_id}/keys"), ExperimentKeysHandler),
    (route("/runs"), RunsHandler),
    (route("/runs/{run_id}"), RunHandler),
    (route("/runs/{run_id}/batch"), RunBatchHandler),
    (route("/runs/{run_id}/metrics/{key}"), MetricHistoryHandler),
    (route("/runs/{run_id}/artifacts"), RunArtifactsHandler),
    (route("/runs/{run_id}/artifact"), RunArtifactHandler),
]
