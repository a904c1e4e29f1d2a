"""REST handlers for training jobs (the UI's face; boto3 uses the AWS face)."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from pydantic import Field
from tornado import web

from ..core.handlers import MLStudioHandler, route
from ..core.models import ApiModel
from ..core.openapi import Operation, Paths
from .models import (
    SortBy,
    SortOrder,
    TrainingJobQuery,
    TrainingJobStatus,
    TrainingJobSummary,
)


class TrainingJobListQuery(ApiModel):
    """Query of ``GET /training-jobs``."""

    name_contains: str | None = Field(default=None, max_length=63)
    status: TrainingJobStatus | None = None
    sort_by: SortBy = SortBy.CREATION_TIME
    sort_order: SortOrder = SortOrder.DESCENDING
    max_items: int = Field(default=50, ge=1, le=100)
    next_token: str | None = None


class TrainingJobList(ApiModel):
    """``GET /training-jobs``."""

    training_jobs: list[TrainingJobSummary]
    next_token: str | None = None


class TrainingJobsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/training-jobs``: the domain's training jobs, newest first."""

    auth_resource = "mlstudio:training"

    @web.authenticated
    @authorized
    async def get(self) -> None:
        query = self.parse_query(TrainingJobListQuery)
        page = await self.call(
            self.services.training.list,
            self.request_context,
            TrainingJobQuery(
                name_contains=query.name_contains,
                status_equals=query.status,
                sort_by=query.sort_by,
                sort_order=query.sort_order,
                max_results=query.max_items,
                next_token=query.next_token,
            ),
        )
        self.reply(
            TrainingJobList(training_jobs=page.training_job_summaries, next_token=page.next_token)
        )


OPENAPI: Paths = {
    "/training-jobs": {
        "get": Operation(
            "List training jobs, newest first",
            response=TrainingJobList,
            query=TrainingJobListQuery,
            tags=("training",),
        )
    }
}

HANDLERS = [(route("/training-jobs"), TrainingJobsHandler)]
