"""Training jobs on the process backend for whichever user runs the server: scripts that use the
absolute /opt/ml paths work (CI runs this file as root and as an unprivileged user), a stopped
job leaves nothing running, and a host without namespaces says so everywhere a user looks."""

from __future__ import annotations

import json
import os
import time

import pytest

from jupyterlab_mlstudio.client import Client
from jupyterlab_mlstudio.magics import status_tables

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .training_helpers import (
    job_request,
    make_bucket,
    read_tarball,
    upload_code,
    upload_iris,
    wait_for_end,
    wait_for_status,
)

BUCKET = "optml"

ABSOLUTE_PATHS = """
import json, os
rows = open("/opt/ml/input/data/train/iris.csv").read().splitlines()
with open("/opt/ml/model/summary.json", "w") as handle:
    json.dump({"rows": len(rows), "uid": os.getuid(), "gid": os.getgid()}, handle)
os.makedirs("/opt/ml/model/nested", exist_ok=True)
open("/opt/ml/model/nested/weights.txt", "w").write("0.5 0.25\\n")
print("wrote the model", flush=True)
"""

SETSID_CHILD = """
import os, subprocess, sys, time
subprocess.Popen([sys.executable, "-c",
    "import os, signal, time\\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\\n"
    "os.setsid()\\n"
    "open(%(pid)r + '.tmp', 'w').write(str(os.getpid()))\\n"
    "os.replace(%(pid)r + '.tmp', %(pid)r)\\n"
    "time.sleep(600)\\n"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
while not os.path.exists(%(pid)r):
    time.sleep(0.01)
print("child started", flush=True)
time.sleep(600)
"""


@pytest.fixture
def mlstudio_config(request, s3_endpoint, aws_credentials):
    return {
        "s3_endpoint_url": s3_endpoint,
        "stop_grace_seconds": 1.0,
        **getattr(request, "param", {}),
    }


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    return sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token
    )


@pytest.fixture
def script(s3_endpoint, aws_credentials):
    make_bucket(s3_endpoint, BUCKET)

    def make(name: str, code: str, **kwargs):
        uri = upload_code(s3_endpoint, BUCKET, f"code/{name}/sourcedir.tar.gz", {"train.py": code})
        return job_request(name, code_uri=uri, output=f"s3://{BUCKET}/output", **kwargs)

    return make


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


async def test_a_script_using_absolute_opt_ml_paths_delivers_its_model(
    sagemaker, script, s3_endpoint
):
    # Given a script that reads /opt/ml/input/data/train and writes /opt/ml/model directly
    iris = upload_iris(s3_endpoint, BUCKET)
    request = script("absolute-paths", ABSOLUTE_PATHS, channels={"train": iris})
    # When it runs as a job of this server (root or not)
    await in_thread(sagemaker.create_training_job, **request)
    description = await in_thread(wait_for_end, sagemaker, "absolute-paths", 120)
    # Then it completed, and what it wrote is in the job's model artifact
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    model = read_tarball(s3_endpoint, description["ModelArtifacts"]["S3ModelArtifacts"])
    summary = json.loads(model["summary.json"])
    assert summary["rows"] == 150
    assert model["nested/weights.txt"] == b"0.5 0.25\n"
    # And the script ran as this server's user, not as root in disguise
    assert (summary["uid"], summary["gid"]) == (os.getuid(), os.getgid())


async def test_a_stopped_job_is_stopped_only_when_a_setsid_child_is_gone_too(
    sagemaker, script, jp_fetch, tmp_path
):
    # Given a running job whose child left its process group and ignores SIGTERM
    pid_file = tmp_path / "child.pid"
    await in_thread(
        sagemaker.create_training_job,
        **script("leaves-a-child", SETSID_CHILD % {"pid": str(pid_file)}),
    )
    await in_thread(wait_for_status, sagemaker, "leaves-a-child", "Training")
    deadline = time.monotonic() + 60
    while not pid_file.exists():
        assert time.monotonic() < deadline, "the job's child never started"
        time.sleep(0.02)
    child = int(pid_file.read_text())
    assert _alive(child) and os.getsid(child) == child
    # When the job is stopped
    await in_thread(sagemaker.stop_training_job, TrainingJobName="leaves-a-child")
    description = await in_thread(wait_for_end, sagemaker, "leaves-a-child", 60)
    # Then by the time it reports Stopped, the child is gone
    assert description["TrainingJobStatus"] == "Stopped"
    assert not _alive(child)


@pytest.mark.parametrize("mlstudio_config", [{"process_isolation": "none"}], indirect=True)
async def test_without_namespaces_the_status_log_and_error_all_say_why(
    sagemaker, script, jp_fetch, api, jp_http_port, jp_base_url, jp_serverapp
):
    # Given a server whose process backend has no private mounts
    code, status = await api("GET", "status")
    assert code == 200
    process = next(item for item in status["backends"] if item["name"] == "process")
    # Then the status warns, with the setting that enables them
    assert len(process["warnings"]) == 1
    assert "no private /opt/ml" in process["warnings"][0]
    assert "process_isolation = 'auto'" in process["warnings"][0]
    # And so does %mlstudio status
    client = Client(
        url=f"http://localhost:{jp_http_port}{jp_base_url}",
        token=jp_serverapp.identity_provider.token,
    )
    tables = await in_thread(status_tables, client)
    warnings = next(table for table in tables if table.title == "Warnings")
    assert warnings.rows == [["process", f"WARNING: {process['warnings'][0]}"]]
    assert "WARNING: jobs have no private /opt/ml" in str(warnings)
    # When a job writes an absolute /opt/ml path
    await in_thread(
        sagemaker.create_training_job,
        **script("no-namespaces", "open('/opt/ml/model/m.txt', 'w').write('x')\n"),
    )
    description = await in_thread(wait_for_end, sagemaker, "no-namespaces", 120)
    # Then the job's first log line says why /opt/ml is missing, and so does the failure
    response = await jp_fetch(
        "mlstudio", "api", "v1", "training-jobs", "no-namespaces", "logs", params={"limit": "100"}
    )
    lines = [line["message"] for line in json.loads(response.body)["lines"]]
    assert lines[0].startswith("ML Studio: jobs have no private /opt/ml"), lines
    assert description["TrainingJobStatus"] == "Failed"
    assert "no private /opt/ml" in description["FailureReason"]
    assert "/opt/ml/model/m.txt" in description["FailureReason"]
