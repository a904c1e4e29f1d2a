"""Endpoint and endpoint-config operations of the AWS face (SageMaker's wire names and shapes).

SageMaker answers a missing endpoint or config, and a name already taken, with a
ValidationException; the service's NotFound and Conflict are turned into that here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..aws.registry import Action
from ..core.context import RequestContext
from ..core.errors import InvalidInput, NotFound
from .models import (
    CreateEndpointConfigRequest,
    CreateEndpointRequest,
    EndpointConfigQuery,
    EndpointQuery,
    UpdateEndpointRequest,
    UpdateWeightsRequest,
)

if TYPE_CHECKING:
    from ..services import Services

RESOURCE = "mlstudio:endpoints"
#: SageMaker's codes for the server's errors on these operations.
CODES = {"ResourceNotFound": "ValidationException", "ResourceInUse": "ValidationException"}


def _found(error: NotFound) -> InvalidInput:
    return InvalidInput(error.message)


def create_endpoint_config(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    request = CreateEndpointConfigRequest.from_aws(params)
    return {"EndpointConfigArn": services.endpoint_configs.create(context, request)}


def describe_endpoint_config(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    try:
        detail = services.endpoint_configs.describe(context, params["EndpointConfigName"])
    except NotFound as error:
        raise _found(error) from error
    return detail.model_dump(by_alias=True, exclude_none=True)


def list_endpoint_configs(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    page = services.endpoint_configs.list(context, EndpointConfigQuery.from_aws(params))
    return page.model_dump(by_alias=True, exclude_none=True)


def delete_endpoint_config(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    try:
        services.endpoint_configs.delete(context, params["EndpointConfigName"])
    except NotFound as error:
        raise _found(error) from error
    return {}


def create_endpoint(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    request = CreateEndpointRequest.from_aws(params)
    return {"EndpointArn": services.endpoints.create(context, request)}


def describe_endpoint(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    try:
        detail = services.endpoints.describe(context, params["EndpointName"])
    except NotFound as error:
        raise _found(error) from error
    return detail.model_dump(by_alias=True, exclude_none=True)


def list_endpoints(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    page = services.endpoints.list(context, EndpointQuery.from_aws(params))
    return page.model_dump(by_alias=True, exclude_none=True)


def update_endpoint(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    request = UpdateEndpointRequest.from_aws(params)
    try:
        return {"EndpointArn": services.endpoints.update(context, request)}
    except NotFound as error:
        raise _found(error) from error


def update_endpoint_weights_and_capacities(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    request = UpdateWeightsRequest.from_aws(params)
    try:
        return {"EndpointArn": services.endpoints.update_weights(context, request)}
    except NotFound as error:
        raise _found(error) from error


def delete_endpoint(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    try:
        services.endpoints.delete(context, params["EndpointName"])
    except NotFound as error:
        raise _found(error) from error
    return {}


def _action(name: str, function: Any, access: str) -> Action:
    return Action("sagemaker", name, function, RESOURCE, access, CODES)


ACTIONS = [
    _action("CreateEndpointConfig", create_endpoint_config, "write"),
    _action("DescribeEndpointConfig", describe_endpoint_config, "read"),
    _action("ListEndpointConfigs", list_endpoint_configs, "read"),
    _action("DeleteEndpointConfig", delete_endpoint_config, "write"),
    _action("CreateEndpoint", create_endpoint, "write"),
    _action("DescribeEndpoint", describe_endpoint, "read"),
    _action("ListEndpoints", list_endpoints, "read"),
    _action("UpdateEndpoint", update_endpoint, "write"),
    _action("UpdateEndpointWeightsAndCapacities", update_endpoint_weights_and_capacities, "write"),
    _action("DeleteEndpoint", delete_endpoint, "write"),
]
