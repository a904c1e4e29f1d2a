"""Kernels and training jobs get this server's AWS with no configuration: endpoints, keys,
region, the SageMaker SDK's defaults file, the default bucket and the resource metadata; the
server's own AWS variables stay out; a notebook can ask for the user's own AWS instead."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jupyterlab_mlstudio.core.identity import local_user

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .kernel_helpers import notebook, open_kernel, start_session
from .s3face_helpers import (  # noqa: F401  (fixtures)
    face_s3,
    face_url,
    plain_base_url,
    server_token,
    without_aws_configuration,
)
from .training_helpers import job_request, wait_for_end

KERNEL = "mlstudio-default-python3"
BUCKET = "sagemaker-us-east-1-000000000000"

#: Run in a kernel: what it sees of AWS, and boto3 calls with no arguments but the service.
PROBE = """
import json, os, boto3
seen = {key: value for key, value in os.environ.items() if key.startswith(("AWS_", "SAGEMAKER_"))}
metadata = "/opt/ml/metadata/resource-metadata.json"
result = {
    "env": seen,
    "metadata": json.load(open(metadata)) if os.path.exists(metadata) else None,
    "defaults": json.load(open(os.environ["SAGEMAKER_ADMIN_CONFIG_OVERRIDE"])),
    "jobs": boto3.client("sagemaker").list_training_jobs()["TrainingJobSummaries"],
    "buckets": [item["Name"] for item in boto3.client("s3").list_buckets()["Buckets"]],
}
print(json.dumps(result))
"""


@pytest.fixture
def mlstudio_config(no_aws_configuration):
    # AWS settings of the server's own environment that must not reach kernels and jobs
    # (neither is an endpoint or credentials, so s3:// still names the face's buckets).
    no_aws_configuration.setenv("AWS_MAX_ATTEMPTS", "7")
    no_aws_configuration.setenv("AWS_SESSION_TOKEN", "the-servers-own")
    return {"stop_grace_seconds": 3.0}


async def test_a_kernel_reaches_this_server_with_no_configuration(
    jp_fetch, jp_ws_fetch, jp_root_dir: Path, services: Any, jp_http_port, jp_base_url
):
    # Given a notebook with no AWS settings at all
    (jp_root_dir / "plain.ipynb").write_text(notebook({}))
    session = await start_session(jp_fetch, "plain.ipynb", KERNEL)
    kernel = await open_kernel(jp_ws_fetch, session["kernel"]["id"])
    try:
        # When it uses boto3 with nothing but a service name
        seen = json.loads(await kernel.run_ok(PROBE, timeout=90))
    finally:
        kernel.close()

    # Then every client goes to this server, signed with the user's keys
    env = seen["env"]
    face = aws_url(jp_http_port, jp_base_url).replace("127.0.0.1", "localhost")
    for service in ("SAGEMAKER", "SAGEMAKER_RUNTIME", "CLOUDWATCH_LOGS", "CLOUDWATCH", "STS"):
        assert env[f"AWS_ENDPOINT_URL_{service}"].replace("127.0.0.1", "localhost") == face
    assert env["AWS_ENDPOINT_URL_S3"].endswith("/mlstudio/s3")
    assert env["AWS_ACCESS_KEY_ID"] == local_user()
    assert env["AWS_DEFAULT_REGION"] == "us-east-1"
    assert seen["jobs"] == []
    # And the default bucket exists before anything asked for it
    assert BUCKET in seen["buckets"]
    # And the SDK's defaults name that bucket and the execution role, telemetry off
    sagemaker = seen["defaults"]["SageMaker"]
    assert sagemaker["PythonSDK"]["Modules"]["Session"]["DefaultS3Bucket"] == BUCKET
    assert sagemaker["PythonSDK"]["Modules"]["TelemetryOptOut"] is True
    role = "arn:aws:iam::000000000000:role/MLStudioExecutionRole"
    assert sagemaker["TrainingJob"]["RoleArn"] == role
    # And the role is where get_execution_role() looks first, where the host allows mounts
    if services.kernels.mount_namespace:
        assert seen["metadata"]["ExecutionRoleArn"] == role
    # And nothing of the server's own AWS settings came along
    assert "AWS_SESSION_TOKEN" not in env and "AWS_MAX_ATTEMPTS" not in env


async def test_a_notebook_can_keep_the_users_own_aws(jp_fetch, jp_ws_fetch, jp_root_dir: Path):
    # Given a notebook that asks for real AWS
    (jp_root_dir / "real.ipynb").write_text(notebook({"mlstudio": {"aws": "real"}}))
    session = await start_session(jp_fetch, "real.ipynb", KERNEL)
    kernel = await open_kernel(jp_ws_fetch, session["kernel"]["id"])
    try:
        text = await kernel.run_ok(
            "import os, json\n"
            "print(json.dumps({k: v for k, v in os.environ.items() if k.startswith('AWS_')}))"
        )
    finally:
        kernel.close()
    # Then its kernel has the user's AWS environment, untouched
    env = json.loads(text)
    assert env.get("AWS_SESSION_TOKEN") == "the-servers-own"
    assert not any(key.startswith("AWS_ENDPOINT_URL") for key in env)
    assert "AWS_ACCESS_KEY_ID" not in env


JOB_CODE = """
import json, os, boto3
sagemaker = boto3.client("sagemaker")
me = sagemaker.describe_training_job(TrainingJobName=os.environ["TRAINING_JOB_NAME"])
metadata = "/opt/ml/metadata/resource-metadata.json"
print("SEEN " + json.dumps({
    "status": me["TrainingJobStatus"],
    "key": os.environ["AWS_ACCESS_KEY_ID"],
    "token": os.environ.get("AWS_SESSION_TOKEN"),
    "role": json.load(open(metadata))["ExecutionRoleArn"] if os.path.exists(metadata) else None,
    "objects": boto3.client("s3").list_objects_v2(Bucket="jobs")["KeyCount"],
}), flush=True)
"""


async def test_code_in_a_training_job_reaches_this_server(
    s3, token, jp_http_port, jp_base_url, services
):
    import io
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        data = JOB_CODE.encode()
        info = tarfile.TarInfo("train.py")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    await in_thread(s3.create_bucket, Bucket="jobs")
    await in_thread(s3.put_object, Bucket="jobs", Key="code.tar.gz", Body=buffer.getvalue())
    sagemaker = sagemaker_client(aws_url(jp_http_port, jp_base_url), token)
    # When a job's script calls boto3 with no configuration of its own
    request = job_request("asks-aws", code_uri="s3://jobs/code.tar.gz", output="s3://jobs/out")
    await in_thread(sagemaker.create_training_job, **request)
    described = await in_thread(wait_for_end, sagemaker, "asks-aws")
    assert described["TrainingJobStatus"] == "Completed", described.get("FailureReason")
    logs = await in_thread(_job_log, aws_url(jp_http_port, jp_base_url), token, "asks-aws")
    line = next(line for line in logs if line.startswith("SEEN "))
    seen = json.loads(line[5:])
    # Then its calls reach this server, as the job's owner, and see the job itself
    assert seen["status"] == "InProgress"
    assert seen["key"] == local_user() and seen["token"] is None
    assert seen["objects"] == 1
    private = services.backends["process"].private_mounts
    role = "arn:aws:iam::000000000000:role/MLStudioExecutionRole"
    assert seen["role"] == (role if private else None)


def _job_log(url: str, token: str, job: str) -> list[str]:
    import boto3

    logs = boto3.client(
        "logs",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="tester",
        aws_secret_access_key=token,
    )
    stream = logs.describe_log_streams(
        logGroupName="/aws/sagemaker/TrainingJobs", logStreamNamePrefix=f"{job}/"
    )["logStreams"][0]["logStreamName"]
    events = logs.get_log_events(
        logGroupName="/aws/sagemaker/TrainingJobs", logStreamName=stream, startFromHead=True
    )["events"]
    return [event["message"] for event in events]


DOCKER_PROBE = """
import json, os, urllib.error, urllib.request
env = {key: value for key, value in os.environ.items() if key.startswith(("AWS_", "SAGEMAKER_"))}
try:
    urllib.request.urlopen(urllib.request.Request(env["AWS_ENDPOINT_URL_SAGEMAKER"], b"{}"))
    answer = None
