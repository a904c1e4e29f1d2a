"""Helpers for training-job tests: data and code in a real S3 server, boto3 against the face."""

from __future__ import annotations

import contextlib
import io
import tarfile
import time
from pathlib import Path
from typing import Any

import boto3

FIXTURES = Path(__file__).parent / "fixtures"


def s3_client(endpoint: str) -> Any:
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")


def make_bucket(endpoint: str, name: str) -> str:
    client = s3_client(endpoint)
    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(Bucket=name)
    return name


def upload_iris(endpoint: str, bucket: str, key: str = "data/train/iris.csv") -> str:
    from sklearn.datasets import load_iris

    data = load_iris()
    rows = [
        ",".join(f"{value:g}" for value in [*features, label])
        for features, label in zip(data.data, data.target, strict=True)
    ]
    s3_client(endpoint).put_object(Bucket=bucket, Key=key, Body="\n".join(rows).encode())
    return f"s3://{bucket}/{key.rsplit('/', 1)[0]}"


def upload_code(endpoint: str, bucket: str, key: str, files: dict[str, str]) -> str:
    """A sourcedir.tar.gz, as SageMaker's SDK packs script-mode code."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    s3_client(endpoint).put_object(Bucket=bucket, Key=key, Body=buffer.getvalue())
    return f"s3://{bucket}/{key}"


def fixture_code(name: str) -> dict[str, str]:
    folder = FIXTURES / name
    return {path.name: path.read_text() for path in folder.iterdir() if path.is_file()}


def job_request(
    name: str,
    *,
    code_uri: str | None,
    output: str,
    program: str = "train.py",
    image: str = "default",
    instance_type: str = "ml.m5.large",
    count: int = 1,
    channels: dict[str, str] | None = None,
    hyperparameters: dict[str, str] | None = None,
    metrics: dict[str, str] | None = None,
    max_runtime: int = 600,
    **extra: Any,
) -> dict[str, Any]:
    hps = dict(hyperparameters or {})
    if code_uri:
        hps.update(
            {"sagemaker_program": f'"{program}"', "sagemaker_submit_directory": f'"{code_uri}"'}
        )
    request = {
        "TrainingJobName": name,
        "AlgorithmSpecification": {
            "TrainingImage": image,
            "TrainingInputMode": "File",
            "MetricDefinitions": [
                {"Name": key, "Regex": regex} for key, regex in (metrics or {}).items()
            ],
        },
        "RoleArn": "arn:aws:iam::000000000000:role/SageMakerRole",
        "HyperParameters": hps,
        "OutputDataConfig": {"S3OutputPath": output},
        "ResourceConfig": {
            "InstanceType": instance_type,
            "InstanceCount": count,
            "VolumeSizeInGB": 1,
        },
        "StoppingCondition": {"MaxRuntimeInSeconds": max_runtime},
        **extra,
    }
    if channels:
        request["InputDataConfig"] = [
            {
                "ChannelName": channel,
                "DataSource": {
                    "S3DataSource": {
                        "S3DataType": "S3Prefix",
                        "S3Uri": uri,
                        "S3DataDistributionType": "FullyReplicated",
                    }
                },
            }
            for channel, uri in channels.items()
        ]
    return request


def wait_for_end(sagemaker: Any, name: str, timeout: float = 180) -> dict[str, Any]:
    """Poll DescribeTrainingJob until a terminal status (blocking; run it in a thread)."""
    deadline = time.monotonic() + timeout
    while True:
        description = sagemaker.describe_training_job(TrainingJobName=name)
        if description["TrainingJobStatus"] in ("Completed", "Failed", "Stopped"):
            return description
        if time.monotonic() > deadline:
            raise AssertionError(f"{name} still {description['SecondaryStatus']} after {timeout}s")
        time.sleep(0.1)


def wait_for_status(
    sagemaker: Any, name: str, secondary: str, timeout: float = 120
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        description = sagemaker.describe_training_job(TrainingJobName=name)
        if description["SecondaryStatus"] == secondary:
            return description
        if (
            description["TrainingJobStatus"] in ("Completed", "Failed", "Stopped")
            or time.monotonic() > deadline
        ):
            raise AssertionError(
                f"{name} never reached {secondary}: {description['SecondaryStatus']} {description.get('FailureReason')}"
            )
        time.sleep(0.05)


def read_tarball(endpoint: str, uri: str) -> dict[str, bytes]:
    bucket, key = uri.removeprefix("s3://").split("/", 1)
    body = s3_client(endpoint).get_object(Bucket=bucket, Key=key)["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(body), mode="r:gz") as tar:
        return {
            member.name: tar.extractfile(member).read()
            for member in tar.getmembers()
            if member.isfile()
        }
