"""The same training jobs through every face: boto3's waiter, CloudWatch Logs, the REST API."""

from __future__ import annotations

import asyncio
import json
import time

import boto3
import pytest
from botocore.exceptions import ClientError
from tornado.httpclient import HTTPClientError

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .training_helpers import job_request, make_bucket, upload_code, wait_for_end

BUCKET = "faces"
CODE = "import time\nfor step in range(30):\n    print(f'step={step} loss={1 / (step + 1):.3f}', flush=True)\n"


@pytest.fixture
def mlstudio_config(s3_endpoint, aws_credentials):
    return {"s3_endpoint_url": s3_endpoint}


@pytest.fixture
def url(jp_fetch, jp_http_port, jp_base_url):
    return aws_url(jp_http_port, jp_base_url)


@pytest.fixture
def sagemaker(url, jp_serverapp):
    return sagemaker_client(url, jp_serverapp.identity_provider.token)


@pytest.fixture
def logs_client(url, jp_serverapp):
    return boto3.client(
        "logs",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="tester",
        aws_secret_access_key=jp_serverapp.identity_provider.token,
    )


@pytest.fixture
def code_uri(s3_endpoint, aws_credentials):
    make_bucket(s3_endpoint, BUCKET)
    return upload_code(s3_endpoint, BUCKET, "code/steps/sourcedir.tar.gz", {"train.py": CODE})


async def test_botocores_waiter_and_cloudwatch_logs_read_a_finished_job(
    sagemaker, logs_client, code_uri
):
    request = job_request(
        "waited",
        code_uri=code_uri,
        output=f"s3://{BUCKET}/out",
        metrics={"loss": r"loss=([0-9.]+)"},
    )
    await in_thread(sagemaker.create_training_job, **request)
    waiter = sagemaker.get_waiter("training_job_completed_or_stopped")
    await in_thread(
        waiter.wait, TrainingJobName="waited", WaiterConfig={"Delay": 1, "MaxAttempts": 120}
    )

    streams = await in_thread(
        logs_client.describe_log_streams,
        logGroupName="/aws/sagemaker/TrainingJobs",
        logStreamNamePrefix="waited/",
        orderBy="LogStreamName",
    )
    names = [stream["logStreamName"] for stream in streams["logStreams"]]
    assert len(names) == 1 and names[0].startswith("waited/algo-1-")

    # Read forward in pages of 7 with CloudWatch's tokens until the token stops moving
    messages, token = [], None
    while True:
        kwargs = {"nextToken": token} if token else {"startFromHead": True}
        page = await in_thread(
            logs_client.get_log_events,
            logGroupName="/aws/sagemaker/TrainingJobs",
            logStreamName=names[0],
            limit=7,
            **kwargs,
        )
        messages += [event["message"] for event in page["events"]]
        if page["nextForwardToken"] == token:
            break
        token = page["nextForwardToken"]
    assert messages == [f"step={step} loss={1 / (step + 1):.3f}" for step in range(30)]

    # Without a token, GetLogEvents gives the latest events, and the backward token goes back
    tail = await in_thread(
        logs_client.get_log_events,
        logGroupName="/aws/sagemaker/TrainingJobs",
        logStreamName=names[0],
        limit=5,
    )
    assert [event["message"].split()[0] for event in tail["events"]] == [
        f"step={step}" for step in range(25, 30)
    ]
    before = await in_thread(
        logs_client.get_log_events,
        logGroupName="/aws/sagemaker/TrainingJobs",
        logStreamName=names[0],
        limit=5,
        nextToken=tail["nextBackwardToken"],
    )
    assert [event["message"].split()[0] for event in before["events"]] == [
        f"step={step}" for step in range(20, 25)
    ]

    with pytest.raises(ClientError) as raised:
        await in_thread(
            logs_client.get_log_events,
            logGroupName="/aws/sagemaker/TrainingJobs",
            logStreamName="nope/algo-1",
        )
    assert raised.value.response["Error"]["Code"] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as raised:
        await in_thread(logs_client.describe_log_streams, logGroupName="/aws/elsewhere")
    assert raised.value.response["Error"]["Code"] == "ResourceNotFoundException"


