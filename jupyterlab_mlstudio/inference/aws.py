"""Model operations of the AWS face (SageMaker's wire names and shapes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..aws.registry import Action
from ..core.context import RequestContext
from ..core.errors import InvalidInput, NotFound
from .models import CreateModelRequest, ModelDetail, ModelQuery

if TYPE_CHECKING:
    from ..services import Services

RESOURCE = "mlstudio:models"


def create_model(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``CreateModel``: one container; ExecutionRoleArn is kept, never assumed."""
    request = CreateModelRequest.from_aws(params)
    return {"ModelArn": services.models.create(context, request)}


def describe_model(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``DescribeModel``; a missing model is a ValidationException, as on SageMaker."""
    try:
        detail = services.models.describe(context, params["ModelName"])
    except NotFound as error:
        raise InvalidInput(error.message) from error
    return detail.model_dump(by_alias=True, exclude_none=True, include=ModelDetail.aws_fields())


def list_models(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``ListModels``: name filter, creation-time bounds, sorting and paging."""
    page = services.models.list(context, ModelQuery.from_aws(params))
    return page.model_dump(by_alias=True, exclude_none=True)


def delete_model(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``DeleteModel``: allowed while endpoints use the model, as on SageMaker."""
    try:
        services.models.delete(context, params["ModelName"])
    except NotFound as error:
        raise InvalidInput(error.message) from error
    return {}


ACTIONS = [
    Action("sagemaker", "CreateModel", create_model, RESOURCE, "write"),
    Action("sagemaker", "DescribeModel", describe_model, RESOURCE, "read"),
    Action("sagemaker", "ListModels", list_models, RESOURCE, "read"),
    Action("sagemaker", "DeleteModel", delete_model, RESOURCE, "write"),
]
