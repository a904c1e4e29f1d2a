"""A real server killed mid-job and started again on the same data: the job carries on and
no log line or metric point is lost or doubled."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import requests

CODE = """
import time
for step in range(60):
    print(f"step={step} loss={1 / (step + 1):.5f}", flush=True)
    time.sleep(0.05)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(work: Path, port: int, token: str) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "server",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={work}",
        f"--MLStudioApp.data_dir={work / 'mlstudio'}",
        "--ServerApp.port_retries=0",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = dict(
        os.environ,
        JUPYTER_RUNTIME_DIR=str(work / "runtime"),
        JUPYTER_CONFIG_DIR=str(work / "config"),
    )
    with open(work / f"server-{time.time()}.log", "wb") as log:
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(
                f"http://127.0.0.1:{port}/mlstudio/api/v1/status",
                headers={"Authorization": f"token {token}"},
                timeout=2,
            ).ok:
                return server
        except (requests.ConnectionError, requests.Timeout):
            # Not listening yet, or busy starting (on a loaded machine the first answer can
            # take longer than one read timeout): ask again until the deadline.
            time.sleep(0.2)
    server.kill()
    raise AssertionError("the server did not start")


def test_a_crashed_server_restarts_and_finishes_the_job_without_losing_a_line(tmp_path):
    port, token = _free_port(), "restart-token"
    code = tmp_path / "code"
    code.mkdir()
    (code / "train.py").write_text(CODE)
    server = _start(tmp_path, port, token)
    try:
        sagemaker = boto3.client(
            "sagemaker",
            endpoint_url=f"http://127.0.0.1:{port}/mlstudio/aws",
            region_name="us-east-1",
            aws_access_key_id="me",
            aws_secret_access_key=token,
        )
        sagemaker.create_training_job(
            TrainingJobName="outlives-server",
            AlgorithmSpecification={
                "TrainingImage": "default",
                "TrainingInputMode": "File",
                "MetricDefinitions": [{"Name": "loss", "Regex": r"loss=([0-9.]+)"}],
            },
            RoleArn="arn:aws:iam::000000000000:role/r",
            HyperParameters={
                "sagemaker_program": "train.py",
                "sagemaker_submit_directory": f"file://{code}",
            },
            OutputDataConfig={"S3OutputPath": f"file://{tmp_path}/out"},
            ResourceConfig={"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 1},
            StoppingCondition={"MaxRuntimeInSeconds": 600},
        )
        headers = {"Authorization": f"token {token}"}
        logs_url = f"http://127.0.0.1:{port}/mlstudio/api/v1/training-jobs/outlives-server/logs"
        deadline = time.monotonic() + 60
        while requests.get(logs_url, headers=headers, timeout=5).json()["total"] < 10:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        # When the server dies without any chance to clean up
        server.send_signal(signal.SIGKILL)
        server.wait(10)
        time.sleep(1.0)  # the job keeps printing while no server watches it
        # Then a new server on the same data adopts the job
        server = _start(tmp_path, port, token)
        deadline = time.monotonic() + 120
        while True:
            description = sagemaker.describe_training_job(TrainingJobName="outlives-server")
            if description["TrainingJobStatus"] != "InProgress":
                break
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
        lines = requests.get(logs_url, headers=headers, params={"limit": 1000}, timeout=5).json()[
            "lines"
        ]
        assert [line["message"].split()[0] for line in lines] == [
            f"step={step}" for step in range(60)
        ]
        detail = requests.get(
            f"http://127.0.0.1:{port}/mlstudio/api/v1/training-jobs/outlives-server",
            headers=headers,
            timeout=5,
        ).json()
        history = requests.get(
            f"http://127.0.0.1:{port}/mlstudio/api/v1/runs/{detail['run_id']}/metrics/loss",
            headers=headers,
            timeout=5,
        ).json()
        assert [point["step"] for point in history["points"]] == list(range(60))
        assert (tmp_path / "out" / "outlives-server" / "output" / "model.tar.gz").exists()
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