async def test_the_rest_face_creates_describes_and_reads_a_job_in_snake_case(
    jp_fetch, jp_serverapp, code_uri, sagemaker
):
    announced: list[dict] = []

    async def listener(logger, schema_id, data):
        announced.append(dict(data))

    jp_serverapp.event_logger.add_listener(
        schema_id="https://schema.jupyter.org/jupyterlab_mlstudio/run-metrics/v1",
        listener=listener,
    )
    body = {
        "training_job_name": "from-rest",
        "algorithm_specification": {
            "training_image": "default",
            "metric_definitions": [{"name": "loss", "regex": "loss=([0-9.]+)"}],
        },
        "hyper_parameters": {
            "sagemaker_program": "train.py",
            "sagemaker_submit_directory": code_uri,
        },
        "output_data_config": {"s3_output_path": f"s3://{BUCKET}/rest"},
        "resource_config": {"instance_type": "local", "instance_count": 1},
    }
    response = await jp_fetch(
        "mlstudio", "api", "v1", "training-jobs", method="POST", body=json.dumps(body)
    )
    assert response.code == 201
    created = json.loads(response.body)
    assert created["training_job_name"] == "from-rest" and created["backend"] == "process"
    assert created["secondary_status_transitions"][0]["status"] == "Starting"
    await in_thread(wait_for_end, sagemaker, "from-rest")
    detail = json.loads(
        (await jp_fetch("mlstudio", "api", "v1", "training-jobs", "from-rest")).body
    )
    assert detail["training_job_status"] == "Completed"
    assert detail["hosts"] == ["algo-1"] and detail["run_id"]
    # Each loss point the regex found was announced live, once, naming the job
    deadline = time.monotonic() + 10
    while sum(len(event["points"]) for event in announced) < 30 and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    assert {(event["run_id"], event["job"]) for event in announced} == {
        (detail["run_id"], "from-rest")
    }
    assert [point["step"] for event in announced for point in event["points"]] == list(range(30))
    page = json.loads(
        (
            await jp_fetch(
                "mlstudio",
                "api",
                "v1",
                "training-jobs",
                "from-rest",
                "logs",
                params={"after": "24"},
            )
        ).body
    )
    assert [line["seq"] for line in page["lines"]] == list(range(25, 30)) and page["total"] == 30
    listing = json.loads(
        (
            await jp_fetch("mlstudio", "api", "v1", "training-jobs", params={"status": "Completed"})
        ).body
    )
    assert "from-rest" in [job["training_job_name"] for job in listing["training_jobs"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("{not json", None),
        ({"training_job_name": "x"}, "algorithm_specification"),
        (
            {
                "training_job_name": "x",
                "algorithm_specification": {"training_image": "default"},
                "output_data_config": {"s3_output_path": "s3://b/p"},
                "resource_config": {"instance_type": "local", "instance_count": "many"},
            },
            "resource_config.instance_count",
        ),
        (
            {
                "training_job_name": "x",
                "algorithm_specification": {"training_image": "default", "colour": "red"},
                "output_data_config": {"s3_output_path": "s3://b/p"},
                "resource_config": {"instance_type": "local"},
            },
            "algorithm_specification.colour",
        ),
    ],
)
async def test_malformed_rest_requests_are_400s_naming_the_field(jp_fetch, body, field):
    with pytest.raises(HTTPClientError) as raised:
        await jp_fetch(
            "mlstudio",
            "api",
            "v1",
            "training-jobs",
            method="POST",
            body=body if isinstance(body, str) else json.dumps(body),
        )
    assert raised.value.code == 400
    error = json.loads(raised.value.response.body)
    assert error["error"] == "InvalidInput"
    if field:
        assert error["field"] == field
    else:
        assert "not valid JSON" in error["message"]


async def test_missing_jobs_are_404_and_stopping_a_finished_job_is_409(
    jp_fetch, sagemaker, code_uri
):
    with pytest.raises(HTTPClientError) as raised:
        await jp_fetch("mlstudio", "api", "v1", "training-jobs", "ghost")
    assert raised.value.code == 404
    await in_thread(
        sagemaker.create_training_job,
        **job_request("quick", code_uri=code_uri, output=f"s3://{BUCKET}/q"),
    )
    await in_thread(wait_for_end, sagemaker, "quick")
    with pytest.raises(HTTPClientError) as raised:
        await jp_fetch(
            "mlstudio", "api", "v1", "training-jobs", "quick", "stop", method="POST", body=b""
        )
    assert raised.value.code == 409


async def test_metric_preview_shows_what_each_regex_extracts(jp_fetch):
    body = {
        "metric_definitions": [
            {"name": "loss", "regex": r"loss=([0-9.]+)"},
            {"name": "broken", "regex": "loss=(["},
        ],
        "sample": "epoch 1 loss=0.5\nno metric here\nepoch 2 loss=0.25 acc=0.9\nloss=oops",
    }
    response = await jp_fetch(
        "mlstudio",
        "api",
        "v1",
        "training-jobs",
        "metric-preview",
        method="POST",
        body=json.dumps(body),
    )
    previews = {item["name"]: item for item in json.loads(response.body)["previews"]}
    assert [(m["line"], m["value"]) for m in previews["loss"]["matches"]] == [(0, 0.5), (2, 0.25)]
    assert previews["broken"]["error"] and previews["broken"]["matches"] == []
