"""Processing-job operations of the AWS face (SageMaker's wire names and shapes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..aws.registry import Action
from ..core.context import RequestContext
from ..core.errors import InvalidInput, NotFound
from .models import CreateProcessingJobRequest, ProcessingJobDetail, ProcessingJobQuery

if TYPE_CHECKING:
    from ..services import Services

RESOURCE = "mlstudio:processing"


def create_processing_job(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``CreateProcessingJob``: validated, recorded and handed to the supervisor."""
    request = CreateProcessingJobRequest.from_aws(params)
    return {"ProcessingJobArn": services.processing.create(context, request)}


def describe_processing_job(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``DescribeProcessingJob``; a missing job is a ValidationException, as on SageMaker."""
    try:
        detail = services.processing.describe(context, params["ProcessingJobName"])
    except NotFound as error:
        raise InvalidInput(error.message) from error
    return detail.model_dump(
        by_alias=True, exclude_none=True, include=ProcessingJobDetail.aws_fields()
    )


def stop_processing_job(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``StopProcessingJob``: the units get SIGTERM, then SIGKILL."""
    try:
        services.processing.stop(context, params["ProcessingJobName"])
    except NotFound as error:
        raise InvalidInput(error.message) from error
    return {}


def list_processing_jobs(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``ListProcessingJobs``: filters, sorting and paging as SageMaker has them."""
    page = services.processing.list(context, ProcessingJobQuery.from_aws(params))
    return page.model_dump(by_alias=True, exclude_none=True)


ACTIONS = [
    Action("sagemaker", "CreateProcessingJob", create_processing_job, RESOURCE, "write"),
    Action("sagemaker", "DescribeProcessingJob", describe_processing_job, RESOURCE, "read"),
    Action("sagemaker", "StopProcessingJob", stop_processing_job, RESOURCE, "write"),
    Action("sagemaker", "ListProcessingJobs", list_processing_jobs, RESOURCE, "read"),
]
