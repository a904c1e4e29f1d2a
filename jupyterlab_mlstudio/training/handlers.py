"""REST handlers for training jobs (the UI's face; boto3 uses the AWS face)."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from pydantic import Field
from tornado import web

from ..core.handlers import MLStudioHandler
from ..core.models import ApiModel, PageQuery
from ..core.openapi import Route, operation
from ..core.streaming import send_stream
from ..experiments.artifacts import content_disposition
from .metric_extraction import preview
from .models import (
    CreateTrainingJobRequest,
    LogPage,
    MetricDefinition,
    SortBy,
    SortOrder,
    TrainingJobDetail,
    TrainingJobQuery,
    TrainingJobStatus,
    TrainingJobSummary,
)

TAGS = ("training",)


class TrainingJobListQuery(PageQuery):
    """Query of ``GET /training-jobs``."""

    status: TrainingJobStatus | None = None
    sort_by: SortBy = SortBy.CREATION_TIME
    sort_order: SortOrder = SortOrder.DESCENDING


class TrainingJobList(ApiModel):
    """``GET /training-jobs``."""

    training_jobs: list[TrainingJobSummary]
    next_token: str | None = None


class LogQuery(ApiModel):
    """Query of ``GET /training-jobs/{name}/logs``."""

    host: str = Field(default="algo-1", pattern=r"^algo-[0-9]+$")
    after: int = Field(default=-1, ge=-1, description="Return lines with a higher sequence number")
    limit: int = Field(default=1000, ge=1, le=10000)


class MetricPreviewRequest(ApiModel):
    """``POST /training-jobs/metric-preview``: try metric regexes on sample log text."""

    metric_definitions: list[MetricDefinition] = Field(max_length=40)
    sample: str = Field(max_length=200_000)


class MetricMatch(ApiModel):
    line: int = Field(description="0-based line number in the sample")
    value: float | None = Field(description="The first capture group as a number, if it is one")
    text: str = Field(description="What the first capture group matched")


class MetricPreview(ApiModel):
    name: str
    error: str | None = Field(default=None, description="Why the regex does not compile")
    matches: list[MetricMatch] = Field(default_factory=list)


class MetricPreviewList(ApiModel):
    previews: list[MetricPreview]


class TrainingJobsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/training-jobs``: the domain's training jobs, newest first;
    ``POST``: create one (the body is CreateTrainingJob's, in snake_case)."""

    auth_resource = "mlstudio:training"

    @operation(
        "List training jobs, newest first",
        response=TrainingJobList,
        query=TrainingJobListQuery,
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self) -> None:
        query = self.parse_query(TrainingJobListQuery)
        page = await self.call(
            self.services.training.list,
            self.request_context,
            query.service_query(
                TrainingJobQuery,
                status_equals=query.status,
                sort_by=query.sort_by,
                sort_order=query.sort_order,
            ),
        )
        self.reply(
            TrainingJobList(training_jobs=page.training_job_summaries, next_token=page.next_token)
        )

    @operation(
        "Create a training job",
        body=CreateTrainingJobRequest,
        response=TrainingJobDetail,
        status=201,
        errors=(401, 403, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self) -> None:
        request = self.parse_body(CreateTrainingJobRequest)
        context = self.request_context
        await self.call(self.services.training.create, context, request)
        detail = await self.call(
            self.services.training.describe, context, request.training_job_name
        )
        self.reply(detail, status=201)


class MetricPreviewHandler(MLStudioHandler):
    """``POST /mlstudio/api/v1/training-jobs/metric-preview``: what each MetricDefinition's regex
    would extract from sample log lines, exactly as jobs apply it (a regex that runs out of its
    time budget is a 400)."""

    auth_resource = "mlstudio:training"

    @operation(
        "Try metric regexes on sample log text",
        body=MetricPreviewRequest,
        response=MetricPreviewList,
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self) -> None:
        request = self.parse_body(MetricPreviewRequest)
        found = await self.call(preview, request.metric_definitions, request.sample)
        self.reply(
            MetricPreviewList(
                previews=[
                    MetricPreview(
                        name=item.name,
                        error=item.error,
                        matches=[MetricMatch(**vars(match)) for match in item.matches],
                    )
                    for item in found
                ]
            )
        )


class TrainingJobHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/training-jobs/{name}``: SageMaker's description plus run and logs."""

    auth_resource = "mlstudio:training"

    @operation(
        "Describe a training job", response=TrainingJobDetail, errors=(401, 403, 404), tags=TAGS
    )
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        self.reply(await self.call(self.services.training.describe, self.request_context, name))


class StopTrainingJobHandler(MLStudioHandler):
    """``POST /mlstudio/api/v1/training-jobs/{name}/stop``: SIGTERM, SIGKILL after the grace."""

    auth_resource = "mlstudio:training"

    @operation(
        "Stop a training job",
        response=TrainingJobDetail,
        errors=(401, 403, 404, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self, name: str) -> None:
        await self.call(self.services.training.stop, self.request_context, name)
        self.reply(await self.call(self.services.training.describe, self.request_context, name))


class TrainingJobLogsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/training-jobs/{name}/logs``: one host's lines after a position."""

    auth_resource = "mlstudio:training"

    @operation(
        "Read a host's log lines",
        response=LogPage,
        query=LogQuery,
        errors=(401, 403, 404),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        query = self.parse_query(LogQuery)
        page = await self.call(
            self.services.training_logs.page,
            self.request_context,
            name,
            query.host,
            query.after,
            query.limit,
        )
        self.reply(page)


class JobArtifactHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/training-jobs/{name}/artifacts/{artifact}``: a finished job's
    ``model.tar.gz`` or ``output.tar.gz``, streamed as a download."""

    auth_resource = "mlstudio:training"

    @operation(
        "Download a finished job's model.tar.gz ('model') or output.tar.gz ('output')",
        errors=(400, 401, 403, 404),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, name: str, artifact: str) -> None:
        opened = await self.call(
            self.services.training.open_artifact, self.request_context, name, artifact
        )
        self.set_header("Content-Length", str(opened.size))
        self.set_header("Content-Disposition", content_disposition(opened.filename))
        await send_stream(self, opened.stream, "application/gzip")


ROUTES = [
    Route("/training-jobs", TrainingJobsHandler),
    Route("/training-jobs/metric-preview", MetricPreviewHandler),
    Route("/training-jobs/{name}", TrainingJobHandler),
    Route("/training-jobs/{name}/stop", StopTrainingJobHandler),
    Route("/training-jobs/{name}/logs", TrainingJobLogsHandler),
    Route("/training-jobs/{name}/artifacts/{artifact}", JobArtifactHandler),
]
