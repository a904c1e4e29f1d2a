"""REST handlers for processing jobs (the UI's face; boto3 uses the AWS face)."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.handlers import MLStudioHandler
from ..core.models import ApiModel, PageQuery
from ..core.openapi import Route, operation
from ..training.handlers import LogQuery
from ..training.models import LogPage, SortOrder
from .models import (
    CreateProcessingJobRequest,
    ProcessingJobDetail,
    ProcessingJobQuery,
    ProcessingJobStatus,
    ProcessingJobSummary,
    ProcessingSortKey,
)

TAGS = ("processing",)


class ProcessingJobListQuery(PageQuery):
    """Query of ``GET /processing-jobs``."""

    status: ProcessingJobStatus | None = None
    sort_by: ProcessingSortKey = ProcessingSortKey.CREATION_TIME
    sort_order: SortOrder = SortOrder.DESCENDING


class ProcessingJobList(ApiModel):
    """``GET /processing-jobs``."""

    processing_jobs: list[ProcessingJobSummary]
    next_token: str | None = None


class ProcessingJobsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/processing-jobs``: the domain's processing jobs, newest first;
    ``POST``: create one (the body is CreateProcessingJob's, in snake_case)."""

    auth_resource = "mlstudio:processing"

    @operation(
        "List processing jobs, newest first",
        response=ProcessingJobList,
        query=ProcessingJobListQuery,
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self) -> None:
        query = self.parse_query(ProcessingJobListQuery)
        page = await self.call(
            self.services.processing.list,
            self.request_context,
            query.service_query(
                ProcessingJobQuery,
                status_equals=query.status,
                sort_by=query.sort_by,
                sort_order=query.sort_order,
            ),
        )
        self.reply(
            ProcessingJobList(
                processing_jobs=page.processing_job_summaries, next_token=page.next_token
            )
        )

    @operation(
        "Create a processing job",
        body=CreateProcessingJobRequest,
        response=ProcessingJobDetail,
        status=201,
        errors=(401, 403, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self) -> None:
        request = self.parse_body(CreateProcessingJobRequest)
        context = self.request_context
        await self.call(self.services.processing.create, context, request)
        detail = await self.call(
            self.services.processing.describe, context, request.processing_job_name
        )
        self.reply(detail, status=201)


class ProcessingJobHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/processing-jobs/{name}``: SageMaker's description plus backend,
    hosts and log streams."""

    auth_resource = "mlstudio:processing"

    @operation(
        "Describe a processing job",
        response=ProcessingJobDetail,
        errors=(401, 403, 404),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        self.reply(await self.call(self.services.processing.describe, self.request_context, name))


class StopProcessingJobHandler(MLStudioHandler):
    """``POST /mlstudio/api/v1/processing-jobs/{name}/stop``: SIGTERM, SIGKILL after the grace."""

    auth_resource = "mlstudio:processing"

    @operation(
        "Stop a processing job",
        response=ProcessingJobDetail,
        errors=(401, 403, 404, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self, name: str) -> None:
        await self.call(self.services.processing.stop, self.request_context, name)
        self.reply(await self.call(self.services.processing.describe, self.request_context, name))


class ProcessingJobLogsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/processing-jobs/{name}/logs``: one instance's lines after a
    position."""

    auth_resource = "mlstudio:processing"

    @operation(
        "Read an instance's log lines",
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
            self.services.processing.log_page,
            self.request_context,
            name,
            query.host,
            query.after,
            query.limit,
        )
        self.reply(page)


ROUTES = [
    Route("/processing-jobs", ProcessingJobsHandler),
    Route("/processing-jobs/{name}", ProcessingJobHandler),
    Route("/processing-jobs/{name}/stop", StopProcessingJobHandler),
    Route("/processing-jobs/{name}/logs", ProcessingJobLogsHandler),
]
