"""Transform-job shapes (``CreateTransformJob``, ``DescribeTransformJob``,
``ListTransformJobs``), named as SageMaker names them."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Literal

from pydantic import Field

from ...core.models import SageMakerModel
from ...training.models import (
    ExperimentConfig,
    ResourceTag,
    SecondaryStatusTransition,
    SortOrder,
)

NAME_PATTERN = r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$"


class TransformJobStatus(str, Enum):
    """``TransformJobStatus``."""

    IN_PROGRESS = "InProgress"
    COMPLETED = "Completed"
    FAILED = "Failed"
    STOPPING = "Stopping"
    STOPPED = "Stopped"


class TransformS3DataSource(SageMakerModel):
    s3_data_type: Literal["S3Prefix", "ManifestFile", "AugmentedManifestFile"] = "S3Prefix"
    s3_uri: str = Field(min_length=1, max_length=1024)


class TransformDataSource(SageMakerModel):
    s3_data_source: TransformS3DataSource


class TransformInput(SageMakerModel):
    data_source: TransformDataSource
    content_type: str | None = Field(default=None, max_length=256)
    compression_type: Literal["None", "Gzip"] = "None"
    split_type: Literal["None", "Line", "RecordIO", "TFRecord"] = "None"


class TransformOutput(SageMakerModel):
    s3_output_path: str = Field(min_length=1, max_length=1024)
    accept: str | None = Field(default=None, max_length=256)
    assemble_with: Literal["None", "Line"] = "None"
    kms_key_id: str | None = None


class TransformResources(SageMakerModel):
    instance_type: str = Field(min_length=1, max_length=64)
    instance_count: int = Field(default=1, ge=1, le=16)
    volume_kms_key_id: str | None = None
    transform_ami_version: str | None = None


class ModelClientConfig(SageMakerModel):
    invocations_timeout_in_seconds: int = Field(default=600, ge=1, le=3600)
    invocations_max_retries: int = Field(default=3, ge=0, le=3)


class DataProcessing(SageMakerModel):
    input_filter: str = Field(default="$", max_length=63)
    output_filter: str = Field(default="$", max_length=63)
    join_source: Literal["Input", "None"] = "None"


class CreateTransformJobRequest(SageMakerModel):
    """``CreateTransformJob``: what this server runs, named as SageMaker names it."""

    transform_job_name: str = Field(pattern=NAME_PATTERN)
    model_name: str = Field(min_length=1, max_length=63)
    max_concurrent_transforms: int | None = Field(default=None, ge=0, le=64)
    model_client_config: ModelClientConfig | None = None
    max_payload_in_mb: int | None = Field(default=None, ge=0, le=100, alias="MaxPayloadInMB")
    batch_strategy: Literal["MultiRecord", "SingleRecord"] | None = None
    environment: dict[str, str] = Field(default_factory=dict, max_length=16)
    transform_input: TransformInput
    transform_output: TransformOutput
    transform_resources: TransformResources
    data_processing: DataProcessing | None = None
    experiment_config: ExperimentConfig | None = None
    tags: list[ResourceTag] = Field(default_factory=list, max_length=50)


class TransformJobDescription(SageMakerModel):
    """``DescribeTransformJob``."""

    transform_job_name: str
    transform_job_arn: str
    transform_job_status: TransformJobStatus
    failure_reason: str | None = None
    model_name: str
    max_concurrent_transforms: int | None = None
    model_client_config: ModelClientConfig | None = None
    max_payload_in_mb: int | None = Field(default=None, alias="MaxPayloadInMB")
    batch_strategy: str | None = None
    environment: dict[str, str] = Field(default_factory=dict)
    transform_input: TransformInput
    transform_output: TransformOutput
    transform_resources: TransformResources
    creation_time: datetime
    transform_start_time: datetime | None = None
    transform_end_time: datetime | None = None
    data_processing: DataProcessing | None = None
    experiment_config: ExperimentConfig | None = None


class TransformProgress(SageMakerModel):
    """How far a transform job is: objects and records done so far."""

    objects_total: int | None = Field(default=None, description="Input objects found")
    objects_done: int = 0
    records_done: int = 0
    requests_done: int = 0


class TransformJobDetail(TransformJobDescription):
    """The REST face's view: the description plus progress, backend, logs, the reason it
    waits, if it does, and the state machine's transitions (oldest first)."""

    last_modified_time: datetime
    backend: str | None = None
    model_image: str | None = Field(
        default=None, description="The image (or interpreter) the model was served with"
    )
    model_data_url: str | None = Field(default=None, description="The model's artifact")
    progress: TransformProgress = Field(default_factory=TransformProgress)
    status_message: str | None = None
    log_streams: list[str] = Field(default_factory=list)
    status_transitions: list[SecondaryStatusTransition] = Field(default_factory=list)

    @classmethod
    def aws_fields(cls) -> set[str]:
        return set(TransformJobDescription.model_fields)


class TransformJobSummary(SageMakerModel):
    """One row of ``ListTransformJobs``."""

    transform_job_name: str
    transform_job_arn: str
    creation_time: datetime
    transform_end_time: datetime | None = None
    last_modified_time: datetime | None = None
    transform_job_status: TransformJobStatus
    failure_reason: str | None = None


class TransformSortKey(str, Enum):
    NAME = "Name"
    CREATION_TIME = "CreationTime"
    STATUS = "Status"


class TransformJobQuery(SageMakerModel):
    """Filters, order and paging of a transform-job listing."""

    name_contains: str | None = Field(default=None, max_length=63)
    status_equals: TransformJobStatus | None = None
    creation_time_after: datetime | None = None
    creation_time_before: datetime | None = None
    last_modified_time_after: datetime | None = None
    last_modified_time_before: datetime | None = None
    sort_by: TransformSortKey = TransformSortKey.CREATION_TIME
    sort_order: SortOrder = SortOrder.DESCENDING
    max_results: int = Field(default=10, ge=1, le=100)
    next_token: str | None = Field(default=None, max_length=8192)


class TransformJobPage(SageMakerModel):
    """``ListTransformJobs``."""

    transform_job_summaries: list[TransformJobSummary]
    next_token: str | None = None
