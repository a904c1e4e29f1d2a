"""The SageMaker Python SDK's ``ScriptProcessor`` (v2 and v3), unchanged, against a live server: data
uploaded with the SDK, a real scikit-learn preprocessing script run with its logs followed, and
the outputs where the description says; ``SKLearnProcessor`` the same, on SageMaker's
scikit-learn image URI (run in this server's Python, which has scikit-learn); v3's
``sagemaker.core.processing.ScriptProcessor`` on that URI too.

The SDK lives in its own venv (``sdk_helpers.sdk_venv``)."""

from __future__ import annotations

import io
import json
import subprocess

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from .live_server import live_server
from .processing_helpers import SCRIPTS
from .s3face_helpers import face_client, without_aws_configuration  # noqa: F401  (fixture)
from .sdk_helpers import sdk_venv
from .test_sdk_tuning import ROLE, _sdk_env
from .training_helpers import FIXTURES

BUCKET = "sdk-tuning"  # the default bucket of the SDK defaults file the helper writes


@pytest.mark.parametrize(
    ("line", "flow", "kind", "prefix"),
    [
        ("sdk2", "process_v2.py", "script", "sdk-script-"),
        ("sdk2", "process_v2.py", "sklearn", "sdk-sklearn-"),
        ("sdk3", "process_v3.py", "sklearn", "sdk3-script-"),
    ],
)
def test_the_sdk_processors_run_a_preprocessing_script_unchanged(
    tmp_path, no_aws_configuration, line, flow, kind, prefix
):
    home = tmp_path / "home"
    home.mkdir()
    data = load_breast_cancer()
    rows = np.column_stack([data.target, data.data])
    (tmp_path / "data" / "raw" / "more").mkdir(parents=True)
    (tmp_path / "data" / "params").mkdir(parents=True)
    np.savetxt(tmp_path / "data" / "raw" / "part-0.csv", rows[:300], delimiter=",")
    np.savetxt(tmp_path / "data" / "raw" / "more" / "part-1.csv", rows[300:], delimiter=",")
    (tmp_path / "data" / "params" / "params.json").write_text(
        json.dumps({"test_size": 0.2, "seed": 3})
    )
    # Given a live server with the SDK's bucket
    with live_server(tmp_path / "server") as server:
        s3 = face_client(f"{server.url}/mlstudio/s3", server.token)
        s3.create_bucket(Bucket=BUCKET)
        # When the SDK's ScriptProcessor runs the script over data it uploaded, following logs
        done = subprocess.run(
            [
                str(sdk_venv(line) / "bin" / "python"),
                str(FIXTURES / "sdk" / flow),
                str(SCRIPTS / "preprocess.py"),
                str(tmp_path / "data"),
                BUCKET,
                ROLE,
                *([kind] if line == "sdk2" else []),
            ],
            env=_sdk_env(server.url, server.token, home),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-4000:]
        seen = json.loads(done.stdout.strip().splitlines()[-1])

        def read(uri: str, name: str) -> bytes:
            key = uri.split(f"s3://{BUCKET}/", 1)[1].rstrip("/") + f"/{name}"
            return s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()

        train = np.loadtxt(io.BytesIO(read(seen["outputs"]["train"], "train.csv")), delimiter=",")
        scaler_json = json.loads(read(seen["outputs"]["scaler"], "scaler.json"))

    # Then the job completed, and the SDK printed the script's log lines as it followed them
    # (v3 prints them through logging, on stderr)
    assert seen["status"] == "Completed"
    assert seen["name"].startswith(prefix)
    if kind == "sklearn":
        assert "/sagemaker-scikit-learn:1.2-1-cpu-py3" in seen["image"]
    assert "files=2 rows=569 args=--mode sdk" in done.stdout + done.stderr
    if line == "sdk3":
        assert seen["exit_message"] == "455 training rows, 114 test rows"
    # And the outputs, at the SDK's default places, are scikit-learn's split and scaling
    assert seen["outputs"]["train"].startswith(f"s3://{BUCKET}/{seen['name']}/output/train")
    x_train, _x_test, y_train, _y_test = train_test_split(
        data.data, data.target, test_size=0.2, random_state=3, stratify=data.target
    )
    scaler = StandardScaler().fit(x_train)
    np.testing.assert_allclose(train[:, 0], y_train)
    np.testing.assert_allclose(train[:, 1:], scaler.transform(x_train), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(scaler_json["mean"], scaler.mean_)
