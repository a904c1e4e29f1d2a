"""REST handlers for batch transform jobs (the UI's face; boto3 and the SageMaker SDK create
them on the AWS face)."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ...core.handlers import MLStudioHandler
from ...core.models import ApiModel, PageQuery
from ...core.openapi import Route, operation
from ...training.handlers import LogQuery
from ...training.models import LogPage, SortOrder
from .aws import RESOURCE
from .models import (
    TransformJobDetail,
    TransformJobQuery,
    TransformJobStatus,
    TransformJobSummary,
    TransformSortKey,
)

TAGS = ("transform",)


class TransformJobListQuery(PageQuery):
    """Query of ``GET /transform-jobs``."""

    status: TransformJobStatus | None = None
    sort_by: TransformSortKey = TransformSortKey.CREATION_TIME
    sort_order: SortOrder = SortOrder.DESCENDING


class TransformJobList(ApiModel):
    """``GET /transform-jobs``."""

    transform_jobs: list[TransformJobSummary]
    next_token: str | None = None


class TransformJobsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/transform-jobs``: the domain's batch transform jobs, newest first,
    filtered by name and status, a page at a time."""

    auth_resource = RESOURCE

    @operation(
        "List batch transform jobs, newest first",
        response=TransformJobList,
        query=TransformJobListQuery,
        errors=(400, 401, 403),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self) -> None:
        query = self.parse_query(TransformJobListQuery)
        page = await self.call(
            self.services.transform_jobs.list,
            self.request_context,
            query.service_query(
                TransformJobQuery,
                status_equals=query.status,
                sort_by=query.sort_by,
                sort_order=query.sort_order,
            ),
        )
        self.reply(
            TransformJobList(
                transform_jobs=page.transform_job_summaries, next_token=page.next_token
            )
        )


class TransformJobHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/transform-jobs/{name}``: SageMaker's description plus progress,
    backend, status message and log streams."""

    auth_resource = RESOURCE

    @operation(
        "Describe a batch transform job",
        response=TransformJobDetail,
        errors=(401, 403, 404),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        self.reply(
            await self.call(self.services.transform_jobs.describe, self.request_context, name)
        )


class StopTransformJobHandler(MLStudioHandler):
    """``POST /mlstudio/api/v1/transform-jobs/{name}/stop``: stop a job in progress (409 once it
    has ended)."""

    auth_resource = RESOURCE

    @operation(
        "Stop a batch transform job",
        response=TransformJobDetail,
        errors=(401, 403, 404, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self, name: str) -> None:
        context = self.request_context
        await self.call(self.services.transform_jobs.stop, context, name)
        self.reply(await self.call(self.services.transform_jobs.describe, context, name))


class TransformJobLogsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/transform-jobs/{name}/logs``: one instance's lines after a
    position."""

    auth_resource = RESOURCE

    @operation(
        "Read a transform instance's log lines",
        response=LogPage,
        query=LogQuery,
        errors=(400, 401, 403, 404),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        query = self.parse_query(LogQuery)
        page = await self.call(
            self.services.transform_logs.page,
            self.request_context,
            name,
            query.host,
            query.after,
            query.limit,
        )
        self.reply(page)


ROUTES = [
    Route("/transform-jobs", TransformJobsHandler),
    Route("/transform-jobs/{name}", TransformJobHandler),
    Route("/transform-jobs/{name}/stop", StopTransformJobHandler),
    Route("/transform-jobs/{name}/logs", TransformJobLogsHandler),
]
