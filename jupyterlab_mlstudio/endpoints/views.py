"""The REST face's views of endpoints: what DescribeEndpoint says plus what only this server
knows (each instance's health, recent errors with the model's message, autoscaling, live
invocation and latency series)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from ..core.context import RequestContext
from ..core.models import ApiModel
from .fleet import LiveEndpoint
from .jobs import LOG_GROUP
from .models import DataCaptureConfigSummary, EndpointDetail, EndpointQuery
from .scaling import ScalingPolicy, ScalingService
from .service import EndpointService
from .states import EndpointStatus
from .summaries import endpoint_detail


class InstanceView(ApiModel):
    """One instance (serving unit) of a variant."""

    instance_id: str
    state: str = Field(description="Starting, InService, Draining, Failed, Restarting, Stopped")
    restarts: int
    outstanding: int = Field(description="Requests it is answering now")
    last_error: str | None = None
    log_stream: str


class VariantView(ApiModel):
    variant_name: str
    model_name: str
    instance_type: str
    current_weight: float
    desired_weight: float
    current_instance_count: int
    desired_instance_count: int
    instances: list[InstanceView] = Field(default_factory=list)
    autoscaling: ScalingPolicy | None = None
    invocations: int = Field(description="Invocations since the server started serving it")
    errors: int


class ErrorView(ApiModel):
    time: int = Field(description="UTC milliseconds")
    variant_name: str | None = None
    kind: str = Field(description="ModelError, ServiceUnavailable, InstanceFailed, ...")
    message: str
    status: int | None = Field(default=None, description="The model's HTTP status, if any")


class EndpointView(ApiModel):
    """``GET /endpoints/{name}``."""

    endpoint_name: str
    endpoint_arn: str
    endpoint_status: EndpointStatus
    endpoint_config_name: str
    failure_reason: str | None = None
    creation_time: datetime
    last_modified_time: datetime
    pending_endpoint_config_name: str | None = None
    variants: list[VariantView]
    data_capture: DataCaptureConfigSummary | None = None
    recent_errors: list[ErrorView] = Field(default_factory=list)
    log_group: str


class VariantSummaryView(ApiModel):
    variant_name: str
    instance_type: str
    current_instance_count: int
    desired_instance_count: int
    current_weight: float


class EndpointSummaryView(ApiModel):
    endpoint_name: str
    endpoint_status: EndpointStatus
    endpoint_config_name: str
    creation_time: datetime
    last_modified_time: datetime
    failure_reason: str | None = None
    variants: list[VariantSummaryView]


class RatePoint(ApiModel):
    time: int = Field(description="Start of the second, UTC milliseconds")
    invocations: int
    errors: int
    p50_ms: float | None = None
    p99_ms: float | None = None


class VariantSeries(ApiModel):
    variant_name: str
    points: list[RatePoint]


class EndpointMetrics(ApiModel):
    """``GET /endpoints/{name}/metrics``: per second, per variant."""

    endpoint_name: str
    variants: list[VariantSeries]


def _types(detail: EndpointDetail, record: Any) -> dict[str, dict[str, Any]]:
    return {variant["VariantName"]: variant for variant in record.deployed["Variants"]}


def endpoint_view(
    endpoints: EndpointService, scaling: ScalingService, context: RequestContext, name: str
) -> EndpointView:
    record = endpoints.record(context, name)
    live = endpoints.live(context, name)
    detail = endpoints.describe(context, name)
    deployed = _types(detail, record)
    policies = {
        row.variant_name: scaling.variant_scaling(context, name, row.variant_name).policy
        for row in scaling.targets(context)
        if row.endpoint_name == name and row.policy
    }
    variants = []
    for summary in detail.production_variants:
        served = live.variants.get(summary.variant_name) if live is not None else None
        spec = deployed.get(summary.variant_name, {})
        variants.append(
            VariantView(
                variant_name=summary.variant_name,
                model_name=spec.get("ModelName", ""),
                instance_type=spec.get("InstanceType", ""),
                current_weight=summary.current_weight or 0.0,
                desired_weight=summary.desired_weight or 0.0,
                current_instance_count=summary.current_instance_count or 0,
                desired_instance_count=summary.desired_instance_count or 0,
                instances=[
                    InstanceView(
                        instance_id=replica.instance_id,
                        state=replica.state.value,
                        restarts=replica.restarts,
                        outstanding=max(0, replica.outstanding),
                        last_error=replica.last_error,
                        log_stream=replica.log_stream,
                    )
                    for replica in (served.replicas if served is not None else [])
                ],
                autoscaling=policies.get(summary.variant_name),
                invocations=served.metrics.total_invocations if served is not None else 0,
                errors=served.metrics.total_errors if served is not None else 0,
            )
        )
    pending = detail.pending_deployment_summary
    return EndpointView(
        endpoint_name=detail.endpoint_name,
        endpoint_arn=detail.endpoint_arn,
        endpoint_status=detail.endpoint_status,
        endpoint_config_name=detail.endpoint_config_name,
        failure_reason=detail.failure_reason,
        creation_time=detail.creation_time,
        last_modified_time=detail.last_modified_time,
        pending_endpoint_config_name=pending.endpoint_config_name if pending else None,
        variants=variants,
        data_capture=detail.data_capture_config,
        recent_errors=_errors(live),
        log_group=LOG_GROUP.format(name=name),
    )


def _errors(live: LiveEndpoint | None) -> list[ErrorView]:
    if live is None:
        return []
    return [
        ErrorView(
            time=entry.time_ms,
            variant_name=entry.variant,
            kind=entry.kind,
            message=entry.message,
            status=entry.status,
        )
        for entry in reversed(list(live.errors))
    ]


def summaries(
    endpoints: EndpointService, context: RequestContext, query: EndpointQuery
) -> tuple[list[EndpointSummaryView], str | None]:
    """A page of ``GET /endpoints``."""
    rows, token = endpoints.records(context, query)
    return [summary_view(endpoints, context, row) for row in rows], token


def summary_view(
    endpoints: EndpointService, context: RequestContext, record: Any
) -> EndpointSummaryView:
    """One row of ``GET /endpoints``."""
    detail = endpoint_detail(record, endpoints.live(context, record.name))
    types = _types(detail, record)
    return EndpointSummaryView(
        endpoint_name=detail.endpoint_name,
        endpoint_status=detail.endpoint_status,
        endpoint_config_name=detail.endpoint_config_name,
        creation_time=detail.creation_time,
        last_modified_time=detail.last_modified_time,
        failure_reason=detail.failure_reason,
        variants=[
            VariantSummaryView(
                variant_name=item.variant_name,
                instance_type=types.get(item.variant_name, {}).get("InstanceType", ""),
                current_instance_count=item.current_instance_count or 0,
                desired_instance_count=item.desired_instance_count or 0,
                current_weight=item.current_weight or 0.0,
            )
            for item in detail.production_variants
        ],
    )


def metrics_view(
    endpoints: EndpointService, context: RequestContext, name: str, seconds: int
) -> EndpointMetrics:
    endpoints.record(context, name)  # NotFound for no such endpoint
    live = endpoints.live(context, name)
    variants = []
    for variant in live.variants.values() if live is not None else []:
        variants.append(
            VariantSeries(
                variant_name=variant.name,
                points=[
                    RatePoint(
                        time=point.time_ms,
                        invocations=point.invocations,
                        errors=point.errors,
                        p50_ms=point.p50_ms,
                        p99_ms=point.p99_ms,
                    )
                    for point in variant.metrics.series(seconds)
                ],
            )
        )
    return EndpointMetrics(endpoint_name=name, variants=variants)
