"""Transform-job operations of the AWS face (SageMaker's wire names and shapes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...aws.registry import Action
from ...core.context import RequestContext
from ...core.errors import InvalidInput, NotFound
from .models import CreateTransformJobRequest, TransformJobDetail, TransformJobQuery

if TYPE_CHECKING:
    from ...services import Services

RESOURCE = "mlstudio:transform"


def create_transform_job(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``CreateTransformJob``: validated, recorded and handed to the supervisor."""
    request = CreateTransformJobRequest.from_aws(params)
    return {"TransformJobArn": services.transform_jobs.create(context, request)}


def describe_transform_job(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``DescribeTransformJob``; a missing job is a ValidationException, as on SageMaker."""
    try:
        detail = services.transform_jobs.describe(context, params["TransformJobName"])
    except NotFound as error:
        raise InvalidInput(error.message) from error
    return detail.model_dump(
        by_alias=True, exclude_none=True, include=TransformJobDetail.aws_fields()
    )


def stop_transform_job(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``StopTransformJob``: no new requests; the units get SIGTERM, then SIGKILL."""
    try:
        services.transform_jobs.stop(context, params["TransformJobName"])
    except NotFound as error:
        raise InvalidInput(error.message) from error
    return {}


def list_transform_jobs(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``ListTransformJobs``: filters, sorting and paging as SageMaker has them."""
    page = services.transform_jobs.list(context, TransformJobQuery.from_aws(params))
    return page.model_dump(by_alias=True, exclude_none=True)


ACTIONS = [
    Action("sagemaker", "CreateTransformJob", create_transform_job, RESOURCE, "write"),
    Action("sagemaker", "DescribeTransformJob", describe_transform_job, RESOURCE, "read"),
    Action("sagemaker", "StopTransformJob", stop_transform_job, RESOURCE, "write"),
    Action("sagemaker", "ListTransformJobs", list_transform_jobs, RESOURCE, "read"),
]
