"""Batch transform jobs on the REST face (what the UI's Jobs panel and job view read): a job
started through boto3 is listed (filtered and paged), described with its progress, its log
read a page at a time, and stopped; bad names, hosts and states get clear errors."""

from __future__ import annotations

import asyncio
import time
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


def _job(name: str, source: str, output: str) -> dict:
    return {
        "TransformJobName": name,
        "ModelName": "lr",
        "TransformInput": {
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": source}},
            "ContentType": "text/csv",
            "SplitType": "Line",
        },
        "TransformOutput": {"S3OutputPath": output, "AssembleWith": "Line"},
        "TransformResources": {"InstanceType": INSTANCE_TYPE, "InstanceCount": 1},
        "BatchStrategy": "MultiRecord",
    }


async def _until(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not await condition():
        assert time.monotonic() < deadline, f"timed out after {timeout} s"
        await asyncio.sleep(0.2)


async def test_a_transform_job_is_listed_described_logged_and_stopped_through_rest(
    sagemaker, api, jp_root_dir: Path
):
    # Given a model and a CSV input of 40 rows
    data, _ = model_artifact(code=None)
    (jp_root_dir / "model.tar.gz").write_bytes(data)
    await in_thread(create_model, sagemaker, "lr", f"file://{jp_root_dir}/model.tar.gz")
    features, _ = breast_cancer()
    source = jp_root_dir / "in"
    source.mkdir()
    (source / "rows.csv").write_bytes(csv_rows(features[:40]) + b"\n")

    # When a transform job is started on the AWS face and runs to its end
    job = _job("rest-batch", f"file://{source}", f"file://{jp_root_dir}/out")
    await in_thread(sagemaker.create_transform_job, **job)

    async def completed() -> bool:
        code, detail = await api("GET", "transform-jobs/rest-batch")
        assert code == 200, detail
        assert detail["transform_job_status"] in ("InProgress", "Completed"), detail
        return bool(detail["transform_job_status"] == "Completed")

    await _until(completed, 180)

    # Then REST describes it with its settings, progress and one log stream per instance
    code, detail = await api("GET", "transform-jobs/rest-batch")
    assert detail["model_name"] == "lr"
    assert detail["model_data_url"] == f"file://{jp_root_dir}/model.tar.gz"
    assert detail["backend"] == "process" and detail["model_image"]
    assert detail["batch_strategy"] == "MultiRecord"
    assert detail["transform_input"]["split_type"] == "Line"
    assert detail["transform_resources"]["instance_type"] == INSTANCE_TYPE
    assert detail["progress"]["objects_done"] == 1
    assert detail["progress"]["records_done"] == 40
    assert len(detail["log_streams"]) == 1
    steps = detail["status_transitions"]
    assert [step["status"] for step in steps] == ["InProgress", "Completed"]
    assert steps[0]["end_time"] == steps[1]["start_time"]

    # And its instance's log reads a page at a time, after a position
    code, page = await api("GET", "transform-jobs/rest-batch/logs", host="algo-1")
    assert code == 200, page
    assert page["host"] == "algo-1" and page["total"] == len(page["lines"]) > 0
    code, rest = await api(
        "GET", "transform-jobs/rest-batch/logs", host="algo-1", after=page["lines"][0]["seq"]
    )
    assert [line["seq"] for line in rest["lines"]] == [line["seq"] for line in page["lines"][1:]]

    # And a second job, stopped as soon as it starts, ends Stopped
    await in_thread(
        sagemaker.create_transform_job,
        **_job("rest-stopped", f"file://{source}", f"file://{jp_root_dir}/out2"),
    )
    code, stopping = await api("POST", "transform-jobs/rest-stopped/stop")
    assert code == 200, stopping
    assert stopping["transform_job_status"] in ("Stopping", "Stopped")

    async def stopped() -> bool:
        status = (await api("GET", "transform-jobs/rest-stopped"))[1]["transform_job_status"]
        return bool(status == "Stopped")

    await _until(stopped, 120)

    # And both are listed newest first, filtered by status and name, one per page
    code, listed = await api("GET", "transform-jobs")
    names = [item["transform_job_name"] for item in listed["transform_jobs"]]
    assert names == ["rest-stopped", "rest-batch"]
    code, done = await api("GET", "transform-jobs", status="Completed")
    assert [item["transform_job_name"] for item in done["transform_jobs"]] == ["rest-batch"]
    code, named = await api("GET", "transform-jobs", name_contains="stopped")
    assert [item["transform_job_name"] for item in named["transform_jobs"]] == ["rest-stopped"]
    code, first = await api("GET", "transform-jobs", max_items=1)
    assert len(first["transform_jobs"]) == 1 and first["next_token"]
    code, second = await api("GET", "transform-jobs", max_items=1, next_token=first["next_token"])
    assert [item["transform_job_name"] for item in second["transform_jobs"]] == ["rest-batch"]

    # And bad requests get clear errors, not 500s
    code, error = await api("POST", "transform-jobs/rest-batch/stop")
    assert code == 409 and "Completed" in error["message"]
    code, error = await api("GET", "transform-jobs/rest-batch/logs", host="algo-2")
    assert code == 400 and "algo-1" in error["message"]
    code, error = await api("GET", "transform-jobs/nope")
    assert code == 404
    code, error = await api("GET", "transform-jobs", status="Sleeping")
    assert code == 400
