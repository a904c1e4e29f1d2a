"""Code inside a processing job reaches this server with no configuration, as code in training
and transform jobs does."""

from __future__ import annotations

import json

import pytest

from jupyterlab_mlstudio.objects.router import join_uri

from .aws_helpers import aws_url, in_thread
from .endpoint_helpers import clients
from .processing_helpers import (
    ROOT,
    processing_request,
    s3_output,
    upload_script,
    wait_for_end,
    with_tiny_instances,
)


@pytest.fixture
def mlstudio_config():
    return {"docker_enabled": False}


@pytest.fixture
def jp_server_config(jp_server_config):
    return with_tiny_instances(jp_server_config)


async def test_code_in_a_processing_job_reaches_this_server_with_no_configuration(
    jp_fetch, jp_http_port, jp_base_url, jp_serverapp, services
):
    sagemaker = clients(aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token)[0]
    objects = services.objects
    root = join_uri(objects.default_root, "processing-aws")
    # Given a script that asks boto3 about its own job and the buckets, naming only services
    code = upload_script(objects, root, "ask_aws.py")
    request = processing_request(
        "asks-aws",
        code,
        "ask_aws.py",
        outputs=[s3_output("answer", f"{root}/out", f"{ROOT}/answer")],
    )
    # When it runs as a processing job
    await in_thread(sagemaker.create_processing_job, **request)
    described = await in_thread(wait_for_end, sagemaker, "asks-aws")
    # Then its calls reached this server: it saw itself running, and the studio's buckets
    assert described["ProcessingJobStatus"] == "Completed", described.get("FailureReason")
    answer = json.loads(objects.get_bytes(f"{root}/out/answer.json"))
    assert answer["name"] == "asks-aws"
    assert answer["status"] == "InProgress"
    assert answer["buckets"]
