"""DescribeEndpoint from a record and what the router serves now."""

from __future__ import annotations

from typing import Any

from ..core.clock import ms_to_datetime
from .fleet import LiveEndpoint
from .models import (
    CaptureStatus,
    DataCaptureConfigSummary,
    DeployedImage,
    EndpointDetail,
    PendingDeploymentSummary,
    PendingProductionVariantSummary,
    ProductionVariantSummary,
    VariantStatus,
    VariantStatusValue,
)
from .orm import EndpointRecord
from .states import EndpointStatus as E

_VARIANT_STATUS = {
    E.CREATING.value: VariantStatusValue.CREATING,
    E.UPDATING.value: VariantStatusValue.UPDATING,
    E.SYSTEM_UPDATING.value: VariantStatusValue.UPDATING,
    E.ROLLING_BACK.value: VariantStatusValue.UPDATING,
    E.DELETING.value: VariantStatusValue.DELETING,
}


def _images(variant: dict[str, Any], since: int | None) -> list[DeployedImage]:
    image = variant["Model"]["image"]
    return [
        DeployedImage(
            specified_image=image, resolved_image=image, resolution_time=ms_to_datetime(since)
        )
    ]


def endpoint_detail(record: EndpointRecord, live: LiveEndpoint | None) -> EndpointDetail:
    deployed = record.deployed
    pending = record.pending or {}
    wanted = pending.get("Variants") or {} if pending.get("Kind") == "capacity" else {}
    status = _VARIANT_STATUS.get(record.status)
    variants = []
    for variant in deployed["Variants"]:
        name = variant["VariantName"]
        served = live.variants.get(name) if live is not None else None
        change = wanted.get(name) or {}
        current_count = served.in_service() if served is not None else 0
        current_weight = served.weight if served is not None else float(variant["Weight"])
        variants.append(
            ProductionVariantSummary(
                variant_name=name,
                deployed_images=_images(variant, deployed.get("Since")),
                current_weight=current_weight,
                desired_weight=change.get("Weight")
                if change.get("Weight") is not None
                else float(variant["Weight"]),
                current_instance_count=current_count,
                desired_instance_count=change.get("InstanceCount")
                if change.get("InstanceCount") is not None
                else int(variant["InstanceCount"]),
                variant_status=[VariantStatus(status=status)] if status else [],
            )
        )
    summary = None
    target = pending.get("Deployed") if pending.get("Kind") == "config" else None
    if target is not None:
        summary = PendingDeploymentSummary(
            endpoint_config_name=target["EndpointConfigName"],
            production_variants=[
                PendingProductionVariantSummary(
                    variant_name=variant["VariantName"],
                    deployed_images=_images(variant, target.get("Since")),
                    current_weight=0.0,
                    desired_weight=float(variant["Weight"]),
                    current_instance_count=0,
                    desired_instance_count=int(variant["InstanceCount"]),
                    instance_type=variant["InstanceType"],
                    variant_status=[VariantStatus(status=VariantStatusValue.CREATING)],
                )
                for variant in target["Variants"]
            ],
            start_time=ms_to_datetime(pending.get("Since")),
        )
    capture = deployed.get("DataCaptureConfig")
    capture_summary = None
    if capture:
        enabled = bool(capture.get("EnableCapture", True))
        capture_summary = DataCaptureConfigSummary(
            enable_capture=enabled,
            capture_status=CaptureStatus.STARTED if enabled else CaptureStatus.STOPPED,
            current_sampling_percentage=int(capture["InitialSamplingPercentage"]),
            destination_s3_uri=capture["DestinationS3Uri"],
            kms_key_id=capture.get("KmsKeyId") or "",
        )
    return EndpointDetail(
        endpoint_name=record.name,
        endpoint_arn=record.arn,
        endpoint_config_name=record.config_name,
        production_variants=variants,
        data_capture_config=capture_summary,
        endpoint_status=E(record.status),
        failure_reason=record.failure_reason,
        creation_time=ms_to_datetime(record.creation_time),
        last_modified_time=ms_to_datetime(record.last_modified_time),
        pending_deployment_summary=summary,
    )
