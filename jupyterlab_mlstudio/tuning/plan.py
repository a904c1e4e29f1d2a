"""A tuning request read into what the tuner needs, checked by SageMaker's rules.

``Plan.read`` refuses a request that SageMaker would refuse, with a message that names the
field: the objective must be one of the definition's metrics, Grid takes categorical ranges
only and derives the number of trials, Hyperband refuses ``Auto`` early stopping and needs
its resources, logarithmic ranges need positive bounds, and the limits are SageMaker's. The
plan also writes each trial's CreateTrainingJob request.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Any

from ..algorithms.jobs import check_tuning
from ..core.errors import InvalidInput
from ..objects.router import join_uri
from ..training.models import (
    AlgorithmSpecification,
    CheckpointConfig,
    CreateTrainingJobRequest,
    ExperimentConfig,
    ResourceConfig,
)
from .models import (
    CreateTuningJobRequest,
    TrainingJobDefinition,
    TuningObjective,
)
from .space import Definition, SearchSpace, parameters

#: The hyperparameter SageMaker adds to every trial: the objective's metric name.
OBJECTIVE_HYPERPARAMETER = "_tuning_objective_metric"
#: Static hyperparameters Hyperband reads MaxResource from when it is not given.
EPOCH_KEYS = ("epochs", "numepochs", "n-epochs", "n_epochs", "num_epochs")
MAX_HYPERBAND_RESOURCE = 20_000
#: The largest Grid this server runs (SageMaker's per-job limit on training jobs).
MAX_GRID = 10_000
#: The job count limit as SageMaker documents it.
MAX_TRIALS = 10_000


def trial_name(tuning_job: str, number: int, params: dict[str, Any]) -> str:
    """``<tuning-job>-<NNN>-<8 hex>`` as SageMaker names trials; the same every time for the
    same trial (a restart finds what it created)."""
    digest = hashlib.sha256(f"{tuning_job}:{number}:{sorted(params.items())}".encode())
    return f"{tuning_job}-{number:03d}-{digest.hexdigest()[:8]}"


@dataclass
class Plan:
    """What the tuner runs: definitions, search space, budget, objective and rules."""

    request: CreateTuningJobRequest
    definitions: list[TrainingJobDefinition]
    fields: list[str]  # each definition's field name in errors
    objectives: list[TuningObjective]
    space: SearchSpace
    budget: int

    @property
    def config(self) -> Any:
        return self.request.hyper_parameter_tuning_job_config

    @property
    def strategy(self) -> str:
        return str(self.config.strategy)

    @property
    def maximize(self) -> bool:
        return self.objectives[0].type == "Maximize"

    @property
    def parallel(self) -> int:
        return int(self.config.resource_limits.max_parallel_training_jobs)

    @property
    def early_stopping(self) -> bool:
        return bool(self.config.training_job_early_stopping_type == "Auto")

    def hyperband(self) -> tuple[int, int] | None:
        """(MinResource, MaxResource) of a Hyperband search."""
        if self.strategy != "Hyperband":
            return None
        settings = (
            self.config.strategy_config and self.config.strategy_config.hyperband_strategy_config
        )
        low = (settings and settings.min_resource) or 1
        high = settings and settings.max_resource
        if high is None:
            high = _epochs(self.definitions[0].static_hyper_parameters)
        return int(low), int(high or 1)

    def objective_of(self, definition: Definition) -> TuningObjective:
        return self.objectives[definition.index]

    # -- reading ---------------------------------------------------------------------------

    @classmethod
    def read(cls, request: CreateTuningJobRequest) -> Plan:
        config = request.hyper_parameter_tuning_job_config
        if request.autotune:
            raise InvalidInput(
                "Autotune is not supported here: give the strategy and ranges", field="Autotune"
            )
        single, several = request.training_job_definition, request.training_job_definitions
        if (single is None) == (several is None):
            raise InvalidInput(
                "Give exactly one of TrainingJobDefinition and TrainingJobDefinitions",
                field="TrainingJobDefinition",
            )
        if single is not None:
            definitions, fields = [single], ["TrainingJobDefinition"]
            objectives, space = _single(config, single)
        else:
            assert several is not None
            definitions = list(several)
            fields = [f"TrainingJobDefinitions.{index}" for index in range(len(several))]
            objectives, space = _several(config, definitions, fields)
        for definition, field, objective in zip(definitions, fields, objectives, strict=True):
            _check_definition(definition, field, objective, config.parameter_ranges)
        budget = _budget(config, space)
        plan = cls(request, definitions, fields, objectives, space, budget)
        _check_strategy(plan)
        return plan

    # -- trials ----------------------------------------------------------------------------

    def trial_request(
        self,
        tuning_job: str,
        name: str,
        definition: Definition,
        tuned: dict[str, str],
    ) -> CreateTrainingJobRequest:
        """The CreateTrainingJob request of one trial: the definition, its static and tuned
        hyperparameters, and the objective's name as SageMaker passes it."""
        source = self.definitions[definition.index]
        objective = self.objective_of(definition)
        hyperparameters = {
            **source.static_hyper_parameters,
            **tuned,
            OBJECTIVE_HYPERPARAMETER: objective.metric_name,
        }
        checkpoint = source.checkpoint_config
        if checkpoint is not None:  # every trial keeps its own checkpoints
            checkpoint = CheckpointConfig(
                s3_uri=join_uri(checkpoint.s3_uri, name), local_path=checkpoint.local_path
            )
        spec = source.algorithm_specification
        output = source.output_data_config
        if output.kms_key_id is None:
            # SageMaker describes every job with a KmsKeyId ("" for none); the SDK's
            # best_estimator() reads it from the trial's description.
            output = output.model_copy(update={"kms_key_id": ""})
        return CreateTrainingJobRequest(
            training_job_name=name,
            algorithm_specification=AlgorithmSpecification(
                training_image=spec.training_image or "default",
                training_input_mode=spec.training_input_mode,
                metric_definitions=spec.metric_definitions,
            ),
            role_arn=source.role_arn,
            hyper_parameters=hyperparameters,
            input_data_config=source.input_data_config,
            output_data_config=output,
            resource_config=resource_config(source),
            stopping_condition=source.stopping_condition,
            checkpoint_config=checkpoint,
            environment=source.environment,
            experiment_config=ExperimentConfig(experiment_name=tuning_job, run_name=name),
        )


