"""Training jobs on the ``ray`` backend, against a real local Ray cluster (a head and a worker
in a loopback-only network namespace, ``ray_helpers.py``) and a real server in its own
process, started inside that namespace so that it and the cluster reach each other on
127.0.0.1: SageMaker's requests unchanged, real scikit-learn training, logs as they are
written, stop, a killed unit, a job of two hosts that find each other, a restart mid-job."""

from __future__ import annotations

import io
import json
import os
import pickle
import signal
import tarfile
import time
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

from .live_server import LiveServer, _free_port, live_server

# The cluster's start (once per session) takes minutes on a loaded machine.
pytestmark = pytest.mark.timeout(900)

IRIS_SCRIPT = (Path(__file__).parent / "fixtures" / "iris" / "train.py").read_text()
CLUSTER_TYPES = {"ml.m5.large": {"CPU": 1}, "ml.m5.xlarge": {"CPU": 1}}


@pytest.fixture(scope="module")
def inside(ray_cluster):
    """This module's requests and servers in the cluster's network namespace."""
    with ray_cluster.inside():
        yield ray_cluster


def server_settings(cluster: Any, files: Path) -> dict[str, Any]:
    """The settings of a server on the cluster; ``files`` holds the tests' data and code."""
    return {
        "allowed_file_roots": [str(files)],
        "ray_address": cluster.dashboard,
        "ray_resources": CLUSTER_TYPES,
        "stop_grace_seconds": 5.0,
        "monitor_interval": 3600.0,
    }


@pytest.fixture(scope="module")
def server(inside, tmp_path_factory):
    settings = server_settings(inside, tmp_path_factory.getbasetemp())
    with live_server(tmp_path_factory.mktemp("ray-server"), mlstudio=settings) as s:
        yield s


def sagemaker_of(server: LiveServer) -> Any:
    return boto3.client(
        "sagemaker",
        endpoint_url=f"{server.url}/mlstudio/aws",
        region_name="us-east-1",
        aws_access_key_id="me",
        aws_secret_access_key=server.token,
    )


def request_for(name: str, code: Path, out: Path, **extra: Any) -> dict[str, Any]:
    return {
        "TrainingJobName": name,
        "AlgorithmSpecification": {
            "TrainingImage": "default",
            "TrainingInputMode": "File",
            "MetricDefinitions": [
                {"Name": "loss", "Regex": r"loss=([0-9.]+)"},
                {"Name": "accuracy", "Regex": r"accuracy=([0-9.]+)"},
            ],
        },
        "RoleArn": "arn:aws:iam::000000000000:role/r",
        "HyperParameters": {
            "sagemaker_program": '"train.py"',
            "sagemaker_submit_directory": f'"file://{code}"',
            **extra.pop("hyperparameters", {}),
        },
        "OutputDataConfig": {"S3OutputPath": f"file://{out}"},
        "ResourceConfig": {
            "InstanceType": "ml.m5.large",
            "InstanceCount": extra.pop("count", 1),
            "VolumeSizeInGB": 1,
        },
        "StoppingCondition": {"MaxRuntimeInSeconds": 600},
        **extra,
    }


def code_folder(root: Path, script: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "train.py").write_text(script)
    return root


def wait_until_ended(sagemaker: Any, name: str, timeout: float = 240) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        description = sagemaker.describe_training_job(TrainingJobName=name)
        if description["TrainingJobStatus"] not in ("InProgress", "Stopping"):
            return description
        assert time.monotonic() < deadline, description.get("SecondaryStatus")
        time.sleep(0.3)


def log_lines(server: LiveServer, name: str, host: str = "algo-1") -> list[str]:
    answer = requests.get(
        f"{server.api}/training-jobs/{name}/logs",
        headers=server.headers,
        params={"limit": 5000, "host": host},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return [line["message"] for line in answer.json()["lines"]]


def wait_for_line(server: LiveServer, name: str, start: str, timeout: float = 240) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [line for line in log_lines(server, name) if line.startswith(start)]
        if found:
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"no line starting {start!r} in {name}'s log: {log_lines(server, name)}")


def tarball(path: Path) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(path.read_bytes())) as tar:
        return {
            member.name.removeprefix("./"): tar.extractfile(member).read()  # type: ignore[union-attr]
            for member in tar.getmembers()
            if member.isfile()
        }


