"""application-autoscaling's operations for endpoint variants (JSON 1.1, target prefix
``AnyScaleFrontendService``), over ``ScalingService``.

Only what fits this server: the ``sagemaker`` namespace, the dimension
``sagemaker:variant:DesiredInstanceCount`` and target tracking on
``SageMakerVariantInvocationsPerInstance``; anything else is a ValidationException naming it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..aws.registry import Action
from ..core.clock import ms_to_datetime
from ..core.context import RequestContext
from ..core.errors import InvalidInput
from ..core.paging import decode_offset, encode_token
from .scaling import DEFAULT_COOLDOWN, DIMENSION, METRIC

if TYPE_CHECKING:
    from ..services import Services

RESOURCE = "mlstudio:endpoints"
SERVICE = "application-autoscaling"
CODES = {
    "ResourceNotFound": "ObjectNotFoundException",
    "ResourceInUse": "ValidationException",
    "ResourceLimitExceeded": "LimitExceededException",
    "InvalidNextToken": "InvalidNextTokenException",
}
#: The service-linked role AWS names in every SageMaker scalable target.
ROLE = (
    "arn:aws:iam::{account}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws"
    ".com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint"
)


def _dimension(params: dict[str, Any], required: bool = True) -> None:
    if params.get("ServiceNamespace") != "sagemaker":
        raise InvalidInput(
            f"Unsupported service namespace {params.get('ServiceNamespace')!r}: this server "
            "scales SageMaker endpoint variants only.",
            field="ServiceNamespace",
        )
    dimension = params.get("ScalableDimension")
    if (required or dimension is not None) and dimension != DIMENSION:
        raise InvalidInput(
            f"Unsupported scalable dimension {dimension!r}: use {DIMENSION}.",
            field="ScalableDimension",
        )


def _page(items: list[dict[str, Any]], params: dict[str, Any], key: str) -> dict[str, Any]:
    query = {
        name: value for name, value in params.items() if name not in ("NextToken", "MaxResults")
    }
    offset = decode_offset(params.get("NextToken"), "NextToken", query)
    size = int(params.get("MaxResults") or 50)
    result: dict[str, Any] = {key: items[offset : offset + size]}
    if offset + size < len(items):
        result["NextToken"] = encode_token({"offset": offset + size}, query)
    return result


def register_scalable_target(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    _dimension(params)
    if params.get("SuspendedState"):
        raise InvalidInput(
            "SuspendedState is not supported by this server.", field="SuspendedState"
        )
    arn = services.scaling.register(
        context, params["ResourceId"], params.get("MinCapacity"), params.get("MaxCapacity")
    )
    return {"ScalableTargetARN": arn}


def describe_scalable_targets(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    _dimension(params, required=False)
    scaling = services.scaling
    items = [
        {
            "ServiceNamespace": "sagemaker",
            "ResourceId": row.resource_id,
            "ScalableDimension": DIMENSION,
            "MinCapacity": row.min_capacity,
            "MaxCapacity": row.max_capacity,
            "RoleARN": ROLE.format(account=scaling.account),
            "CreationTime": ms_to_datetime(row.creation_time),
            "ScalableTargetARN": scaling.target_arn(row.resource_id),
        }
        for row in scaling.targets(context, params.get("ResourceIds"))
    ]
    return _page(items, params, "ScalableTargets")


def deregister_scalable_target(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    _dimension(params)
    services.scaling.deregister(context, params["ResourceId"])
    return {}


def put_scaling_policy(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    _dimension(params)
    if params.get("PolicyType", "TargetTrackingScaling") != "TargetTrackingScaling":
        raise InvalidInput(
            f"Policy type {params.get('PolicyType')} is not supported by this server; use "
            "TargetTrackingScaling.",
            field="PolicyType",
        )
    config = params.get("TargetTrackingScalingPolicyConfiguration")
    if not config:
        raise InvalidInput(
            "TargetTrackingScalingPolicyConfiguration is required.",
            field="TargetTrackingScalingPolicyConfiguration",
        )
    metric = (config.get("PredefinedMetricSpecification") or {}).get("PredefinedMetricType")
    if config.get("CustomizedMetricSpecification") or metric != METRIC:
        raise InvalidInput(
            f"Only the predefined metric {METRIC} is supported by this server.",
            field="TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification",
        )
    if float(config["TargetValue"]) <= 0:
        raise InvalidInput(
            "TargetValue must be above 0.",
            field="TargetTrackingScalingPolicyConfiguration.TargetValue",
        )
    policy = {
        "PolicyName": params["PolicyName"],
        "PolicyType": "TargetTrackingScaling",
        "TargetTrackingScalingPolicyConfiguration": {
            "TargetValue": float(config["TargetValue"]),
            "PredefinedMetricSpecification": {"PredefinedMetricType": METRIC},
            "ScaleOutCooldown": int(config.get("ScaleOutCooldown", DEFAULT_COOLDOWN)),
            "ScaleInCooldown": int(config.get("ScaleInCooldown", DEFAULT_COOLDOWN)),
            "DisableScaleIn": bool(config.get("DisableScaleIn", False)),
        },
    }
    arn = services.scaling.put_policy(context, params["ResourceId"], policy)
    return {"PolicyARN": arn, "Alarms": []}


def describe_scaling_policies(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    _dimension(params, required=False)
    scaling = services.scaling
    rids = [params["ResourceId"]] if params.get("ResourceId") else None
    names = params.get("PolicyNames")
    items = []
    for row in scaling.targets(context, rids):
        policy = row.policy
        if not policy or (names and policy["PolicyName"] not in names):
            continue
        items.append(
            {
                "PolicyARN": scaling.policy_arn(row.resource_id, policy["PolicyName"]),
                "PolicyName": policy["PolicyName"],
                "ServiceNamespace": "sagemaker",
                "ResourceId": row.resource_id,
                "ScalableDimension": DIMENSION,
                "PolicyType": policy["PolicyType"],
                "TargetTrackingScalingPolicyConfiguration": policy[
                    "TargetTrackingScalingPolicyConfiguration"
                ],
                "Alarms": [],
                "CreationTime": ms_to_datetime(policy["CreationTime"]),
            }
        )
    return _page(items, params, "ScalingPolicies")


def delete_scaling_policy(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    _dimension(params)
    services.scaling.delete_policy(context, params["ResourceId"], params["PolicyName"])
    return {}


def describe_scaling_activities(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    _dimension(params, required=False)
    items = [
        {**item, "StartTime": ms_to_datetime(item["StartTime"])}
        for item in services.scaling.activities(context, params.get("ResourceId"))
    ]
    return _page(items, params, "ScalingActivities")


def _action(name: str, function: Any, access: str) -> Action:
    return Action(SERVICE, name, function, RESOURCE, access, CODES)


ACTIONS = [
    _action("RegisterScalableTarget", register_scalable_target, "write"),
    _action("DescribeScalableTargets", describe_scalable_targets, "read"),
    _action("DeregisterScalableTarget", deregister_scalable_target, "write"),
    _action("PutScalingPolicy", put_scaling_policy, "write"),
    _action("DescribeScalingPolicies", describe_scaling_policies, "read"),
    _action("DeleteScalingPolicy", delete_scaling_policy, "write"),
    _action("DescribeScalingActivities", describe_scaling_activities, "read"),
]
