"""Training-job operations of the AWS face (SageMaker's wire names and shapes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..aws.registry import Action
from ..core.context import RequestContext
from ..core.errors import InvalidInput, NotFound
from .models import (
    CreateTrainingJobRequest,
    TrainingJobDetail,
    TrainingJobQuery,
    TrainingJobStatus,
)

if TYPE_CHECKING:
    from ..services import Services

RESOURCE = "mlstudio:training"


def create_training_job(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``CreateTrainingJob``: validated, recorded and handed to the supervisor."""
    request = CreateTrainingJobRequest.from_aws(params)
    return {"TrainingJobArn": services.training.create(context, request)}


def describe_training_job(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``DescribeTrainingJob``; a missing job is a ValidationException, as on SageMaker."""
    try:
        detail = services.training.describe(context, params["TrainingJobName"])
    except NotFound as error:
        raise InvalidInput("Requested resource not found.") from error
    return detail.model_dump(
        by_alias=True, exclude_none=True, include=TrainingJobDetail.aws_fields()
    )


def stop_training_job(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``StopTrainingJob``: SIGTERM to the algorithm, SIGKILL after the grace period."""
    services.training.stop(context, params["TrainingJobName"])
    return {}


def list_training_jobs(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``ListTrainingJobs``: filters, sorting and paging as SageMaker has them."""
    if params.pop("WarmPoolStatusEquals", None) is not None:
        # Warm pools do not exist here, so no job can match the filter.
        return {"TrainingJobSummaries": []}
    if params.pop("TrainingPlanArnEquals", None) is not None:
        raise InvalidInput(
            "Training plans are not supported by this server.", field="TrainingPlanArnEquals"
        )
    if params.get("StatusEquals") not in (None, *(item.value for item in TrainingJobStatus)):
        return {"TrainingJobSummaries": []}  # a status SageMaker has and no job here reaches
    page = services.training.list(context, TrainingJobQuery.from_aws(params))
    return page.model_dump(by_alias=True, exclude_none=True)


ACTIONS = [
    Action("sagemaker", "CreateTrainingJob", create_training_job, RESOURCE, "write"),
    Action("sagemaker", "DescribeTrainingJob", describe_training_job, RESOURCE, "read"),
    Action("sagemaker", "StopTrainingJob", stop_training_job, RESOURCE, "write"),
    Action("sagemaker", "ListTrainingJobs", list_training_jobs, RESOURCE, "read"),
]