def test_a_script_mode_job_trains_on_the_cluster_with_the_sagemaker_contract(server, tmp_path):
    import numpy as np
    from sklearn.datasets import load_iris

    # Given iris and SageMaker's iris script, and an instance type that runs on the cluster
    data = load_iris()
    (tmp_path / "train").mkdir()
    np.savetxt(
        tmp_path / "train" / "iris.csv", np.column_stack([data.data, data.target]), delimiter=","
    )
    code = code_folder(tmp_path / "code", IRIS_SCRIPT)
    request = request_for(
        "ray-iris",
        code,
        tmp_path / "out",
        hyperparameters={"epochs": "6"},
        InputDataConfig=[
            {
                "ChannelName": "train",
                "DataSource": {
                    "S3DataSource": {
                        "S3DataType": "S3Prefix",
                        "S3Uri": f"file://{tmp_path / 'train'}",
                        "S3DataDistributionType": "FullyReplicated",
                    }
                },
            }
        ],
    )
    sagemaker = sagemaker_of(server)

    # When it is created and runs to the end
    sagemaker.create_training_job(**request)
    description = wait_until_ended(sagemaker, "ray-iris")

    # Then it completed on the Ray backend, as a Ray job of the cluster
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    detail = requests.get(
        f"{server.api}/training-jobs/ray-iris", headers=server.headers, timeout=30
    ).json()
    assert detail["backend"] == "ray"
    # And the model came back from the cluster and is a working classifier
    output = tmp_path / "out" / "ray-iris" / "output"
    model = pickle.loads(tarball(output / "model.tar.gz")["model.pkl"])
    assert model.score(data.data, data.target) > 0.7
    # And the contract held: channels, hyperparameters, hosts; paths inside the working folder
    env = json.loads(tarball(output / "output.tar.gz")["env.json"])
    assert env["SM_CURRENT_HOST"] == "algo-1" and json.loads(env["SM_HOSTS"]) == ["algo-1"]
    assert json.loads(env["SM_HPS"]) == {"epochs": 6}
    assert env["SM_MODEL_DIR"].endswith("/model") and "/opt/ml" not in env["SM_MODEL_DIR"]
    assert env["SM_CHANNEL_TRAIN"] == env["SM_MODEL_DIR"][: -len("model")] + "input/data/train"
    # And every line of the script reached the log store, and no line of the unit's own
    lines = log_lines(server, "ray-iris")
    assert [line.split()[0] for line in lines if line.startswith("epoch=")] == [
        f"epoch={epoch}" for epoch in range(6)
    ]
    assert lines[-1] == "training complete"
    assert not any("mlstudio-unit" in line for line in lines)
    # And the metric regexes made the final metrics
    final = {item["MetricName"]: item["Value"] for item in description["FinalMetricDataList"]}
    assert set(final) == {"loss", "accuracy"} and 0 < final["accuracy"] <= 1


def test_the_status_shows_the_cluster(server):
    # The cluster is listed from the start, and read in the background like Docker
    deadline = time.monotonic() + 60
    while True:
        status = requests.get(f"{server.api}/status", headers=server.headers, timeout=30).json()
        ray = next(item for item in status["backends"] if item["name"] == "ray")
        if ray["reason"] != "not checked yet" or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert ray["available"] is True, ray
    assert "2 nodes" in ray["detail"] and "4 CPU" in ray["detail"], ray


def test_a_unit_killed_on_the_cluster_fails_its_job_with_the_reason(server, tmp_path):
    code = code_folder(
        tmp_path / "code",
        "import os, time\nprint(f'pid={os.getpid()}', flush=True)\ntime.sleep(300)\n",
    )
    sagemaker = sagemaker_of(server)
    sagemaker.create_training_job(**request_for("ray-killed", code, tmp_path / "out"))
    pid = int(wait_for_line(server, "ray-killed", "pid=").split("=")[1])

    # When the script's process dies of SIGKILL on its node
    os.kill(pid, signal.SIGKILL)

    # Then the job fails, saying which host was killed and how
    description = wait_until_ended(sagemaker, "ray-killed")
    assert description["TrainingJobStatus"] == "Failed"
    assert "algo-1 was killed by SIGKILL" in description["FailureReason"], description


