"""The SageMaker Python SDK's ``HyperparameterTuner`` of both lines, unchanged, against a live server:
fit, wait, best_training_job, analytics().dataframe() and attach, over trials that train a real
scikit-learn model. (``best_estimator()`` also lists the best job's tags: ListTags.)

The SDK lives in its own venv (it must never enter the project's): the SDK tests' venvs
(``sdk_helpers.sdk_venv``), which CI builds and a local run is told how to build."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from .aws_helpers import sagemaker_client
from .live_server import live_server
from .s3face_helpers import face_client, without_aws_configuration  # noqa: F401  (fixture)
from .sdk_helpers import sdk_venv
from .training_helpers import FIXTURES

ROLE = "arn:aws:iam::123456789012:role/mlstudio"
BUCKET = "sdk-tuning"


def _sdk_env(server_url: str, token: str, home: Path) -> dict[str, str]:
    config = home / "sagemaker.yaml"
    # The SDK's defaults: its bucket (no account lookup through STS) and no telemetry.
    config.write_text(
        "SchemaVersion: '1.0'\nSageMaker:\n  PythonSDK:\n    Modules:\n      Session:\n"
        f"        DefaultS3Bucket: {BUCKET}\n      TelemetryOptOut: true\n"
    )
    aws = f"{server_url}/mlstudio/aws"
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "AWS_ACCESS_KEY_ID": "tester",
        "AWS_SECRET_ACCESS_KEY": token,
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL_SAGEMAKER": aws,
        "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": aws,
        "AWS_ENDPOINT_URL_CLOUDWATCH": aws,
        "AWS_ENDPOINT_URL_STS": aws,
        "AWS_ENDPOINT_URL_IAM": aws,
        "AWS_ENDPOINT_URL_S3": f"{server_url}/mlstudio/s3",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "SAGEMAKER_USER_CONFIG_OVERRIDE": str(config),
        "SAGEMAKER_SUPPRESS_V2_WARNING": "1",
        # The v3 SDK checks the role by IAM policy simulation, which the server does not speak.
        "SAGEMAKER_VALIDATE_ROLE": "false",
    }


def test_the_v2_sdk_tuner_fits_waits_and_finds_the_best_job_unchanged(
    tmp_path, no_aws_configuration
):
    home = tmp_path / "home"
    home.mkdir()
    # Given a live server with a bucket for the SDK's uploads
    with live_server(tmp_path / "server") as server:
        face_client(f"{server.url}/mlstudio/s3", server.token).create_bucket(Bucket=BUCKET)
        # When the SDK's tuner runs its usual flow over real scikit-learn training
        done = subprocess.run(
            [
                str(sdk_venv("sdk2") / "bin" / "python"),
                str(FIXTURES / "sdk" / "tune_v2.py"),
                str(FIXTURES / "tune_sklearn"),
                BUCKET,
                ROLE,
            ],
            env=_sdk_env(server.url, server.token, home),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-4000:]
        seen = json.loads(done.stdout.strip().splitlines()[-1])
        sagemaker = sagemaker_client(f"{server.url}/mlstudio/aws", server.token)
        described = sagemaker.describe_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="sdk-tune"
        )
        best_job = sagemaker.describe_training_job(TrainingJobName=seen["best"])

    # Then the tuning completed its three trials, each a training job named as SageMaker does
    assert described["HyperParameterTuningJobStatus"] == "Completed"
    rows = seen["rows"]
    assert len(rows) == 3
    assert all(re.fullmatch(r"sdk-tune-00[1-3]-[0-9a-f]{8}", r["TrainingJobName"]) for r in rows)
    assert {row["TrainingJobStatus"] for row in rows} == {"Completed"}
    # And the analytics table has the tuned values and a real accuracy for every trial
    for row in rows:
        assert 1 <= float(row["max_depth"]) <= 6
        assert row["criterion"].strip('"') in {"gini", "entropy"}
        assert 0.5 < row["FinalObjectiveValue"] <= 1.0
    # And the best job is a trial with the highest accuracy
    top = max(row["FinalObjectiveValue"] for row in rows)
    assert seen["best"] in {r["TrainingJobName"] for r in rows if r["FinalObjectiveValue"] == top}
    # And attach rebuilt the tuner from the description
    assert seen["attached_objective"] == "accuracy"
    assert {r["Name"] for r in seen["attached_ranges"]["IntegerParameterRanges"]} == {"max_depth"}
    # And the best trial is a training job that knows its tuning job and objective
    assert best_job["TuningJobArn"] == described["HyperParameterTuningJobArn"]
    assert best_job["HyperParameters"]["_tuning_objective_metric"] == "accuracy"


def test_the_v3_sdk_tuner_tunes_a_model_trainer_unchanged(tmp_path, no_aws_configuration):
    home = tmp_path / "home"
    home.mkdir()
    # Given a live server with the SDK's default bucket
    with live_server(tmp_path / "server") as server:
        face_client(f"{server.url}/mlstudio/s3", server.token).create_bucket(Bucket=BUCKET)
        # When the v3 tuner tunes a ModelTrainer (code uploaded for the framework convention)
        done = subprocess.run(
            [
                str(sdk_venv("sdk3") / "bin" / "python"),
                str(FIXTURES / "sdk" / "tune_v3.py"),
                str(FIXTURES / "tune_sklearn"),
                ROLE,
            ],
            env=_sdk_env(server.url, server.token, home),
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert done.returncode == 0, done.stderr[-4000:]
        seen = json.loads(done.stdout.strip().splitlines()[-1])

    # Then both trials trained and the best one is named
    rows = seen["rows"]
    assert sorted(r["TrainingJobName"][:11] for r in rows) == ["v3-tune-001", "v3-tune-002"]
    assert {row["TrainingJobStatus"] for row in rows} == {"Completed"}
    assert all(0.5 < row["FinalObjectiveValue"] <= 1.0 for row in rows)
    top = max(row["FinalObjectiveValue"] for row in rows)
    assert seen["best"] in {r["TrainingJobName"] for r in rows if r["FinalObjectiveValue"] == top}
