"""Helpers for tuning tests: a tiny script in S3, tuning requests as boto3 sends them, waits."""

from __future__ import annotations

import time
from typing import Any

from .training_helpers import fixture_code, make_bucket, upload_code

BUCKET = "tuning"
OBJECTIVE = {"Name": "score", "Regex": r"score=(-?[0-9.]+)"}


def tuning_code(s3_endpoint: str) -> str:
    make_bucket(s3_endpoint, BUCKET)
    return upload_code(s3_endpoint, BUCKET, "code/tune/sourcedir.tar.gz", fixture_code("tune"))


def ranges(
    continuous: list[dict[str, Any]] | None = None,
    integer: list[dict[str, Any]] | None = None,
    categorical: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "ContinuousParameterRanges": continuous or [],
        "IntegerParameterRanges": integer or [],
        "CategoricalParameterRanges": categorical or [],
    }


DEFAULT_RANGES = ranges(
    continuous=[
        {"Name": "x", "MinValue": "0.001", "MaxValue": "1.0", "ScalingType": "Logarithmic"}
    ],
    integer=[{"Name": "depth", "MinValue": "2", "MaxValue": "8", "ScalingType": "Auto"}],
    categorical=[{"Name": "kind", "Values": ["good", "bad"]}],
)


def definition(
    code: str,
    *,
    static: dict[str, str] | None = None,
    instance_type: str = "local",
    tuning_resources: bool = False,
    metrics: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    resources = {"InstanceType": instance_type, "InstanceCount": 1, "VolumeSizeInGB": 1}
    return {
        "StaticHyperParameters": {
            "sagemaker_program": '"train.py"',
            "sagemaker_submit_directory": f'"{code}"',
            **(static or {}),
        },
        "AlgorithmSpecification": {
            "TrainingImage": "default",
            "TrainingInputMode": "File",
            "MetricDefinitions": metrics or [OBJECTIVE],
        },
        "RoleArn": "arn:aws:iam::000000000000:role/SageMakerRole",
        "OutputDataConfig": {"S3OutputPath": f"s3://{BUCKET}/output"},
        ("HyperParameterTuningResourceConfig" if tuning_resources else "ResourceConfig"): resources,
        "StoppingCondition": {"MaxRuntimeInSeconds": 300},
    }


def tuning_request(
    name: str,
    code: str,
    *,
    strategy: str = "Random",
    max_jobs: int | None = 4,
    parallel: int = 2,
    parameter_ranges: dict[str, Any] | None = None,
    objective_type: str = "Maximize",
    static: dict[str, str] | None = None,
    seed: int | None = 7,
    **config: Any,
) -> dict[str, Any]:
    limits: dict[str, Any] = {"MaxParallelTrainingJobs": parallel}
    if max_jobs is not None:
        limits["MaxNumberOfTrainingJobs"] = max_jobs
    tuning_config: dict[str, Any] = {
        "Strategy": strategy,
        "HyperParameterTuningJobObjective": {"Type": objective_type, "MetricName": "score"},
        "ResourceLimits": limits,
        "ParameterRanges": parameter_ranges or DEFAULT_RANGES,
        **config,
    }
    if seed is not None:
        tuning_config["RandomSeed"] = seed
    return {
        "HyperParameterTuningJobName": name,
        "HyperParameterTuningJobConfig": tuning_config,
        "TrainingJobDefinition": definition(code, static=static),
    }


ENDED = ("Completed", "Failed", "Stopped")


def wait_for_tuning(sagemaker: Any, name: str, timeout: float = 180) -> dict[str, Any]:
    """Poll DescribeHyperParameterTuningJob until it ends (blocking; run it in a thread)."""
    deadline = time.monotonic() + timeout
    while True:
        description = sagemaker.describe_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=name
        )
        if description["HyperParameterTuningJobStatus"] in ENDED:
            return description
        if time.monotonic() > deadline:
            raise AssertionError(f"{name} still running after {timeout}s: {description}")
        time.sleep(0.1)


def wait_until(check: Any, timeout: float = 120, what: str = "the condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not hold within {timeout}s")
        time.sleep(0.05)


def all_trials(sagemaker: Any, name: str, **query: Any) -> list[dict[str, Any]]:
    """Every trial, following NextToken."""
    found: list[dict[str, Any]] = []
    token = None
    while True:
        extra = {"NextToken": token} if token else {}
        page = sagemaker.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=name, **query, **extra
        )
        found += page["TrainingJobSummaries"]
        token = page.get("NextToken")
        if not token:
            return found
