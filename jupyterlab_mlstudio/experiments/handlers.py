"""REST handlers for experiment tracking: experiments, runs, metric series, artifacts."""

from __future__ import annotations

from typing import Annotated, Literal

from jupyter_server.auth.decorator import authorized
from pydantic import Field
from tornado import web

from ..core.handlers import MLStudioHandler
from ..core.models import ApiModel, Int64, Millis
from ..core.openapi import Route, operation
from ..core.streaming import send_stream
from .artifacts import content_disposition
from .models import (
    ArtifactList,
    Experiment,
    Key,
    MetricHistory,
    MetricPoint,
    Param,
    Run,
    RunStatus,
    Tag,
    ViewType,
)
from .validation import MAX_PARAM_VALUE_LENGTH, MAX_TAG_VALUE_LENGTH

RESOURCE = "mlstudio:experiments"
TAGS = ("experiments",)
ERRORS = (401, 403, 404)


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


class ExperimentKeys(ApiModel):
    params: list[str]
    metrics: list[str]
    tags: list[str]


class ArtifactQuery(ApiModel):
    path: str = ""
    download: bool = Field(
        default=False, description="Answer as an attachment, for the browser to save"
    )


class ExperimentsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/experiments``: experiments with run counts; ``POST`` makes one."""

    auth_resource = RESOURCE

    @operation(
        "List experiments with run counts",
        response=ExperimentList,
        query=ExperimentQuery,
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self) -> None:
        query = self.parse_query(ExperimentQuery)
        experiments, token = await self.call(
            self.services.experiments.search_experiments,
            self.request_context,
            view=query.view,
            filter=query.filter,
            max_results=query.max_items,
            page_token=query.next_token,
            with_counts=True,
        )
        self.reply(ExperimentList(experiments=experiments, next_token=token))

    @operation(
        "Create an experiment",
        body=NewExperiment,
        response=Experiment,
        status=201,
        errors=(401, 403, 409),
        tags=TAGS,
    )
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

    @operation("Get an experiment", response=Experiment, errors=ERRORS, tags=TAGS)
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

    @operation(
        "Param, metric and tag names used by its runs",
        response=ExperimentKeys,
        errors=ERRORS,
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, experiment_id: str) -> None:
        keys = await self.call(self.services.experiments.keys, self.request_context, experiment_id)
        self.reply(ExperimentKeys(**keys))


class RunsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/runs?experiment_id=...``: runs by MLflow's search syntax, sorted
    and paged; ``POST`` starts a run (the Python client's ``start_run``)."""

    auth_resource = RESOURCE

    @operation("Search runs (MLflow's filter syntax)", response=RunList, query=RunQuery, tags=TAGS)
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

    @operation("Start a run", body=NewRun, response=Run, status=201, errors=ERRORS, tags=TAGS)
    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.parse_body(NewRun)
        created = await self.call(
            self.services.experiments.start_run,
            self.request_context,
            experiment_id=body.experiment_id,
            experiment_name=body.experiment_name,
            name=body.run_name,
            params=body.params,
            tags=body.tags,
        )
        self.reply(created, status=201)


class RunHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/runs/{run_id}``: a run with params, tags, latest metrics, inputs and
    outputs; ``PATCH`` changes its status, end time or name."""

    auth_resource = RESOURCE

    @operation("Get a run", response=Run, errors=ERRORS, tags=TAGS)
    @web.authenticated
    @authorized
    async def get(self, run_id: str) -> None:
        self.reply(await self.call(self.services.experiments.get_run, self.request_context, run_id))

    @operation("End or rename a run", body=RunUpdate, response=Run, errors=ERRORS, tags=TAGS)
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

    @operation(
        "Log metrics, params and tags (idempotent with batch_id)",
        body=RunBatch,
        response=BatchResult,
        errors=ERRORS,
        tags=TAGS,
    )
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
        self.reply(BatchResult(applied=applied))


class MetricHistoryHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/runs/{run_id}/metrics/{key}``: a series, whole or downsampled."""

    auth_resource = RESOURCE

    @operation(
        "A metric's history, optionally downsampled",
        response=MetricHistory,
        query=HistoryQuery,
        errors=ERRORS,
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, run_id: str, key: str) -> None:
        query = self.parse_query(HistoryQuery)
        self.reply(
            await self.call(
                self.services.experiments.metric_series,
                self.request_context,
                run_id,
                key,
                query.max_points,
            )
        )


class RunArtifactsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/runs/{run_id}/artifacts?path=``: one folder of a run's artifacts."""

    auth_resource = RESOURCE

    @operation(
        "List a folder of the run's artifacts",
        response=ArtifactList,
        query=ArtifactQuery,
        errors=ERRORS,
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, run_id: str) -> None:
        path = self.parse_query(ArtifactQuery).path
        self.reply(
            await self.call(self.services.run_artifacts.list, self.request_context, run_id, path)
        )


class RunArtifactHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/runs/{run_id}/artifact?path=``: one artifact's bytes (streamed)."""

    auth_resource = RESOURCE

    @operation("Download one artifact", query=ArtifactQuery, errors=ERRORS, tags=TAGS)
    @web.authenticated
    @authorized
    async def get(self, run_id: str) -> None:
        query = self.parse_query(ArtifactQuery)
        handle, kind = await self.call(
            self.services.run_artifacts.open, self.request_context, run_id, query.path
        )
        if query.download:
            name = query.path.rstrip("/").rsplit("/", 1)[-1]
            self.set_header("Content-Disposition", content_disposition(name))
        await send_stream(self, handle, kind)


ROUTES = [
    Route("/experiments", ExperimentsHandler),
    Route("/experiments/{experiment_id}", ExperimentHandler),
    Route("/experiments/{experiment_id}/keys", ExperimentKeysHandler),
    Route("/runs", RunsHandler),
    Route("/runs/{run_id}", RunHandler),
    Route("/runs/{run_id}/batch", RunBatchHandler),
    Route("/runs/{run_id}/metrics/{key}", MetricHistoryHandler),
    Route("/runs/{run_id}/artifacts", RunArtifactsHandler),
    Route("/runs/{run_id}/artifact", RunArtifactHandler),
]
