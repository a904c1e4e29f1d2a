"""A finished job's model within reach of the UI: downloads through the server, the model and
output among its run's artifacts, and "Register model" from the run in one request."""

from __future__ import annotations

import io
import json
import tarfile
from typing import Any

import pytest

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .training_helpers import job_request, make_bucket, upload_code, wait_for_end

BUCKET = "downloads"
CODE = (
    "import os, pathlib\n"
    "pathlib.Path(os.environ['SM_MODEL_DIR'], 'weights.txt').write_text('w=0.5')\n"
    "pathlib.Path(os.environ['SM_OUTPUT_DATA_DIR'], 'report.txt').write_text('ok')\n"
    "print('accuracy=0.9', flush=True)\n"
)


@pytest.fixture
def mlstudio_config(s3_endpoint, aws_credentials):
    return {"s3_endpoint_url": s3_endpoint}


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    return sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token
    )


async def finish_job(sagemaker: Any, s3_endpoint: str) -> dict[str, Any]:
    """Run the job above to its end (about two seconds on the process backend)."""
    make_bucket(s3_endpoint, BUCKET)
    code = upload_code(s3_endpoint, BUCKET, "code/dl/sourcedir.tar.gz", {"train.py": CODE})
    request = job_request("dl-job", code_uri=code, output=f"s3://{BUCKET}/out")
    await in_thread(sagemaker.create_training_job, **request)
    description = await in_thread(wait_for_end, sagemaker, "dl-job")
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    return description


def members(body: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(body), mode="r:gz") as archive:
        return {
            item.name.removeprefix("./"): archive.extractfile(item).read()  # type: ignore[union-attr]
            for item in archive.getmembers()
            if item.isfile()
        }


async def test_a_finished_jobs_model_and_output_download_through_the_server(
    sagemaker, s3_endpoint, aws_credentials, api, jp_fetch
):
    # Given a completed job whose model lives in S3 (a link the browser cannot follow)
    await finish_job(sagemaker, s3_endpoint)
    status, detail = await api("GET", "training-jobs/dl-job")
    assert status == 200 and detail["downloads"] == ["model", "output"]

    # When the browser asks the server for the model and the output
    model = await jp_fetch("mlstudio", "api", "v1", "training-jobs", "dl-job", "artifacts", "model")
    output = await jp_fetch(
        "mlstudio", "api", "v1", "training-jobs", "dl-job", "artifacts", "output"
    )

    # Then both come back as attachments named after the job, holding what the script wrote
    assert 'filename="dl-job-model.tar.gz"' in model.headers["Content-Disposition"]
    assert members(model.body) == {"weights.txt": b"w=0.5"}
    assert 'filename="dl-job-output.tar.gz"' in output.headers["Content-Disposition"]
    assert members(output.body)["report.txt"] == b"ok"

    # And anything else is a 400 that names the choices
    status, body = await api("GET", "training-jobs/dl-job/artifacts/weights")
    assert status == 400
    assert "'model' and an 'output'" in json.dumps(body)


async def test_a_missing_jobs_artifact_is_a_404(api):
    status, body = await api("GET", "training-jobs/no-such-job/artifacts/model")
    assert status == 404, body


async def test_the_jobs_model_is_a_run_artifact_and_registers_as_a_model(
    sagemaker, s3_endpoint, aws_credentials, api, jp_fetch
):
    # Given the completed job's run
    await finish_job(sagemaker, s3_endpoint)
    _, detail = await api("GET", "training-jobs/dl-job")
    run_id = detail["run_id"]

    # When the run's artifacts are listed
    status, listing = await api("GET", f"runs/{run_id}/artifacts")
    assert status == 200
    assert {entry["path"] for entry in listing["entries"]} == {"model", "output"}
    folder = await jp_fetch(
        "mlstudio", "api", "v1", "runs", run_id, "artifacts", params={"path": "model"}
    )
    model_folder = json.loads(folder.body)

    # Then the model is there, and downloads as an attachment
    assert [entry["path"] for entry in model_folder["entries"]] == ["model/model.tar.gz"]
    saved = await jp_fetch(
        "mlstudio",
        "api",
        "v1",
        "runs",
        run_id,
        "artifact",
        params={"path": "model/model.tar.gz", "download": "true"},
    )
    assert "attachment" in saved.headers["Content-Disposition"]
    assert members(saved.body) == {"weights.txt": b"w=0.5"}

    # When it is registered under a new name twice, with an alias
    body = {"source": f"runs:/{run_id}/model", "run_id": run_id, "aliases": ["champion"]}
    status, first = await api("POST", "models/dl-model/versions", body)
    assert status == 201, first
    status, second = await api("POST", "models/dl-model/versions", body)
    assert status == 201, second

    # Then the model exists with two versions; the alias moved to the newest; both link back
    assert (first["version"], second["version"]) == (1, 2)
    _, model = await api("GET", "models/dl-model")
    assert model["model"]["aliases"] == {"champion": 2}
    assert all(version["run_id"] == run_id for version in model["versions"])

    # And a reserved alias is refused, leaving no model behind
    refused = {**body, "aliases": ["latest"]}
    status, error = await api("POST", "models/refused/versions", refused)
    assert status == 400
    assert "reserved" in json.dumps(error)
    status, _ = await api("GET", "models/refused")
    assert status == 404


async def test_a_source_outside_any_run_is_refused_and_leaves_no_model(api):
    status, error = await api(
        "POST", "models/stray/versions", {"source": "file:///etc/passwd", "aliases": []}
    )
    assert status == 400, error
    status, _ = await api("GET", "models/stray")
    assert status == 404
