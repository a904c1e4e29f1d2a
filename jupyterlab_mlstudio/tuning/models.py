"""Hyperparameter-tuning shapes, named as SageMaker names them (botocore's model is the source:
``CreateHyperParameterTuningJob``, ``DescribeHyperParameterTuningJob`` and the listings)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, Literal

from pydantic import Field

from ..core.models import SageMakerModel
from ..training.models import (
    Channel,
    CheckpointConfig,
    MetricDefinition,
    OutputDataConfig,
    ResourceConfig,
    ResourceTag,
    StoppingCondition,
    TrainingJobStatus,
)
from .states import TuningJobStatus

TUNING_NAME_PATTERN = r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$"
DEFINITION_NAME_PATTERN = r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}$"

Strategy = Literal["Bayesian", "Random", "Hyperband", "Grid"]
ScalingType = Literal["Auto", "Linear", "Logarithmic", "ReverseLogarithmic"]
ObjectiveType = Literal["Maximize", "Minimize"]


class ObjectiveStatus(str, Enum):
    """A trial's ``ObjectiveStatus``."""

    SUCCEEDED = "Succeeded"
    PENDING = "Pending"
    FAILED = "Failed"


# -- CreateHyperParameterTuningJob ----------------------------------------------------------


class TuningObjective(SageMakerModel):
    """``HyperParameterTuningJobObjective``."""

    type: ObjectiveType
    metric_name: str = Field(min_length=1, max_length=255)


class ContinuousParameterRange(SageMakerModel):
    name: str = Field(min_length=1, max_length=256)
    min_value: str = Field(max_length=256)
    max_value: str = Field(max_length=256)
    scaling_type: ScalingType = "Auto"


class IntegerParameterRange(SageMakerModel):
    name: str = Field(min_length=1, max_length=256)
    min_value: str = Field(max_length=256)
    max_value: str = Field(max_length=256)
    scaling_type: ScalingType = "Auto"


class CategoricalParameterRange(SageMakerModel):
    name: str = Field(min_length=1, max_length=256)
    values: list[str] = Field(min_length=1, max_length=30)


class ParameterRanges(SageMakerModel):
    """``ParameterRanges``; all three lists are always echoed (the SDK's attach reads them)."""

    integer_parameter_ranges: list[IntegerParameterRange] = Field(
        default_factory=list, max_length=30
    )
    continuous_parameter_ranges: list[ContinuousParameterRange] = Field(
        default_factory=list, max_length=30
    )
    categorical_parameter_ranges: list[CategoricalParameterRange] = Field(
        default_factory=list, max_length=30
    )
    #: Autotune's parameters: refused with a reason (this server does not guess ranges).
    auto_parameters: list[dict[str, Any]] | None = None


class ResourceLimits(SageMakerModel):
    max_number_of_training_jobs: int | None = Field(default=None, ge=1, le=10_000)
    max_parallel_training_jobs: int = Field(ge=1, le=100)
    max_runtime_in_seconds: int | None = Field(default=None, ge=120, le=15_768_000)


class HyperbandStrategyConfig(SageMakerModel):
    min_resource: int | None = Field(default=None, ge=1)
    max_resource: int | None = Field(default=None, ge=1)


class StrategyConfig(SageMakerModel):
    """``HyperParameterTuningJobStrategyConfig``."""

    hyperband_strategy_config: HyperbandStrategyConfig | None = None


class BestObjectiveNotImproving(SageMakerModel):
    max_number_of_training_jobs_not_improving: int | None = Field(default=None, ge=3)


class ConvergenceDetected(SageMakerModel):
    complete_on_convergence: Literal["Disabled", "Enabled"] | None = None


class CompletionCriteria(SageMakerModel):
    """``TuningJobCompletionCriteria``."""

    target_objective_metric_value: float | None = None
    best_objective_not_improving: BestObjectiveNotImproving | None = None
    convergence_detected: ConvergenceDetected | None = None


class TuningJobConfig(SageMakerModel):
    """``HyperParameterTuningJobConfig``."""

    strategy: Strategy
    strategy_config: StrategyConfig | None = None
    hyper_parameter_tuning_job_objective: TuningObjective | None = None
    resource_limits: ResourceLimits
    parameter_ranges: ParameterRanges | None = None
    training_job_early_stopping_type: Literal["Off", "Auto"] = "Off"
    tuning_job_completion_criteria: CompletionCriteria | None = None
    random_seed: int | None = Field(default=None, ge=0, le=2**31 - 1)


