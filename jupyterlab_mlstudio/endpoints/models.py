"""Endpoint and endpoint-config shapes, named as SageMaker names them.

Both faces share them: snake_case on the REST face, SageMaker's PascalCase on the AWS face.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, Literal

from pydantic import Field, model_validator

from ..core.models import SageMakerModel
from .states import EndpointStatus

NAME_PATTERN = r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$"
#: SageMaker's limit on production variants per config.
MAX_VARIANTS = 10


class Tag(SageMakerModel):
    key: str = Field(min_length=1, max_length=128)
    value: str = Field(default="", max_length=256)


class ProductionVariant(SageMakerModel):
    """One variant of a config: a model on instances, with its share of the traffic."""

    variant_name: str = Field(pattern=NAME_PATTERN)
    model_name: str = Field(pattern=NAME_PATTERN)
    initial_instance_count: int = Field(ge=1, le=100)
    instance_type: str = Field(min_length=1, max_length=64)
    initial_variant_weight: float = Field(default=1.0, ge=0.0)
    container_startup_health_check_timeout_in_seconds: int | None = Field(
        default=None, ge=60, le=3600
    )
    #: Not served here; refused by the service with a clear message rather than dropped.
    serverless_config: dict[str, Any] | None = None


class CaptureMode(str, Enum):
    INPUT = "Input"
    OUTPUT = "Output"
    INPUT_AND_OUTPUT = "InputAndOutput"


class CaptureOption(SageMakerModel):
    capture_mode: CaptureMode


class CaptureContentTypeHeader(SageMakerModel):
    csv_content_types: list[str] = Field(default_factory=list, max_length=10)
    json_content_types: list[str] = Field(default_factory=list, max_length=10)


class DataCaptureConfig(SageMakerModel):
    """Which requests and responses are written to the object store, and where."""

    enable_capture: bool = True
    initial_sampling_percentage: int = Field(ge=0, le=100)
    destination_s3_uri: str = Field(min_length=1, max_length=512)
    kms_key_id: str | None = None
    capture_options: list[CaptureOption] = Field(min_length=1, max_length=2)
    capture_content_type_header: CaptureContentTypeHeader | None = None

    def captures(self, mode: Literal["Input", "Output"]) -> bool:
        return any(
            option.capture_mode in (CaptureMode(mode), CaptureMode.INPUT_AND_OUTPUT)
            for option in self.capture_options
        )


class CreateEndpointConfigRequest(SageMakerModel):
    """``CreateEndpointConfig``."""

    endpoint_config_name: str = Field(pattern=NAME_PATTERN)
    production_variants: list[ProductionVariant] = Field(min_length=1, max_length=MAX_VARIANTS)
    data_capture_config: DataCaptureConfig | None = None
    tags: list[Tag] = Field(default_factory=list, max_length=50)
    kms_key_id: str | None = None
    #: Features of SageMaker this server does not offer: refused by name, never ignored.
    async_inference_config: dict[str, Any] | None = None
    shadow_production_variants: list[dict[str, Any]] | None = None
    explainer_config: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _unique_variants(self) -> CreateEndpointConfigRequest:
        names = [variant.variant_name for variant in self.production_variants]
        if len(set(names)) != len(names):
            raise ValueError("ProductionVariants: variant names must be unique")
        if sum(variant.initial_variant_weight for variant in self.production_variants) <= 0:
            raise ValueError("ProductionVariants: at least one variant needs a weight above 0")
        return self


class EndpointConfigDetail(SageMakerModel):
    """``DescribeEndpointConfig``."""

    endpoint_config_name: str
    endpoint_config_arn: str
    production_variants: list[ProductionVariant]
    data_capture_config: DataCaptureConfig | None = None
    kms_key_id: str | None = None
    creation_time: datetime


class EndpointConfigSummary(SageMakerModel):
    endpoint_config_name: str
    endpoint_config_arn: str
    creation_time: datetime


class ConfigSortBy(str, Enum):
    NAME = "Name"
    CREATION_TIME = "CreationTime"


class EndpointSortBy(str, Enum):
    NAME = "Name"
    CREATION_TIME = "CreationTime"
    STATUS = "Status"


class SortOrder(str, Enum):
    ASCENDING = "Ascending"
    DESCENDING = "Descending"


class EndpointConfigQuery(SageMakerModel):
    """Filters, order and paging of ``ListEndpointConfigs``."""

    name_contains: str | None = Field(default=None, max_length=63)
    creation_time_after: datetime | None = None
    creation_time_before: datetime | None = None
    sort_by: ConfigSortBy = ConfigSortBy.CREATION_TIME
    sort_order: SortOrder = SortOrder.DESCENDING
    max_results: int = Field(default=10, ge=1, le=100)
    next_token: str | None = None


class EndpointConfigPage(SageMakerModel):
    endpoint_configs: list[EndpointConfigSummary]
    next_token: str | None = None


class CreateEndpointRequest(SageMakerModel):
    """``CreateEndpoint``."""

    endpoint_name: str = Field(pattern=NAME_PATTERN)
    endpoint_config_name: str = Field(pattern=NAME_PATTERN)
    tags: list[Tag] = Field(default_factory=list, max_length=50)


class UpdateEndpointRequest(SageMakerModel):
    """``UpdateEndpoint``: roll out another config."""

    endpoint_name: str = Field(pattern=NAME_PATTERN)
    endpoint_config_name: str = Field(pattern=NAME_PATTERN)
    retain_all_variant_properties: bool = False


class DesiredWeightAndCapacity(SageMakerModel):
    variant_name: str = Field(pattern=NAME_PATTERN)
    desired_weight: float | None = Field(default=None, ge=0.0)
    desired_instance_count: int | None = Field(default=None, ge=0, le=100)


class UpdateWeightsRequest(SageMakerModel):
    """``UpdateEndpointWeightsAndCapacities``."""

    endpoint_name: str = Field(pattern=NAME_PATTERN)
    desired_weights_and_capacities: list[DesiredWeightAndCapacity] = Field(
        min_length=1, max_length=MAX_VARIANTS
    )


class VariantStatusValue(str, Enum):
    CREATING = "Creating"
    UPDATING = "Updating"
    DELETING = "Deleting"
    ACTIVATING_TRAFFIC = "ActivatingTraffic"
    BAKING = "Baking"


class VariantStatus(SageMakerModel):
    status: VariantStatusValue
    status_message: str | None = None
    start_time: datetime | None = None


class DeployedImage(SageMakerModel):
    specified_image: str | None = None
    resolved_image: str | None = None
    resolution_time: datetime | None = None


class ProductionVariantSummary(SageMakerModel):
    """A variant as it serves now, and what it is changing to."""

    variant_name: str
    deployed_images: list[DeployedImage] = Field(default_factory=list)
    current_weight: float | None = None
    desired_weight: float | None = None
    current_instance_count: int | None = None
    desired_instance_count: int | None = None
    variant_status: list[VariantStatus] = Field(default_factory=list)


class PendingProductionVariantSummary(ProductionVariantSummary):
    instance_type: str | None = None


class PendingDeploymentSummary(SageMakerModel):
    endpoint_config_name: str
    production_variants: list[PendingProductionVariantSummary] = Field(default_factory=list)
    start_time: datetime | None = None


class CaptureStatus(str, Enum):
    STARTED = "Started"
    STOPPED = "Stopped"


class DataCaptureConfigSummary(SageMakerModel):
    enable_capture: bool
    capture_status: CaptureStatus
    current_sampling_percentage: int
    destination_s3_uri: str
    kms_key_id: str = ""


class EndpointDetail(SageMakerModel):
    """``DescribeEndpoint``."""

    endpoint_name: str
    endpoint_arn: str
    endpoint_config_name: str
    production_variants: list[ProductionVariantSummary] = Field(default_factory=list)
    data_capture_config: DataCaptureConfigSummary | None = None
    endpoint_status: EndpointStatus
    failure_reason: str | None = None
    creation_time: datetime
    last_modified_time: datetime
    pending_deployment_summary: PendingDeploymentSummary | None = None


class EndpointSummary(SageMakerModel):
    endpoint_name: str
    endpoint_arn: str
    creation_time: datetime
    last_modified_time: datetime
    endpoint_status: EndpointStatus


class EndpointQuery(SageMakerModel):
    """Filters, order and paging of ``ListEndpoints``."""

    name_contains: str | None = Field(default=None, max_length=63)
    status_equals: EndpointStatus | None = None
    creation_time_after: datetime | None = None
    creation_time_before: datetime | None = None
    last_modified_time_after: datetime | None = None
    last_modified_time_before: datetime | None = None
    sort_by: EndpointSortBy = EndpointSortBy.CREATION_TIME
    sort_order: SortOrder = SortOrder.DESCENDING
    max_results: int = Field(default=10, ge=1, le=100)
    next_token: str | None = None


class EndpointPage(SageMakerModel):
    endpoints: list[EndpointSummary]
    next_token: str | None = None