def test_a_stopped_job_gets_sigterm_and_keeps_what_it_saved(server, tmp_path):
    script = (
        "import os, signal, sys, time\n"
        "def bye(*_):\n"
        "    open(os.path.join(os.environ['SM_MODEL_DIR'], 'stopped.txt'), 'w').write('saved')\n"
        "    print('saved on SIGTERM', flush=True)\n"
        "    sys.exit(0)\n"
        "signal.signal(signal.SIGTERM, bye)\n"
        "print('waiting', flush=True)\n"
        "time.sleep(300)\n"
    )
    code = code_folder(tmp_path / "code", script)
    sagemaker = sagemaker_of(server)
    sagemaker.create_training_job(**request_for("ray-stopped", code, tmp_path / "out"))
    wait_for_line(server, "ray-stopped", "waiting")

    sagemaker.stop_training_job(TrainingJobName="ray-stopped")

    description = wait_until_ended(sagemaker, "ray-stopped")
    assert description["TrainingJobStatus"] == "Stopped", description.get("FailureReason")
    assert "saved on SIGTERM" in log_lines(server, "ray-stopped")
    model = tarball(tmp_path / "out" / "ray-stopped" / "output" / "model.tar.gz")
    assert model["stopped.txt"] == b"saved"


def test_two_hosts_find_each_other_through_master_addr(server, tmp_path):
    script = (
        "import json, os, socket, time\n"
        "host = os.environ['SM_CURRENT_HOST']\n"
        "hosts = json.loads(os.environ['SM_HOSTS'])\n"
        "address = (os.environ['MASTER_ADDR'], int(os.environ['MASTER_PORT']))\n"
        "print(f'{host} of {hosts} master={address[0]}', flush=True)\n"
        "if host == hosts[0]:\n"
        "    server = socket.create_server(address)\n"
        "    connection, _ = server.accept()\n"
        "    print(f'{host} heard ' + connection.recv(100).decode(), flush=True)\n"
        "else:\n"
        "    for _ in range(300):\n"
        "        try:\n"
        "            socket.create_connection(address).sendall(host.encode())\n"
        "            break\n"
        "        except OSError:\n"
        "            time.sleep(0.1)\n"
    )
    code = code_folder(tmp_path / "code", script)
    sagemaker = sagemaker_of(server)
    sagemaker.create_training_job(**request_for("ray-pair", code, tmp_path / "out", count=2))

    description = wait_until_ended(sagemaker, "ray-pair")

    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    lines = log_lines(server, "ray-pair")
    assert "algo-1 heard algo-2" in lines, lines
    second = log_lines(server, "ray-pair", host="algo-2")
    assert any(line.startswith("algo-2 of ['algo-1', 'algo-2'] master=") for line in second)


def test_an_image_the_cluster_cannot_run_is_refused_and_a_job_may_run_here(server, tmp_path):
    code = code_folder(tmp_path / "code", "print('ran here', flush=True)\n")
    sagemaker = sagemaker_of(server)
    request = request_for("ray-container", code, tmp_path / "out")
    request["AlgorithmSpecification"]["TrainingImage"] = "my-team/trainer:1"
    with pytest.raises(sagemaker.exceptions.ClientError) as refused:
        sagemaker.create_training_job(**request)
    message = refused.value.response["Error"]["Message"]
    assert "cannot run on the Ray cluster" in message and "mlstudio:runs-on" in message

    here = request_for(
        "ray-here", code, tmp_path / "out", Tags=[{"Key": "mlstudio:runs-on", "Value": "here"}]
    )
    sagemaker.create_training_job(**here)
    description = wait_until_ended(sagemaker, "ray-here")
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    detail = requests.get(
        f"{server.api}/training-jobs/ray-here", headers=server.headers, timeout=30
    ).json()
    assert detail["backend"] == "process"


def test_a_restarted_server_adopts_its_ray_jobs_without_losing_a_line(inside, tmp_path):
    script = (
        "import time\n"
        "for step in range(60):\n"
        "    print(f'step={step} loss={1 / (step + 1):.5f}', flush=True)\n"
        "    time.sleep(0.05)\n"
    )
    code = code_folder(tmp_path / "code", script)
    folder, token, port = tmp_path / "server", "ray-restart-token", _free_port()
    settings = server_settings(inside, tmp_path)
    with live_server(folder, mlstudio=settings, token=token, port=port) as first:
        sagemaker = sagemaker_of(first)
        sagemaker.create_training_job(**request_for("ray-outlives", code, tmp_path / "out"))
        wait_for_line(first, "ray-outlives", "step=5")
        # When the server dies without any chance to clean up
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(10)
    with live_server(folder, mlstudio=settings, token=token, port=port) as second:
        # Then the new server on the same data adopts the Ray job by its id and finishes it
        description = wait_until_ended(sagemaker_of(second), "ray-outlives")
        assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
        lines = log_lines(second, "ray-outlives")
        assert [line.split()[0] for line in lines] == [f"step={step}" for step in range(60)]
        assert (tmp_path / "out" / "ray-outlives" / "output" / "model.tar.gz").exists()
