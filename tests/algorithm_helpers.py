"""Helpers for the built-in algorithm tests: data on disk as SageMaker's channels hold it, job
requests as boto3 sends them for an algorithm image, endpoints and transforms over the model."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path
from typing import Any

import numpy as np

from .endpoint_helpers import create_model, variant, wait_in_service
from .training_helpers import job_request, wait_for_end

FIXTURES = Path(__file__).parent / "fixtures" / "recordio"
#: Iris as the SageMaker SDK's record_set() writes it (float32 rows, float32 labels).
IRIS_RECORDS = FIXTURES / "iris-float32-labelled.pbr"
XGBOOST_URI = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"
KMEANS_URI = "382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1"


def write_csv(folder: Path, name: str, features: Any, labels: Any | None = None) -> str:
    """``features`` (with ``labels`` as the first column) as a headerless CSV in its own
    folder; the folder's ``file://`` URI (a channel's S3Prefix)."""
    path = folder / name / "data.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    table = features if labels is None else np.column_stack([labels, features])
    np.savetxt(path, table, delimiter=",", fmt="%.10g")
    return f"file://{path.parent}"


def copy_records(folder: Path, name: str) -> str:
    path = folder / name / "iris.pbr"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(IRIS_RECORDS.read_bytes())
    return f"file://{path.parent}"


def train(
    sagemaker: Any,
    name: str,
    image: str,
    hyperparameters: dict[str, str],
    channels: dict[str, str],
    output: str,
    content_type: str | None = None,
    timeout: float = 240,
) -> dict[str, Any]:
    """Run a training job of a built-in algorithm to its end (blocking); its description."""
    request = job_request(
        name,
        code_uri=None,
        output=output,
        image=image,
        instance_type="local",
        channels=channels,
        hyperparameters=hyperparameters,
    )
    del request["AlgorithmSpecification"]["MetricDefinitions"]
    if content_type:
        for channel in request["InputDataConfig"]:
            channel["ContentType"] = content_type
    sagemaker.create_training_job(**request)
    return wait_for_end(sagemaker, name, timeout)


def final_metrics(description: dict[str, Any]) -> dict[str, float]:
    return {item["MetricName"]: item["Value"] for item in description["FinalMetricDataList"]}


def model_files(description: dict[str, Any]) -> dict[str, bytes]:
    path = description["ModelArtifacts"]["S3ModelArtifacts"].removeprefix("file://")
    with tarfile.open(path, "r:gz") as tar:
        return {
            member.name: tar.extractfile(member).read()  # type: ignore[union-attr]
            for member in tar.getmembers()
            if member.isfile()
        }


def deploy(sagemaker: Any, name: str, image: str, artifact: str) -> None:
    """A model of ``artifact`` on ``image`` behind an endpoint ``name`` (blocking)."""
    create_model(sagemaker, name, artifact, image=image)
    sagemaker.create_endpoint_config(
        EndpointConfigName=name, ProductionVariants=[variant("A", name)]
    )
    sagemaker.create_endpoint(EndpointName=name, EndpointConfigName=name)
    wait_in_service(sagemaker, name)


def invoke(runtime: Any, endpoint: str, body: bytes, content_type: str, accept: str) -> Any:
    answer = runtime.invoke_endpoint(
        EndpointName=endpoint, Body=body, ContentType=content_type, Accept=accept
    )
    data = answer["Body"].read()
    assert answer["ContentType"].split(";")[0] == accept, answer["ContentType"]
    return json.loads(data) if "json" in accept else data


def csv_body(rows: Any) -> bytes:
    buffer = io.StringIO()
    np.savetxt(buffer, rows, delimiter=",", fmt="%.10g")
    return buffer.getvalue().encode()