def resource_config(definition: TrainingJobDefinition) -> ResourceConfig:
    """ResourceConfig, or the one HyperParameterTuningResourceConfig implies (its first
    instance configuration when it lists several)."""
    if definition.resource_config is not None:
        return definition.resource_config
    tuning = definition.hyper_parameter_tuning_resource_config
    assert tuning is not None
    if tuning.instance_configs:
        first = tuning.instance_configs[0]
        return ResourceConfig.model_validate(
            {
                "InstanceType": first.instance_type,
                "InstanceCount": first.instance_count,
                "VolumeSizeInGB": first.volume_size_in_gb,
            }
        )
    return ResourceConfig.model_validate(
        {
            "InstanceType": tuning.instance_type or "",
            "InstanceCount": tuning.instance_count or 1,
            "VolumeSizeInGB": tuning.volume_size_in_gb or 30,
        }
    )


def _epochs(static: dict[str, str]) -> int | None:
    for key in EPOCH_KEYS:
        if key in static:
            try:
                return int(float(static[key].strip('"')))
            except ValueError:
                return None
    return None


def _single(
    config: Any, definition: TrainingJobDefinition
) -> tuple[list[TuningObjective], SearchSpace]:
    objective = config.hyper_parameter_tuning_job_objective or definition.tuning_objective
    if objective is None:
        raise InvalidInput(
            "HyperParameterTuningJobObjective is required with a TrainingJobDefinition",
            field="HyperParameterTuningJobConfig.HyperParameterTuningJobObjective",
        )
    ranges = config.parameter_ranges or definition.hyper_parameter_ranges
    field = "HyperParameterTuningJobConfig.ParameterRanges"
    if ranges is None:
        raise InvalidInput("ParameterRanges is required with a TrainingJobDefinition", field=field)
    found = parameters(ranges, field)
    return [objective], SearchSpace([Definition(None, 0, tuple(found))])