class TuningAlgorithmSpecification(SageMakerModel):
    """``HyperParameterAlgorithmSpecification``."""

    training_image: str | None = Field(default=None, max_length=255)
    training_input_mode: Literal["File", "FastFile"] = "File"
    algorithm_name: str | None = Field(default=None, max_length=170)
    metric_definitions: list[MetricDefinition] = Field(default_factory=list, max_length=40)


class TuningInstanceConfig(SageMakerModel):
    instance_type: str = Field(min_length=1, max_length=64)
    instance_count: int = Field(ge=1, le=16)
    volume_size_in_gb: int = Field(ge=1, alias="VolumeSizeInGB")


class TuningResourceConfig(SageMakerModel):
    """``HyperParameterTuningResourceConfig`` (what the v2 SDK sends instead of
    ResourceConfig)."""

    instance_type: str | None = Field(default=None, max_length=64)
    instance_count: int | None = Field(default=None, ge=0, le=16)
    volume_size_in_gb: int | None = Field(default=None, ge=0, alias="VolumeSizeInGB")
    volume_kms_key_id: str | None = None
    allocation_strategy: Literal["Prioritized"] | None = None
    instance_configs: list[TuningInstanceConfig] | None = Field(
        default=None, min_length=1, max_length=6
    )


class TrainingJobDefinition(SageMakerModel):
    """``HyperParameterTrainingJobDefinition``: what every trial of a definition runs."""

    definition_name: str | None = Field(default=None, pattern=DEFINITION_NAME_PATTERN)
    tuning_objective: TuningObjective | None = None
    hyper_parameter_ranges: ParameterRanges | None = None
    static_hyper_parameters: dict[str, str] = Field(default_factory=dict)
    algorithm_specification: TuningAlgorithmSpecification
    role_arn: str | None = Field(default=None, max_length=2048)
    input_data_config: list[Channel] = Field(default_factory=list, max_length=20)
    output_data_config: OutputDataConfig
    resource_config: ResourceConfig | None = None
    hyper_parameter_tuning_resource_config: TuningResourceConfig | None = None
    stopping_condition: StoppingCondition = Field(default_factory=StoppingCondition)
    checkpoint_config: CheckpointConfig | None = None
    environment: dict[str, str] = Field(default_factory=dict)


class ParentTuningJob(SageMakerModel):
    hyper_parameter_tuning_job_name: str = Field(pattern=TUNING_NAME_PATTERN)


class WarmStartConfig(SageMakerModel):
    """``HyperParameterTuningJobWarmStartConfig``."""

    parent_hyper_parameter_tuning_jobs: list[ParentTuningJob] = Field(min_length=1, max_length=5)
    warm_start_type: Literal["IdenticalDataAndAlgorithm", "TransferLearning"]


class CreateTuningJobRequest(SageMakerModel):
    """``CreateHyperParameterTuningJob``."""

    hyper_parameter_tuning_job_name: str = Field(pattern=TUNING_NAME_PATTERN)
    hyper_parameter_tuning_job_config: TuningJobConfig
    training_job_definition: TrainingJobDefinition | None = None
    training_job_definitions: list[TrainingJobDefinition] | None = Field(
        default=None, min_length=1, max_length=10
    )
    warm_start_config: WarmStartConfig | None = None
    tags: list[ResourceTag] = Field(default_factory=list, max_length=50)
    #: Autotune: refused with a reason.
    autotune: dict[str, Any] | None = None


# -- Describe and list -----------------------------------------------------------------------


class StatusCounters(SageMakerModel):
    """``TrainingJobStatusCounters``."""

    completed: int = 0
    in_progress: int = 0
    retryable_error: int = 0
    non_retryable_error: int = 0
    stopped: int = 0


class ObjectiveCounters(SageMakerModel):
    """``ObjectiveStatusCounters``."""

    succeeded: int = 0
    pending: int = 0
    failed: int = 0


class FinalObjective(SageMakerModel):
    """``FinalHyperParameterTuningJobObjectiveMetric``."""

    type: ObjectiveType | None = None
    metric_name: str
    value: float


class TrialSummary(SageMakerModel):
    """``HyperParameterTrainingJobSummary``: one trial."""

    training_job_definition_name: str | None = None
    training_job_name: str
    training_job_arn: str
    tuning_job_name: str | None = None
    creation_time: datetime
    training_start_time: datetime | None = None
    training_end_time: datetime | None = None
    training_job_status: TrainingJobStatus
    tuned_hyper_parameters: dict[str, str]
    failure_reason: str | None = None
    final_hyper_parameter_tuning_job_objective_metric: FinalObjective | None = None
    objective_status: ObjectiveStatus | None = None


