"""Batch transform end to end through boto3 on the process backend: a real scikit-learn model
served by the built-in handler, outputs compared with the model's own predictions, SageMaker's
DataProcessing (input filter, join, output filter), listing, stopping and a job that fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from .aws_helpers import aws_url, in_thread
from .endpoint_helpers import (
    INSTANCE_TYPE,
    breast_cancer,
    clients,
    create_model,
    csv_rows,
    model_artifact,
    stop_endpoint_units,
)


@pytest.fixture
def mlstudio_config():
    return {"docker_enabled": False}


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp, services):
    yield clients(aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token)[0]
    stop_endpoint_units(services)


@pytest.fixture
def served(jp_root_dir: Path):
    """A model.tar.gz without code (the built-in scikit-learn handler serves it), and the model."""
    data, model = model_artifact(code=None)
    path = jp_root_dir / "model.tar.gz"
    path.write_bytes(data)
    return f"file://{path}", model


def _job(name: str, source: str, output: str, **extra) -> dict:
    return {
        "TransformJobName": name,
        "ModelName": "lr",
        "TransformInput": {
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": source}},
            "ContentType": "text/csv",
            "SplitType": "Line",
        },
        "TransformOutput": {"S3OutputPath": output, "Accept": "text/csv", "AssembleWith": "Line"},
        "TransformResources": {"InstanceType": INSTANCE_TYPE, "InstanceCount": 1},
        **extra,
    }


def _wait(sagemaker, name: str) -> dict:
    sagemaker.get_waiter("transform_job_completed_or_stopped").wait(
        TransformJobName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 180}
    )
    return sagemaker.describe_transform_job(TransformJobName=name)


async def test_a_transform_joins_ids_to_predictions_that_match_the_model_run_locally(
    sagemaker, served, jp_root_dir
):
    uri, model = served
    features, _ = breast_cancer()
    await in_thread(create_model, sagemaker, "lr", uri)

    # Given two CSV objects under one prefix, each row an id followed by the 30 features
    source = jp_root_dir / "batch" / "in"
    (source / "more").mkdir(parents=True)
    parts = {"first.csv": range(0, 300), "more/second.csv": range(300, len(features))}
    for name, rows in parts.items():
        lines = [f"{row}," + csv_rows([features[row]]).decode() for row in rows]
        (source / name).write_text("\n".join(lines) + "\n")

    # When they are transformed in batches of many records, the id column dropped on the way
    # in and joined back on the way out (as the SageMaker SDK's transformer sends it)
    output = jp_root_dir / "batch" / "out"
    arn = (
        await in_thread(
            sagemaker.create_transform_job,
            **_job(
                "ids",
                f"file://{source}",
                f"file://{output}",
                BatchStrategy="MultiRecord",
                MaxPayloadInMB=1,
                MaxConcurrentTransforms=2,
                DataProcessing={
                    "InputFilter": "$[1:]",
                    "JoinSource": "Input",
                    "OutputFilter": "$[0,-1]",
                },
            ),
        )
    )["TransformJobArn"]
    assert arn.endswith(":transform-job/ids")
    described = await in_thread(_wait, sagemaker, "ids")

    # Then it completed and each input has its <input>.out with "id,prediction" per row
    assert described["TransformJobStatus"] == "Completed", described.get("FailureReason")
    expected = model.predict(features)
    for name, rows in parts.items():
        written = (output / f"{name}.out").read_text().splitlines()
        assert [line.split(",")[0] for line in written] == [str(row) for row in rows]
        predicted = [int(float(line.split(",")[1])) for line in written]
        assert predicted == [int(expected[row]) for row in rows]
    assert described["DataProcessing"]["JoinSource"] == "Input"
    assert described["TransformStartTime"] <= described["TransformEndTime"]

    # And it is listed among the domain's transform jobs
    listed = await in_thread(sagemaker.list_transform_jobs, StatusEquals="Completed")
    assert [item["TransformJobName"] for item in listed["TransformJobSummaries"]] == ["ids"]


async def test_one_record_per_request_without_processing_and_a_missing_input_fails(
    sagemaker, served, jp_root_dir
):
    uri, model = served
    features, _ = breast_cancer()
    await in_thread(create_model, sagemaker, "lr", uri)
    source = jp_root_dir / "single" / "in"
    source.mkdir(parents=True)
    (source / "rows.csv").write_bytes(csv_rows(features[:20]) + b"\n")

    # When each record is its own request
    output = jp_root_dir / "single" / "out"
    await in_thread(
        sagemaker.create_transform_job,
        **_job("single", f"file://{source}", f"file://{output}", BatchStrategy="SingleRecord"),
    )
    described = await in_thread(_wait, sagemaker, "single")

    # Then the answers, one line each, are the model's predictions
    assert described["TransformJobStatus"] == "Completed", described.get("FailureReason")
    written = (output / "rows.csv.out").read_text().splitlines()
    assert [int(float(line)) for line in written] == [
        int(value) for value in model.predict(features[:20])
    ]

    # And a job over a prefix with nothing under it ends Failed and says why
    await in_thread(
        sagemaker.create_transform_job,
        **_job("empty", f"file://{jp_root_dir}/nowhere", f"file://{output}/empty"),
    )
    failed = await in_thread(_wait_failed, sagemaker, "empty")
    assert failed["TransformJobStatus"] == "Failed" and failed["FailureReason"]


def _wait_failed(sagemaker, name: str) -> dict:
    from botocore.exceptions import WaiterError

    with pytest.raises(WaiterError):
        _wait(sagemaker, name)
    return sagemaker.describe_transform_job(TransformJobName=name)


async def test_a_manifest_of_gzipped_objects_is_transformed_object_by_object(
    sagemaker, served, jp_root_dir
):
    import gzip
    import json

    uri, model = served
    features, _ = breast_cancer()
    await in_thread(create_model, sagemaker, "lr", uri)

    # Given gzipped CSV objects, two of them listed in a manifest and one left out
    source = jp_root_dir / "zipped" / "in"
    (source / "part").mkdir(parents=True)
    parts = {"a.csv.gz": range(0, 40), "part/b.csv.gz": range(40, 70), "c.csv.gz": range(70, 80)}
    for name, rows in parts.items():
        (source / name).write_bytes(gzip.compress(csv_rows(features[rows.start : rows.stop])))
    manifest = jp_root_dir / "zipped" / "inputs.manifest"
    manifest.write_text(json.dumps([{"prefix": f"file://{source}/"}, "a.csv.gz", "part/b.csv.gz"]))

    # When a job reads the manifest's objects, decompressing them
    output = jp_root_dir / "zipped" / "out"
    request = _job("zipped", f"file://{manifest}", f"file://{output}", BatchStrategy="MultiRecord")
    request["TransformInput"]["DataSource"]["S3DataSource"]["S3DataType"] = "ManifestFile"
    request["TransformInput"]["CompressionType"] = "Gzip"
    await in_thread(sagemaker.create_transform_job, **request)
    described = await in_thread(_wait, sagemaker, "zipped")

    # Then each listed object has its <key>.out with the model's predictions, and only those
    assert described["TransformJobStatus"] == "Completed", described.get("FailureReason")
    assert described["TransformInput"]["CompressionType"] == "Gzip"
    expected = model.predict(features)
    for name in ("a.csv.gz", "part/b.csv.gz"):
        written = (output / f"{name}.out").read_text().splitlines()
        assert [int(float(line)) for line in written] == [int(expected[row]) for row in parts[name]]
    assert sorted(path.name for path in output.rglob("*.out")) == ["a.csv.gz.out", "b.csv.gz.out"]


async def test_code_in_a_transform_unit_reaches_this_server_with_no_configuration(
    sagemaker, jp_root_dir
):
    # Given a model whose inference code calls boto3 with nothing but a service name
    data, _ = model_artifact(code="transform_aws")
    (jp_root_dir / "aws-model.tar.gz").write_bytes(data)
    await in_thread(create_model, sagemaker, "asks", f"file://{jp_root_dir}/aws-model.tar.gz")
    source = jp_root_dir / "asks" / "in"
    source.mkdir(parents=True)
    (source / "rows.txt").write_text("one\ntwo\n")

    # When a transform job runs it
    output = jp_root_dir / "asks" / "out"
    request = _job("asks", f"file://{source}", f"file://{output}", BatchStrategy="MultiRecord")
    request["ModelName"] = "asks"
    request["TransformInput"]["ContentType"] = "text/plain"
    request["TransformOutput"]["Accept"] = "application/jsonlines"
    await in_thread(sagemaker.create_transform_job, **request)
    described = await in_thread(_wait, sagemaker, "asks")

    # Then its calls reached this server as the job's owner: the studio's models and buckets
    assert described["TransformJobStatus"] == "Completed", described.get("FailureReason")
    import json

    answers = [json.loads(line) for line in (output / "rows.txt.out").read_text().splitlines()]
    assert len(answers) == 2
    assert all(answer["models"] == ["asks"] for answer in answers)
    assert all(answer["buckets"] for answer in answers)