def _several(
    config: Any, definitions: list[TrainingJobDefinition], fields: list[str]
) -> tuple[list[TuningObjective], SearchSpace]:
    if config.parameter_ranges is not None:
        raise InvalidInput(
            "With TrainingJobDefinitions, give each definition its HyperParameterRanges",
            field="HyperParameterTuningJobConfig.ParameterRanges",
        )
    names: set[str] = set()
    objectives: list[TuningObjective] = []
    found: list[Definition] = []
    for index, (definition, field) in enumerate(zip(definitions, fields, strict=True)):
        name = definition.definition_name
        if not name:
            raise InvalidInput(
                f"{field}.DefinitionName is required with several definitions",
                field=f"{field}.DefinitionName",
            )
        if name in names:
            raise InvalidInput(
                f"{field}.DefinitionName {name} is used twice", field=f"{field}.DefinitionName"
            )
        names.add(name)
        objective = definition.tuning_objective or config.hyper_parameter_tuning_job_objective
        if objective is None:
            raise InvalidInput(
                f"{field}.TuningObjective is required", field=f"{field}.TuningObjective"
            )
        if objectives and objective.type != objectives[0].type:
            raise InvalidInput(
                f"{field}.TuningObjective.Type must be the same in every definition",
                field=f"{field}.TuningObjective.Type",
            )
        objectives.append(objective)
        if definition.hyper_parameter_ranges is None:
            raise InvalidInput(
                f"{field}.HyperParameterRanges is required", field=f"{field}.HyperParameterRanges"
            )
        ranges = parameters(
            definition.hyper_parameter_ranges, f"{field}.HyperParameterRanges", prefix=f"{name}."
        )
        found.append(Definition(name, index, tuple(ranges)))
    return objectives, SearchSpace(found)


def _check_definition(
    definition: TrainingJobDefinition,
    field: str,
    objective: TuningObjective,
    shared_ranges: Any = None,
) -> None:
    spec = definition.algorithm_specification
    if spec.algorithm_name:
        raise InvalidInput(
            "AlgorithmName (algorithms from AWS Marketplace) is not available here: give a "
            "TrainingImage",
            field=f"{field}.AlgorithmSpecification.AlgorithmName",
        )
    if not spec.training_image:
        raise InvalidInput(
            "TrainingImage is required", field=f"{field}.AlgorithmSpecification.TrainingImage"
        )
    ranges = shared_ranges or definition.hyper_parameter_ranges
    names: list[str] = []
    if ranges is not None:
        for group in (
            ranges.continuous_parameter_ranges,
            ranges.integer_parameter_ranges,
            ranges.categorical_parameter_ranges,
        ):
            names.extend(item.name for item in group)
    # A built-in algorithm brings its own metrics (the trials' jobs list them).
    builtin = check_tuning(definition, objective.metric_name, names, field)
    metrics = builtin or [item.name for item in spec.metric_definitions]
    if objective.metric_name not in metrics:
        known = ", ".join(metrics) or "none"
        raise InvalidInput(
            f"The objective metric {objective.metric_name} is not one of the definition's "
            f"MetricDefinitions ({known})",
            field=f"{field}.AlgorithmSpecification.MetricDefinitions",
        )
    if (
        definition.resource_config is None
        and definition.hyper_parameter_tuning_resource_config is None
    ):
        raise InvalidInput(
            "Give ResourceConfig or HyperParameterTuningResourceConfig",
            field=f"{field}.ResourceConfig",
        )
    tuning = definition.hyper_parameter_tuning_resource_config
    if tuning is not None and not tuning.instance_configs and not tuning.instance_type:
        raise InvalidInput(
            "HyperParameterTuningResourceConfig needs InstanceType or InstanceConfigs",
            field=f"{field}.HyperParameterTuningResourceConfig.InstanceType",
        )
    if OBJECTIVE_HYPERPARAMETER in definition.static_hyper_parameters:
        # The SDK's best_estimator() re-sends it; it is ours to set, so the objective wins.
        definition.static_hyper_parameters.pop(OBJECTIVE_HYPERPARAMETER)


