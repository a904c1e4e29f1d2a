"""Processing-job shapes (``CreateProcessingJob``, ``DescribeProcessingJob``,
``ListProcessingJobs``), named as SageMaker names them."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Literal

from pydantic import Field, field_validator

from ..core.errors import InvalidInput
from ..core.models import SageMakerModel
from ..training.models import ExperimentConfig, ResourceTag, SortOrder

NAME_PATTERN = r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$"
#: Every input and output folder lives below this one in the container.
PROCESSING_ROOT = "/opt/ml/processing"
LOCAL_PATH_PATTERN = r"^/opt/ml/processing/[^/].*$"


class ProcessingJobStatus(str, Enum):
    """``ProcessingJobStatus``."""

    IN_PROGRESS = "InProgress"
    COMPLETED = "Completed"
    FAILED = "Failed"
    STOPPING = "Stopping"
    STOPPED = "Stopped"


def check_local_path(value: str) -> str:
    """A ``LocalPath`` must name a folder below ``/opt/ml/processing/`` and stay there."""
    parts = value.rstrip("/").split("/")
    if not value.startswith(PROCESSING_ROOT + "/") or ".." in parts or len(parts) < 5:
        raise InvalidInput(
            f"LocalPath {value!r} must be a folder under {PROCESSING_ROOT}/", field="LocalPath"
        )
    return value.rstrip("/")


class ProcessingS3Input(SageMakerModel):
    """``S3Input``: what is copied into the container before the job starts."""

    s3_uri: str = Field(min_length=1, max_length=1024)
    local_path: str | None = Field(default=None, max_length=256, pattern=LOCAL_PATH_PATTERN)
    s3_data_type: Literal["S3Prefix", "ManifestFile"]
    s3_input_mode: Literal["File", "Pipe"] | None = "File"
    s3_data_distribution_type: Literal["FullyReplicated", "ShardedByS3Key"] | None = (
        "FullyReplicated"
    )
    s3_compression_type: Literal["None", "Gzip"] | None = "None"

    @field_validator("local_path")
    @classmethod
    def _inside(cls, value: str | None) -> str | None:
        return None if value is None else check_local_path(value)


class ProcessingInput(SageMakerModel):
    """One of ``ProcessingInputs``."""

    input_name: str = Field(min_length=1, max_length=256)
    app_managed: bool = False
    s3_input: ProcessingS3Input | None = None


class ProcessingS3Output(SageMakerModel):
    """``S3Output``: a container folder uploaded at the end (or continuously)."""

    s3_uri: str = Field(min_length=1, max_length=1024)
    local_path: str | None = Field(default=None, max_length=256, pattern=LOCAL_PATH_PATTERN)
    s3_upload_mode: Literal["Continuous", "EndOfJob"]

    @field_validator("local_path")
    @classmethod
    def _inside(cls, value: str | None) -> str | None:
        return None if value is None else check_local_path(value)


class ProcessingOutput(SageMakerModel):
    """One of ``ProcessingOutputConfig.Outputs``."""

    output_name: str = Field(min_length=1, max_length=256)
    app_managed: bool = False
    s3_output: ProcessingS3Output | None = None


class ProcessingOutputConfig(SageMakerModel):
    outputs: list[ProcessingOutput] = Field(max_length=10)
    kms_key_id: str | None = Field(default=None, max_length=2048)


class ClusterConfig(SageMakerModel):
    instance_count: int = Field(ge=1, le=100)
    instance_type: str = Field(min_length=1, max_length=64)
    volume_size_in_gb: int = Field(default=30, ge=1, le=16384, alias="VolumeSizeInGB")
    volume_kms_key_id: str | None = Field(default=None, max_length=1024)


class ProcessingResources(SageMakerModel):
    cluster_config: ClusterConfig


class ProcessingStoppingCondition(SageMakerModel):
    max_runtime_in_seconds: int = Field(ge=1, le=777600)


class AppSpecification(SageMakerModel):
    """The image and what it runs; without an entry point the image's own runs."""

    image_uri: str = Field(min_length=1, max_length=255)
    container_entrypoint: list[str] | None = Field(default=None, min_length=1, max_length=100)
    container_arguments: list[str] | None = Field(default=None, min_length=1, max_length=100)


class CreateProcessingJobRequest(SageMakerModel):
    """``CreateProcessingJob``: what this server runs, named as SageMaker names it."""

    processing_job_name: str = Field(pattern=NAME_PATTERN)
    processing_inputs: list[ProcessingInput] = Field(default_factory=list, max_length=10)
    processing_output_config: ProcessingOutputConfig | None = None
    processing_resources: ProcessingResources
    stopping_condition: ProcessingStoppingCondition | None = None
    app_specification: AppSpecification
    environment: dict[str, str] = Field(default_factory=dict, max_length=100)
    role_arn: str | None = Field(default=None, max_length=2048)
    experiment_config: ExperimentConfig | None = None
    tags: list[ResourceTag] = Field(default_factory=list, max_length=50)


class ProcessingJobDescription(SageMakerModel):
    """``DescribeProcessingJob``."""

    processing_job_name: str
    processing_job_arn: str
    processing_job_status: ProcessingJobStatus
    processing_inputs: list[ProcessingInput] = Field(default_factory=list)
    processing_output_config: ProcessingOutputConfig | None = None
    processing_resources: ProcessingResources
    stopping_condition: ProcessingStoppingCondition | None = None
    app_specification: AppSpecification
    environment: dict[str, str] = Field(default_factory=dict)
    role_arn: str | None = None
    experiment_config: ExperimentConfig | None = None
    exit_message: str | None = None
    failure_reason: str | None = None
    processing_end_time: datetime | None = None
    processing_start_time: datetime | None = None
    last_modified_time: datetime | None = None
    creation_time: datetime


class ProcessingJobDetail(ProcessingJobDescription):
    """The REST face's view: the description plus backend, hosts, logs and the reason it
    waits, if it does."""

    backend: str | None = None
    status_message: str | None = None
    hosts: list[str] = Field(default_factory=list)
    log_streams: dict[str, str] = Field(default_factory=dict)

    @classmethod
    def aws_fields(cls) -> set[str]:
        return set(ProcessingJobDescription.model_fields)


class ProcessingJobSummary(SageMakerModel):
    """One row of ``ListProcessingJobs``."""

    processing_job_name: str
    processing_job_arn: str
    creation_time: datetime
    processing_end_time: datetime | None = None
    last_modified_time: datetime | None = None
    processing_job_status: ProcessingJobStatus
    failure_reason: str | None = None
    exit_message: str | None = None


class ProcessingSortKey(str, Enum):
    NAME = "Name"
    CREATION_TIME = "CreationTime"
    STATUS = "Status"


class ProcessingJobQuery(SageMakerModel):
    """Filters, order and paging of a processing-job listing."""

    name_contains: str | None = Field(default=None, max_length=63)
    status_equals: ProcessingJobStatus | None = None
    creation_time_after: datetime | None = None
    creation_time_before: datetime | None = None
    last_modified_time_after: datetime | None = None
    last_modified_time_before: datetime | None = None
    sort_by: ProcessingSortKey = ProcessingSortKey.CREATION_TIME
    sort_order: SortOrder = SortOrder.DESCENDING
    max_results: int = Field(default=10, ge=1, le=100)
    next_token: str | None = Field(default=None, max_length=8192)


class ProcessingJobPage(SageMakerModel):
    """``ListProcessingJobs``."""

    processing_job_summaries: list[ProcessingJobSummary]
    next_token: str | None = None