except urllib.error.HTTPError as error:
    answer = json.loads(error.read())["__type"]
print(json.dumps({
    "env": env,
    "defaults": json.load(open(env["SAGEMAKER_ADMIN_CONFIG_OVERRIDE"])),
    "metadata": json.load(open("/opt/ml/metadata/resource-metadata.json")),
    "face": answer,
}))
"""


async def test_a_docker_kernel_gets_the_same_aws_through_its_mounts(
    api, jp_fetch, jp_ws_fetch, jp_root_dir: Path
):
    import os

    if not os.environ.get("MLSTUDIO_TEST_DOCKER"):
        pytest.skip("no Docker engine was started for this run; scripts/test.sh starts one")
    from .test_kernels_docker import KERNEL as DOCKER_KERNEL
    from .test_kernels_docker import register_sklearn

    # Given a kernel in a Docker image, with no AWS settings in its notebook
    await register_sklearn(api, jp_fetch)
    (jp_root_dir / "in-docker.ipynb").write_text(notebook({"mlstudio": {"image": "sklearn"}}))
    session = await start_session(jp_fetch, "in-docker.ipynb", DOCKER_KERNEL)
    kernel = await open_kernel(jp_ws_fetch, session["kernel"]["id"])
    try:
        seen = json.loads(await kernel.run_ok(DOCKER_PROBE, timeout=90))
    finally:
        kernel.close()
    # Then it has the keys, region and endpoints, and the files inside the container
    assert seen["env"]["AWS_ACCESS_KEY_ID"] == local_user()
    assert seen["env"]["AWS_DEFAULT_REGION"] == "us-east-1"
    assert seen["env"]["SAGEMAKER_ADMIN_CONFIG_OVERRIDE"] == "/opt/mlstudio/aws/config.yaml"
    modules = seen["defaults"]["SageMaker"]["PythonSDK"]["Modules"]
    assert modules["Session"]["DefaultS3Bucket"] == BUCKET
    assert seen["metadata"]["ExecutionRoleArn"].endswith(":role/MLStudioExecutionRole")
    # And the face its endpoint names answers it (an unsigned call is refused in AWS's shape)
    assert seen["face"] == "MissingAuthenticationTokenException"
