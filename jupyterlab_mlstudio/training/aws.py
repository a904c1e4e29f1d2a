"""Training-job operations of the AWS face (SageMaker's wire names and shapes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..aws.registry import Action
from ..core.context import RequestContext
from ..core.errors import InvalidInput
from .models import TrainingJobQuery

if TYPE_CHECKING:
    from ..services import Services

RESOURCE = "mlstudio:training"


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
    page = services.training.list(context, TrainingJobQuery.model_validate(params))
    return page.model_dump(by_alias=True, exclude_none=True)


ACTIONS = [Action("sagemaker", "ListTrainingJobs", list_training_jobs, RESOURCE, "read")]
