"""SageMaker's training contract: the /opt/ml layout, config files, SM_* environment, command.

Identical on every backend, so a script that runs here runs on SageMaker. ``ml_root`` is where
the job folder appears inside the unit: ``/opt/ml`` for containers and for processes with a
private mount, the job folder itself otherwise.
"""

from __future__ import annotations

import json
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..compute.models import InstanceType
from ..core.errors import InvalidInput
from .models import CreateTrainingJobRequest

ML_ROOT = "/opt/ml"
SCRIPT_PROGRAM = "sagemaker_program"
SCRIPT_SUBMIT_DIR = "sagemaker_submit_directory"


def host_names(count: int) -> list[str]:
    return [f"algo-{index}" for index in range(1, count + 1)]


@dataclass(frozen=True)
class Layout:
    """The /opt/ml tree of one host, rooted anywhere."""

    root: str

    def path(self, *parts: str) -> str:
        return "/".join([self.root.rstrip("/"), *parts])

    @property
    def input(self) -> str:
        return self.path("input")

    @property
    def config(self) -> str:
        return self.path("input", "config")

    @property
    def data(self) -> str:
        return self.path("input", "data")

    def channel(self, name: str) -> str:
        return self.path("input", "data", name)

    @property
    def model(self) -> str:
        return self.path("model")

    @property
    def output(self) -> str:
        return self.path("output")

    @property
    def output_data(self) -> str:
        return self.path("output", "data")

    @property
    def intermediate(self) -> str:
        return self.path("output", "intermediate")

    @property
    def failure(self) -> str:
        return self.path("output", "failure")

    @property
    def checkpoints(self) -> str:
        return self.path("checkpoints")

    @property
    def code(self) -> str:
        return self.path("code")

    def make(self, channels: list[str]) -> None:
        """Create the tree on this machine (for a server-side root)."""
        for folder in (
            self.config,
            self.model,
            self.output_data,
            self.intermediate,
            self.checkpoints,
            self.code,
        ):
            Path(folder).mkdir(parents=True, exist_ok=True)
        for name in channels:
            Path(self.channel(name)).mkdir(parents=True, exist_ok=True)


def decode_hyperparameter(value: str) -> Any:
    """SageMaker's SDK JSON-encodes hyperparameter values (``'"adam"'``, ``'10'``); plain
    strings pass through."""
    try:
        return json.loads(value)
    except (ValueError, TypeError):
        return value


def script_mode(request: CreateTrainingJobRequest) -> tuple[str, str] | None:
    """(program, submit directory URI) when the job uses script mode."""
    hps = request.hyper_parameters
    if SCRIPT_PROGRAM not in hps:
        return None
    program = str(decode_hyperparameter(hps[SCRIPT_PROGRAM]))
    submit = hps.get(SCRIPT_SUBMIT_DIR)
    if not submit:
        raise InvalidInput(
            f"{SCRIPT_PROGRAM} needs {SCRIPT_SUBMIT_DIR}: the s3:// or file:// URI of the code",
            field=f"HyperParameters.{SCRIPT_SUBMIT_DIR}",
        )
    if Path(program).is_absolute() or ".." in Path(program).parts:
        raise InvalidInput(
            f"{SCRIPT_PROGRAM} must be a path inside the code folder",
            field=f"HyperParameters.{SCRIPT_PROGRAM}",
        )
    return program, str(decode_hyperparameter(submit))


#: What a tuning job adds to its trials' hyperparameters; the training toolkit keeps it out of
#: the script's arguments, as it does the ``sagemaker_*`` values.
TUNING_OBJECTIVE = "_tuning_objective_metric"


def user_hyperparameters(request: CreateTrainingJobRequest) -> dict[str, Any]:
    """Hyperparameters meant for the algorithm (not the ``sagemaker_*`` control values, nor a
    tuning job's objective name), decoded."""
    return {
        key: decode_hyperparameter(value)
        for key, value in request.hyper_parameters.items()
        if not key.startswith("sagemaker_") and key != TUNING_OBJECTIVE
    }


