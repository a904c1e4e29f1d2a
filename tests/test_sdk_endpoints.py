"""The SageMaker Python SDK deploys, predicts, deletes and transforms against the server, as
it is: each SDK line runs in its own venv (they conflict) as a subprocess, with only the AWS
variables and the SDK's defaults file pointing it here.

The venvs: ``MLSTUDIO_SDK2_VENV`` / ``MLSTUDIO_SDK3_VENV``, else ``.venv-sdk2`` / ``.venv-sdk3``
at the repository root. Without one the test skips and says so (fails in CI, where
``MLSTUDIO_SDK_VENVS_REQUIRED=1``).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .aws_helpers import in_thread
from .endpoint_helpers import (
    FIXTURES,
    breast_cancer,
    clients,
    csv_rows,
    model_artifact,
    stop_endpoint_units,
    wait_endpoints_gone,
)
from .s3face_helpers import (  # noqa: F401  (fixtures)
    face_s3,
    face_url,
    plain_base_url,
    server_token,
)
from .sdk_helpers import sdk_venv

ROOT = Path(__file__).resolve().parent.parent
FLOWS = Path(__file__).parent / "sdk_flows"
BUCKET = "sdk-flows"
ROLE = "arn:aws:iam::000000000000:role/mlstudio"


@pytest.fixture
def mlstudio_config():
    return {"docker_enabled": False}


@pytest.fixture
def served(services: Any) -> Any:
    """A model.tar.gz without code (the SDK repacks its own code in), and the model."""
    yield model_artifact(code=None)
    stop_endpoint_units(services)


async def upload(s3: Any, artifact: bytes, rows: bytes) -> str:
    """The artifact and a CSV object in the face's bucket; the artifact's URI."""
    await in_thread(s3.create_bucket, Bucket=BUCKET)
    await in_thread(s3.put_object, Bucket=BUCKET, Key="models/model.tar.gz", Body=artifact)
    await in_thread(s3.put_object, Bucket=BUCKET, Key="batch/in/rows.csv", Body=rows)
    return f"s3://{BUCKET}/models/model.tar.gz"


def sdk_environment(url: str, token: str, home: Path) -> dict[str, str]:
    """Only what a user would set: where the services are, the key, a region, the defaults."""
    aws = url.removesuffix("/s3") + "/aws"
    config = home / "sagemaker.yaml"
    config.write_text(
        "SchemaVersion: '1.0'\n"
        "SageMaker:\n"
        "  PythonSDK:\n"
        "    Modules:\n"
        f"      Session: {{DefaultS3Bucket: {BUCKET}}}\n"
        "      TelemetryOptOut: true\n"
        f"  Model: {{ExecutionRoleArn: '{ROLE}'}}\n"
    )
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "AWS_ENDPOINT_URL": aws,
        "AWS_ENDPOINT_URL_S3": url,
        "AWS_ACCESS_KEY_ID": "tester",
        "AWS_SECRET_ACCESS_KEY": token,
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "SAGEMAKER_USER_CONFIG_OVERRIDE": str(config),
        "SAGEMAKER_SUPPRESS_V2_WARNING": "1",
        "SAGEMAKER_VALIDATE_ROLE": "false",
    }


def run_flow(python: Path, script: str, args: list[str], rows: bytes, env: dict[str, str]) -> Any:
    done = subprocess.run(
        [str(python), str(FLOWS / script), *args],
        input=rows,
        env=env,
        capture_output=True,
        timeout=600,
    )
    if done.returncode != 0:
        pytest.fail(
            f"{script} exited {done.returncode}:\n{done.stderr.decode()[-6000:]}"
            f"\n{done.stdout.decode()[-3000:]}"
        )
    out = done.stdout.decode()
    # The SDK's progress panels may end without a newline: the marker can start mid-line.
    found = [line.partition("RESULT ")[2] for line in out.splitlines() if "RESULT " in line]
    assert found, f"{script} printed no result:\n{out[-3000:]}\n{done.stderr.decode()[-3000:]}"
    return json.loads(found[-1])


async def test_v2_model_deploy_predict_delete_and_transformer_of_a_real_model(
    served, s3, url, token, tmp_path
):
    python = sdk_venv("sdk2") / "bin" / "python"
    artifact, model = served
    features, _ = breast_cancer()
    rows = csv_rows(features[:5])
    uri = await upload(s3, artifact, csv_rows(features[:40]) + b"\n")

    # When the SDK deploys Model(entry_point, source_dir), predicts with CSV and JSON, deletes
    # the endpoint and runs the model's transformer over a CSV object
    result = await in_thread(
        run_flow,
        python,
        "deploy_v2.py",
        [uri, str(FIXTURES / "endpoint_lr"), f"s3://{BUCKET}/batch/in", f"s3://{BUCKET}/out"],
        rows,
        sdk_environment(url, token, tmp_path),
    )

    # Then both predictions are the model's own, from the SDK's code, and the transform wrote
    # one answer per input line
    expected = [round(float(p), 6) for p in model.predict_proba(features[:5])[:, 1]]
    for answer in (result["csv"], result["json"]):
        assert answer["tag"] == "sdk2"
        assert answer["probabilities"] == pytest.approx(expected, abs=1e-6)
    lines = [json.loads(line) for line in result["transform"]]
    assert len(lines) == 40
    local = model.predict_proba(features[:40])[:, 1]
    assert [line["probabilities"][0] for line in lines] == pytest.approx(local, abs=1e-6)

    # And delete_endpoint() removed the endpoint and its config (config first, as the SDK does)
    sagemaker = clients(url.removesuffix("/s3") + "/aws", token)[0]
    await in_thread(wait_endpoints_gone, sagemaker)
    assert (await in_thread(sagemaker.list_endpoint_configs))["EndpointConfigs"] == []


async def test_v3_model_builder_builds_deploys_invokes_and_deletes(
    served, s3, url, token, tmp_path
):
    python = sdk_venv("sdk3") / "bin" / "python"
    features, _ = breast_cancer()
    # Given an artifact with its inference code under code/ (the pass-through build adds none)
    artifact, model = model_artifact()
    await upload(s3, artifact, b"")

    # When ModelBuilder builds, deploys (waiting, reading the endpoint's logs) and invokes it
    answer = await in_thread(
        run_flow,
        python,
        "deploy_v3.py",
        [f"s3://{BUCKET}/models/model.tar.gz", ROLE],
        csv_rows(features[:3]),
        sdk_environment(url, token, tmp_path),
    )

    # Then the answer is the model's, and endpoint.delete() removed the endpoint
    expected = model.predict_proba(features[:3])[:, 1]
    assert answer["tag"] == "sdk3"
    assert answer["probabilities"] == pytest.approx(expected, abs=1e-6)
    sagemaker = clients(url.removesuffix("/s3") + "/aws", token)[0]
    await in_thread(wait_endpoints_gone, sagemaker)
    described = await in_thread(sagemaker.describe_model, ModelName="sdk3-model")
    assert described["PrimaryContainer"]["Image"] == "default"


async def test_v2_estimator_deploy_serves_the_model_its_training_job_made(
    services, s3, url, token, tmp_path
):
    python = sdk_venv("sdk2") / "bin" / "python"
    await in_thread(s3.create_bucket, Bucket=BUCKET)
    features, _ = breast_cancer()

    # When the SDK trains with Estimator.fit() and deploys the result with Estimator.deploy()
    try:
        result = await in_thread(
            run_flow,
            python,
            "estimator_deploy_v2.py",
            [str(FIXTURES / "sdk_deploy")],
            csv_rows(features[:5]),
            sdk_environment(url, token, tmp_path),
        )
    finally:
        stop_endpoint_units(services)

    # Then the endpoint served the job's own artifact with the training script's model_fn:
    # the predictions are those of the same model trained here
    assert result["model_data"].endswith("/sdk2-fit/output/model.tar.gz")
    from .endpoint_helpers import trained_model

    assert result["predictions"] == trained_model().predict(features[:5]).tolist()