class CompletionDetails(SageMakerModel):
    """``HyperParameterTuningJobCompletionDetails``."""

    number_of_training_jobs_objective_not_improving: int | None = None
    convergence_detected_time: datetime | None = None


class ConsumedResources(SageMakerModel):
    runtime_in_seconds: int | None = None


class TuningJobDescription(SageMakerModel):
    """``DescribeHyperParameterTuningJob``."""

    hyper_parameter_tuning_job_name: str
    hyper_parameter_tuning_job_arn: str
    hyper_parameter_tuning_job_config: TuningJobConfig
    training_job_definition: TrainingJobDefinition | None = None
    training_job_definitions: list[TrainingJobDefinition] | None = None
    hyper_parameter_tuning_job_status: TuningJobStatus
    creation_time: datetime
    hyper_parameter_tuning_end_time: datetime | None = None
    last_modified_time: datetime | None = None
    training_job_status_counters: StatusCounters
    objective_status_counters: ObjectiveCounters
    best_training_job: TrialSummary | None = None
    overall_best_training_job: TrialSummary | None = None
    warm_start_config: WarmStartConfig | None = None
    failure_reason: str | None = None
    tuning_job_completion_details: CompletionDetails | None = None
    consumed_resources: ConsumedResources | None = None


class TuningJobDetail(TuningJobDescription):
    """The REST face's view: the SageMaker description plus what the UI shows."""

    experiment_name: str
    trials_launched: int = Field(description="Trials the tuner has created so far")
    max_trials: int = Field(description="The budget: MaxNumberOfTrainingJobs (Grid: its size)")

    @classmethod
    def aws_fields(cls) -> set[str]:
        return set(TuningJobDescription.model_fields)


class TuningJobSummary(SageMakerModel):
    """``HyperParameterTuningJobSummary``: one row of ``ListHyperParameterTuningJobs``."""

    hyper_parameter_tuning_job_name: str
    hyper_parameter_tuning_job_arn: str
    hyper_parameter_tuning_job_status: TuningJobStatus
    strategy: Strategy
    creation_time: datetime
    hyper_parameter_tuning_end_time: datetime | None = None
    last_modified_time: datetime | None = None
    training_job_status_counters: StatusCounters
    objective_status_counters: ObjectiveCounters
    resource_limits: ResourceLimits | None = None


class SortOrder(str, Enum):
    ASCENDING = "Ascending"
    DESCENDING = "Descending"


class TuningJobSortBy(str, Enum):
    NAME = "Name"
    STATUS = "Status"
    CREATION_TIME = "CreationTime"


class TrialSortBy(str, Enum):
    NAME = "Name"
    CREATION_TIME = "CreationTime"
    STATUS = "Status"
    FINAL_OBJECTIVE_METRIC_VALUE = "FinalObjectiveMetricValue"


class TuningJobQuery(SageMakerModel):
    """Filters, order and paging of ``ListHyperParameterTuningJobs`` (SageMaker's defaults)."""

    name_contains: str | None = Field(default=None, max_length=63)
    status_equals: TuningJobStatus | None = None
    creation_time_after: datetime | None = None
    creation_time_before: datetime | None = None
    last_modified_time_after: datetime | None = None
    last_modified_time_before: datetime | None = None
    sort_by: TuningJobSortBy = TuningJobSortBy.NAME
    sort_order: SortOrder = SortOrder.ASCENDING
    max_results: int = Field(default=10, ge=1, le=100)
    next_token: str | None = None


class TuningJobPage(SageMakerModel):
    hyper_parameter_tuning_job_summaries: list[TuningJobSummary]
    next_token: str | None = None


class TrialQuery(SageMakerModel):
    """``ListTrainingJobsForHyperParameterTuningJob``'s filter, order and paging."""

    status_equals: TrainingJobStatus | None = None
    sort_by: TrialSortBy = TrialSortBy.NAME
    sort_order: SortOrder = SortOrder.ASCENDING
    max_results: int = Field(default=10, ge=1, le=100)
    next_token: str | None = None


class TrialPage(SageMakerModel):
    training_job_summaries: list[TrialSummary]
    next_token: str | None = None