def _cli_value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def user_args(request: CreateTrainingJobRequest) -> list[str]:
    args: list[str] = []
    for key, value in user_hyperparameters(request).items():
        args += [f"--{key}", _cli_value(value)]
    return args


def write_config(
    layout: Layout,
    request: CreateTrainingJobRequest,
    hosts: list[str],
    host: str,
    instance_type: str,
) -> None:
    """hyperparameters.json, inputdataconfig.json and resourceconfig.json for one host."""
    config = Path(layout.config)
    config.mkdir(parents=True, exist_ok=True)
    (config / "hyperparameters.json").write_text(json.dumps(request.hyper_parameters))
    (config / "inputdataconfig.json").write_text(json.dumps(input_data_config(request)))
    (config / "resourceconfig.json").write_text(
        json.dumps(resource_config(hosts, host, instance_type))
    )


def input_data_config(request: CreateTrainingJobRequest) -> dict[str, Any]:
    result = {}
    for channel in request.input_data_config:
        entry: dict[str, Any] = {
            "TrainingInputMode": channel.input_mode
            or request.algorithm_specification.training_input_mode,
            "S3DistributionType": channel.data_source.s3_data_source.s3_data_distribution_type,
            "RecordWrapperType": channel.record_wrapper_type or "None",
        }
        if channel.content_type:
            entry["ContentType"] = channel.content_type
        result[channel.channel_name] = entry
    return result


def resource_config(hosts: list[str], host: str, instance_type: str) -> dict[str, Any]:
    return {
        "current_host": host,
        "current_instance_type": instance_type,
        "current_group_name": "homogeneousCluster",
        "hosts": hosts,
        "instance_groups": [
            {
                "instance_group_name": "homogeneousCluster",
                "instance_type": instance_type,
                "hosts": hosts,
            }
        ],
        "network_interface_name": "eth0",
    }


def environment(
    request: CreateTrainingJobRequest,
    *,
    layout: Layout,
    hosts: list[str],
    host: str,
    instance_type: InstanceType,
    job_arn: str,
    code_uri: str | None,
) -> dict[str, str]:
    """The SM_* environment of one host, as SageMaker's training toolkit sets it."""
    hyperparameters = user_hyperparameters(request)
    channels = [channel.channel_name for channel in request.input_data_config]
    script = script_mode(request)
    program = script[0] if script else ""
    module_name = program[:-3] if program.endswith(".py") else program
    num_cpus = int(max(1, round(instance_type.effective_vcpus)))
    data_config = input_data_config(request)
    resources = resource_config(hosts, host, instance_type.name)
    training_env = {
        "additional_framework_parameters": {},
        "channel_input_dirs": {name: layout.channel(name) for name in channels},
        "current_host": host,
        "current_instance_group": "homogeneousCluster",
        "current_instance_type": instance_type.name,
        "framework_module": None,
        "hosts": hosts,
        "hyperparameters": hyperparameters,
        "input_config_dir": layout.config,
        "input_data_config": data_config,
        "input_dir": layout.input,
        "is_master": host == hosts[0],
        "job_name": request.training_job_name,
        "log_level": 20,
        "master_hostname": hosts[0],
        "model_dir": layout.model,
        "module_dir": code_uri or "",
        "module_name": module_name,
        "network_interface_name": "eth0",
        "num_cpus": num_cpus,
        "num_gpus": instance_type.gpus,
        "num_neurons": 0,
        "output_data_dir": layout.output_data,
        "output_dir": layout.output,
        "output_intermediate_dir": layout.intermediate,
        "resource_config": resources,
        "user_entry_point": program,
    }
    env = {
        "SM_HOSTS": json.dumps(hosts),
        "SM_CURRENT_HOST": host,
        "SM_CURRENT_INSTANCE_TYPE": instance_type.name,
        "SM_IS_MASTER": json.dumps(host == hosts[0]),
        "SM_MASTER_ADDR": hosts[0],
        "SM_NETWORK_INTERFACE_NAME": "eth0",
        "SM_HPS": json.dumps(hyperparameters),
        "SM_USER_ENTRY_POINT": program,
        "SM_FRAMEWORK_PARAMS": "{}",
        "SM_RESOURCE_CONFIG": json.dumps(resources),
        "SM_INPUT_DATA_CONFIG": json.dumps(data_config),
        "SM_OUTPUT_DATA_DIR": layout.output_data,
        "SM_CHANNELS": json.dumps(channels),
        "SM_MODULE_NAME": module_name,
        "SM_LOG_LEVEL": "20",
        "SM_FRAMEWORK_MODULE": "",
        "SM_INPUT_DIR": layout.input,
        "SM_INPUT_CONFIG_DIR": layout.config,
        "SM_OUTPUT_DIR": layout.output,
        "SM_OUTPUT_INTERMEDIATE_DIR": layout.intermediate,
        "SM_NUM_CPUS": str(num_cpus),
        "SM_NUM_GPUS": str(instance_type.gpus),
        "SM_NUM_NEURONS": "0",
        "SM_MODEL_DIR": layout.model,
        "SM_MODULE_DIR": code_uri or "",
        "SM_USER_ARGS": json.dumps(user_args(request)),
        "SM_TRAINING_ENV": json.dumps(training_env),
        "TRAINING_JOB_NAME": request.training_job_name,
        "TRAINING_JOB_ARN": job_arn,
        "PYTHONUNBUFFERED": "1",
    }
    for name in channels:
        env[f"SM_CHANNEL_{name.upper()}"] = layout.channel(name)
    for key, value in hyperparameters.items():
        env[f"SM_HP_{key.upper()}"] = _cli_value(value)
    env.update(request.environment)
    return env


