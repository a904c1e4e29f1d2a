"""From outside the studio, the Python client gives boto3 and the SageMaker SDK what kernels get:
the server's AWS settings, a boto3 session aimed at its faces, the variables, and a configured
``sagemaker.Session`` of either SDK line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from jupyterlab_mlstudio.client import Client
from jupyterlab_mlstudio.core.identity import local_user

from .aws_helpers import in_thread
from .s3face_helpers import plain_base_url  # noqa: F401  (fixture: botocore re-quotes '@')
from .sdk_helpers import sdk_venv

CLIENT_AWS = Path(__file__).resolve().parent.parent / "jupyterlab_mlstudio" / "client" / "aws.py"
BUCKET = "sagemaker-us-east-1-000000000000"

#: Run by an SDK venv's Python, which has no jupyterlab_mlstudio: the client's AWS module is
#: loaded from its file (it imports only boto3 and the SDK), as Client.sagemaker_session uses it.
OUTSIDE = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("client_aws", sys.argv[1])
aws_module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(aws_module)
given = json.loads(sys.argv[2])
boto = aws_module.boto_session(given["endpoints"], given["key"], given["secret"], given["region"])
sess = aws_module.sagemaker_session(boto, given["aws"])
bucket = sess.default_bucket()
uri = sess.upload_string_as_file_body("1,2\\n", bucket, "outside/data.csv")
print(json.dumps({
    "bucket": bucket,
    "uri": uri,
    "jobs": sess.sagemaker_client.list_training_jobs()["TrainingJobSummaries"],
    "keys": [item["Key"] for item in boto.client("s3").list_objects_v2(Bucket=bucket)["Contents"]],
}))
"""


@pytest.fixture
def mlstudio_config(monkeypatch):
    for name in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ACCESS_KEY_ID", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    return {}


@pytest.fixture
def client(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    url = f"http://127.0.0.1:{jp_http_port}{jp_base_url}"
    return Client(url=url, token=jp_serverapp.identity_provider.token)


async def test_the_client_reports_the_aws_kernels_get_and_a_boto3_session_for_it(client):
    # When code outside the studio asks the server for its AWS
    aws = await in_thread(client.aws)
    # Then it names the region, account, role, default bucket and SDK defaults
    assert (aws["region"], aws["account_id"], aws["default_bucket"]) == (
        "us-east-1",
        "000000000000",
        BUCKET,
    )
    role = aws["defaults"]["SageMaker"]["TrainingJob"]["RoleArn"]
    assert role == aws["execution_role_arn"] and role.endswith(":role/MLStudioExecutionRole")
    # And the boto3 session it builds reaches the SageMaker, Logs and S3 faces
    boto = await in_thread(client.boto_session)
    s3 = boto.client("s3")
    await in_thread(s3.create_bucket, Bucket="outside")
    assert "outside" in [item["Name"] for item in (await in_thread(s3.list_buckets))["Buckets"]]
    jobs = await in_thread(boto.client("sagemaker").list_training_jobs)
    assert jobs["TrainingJobSummaries"] == []
    streams = await in_thread(
        boto.client("logs").describe_log_streams, logGroupName="/aws/sagemaker/TrainingJobs"
    )
    assert streams["logStreams"] == []
    # And the variables are those a kernel has
    env = await in_thread(client.aws_environment)
    assert env["AWS_ENDPOINT_URL_S3"] == f"{client.server.url.rstrip('/')}/mlstudio/s3"
    assert env["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"].endswith("/mlstudio/aws")
    assert env["AWS_ACCESS_KEY_ID"] == local_user() and env["AWS_DEFAULT_REGION"] == "us-east-1"


@pytest.mark.parametrize("line", ["sdk2", "sdk3"])
async def test_sagemaker_session_from_outside_uploads_and_lists_with_either_sdk(
    client: Any, line: str
):
    venv = sdk_venv(line)
    aws = await in_thread(client.aws)
    base = client.server.url.rstrip("/")
    given = {
        "endpoints": {
            "sagemaker": f"{base}/mlstudio/aws",
            "sagemaker-runtime": f"{base}/mlstudio/aws",
            "s3": f"{base}/mlstudio/s3",
        },
        "key": local_user(),
        "secret": client.server.token,
        "region": aws["region"],
        "aws": aws,
    }
    # When the SDK, with no environment of the server's, uses the session the client builds
    done = await in_thread(
        subprocess.run,
        [str(venv / "bin" / "python"), "-c", OUTSIDE, str(CLIENT_AWS), json.dumps(given)],
        capture_output=True,
        text=True,
        timeout=240,
        env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "SAGEMAKER_SUPPRESS_V2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    # Then default_bucket() made the server's bucket and the upload landed in it
    assert seen["bucket"] == BUCKET
    assert seen["uri"] == f"s3://{BUCKET}/outside/data.csv"
    assert seen["keys"] == ["outside/data.csv"] and seen["jobs"] == []
