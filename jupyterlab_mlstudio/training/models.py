"""Training-job shapes and states, named as SageMaker names them."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Literal

from pydantic import Field, field_validator

from ..core.errors import InvalidInput
from ..core.models import ApiModel, SageMakerModel
from ..experiments.validation import check_key
from .metric_extraction import pattern_error


class TrainingJobStatus(str, Enum):
    """``TrainingJobStatus``."""

    IN_PROGRESS = "InProgress"
    COMPLETED = "Completed"
    FAILED = "Failed"
    STOPPING = "Stopping"
    STOPPED = "Stopped"


class SortBy(str, Enum):
    NAME = "Name"
    CREATION_TIME = "CreationTime"
    STATUS = "Status"


class SortOrder(str, Enum):
    ASCENDING = "Ascending"
    DESCENDING = "Descending"


class TrainingJobSummary(SageMakerModel):
    """One row of ``ListTrainingJobs``."""

    training_job_name: str
    training_job_arn: str
    creation_time: datetime
    training_end_time: datetime | None = None
    last_modified_time: datetime | None = None
    training_job_status: TrainingJobStatus
    secondary_status: str | None = None


class TrainingJobQuery(SageMakerModel):
    """Filters, order and paging of a training-job listing."""

    name_contains: str | None = Field(default=None, max_length=63)
    status_equals: TrainingJobStatus | None = None
    creation_time_after: datetime | None = None
    creation_time_before: datetime | None = None
    last_modified_time_after: datetime | None = None
    last_modified_time_before: datetime | None = None
    sort_by: SortBy = SortBy.CREATION_TIME
    sort_order: SortOrder = SortOrder.DESCENDING
    max_results: int = Field(default=10, ge=1, le=100)
    next_token: str | None = None


class TrainingJobPage(SageMakerModel):
    """A page of training jobs."""

    training_job_summaries: list[TrainingJobSummary]
    next_token: str | None = None


# -- CreateTrainingJob ---------------------------------------------------------------------

NAME_PATTERN = r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$"


class S3DataSource(SageMakerModel):
    s3_data_type: Literal["S3Prefix", "ManifestFile"] = "S3Prefix"
    s3_uri: str = Field(min_length=1, max_length=1024)
    s3_data_distribution_type: Literal["FullyReplicated", "ShardedByS3Key"] = "FullyReplicated"


class DataSource(SageMakerModel):
    s3_data_source: S3DataSource


class Channel(SageMakerModel):
    channel_name: str = Field(pattern=r"^[A-Za-z0-9\.\-_]+$", max_length=64)
    data_source: DataSource
    content_type: str | None = None
    compression_type: Literal["None", "Gzip"] | None = None
    record_wrapper_type: Literal["None", "RecordIO"] | None = None
    input_mode: Literal["File", "FastFile"] | None = None


class MetricDefinition(SageMakerModel):
    name: str = Field(min_length=1, max_length=255)
    regex: str = Field(min_length=1, max_length=500)


class AlgorithmSpecification(SageMakerModel):
    training_image: str = Field(min_length=1, max_length=255)
    training_input_mode: Literal["File", "FastFile"] = "File"
    metric_definitions: list[MetricDefinition] = Field(default_factory=list, max_length=40)
    enable_sage_maker_metrics_time_series: bool | None = None
    container_entrypoint: list[str] | None = Field(default=None, max_length=100)
    container_arguments: list[str] | None = Field(default=None, max_length=100)

    @field_validator("metric_definitions")
    @classmethod
    def _regexes_compile(cls, definitions: list[MetricDefinition]) -> list[MetricDefinition]:
        """A regex that does not compile is refused at creation, not found when the job runs."""
        for index, definition in enumerate(definitions):
            problem = pattern_error(definition.regex)
            if problem:
                raise ValueError(f"item {index} ({definition.name}): not a valid regex: {problem}")
            try:  # the name becomes the run's metric key
                check_key(definition.name, "metric")
            except InvalidInput as error:
                raise ValueError(f"item {index}: {error.message}") from error
        return definitions


class OutputDataConfig(SageMakerModel):
    s3_output_path: str = Field(min_length=1, max_length=1024)
    kms_key_id: str | None = None
    compression_type: Literal["GZIP", "NONE"] | None = None


class ResourceConfig(SageMakerModel):
    instance_type: str = Field(min_length=1, max_length=64)
    instance_count: int = Field(default=1, ge=1, le=16)
    volume_size_in_gb: int = Field(default=30, ge=1, alias="VolumeSizeInGB")
    volume_kms_key_id: str | None = None
    keep_alive_period_in_seconds: int | None = None


class StoppingCondition(SageMakerModel):
    max_runtime_in_seconds: int = Field(default=86400, ge=1)
    max_wait_time_in_seconds: int | None = None
    max_pending_time_in_seconds: int | None = None


class CheckpointConfig(SageMakerModel):
    s3_uri: str = Field(min_length=1, max_length=1024)
    local_path: str = "/opt/ml/checkpoints"


class ExperimentConfig(SageMakerModel):
    experiment_name: str | None = None
    trial_name: str | None = None
    trial_component_display_name: str | None = None
    run_name: str | None = None


class ResourceTag(SageMakerModel):
    key: str = Field(min_length=1, max_length=128)
    value: str = Field(default="", max_length=256)


class CreateTrainingJobRequest(SageMakerModel):
    """``CreateTrainingJob``: what this server runs, named as SageMaker names it."""

    training_job_name: str = Field(pattern=NAME_PATTERN)
    algorithm_specification: AlgorithmSpecification
    role_arn: str | None = None
    hyper_parameters: dict[str, str] = Field(default_factory=dict)
    input_data_config: list[Channel] = Field(default_factory=list, max_length=20)
    output_data_config: OutputDataConfig | None = Field(
        default=None,
        description=(
            "Where the model and output go. Left out (the REST face allows it; SageMaker's "
            "does not), they go below the object store's root, in training-output/, as the "
            "%%mlstudio train magic and the Python client put them."
        ),
    )
    resource_config: ResourceConfig
    stopping_condition: StoppingCondition = Field(default_factory=StoppingCondition)
    checkpoint_config: CheckpointConfig | None = None
    environment: dict[str, str] = Field(default_factory=dict)
    experiment_config: ExperimentConfig | None = None
    tags: list[ResourceTag] = Field(default_factory=list)

    @property
    def output_path(self) -> str:
        """``OutputDataConfig.S3OutputPath`` of a recorded job (the service fills it in)."""
        if self.output_data_config is None:
            raise InvalidInput("OutputDataConfig is missing", field="OutputDataConfig.S3OutputPath")
        return self.output_data_config.s3_output_path


# -- DescribeTrainingJob -------------------------------------------------------------------


class ModelArtifacts(SageMakerModel):
    s3_model_artifacts: str


class SecondaryStatusTransition(SageMakerModel):
    status: str
    start_time: datetime
    end_time: datetime | None = None
    status_message: str | None = None


class MetricData(SageMakerModel):
    metric_name: str
    value: float
    timestamp: datetime


class TrainingJobDescription(SageMakerModel):
    """``DescribeTrainingJob``."""

    training_job_name: str
    training_job_arn: str
    training_job_status: TrainingJobStatus
    secondary_status: str
    failure_reason: str | None = None
    model_artifacts: ModelArtifacts | None = None
    hyper_parameters: dict[str, str] = Field(default_factory=dict)
    algorithm_specification: AlgorithmSpecification
    role_arn: str | None = None
    input_data_config: list[Channel] = Field(default_factory=list)
    output_data_config: OutputDataConfig
    resource_config: ResourceConfig
    stopping_condition: StoppingCondition
    checkpoint_config: CheckpointConfig | None = None
    environment: dict[str, str] = Field(default_factory=dict)
    experiment_config: ExperimentConfig | None = None
    creation_time: datetime
    training_start_time: datetime | None = None
    training_end_time: datetime | None = None
    last_modified_time: datetime
    secondary_status_transitions: list[SecondaryStatusTransition] = Field(default_factory=list)
    final_metric_data_list: list[MetricData] = Field(default_factory=list)
    training_time_in_seconds: int | None = None
    billable_time_in_seconds: int | None = None
    enable_network_isolation: bool = False
    enable_inter_container_traffic_encryption: bool = False
    enable_managed_spot_training: bool = False
    tuning_job_arn: str | None = None


class TrainingJobDetail(TrainingJobDescription):
    """The REST face's view: the SageMaker description plus where to find runs and logs."""

    run_id: str | None = None
    backend: str
    hosts: list[str]
    log_streams: dict[str, str] = Field(default_factory=dict)
    downloads: list[Literal["model", "output"]] = Field(
        default_factory=list,
        description=(
            "What of the finished job can be downloaded "
            "(GET training-jobs/{name}/artifacts/{artifact})"
        ),
    )

    @classmethod
    def aws_fields(cls) -> set[str]:
        return set(TrainingJobDescription.model_fields)


class LogLineOut(ApiModel):
    seq: int
    timestamp: int
    message: str


class LogPage(ApiModel):
    """A slice of one host's log, oldest first."""

    host: str
    stream: str | None
    lines: list[LogLineOut]
    total: int = Field(description="Lines stored for this host so far")
