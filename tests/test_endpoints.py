"""Endpoints end to end through boto3 on the process backend: a real model served by real
serving units, two weighted variants, SageMaker's errors, data capture, deletion.

One endpoint with two variants carries most checks, so the suite starts serving units once.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from .aws_helpers import aws_url, in_thread
from .endpoint_helpers import (
    breast_cancer,
    clients,
    create_model,
    csv_rows,
    invoke,
    model_artifact,
    stop_endpoint_units,
    variant,
    wait_for,
    wait_in_service,
)


@pytest.fixture
def mlstudio_config():
    return {"docker_enabled": False, "endpoint_capture_flush_seconds": 0.2}


@pytest.fixture
def aws(jp_fetch, jp_http_port, jp_base_url, jp_serverapp, services):
    yield clients(aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token)
    stop_endpoint_units(services)


@pytest.fixture
def artifact(jp_root_dir: Path):
    data, model = model_artifact()
    path = jp_root_dir / "artifacts" / "model.tar.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return f"file://{path}", model


def _error(call, *args, **kwargs) -> dict:
    with pytest.raises(ClientError) as raised:
        call(*args, **kwargs)
    return raised.value.response


async def test_two_weighted_variants_serve_a_real_model_through_boto3(
    aws, artifact, jp_root_dir, api
):
    sagemaker, runtime, _ = aws
    uri, model = artifact
    features, _ = breast_cancer()
    capture = f"file://{jp_root_dir}/capture"

    # Given two models of one artifact (told apart by MODEL_TAG) in a config with weights 1 : 3
    for tag in ("a", "b"):
        await in_thread(create_model, sagemaker, f"lr-{tag}", uri, MODEL_TAG=tag)
    await in_thread(
        sagemaker.create_endpoint_config,
        EndpointConfigName="split",
        ProductionVariants=[variant("A", "lr-a", 1.0), variant("B", "lr-b", 3.0)],
        DataCaptureConfig={
            "EnableCapture": True,
            "InitialSamplingPercentage": 100,
            "DestinationS3Uri": capture,
            "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
            "CaptureContentTypeHeader": {
                "CsvContentTypes": ["text/csv"],
                "JsonContentTypes": ["application/json"],
            },
        },
    )

    # When the endpoint is created, boto3's waiter sees it InService
    arn = (
        await in_thread(sagemaker.create_endpoint, EndpointName="split", EndpointConfigName="split")
    )["EndpointArn"]
    assert arn.endswith(":endpoint/split")
    described = await in_thread(wait_in_service, sagemaker, "split")
    by_name = {item["VariantName"]: item for item in described["ProductionVariants"]}
    assert by_name["B"]["CurrentWeight"] == 3.0 and by_name["B"]["CurrentInstanceCount"] == 1
    assert described["DataCaptureConfig"]["CaptureStatus"] == "Started"

    # Then it answers with the model's own predictions
    rows = features[:5]
    answer, answered_by = await in_thread(invoke, runtime, "split", csv_rows(rows))
    expected = model.predict_proba(rows)[:, 1]
    assert answer["probabilities"] == pytest.approx(expected.tolist(), abs=1e-5)
    assert (answer["tag"], answered_by) in {("a", "A"), ("b", "B")}

    # And traffic splits 1 : 3 (binomial test, 4.5 standard deviations)
    def split(count: int) -> dict[str, int]:
        seen = {"A": 0, "B": 0}
        for index in range(count):
            _, name = invoke(runtime, "split", csv_rows(features[index % 50 : index % 50 + 1]))
            seen[name] += 1
        return seen

    seen = await in_thread(split, 400)
    assert abs(seen["B"] - 300) < 4.5 * math.sqrt(400 * 0.75 * 0.25), seen

    # And TargetVariant pins a variant
    pinned = await in_thread(
        lambda: {invoke(runtime, "split", csv_rows(rows), TargetVariant="A")[1] for _ in range(20)}
    )
    assert pinned == {"A"}

    # A model that raises is SageMaker's ModelError (424) with the container's message...
    failed = await in_thread(
        _error, runtime.invoke_endpoint, EndpointName="split", Body=b"1,2,3", ContentType="text/csv"
    )
    assert failed["Error"]["Code"] == "ModelError"
    assert failed["ResponseMetadata"]["HTTPStatusCode"] == 424
    assert failed["OriginalStatusCode"] >= 400
    assert "expected 30 features" in failed["OriginalMessage"]
    assert failed["LogStreamArn"].startswith("arn:aws:logs:")
    # ...and the endpoint keeps serving
    assert (await in_thread(invoke, runtime, "split", csv_rows(rows)))[0]["probabilities"]

    # Bad requests are ValidationErrors
    for kwargs, words in (
        ({"EndpointName": "split", "TargetVariant": "C"}, "[C]"),
        ({"EndpointName": "nowhere"}, "nowhere"),
    ):
        refused = await in_thread(
            _error, runtime.invoke_endpoint, Body=csv_rows(rows), ContentType="text/csv", **kwargs
        )
        assert (
            refused["Error"]["Code"] == "ValidationError" and words in refused["Error"]["Message"]
        )

    # Every instance holds capacity, in the server's status
    _, status = await api("GET", "status")
    held = [item for item in status["capacity"]["reservations"] if item["kind"] == "endpoint"]
    assert sorted(item["name"] for item in held) == ["split/A/0", "split/B/0"]

    # Sampled requests and responses land in SageMaker's capture layout
    def captured() -> list[dict]:
        files = sorted((jp_root_dir / "capture" / "split").rglob("*.jsonl"))
        return [json.loads(line) for path in files for line in path.read_text().splitlines()]

    lines = await in_thread(wait_for, lambda: len(captured()) >= 400 and captured(), 20, "captures")
    first = next(path for path in (jp_root_dir / "capture" / "split").rglob("*.jsonl"))
    variant_dir, *hour, _name = first.relative_to(jp_root_dir / "capture" / "split").parts
    assert variant_dir in ("A", "B") and [len(part) for part in hour] == [4, 2, 2, 2]
    sample = lines[0]
    assert sample["captureData"]["endpointInput"]["encoding"] == "CSV"
    assert sample["captureData"]["endpointInput"]["observedContentType"] == "text/csv"
    assert json.loads(sample["captureData"]["endpointOutput"]["data"])["probabilities"]
    assert sample["eventMetadata"]["eventId"] and sample["eventVersion"] == "0"

    # As on SageMaker, the config may be deleted while the endpoint serves it
    await in_thread(sagemaker.delete_endpoint_config, EndpointConfigName="split")
    assert (await in_thread(invoke, runtime, "split", csv_rows(rows)))[0]["probabilities"]
    listed = await in_thread(sagemaker.list_endpoints)
    assert [item["EndpointName"] for item in listed["Endpoints"]] == ["split"]

    # Deleting the endpoint stops it; boto3's waiter sees it gone; the capacity is returned
    await in_thread(sagemaker.delete_endpoint, EndpointName="split")
    await in_thread(
        sagemaker.get_waiter("endpoint_deleted").wait,
        EndpointName="split",
        WaiterConfig={"Delay": 1, "MaxAttempts": 60},
    )
    _, status = await api("GET", "status")
    assert not [item for item in status["capacity"]["reservations"] if item["kind"] == "endpoint"]
    gone = await in_thread(
        _error, runtime.invoke_endpoint, EndpointName="split", Body=b"1", ContentType="text/csv"
    )
    assert gone["Error"]["Code"] == "ValidationError"


async def test_a_model_whose_artifact_is_missing_ends_failed_with_the_reason(aws, jp_root_dir):
    sagemaker, runtime, _ = aws
    missing = f"file://{jp_root_dir}/nothing/model.tar.gz"
    await in_thread(create_model, sagemaker, "ghost", missing)
    await in_thread(
        sagemaker.create_endpoint_config,
        EndpointConfigName="ghost",
        ProductionVariants=[variant("AllTraffic", "ghost")],
    )
    await in_thread(sagemaker.create_endpoint, EndpointName="ghost", EndpointConfigName="ghost")
    with pytest.raises(Exception) as waited:
        await in_thread(
            sagemaker.get_waiter("endpoint_in_service").wait,
            EndpointName="ghost",
            WaiterConfig={"Delay": 1, "MaxAttempts": 60},
        )
    assert "Failed" in str(waited.value)
    described = await in_thread(sagemaker.describe_endpoint, EndpointName="ghost")
    assert described["EndpointStatus"] == "Failed"
    assert "does not exist" in described["FailureReason"]
    refused = await in_thread(
        _error, runtime.invoke_endpoint, EndpointName="ghost", Body=b"1", ContentType="text/csv"
    )
    assert refused["Error"]["Code"] == "ValidationError" and "Failed" in refused["Error"]["Message"]
