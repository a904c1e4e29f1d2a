"""REST handlers for tuning jobs (the UI's and the Python client's face; boto3 uses the AWS
face)."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.handlers import MLStudioHandler
from ..core.models import ApiModel, PageQuery
from ..core.openapi import Route, operation
from .insights import Importances, TrialTable
from .models import (
    CreateTuningJobRequest,
    SortOrder,
    TuningJobDetail,
    TuningJobQuery,
    TuningJobSortBy,
    TuningJobSummary,
)
from .states import TuningJobStatus

RESOURCE = "mlstudio:tuning"
TAGS = ("tuning",)


class TuningJobListQuery(PageQuery):
    """Query of ``GET /tuning-jobs``."""

    status: TuningJobStatus | None = None
    sort_by: TuningJobSortBy = TuningJobSortBy.CREATION_TIME
    sort_order: SortOrder = SortOrder.DESCENDING


class TuningJobList(ApiModel):
    """``GET /tuning-jobs``."""

    tuning_jobs: list[TuningJobSummary]
    next_token: str | None = None


class TuningJobsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/tuning-jobs``: the domain's tuning jobs, newest first; ``POST``:
    create one (the body is CreateHyperParameterTuningJob's, in snake_case)."""

    auth_resource = RESOURCE

    @operation(
        "List tuning jobs, newest first",
        response=TuningJobList,
        query=TuningJobListQuery,
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self) -> None:
        query = self.parse_query(TuningJobListQuery)
        page = await self.call(
            self.services.tuning.list,
            self.request_context,
            query.service_query(
                TuningJobQuery,
                status_equals=query.status,
                sort_by=query.sort_by,
                sort_order=query.sort_order,
            ),
        )
        self.reply(
            TuningJobList(
                tuning_jobs=page.hyper_parameter_tuning_job_summaries, next_token=page.next_token
            )
        )

    @operation(
        "Create a hyperparameter tuning job",
        body=CreateTuningJobRequest,
        response=TuningJobDetail,
        status=201,
        errors=(401, 403, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self) -> None:
        request = self.parse_body(CreateTuningJobRequest)
        context = self.request_context
        await self.call(self.services.tuning.create, context, request)
        detail = await self.call(
            self.services.tuning.describe, context, request.hyper_parameter_tuning_job_name
        )
        self.reply(detail, status=201)


class TuningJobHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/tuning-jobs/{name}``: SageMaker's description plus progress."""

    auth_resource = RESOURCE

    @operation("Describe a tuning job", response=TuningJobDetail, errors=(401, 403, 404), tags=TAGS)
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        self.reply(await self.call(self.services.tuning.describe, self.request_context, name))


class StopTuningJobHandler(MLStudioHandler):
    """``POST /mlstudio/api/v1/tuning-jobs/{name}/stop``: stop it and its running trials."""

    auth_resource = RESOURCE

    @operation(
        "Stop a tuning job and its running trials",
        response=TuningJobDetail,
        errors=(401, 403, 404, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self, name: str) -> None:
        await self.call(self.services.tuning.stop, self.request_context, name)
        self.reply(await self.call(self.services.tuning.describe, self.request_context, name))


class TuningTrialsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/tuning-jobs/{name}/trials``: every trial with its parameters,
    objective, status, times and run."""

    auth_resource = RESOURCE

    @operation(
        "Every trial of a tuning job", response=TrialTable, errors=(401, 403, 404), tags=TAGS
    )
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        self.reply(await self.call(self.services.tuning.table, self.request_context, name))


class TuningImportancesHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/tuning-jobs/{name}/importances``: which parameters mattered."""

    auth_resource = RESOURCE

    @operation(
        "Parameter importances over the completed trials",
        response=Importances,
        errors=(401, 403, 404),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        self.reply(await self.call(self.services.tuning.importances, self.request_context, name))


ROUTES = [
    Route("/tuning-jobs", TuningJobsHandler),
    Route("/tuning-jobs/{name}", TuningJobHandler),
    Route("/tuning-jobs/{name}/stop", StopTuningJobHandler),
    Route("/tuning-jobs/{name}/trials", TuningTrialsHandler),
    Route("/tuning-jobs/{name}/importances", TuningImportancesHandler),
]