@dataclass(frozen=True)
class Command:
    """What to run and where: ``entrypoint`` replaces the image's own (None keeps it)."""

    entrypoint: list[str] | None
    args: list[str]
    workdir: str | None


def command(
    request: CreateTrainingJobRequest,
    layout: Layout,
    has_own_entrypoint: bool,
    interpreter: str | None = None,
) -> Command:
    """Script mode, ContainerEntrypoint/ContainerArguments, or the image's own ``train``.

    ``interpreter`` is the image's Python when the backend knows it (a local environment);
    in a container image, script mode runs whichever of python3 or python it has.
    """
    spec = request.algorithm_specification
    script = script_mode(request)
    if spec.container_entrypoint:
        return Command(spec.container_entrypoint, list(spec.container_arguments or []), None)
    if script is not None:
        program = script[0]
        if interpreter:
            return Command([interpreter], [program, *user_args(request)], layout.code)
        runner = 'exec "$(command -v python3 || command -v python)" "$@"'
        return Command(
            ["/bin/sh", "-c", runner, "python"], [program, *user_args(request)], layout.code
        )
    if not has_own_entrypoint:
        from ..algorithms.catalogue import for_image

        algorithm = for_image(spec.training_image)
        if algorithm is not None:
            # A built-in algorithm runs in this package, in the image's (the server's) Python.
            python = interpreter or sys.executable
            module = "jupyterlab_mlstudio.algorithms"
            return Command([python, "-m", module, "train", algorithm.name], [], None)
    if spec.container_arguments:
        return Command(None, list(spec.container_arguments), None)
    if not has_own_entrypoint:
        raise InvalidInput(
            f"Image {spec.training_image} has no train command: give the sagemaker_program and "
            "sagemaker_submit_directory hyperparameters (script mode) or a ContainerEntrypoint.",
            field="AlgorithmSpecification",
        )
    return Command(None, ["train"], None)


def describe_command(cmd: Command) -> str:
    return shlex.join([*(cmd.entrypoint or []), *cmd.args])