def _budget(config: Any, space: SearchSpace) -> int:
    limits = config.resource_limits
    field = "HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs"
    if config.strategy == "Grid":
        numeric = [
            parameter.name
            for definition in space.definitions
            for parameter in definition.parameters
            if parameter.kind != "categorical"
        ]
        if numeric:
            raise InvalidInput(
                f"The Grid strategy searches categorical ranges only; {numeric[0]} is numeric",
                field="HyperParameterTuningJobConfig.ParameterRanges",
            )
        size = sum(
            math.prod(len(parameter.values) for parameter in definition.parameters)
            for definition in space.definitions
        )
        if size > MAX_GRID:
            raise InvalidInput(
                f"The grid has {size} combinations; at most {MAX_GRID} can run", field=field
            )
        given = limits.max_number_of_training_jobs
        if given is not None and given != size:
            raise InvalidInput(
                f"With the Grid strategy MaxNumberOfTrainingJobs is the number of combinations "
                f"({size}); leave it out or give {size}, not {given}",
                field=field,
            )
        return size
    if limits.max_number_of_training_jobs is None:
        raise InvalidInput(
            f"MaxNumberOfTrainingJobs is required with the {config.strategy} strategy", field=field
        )
    if limits.max_parallel_training_jobs > limits.max_number_of_training_jobs:
        raise InvalidInput(
            "MaxParallelTrainingJobs cannot exceed MaxNumberOfTrainingJobs",
            field="HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs",
        )
    return int(limits.max_number_of_training_jobs)


def _check_strategy(plan: Plan) -> None:
    config = plan.config
    hyperband = config.strategy_config and config.strategy_config.hyperband_strategy_config
    if plan.strategy != "Hyperband":
        if hyperband is not None:
            raise InvalidInput(
                "StrategyConfig.HyperbandStrategyConfig needs the Hyperband strategy",
                field="HyperParameterTuningJobConfig.StrategyConfig",
            )
        return
    if plan.early_stopping:
        raise InvalidInput(
            "The Hyperband strategy stops training jobs itself; TrainingJobEarlyStoppingType "
            "must be Off",
            field="HyperParameterTuningJobConfig.TrainingJobEarlyStoppingType",
        )
    field = "HyperParameterTuningJobConfig.StrategyConfig.HyperbandStrategyConfig"
    low = (hyperband and hyperband.min_resource) or 1
    high = hyperband and hyperband.max_resource
    if high is None:
        high = _epochs(plan.definitions[0].static_hyper_parameters)
        if high is None:
            raise InvalidInput(
                "Hyperband needs MaxResource, or a static hyperparameter it can read it from "
                f"({', '.join(EPOCH_KEYS)})",
                field=f"{field}.MaxResource",
            )
    if high > MAX_HYPERBAND_RESOURCE:
        raise InvalidInput(
            f"MaxResource must be at most {MAX_HYPERBAND_RESOURCE}", field=f"{field}.MaxResource"
        )
    if low > high:
        raise InvalidInput(
            f"MinResource ({low}) cannot exceed MaxResource ({high})", field=f"{field}.MinResource"
        )
