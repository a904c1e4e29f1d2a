"""``AddTags``, ``ListTags`` and ``DeleteTags`` of the AWS face, for every tagged kind."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..aws.registry import Action
from ..core.context import RequestContext

if TYPE_CHECKING:
    from ..services import Services

RESOURCE = "mlstudio:tags"


def add_tags(services: Services, context: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
    """``AddTags``: add or overwrite tags of an existing resource."""
    return {"Tags": services.tags.add_tags(context, params["ResourceArn"], params["Tags"])}


def list_tags(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``ListTags``: the resource's tags, paged (``Tags`` is always present, maybe empty)."""
    tags, token = services.tags.list_tags(
        context, params["ResourceArn"], params.get("MaxResults"), params.get("NextToken")
    )
    return {"Tags": tags, "NextToken": token}


def delete_tags(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``DeleteTags``: remove tags by key."""
    services.tags.delete_tags(context, params["ResourceArn"], params["TagKeys"])
    return {}


ACTIONS = [
    Action("sagemaker", "AddTags", add_tags, RESOURCE, "write"),
    Action("sagemaker", "ListTags", list_tags, RESOURCE, "read"),
    Action("sagemaker", "DeleteTags", delete_tags, RESOURCE, "write"),
]
