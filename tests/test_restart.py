"""A real server killed mid-job and started again on the same data: the job carries on and
no log line or metric point is lost or doubled."""

from __future__ import annotations

import contextlib
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


def log_tail(work: Path) -> str:
    """The end of the newest server log in `work`, to say why a start failed."""
    logs = sorted(work.glob("server-*.log"))
    return logs[-1].read_text(errors="replace")[-2000:] if logs else "(no log)"


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
                timeout=10,
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


def test_a_restart_takes_back_the_jobs_reservations_and_none_of_the_kernels(tmp_path):
    port, token = _free_port(), "ledger-token"
    headers = {"Authorization": f"token {token}"}
    base = f"http://127.0.0.1:{port}"
    code = tmp_path / "code"
    code.mkdir()
    release = tmp_path / "release"
    (code / "train.py").write_text(
        "import os, time\nprint('holding', flush=True)\n"
        f"while not os.path.exists({str(release)!r}):\n    time.sleep(0.05)\n"
    )
    (tmp_path / "held.ipynb").write_text(
        '{"cells": [], "metadata": {"mlstudio": {"image": "default", "instance_type": '
        '"ml.t3.medium"}}, "nbformat": 4, "nbformat_minor": 5}'
    )

    def reservations():
        status = requests.get(f"{base}/mlstudio/api/v1/status", headers=headers, timeout=30)
        return [(item["kind"], item["name"]) for item in status.json()["capacity"]["reservations"]]

    def job_status():
        return requests.get(
            f"{base}/mlstudio/api/v1/training-jobs/holder", headers=headers, timeout=30
        ).json()["secondary_status"]

    server = _start(tmp_path, port, token)
    kernel_id = None
    try:
        # Given a kernel and a job that both hold memory
        deadline = time.monotonic() + 60
        while (
            "mlstudio-default-python3"
            not in requests.get(f"{base}/api/kernelspecs", headers=headers, timeout=30).json()[
                "kernelspecs"
            ]
        ):
            assert time.monotonic() < deadline, "the default image's kernel spec never appeared"
            time.sleep(0.1)
        session = requests.post(
            f"{base}/api/sessions",
            headers=headers,
            json={
                "path": "held.ipynb",
                "type": "notebook",
                "kernel": {"name": "mlstudio-default-python3"},
            },
            timeout=60,
        )
        assert session.status_code == 201, session.text
        kernel_id = session.json()["kernel"]["id"]
        created = requests.post(
            f"{base}/mlstudio/api/v1/training-jobs",
            headers=headers,
            json={
                "training_job_name": "holder",
                "algorithm_specification": {"training_image": "default"},
                "hyper_parameters": {
                    "sagemaker_program": "train.py",
                    "sagemaker_submit_directory": f"file://{code}",
                },
                "output_data_config": {"s3_output_path": f"file://{tmp_path}/out"},
                "resource_config": {"instance_type": "ml.m5.large", "instance_count": 1},
            },
            timeout=30,
        )
        assert created.status_code == 201, created.text
        deadline = time.monotonic() + 60
        while job_status() != "Training":
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert sorted(reservations()) == [("kernel", "held.ipynb"), ("training-job", "holder")]
        # When the server dies and another starts on the same data
        server.send_signal(signal.SIGKILL)
        server.wait(10)
        server = _start(tmp_path, port, token)
        # Then the job's reservation is back, and the dead server's kernel holds nothing
        deadline = time.monotonic() + 30
        while reservations() != [("training-job", "holder")]:
            assert time.monotonic() < deadline, reservations()
            time.sleep(0.1)
        # And the job finishes and returns it
        release.write_text("go")
        deadline = time.monotonic() + 60
        while job_status() != "Completed":
            assert time.monotonic() < deadline, job_status()
            time.sleep(0.1)
        assert reservations() == []
    finally:
        release.write_text("go")
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
        _stop_kernel_left_behind(kernel_id)


def _stop_kernel_left_behind(kernel_id):
    """The killed server's kernel, if it outlived its parent: stopped by its PID."""
    if not kernel_id:
        return
    import psutil

    for process in psutil.process_iter(["pid", "cmdline"]):
        if any(kernel_id in part for part in process.info["cmdline"] or []):
            with contextlib.suppress(psutil.Error):
                process.kill()
