"""A request that can only be refused once its job runs (a channel whose file leads outside the
allowed folders) fails as the client's error with the reason, not as an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .training_helpers import job_request, make_bucket, upload_code, wait_for_end

BUCKET = "client-errors"


@pytest.fixture
def mlstudio_config(s3_endpoint, aws_credentials):
    return {"s3_endpoint_url": s3_endpoint}


async def test_a_staging_refusal_is_a_client_error_with_the_reason(
    jp_fetch, jp_http_port, jp_base_url, jp_serverapp, jp_root_dir: Path, s3_endpoint
):
    # Given a channel folder inside the allowed folders holding a link to a file outside them
    data = jp_root_dir / "data"
    data.mkdir()
    (data / "good.csv").write_text("1,2\n")
    (data / "evil.csv").symlink_to("/etc/hostname")
    make_bucket(s3_endpoint, BUCKET)
    code = upload_code(s3_endpoint, BUCKET, "code/sourcedir.tar.gz", {"train.py": "print(1)\n"})
    sagemaker = sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token
    )
    request = job_request(
        "leaky",
        code_uri=code,
        output=f"s3://{BUCKET}/out",
        instance_type="local",
        channels={"train": f"file://{data}/"},
    )
    # When the job runs
    await in_thread(sagemaker.create_training_job, **request)
    description = await in_thread(wait_for_end, sagemaker, "leaky")
    # Then it failed as the client's error, saying why
    assert description["TrainingJobStatus"] == "Failed"
    reason = description["FailureReason"]
    assert reason.startswith("ClientError: "), reason
    assert "outside the folders this server may use" in reason
