"""The training contract beyond a single host: several hosts, checkpoints, manifests and
sharding, metrics pushed from the job, and a server restart in the middle of a job."""

from __future__ import annotations

import json

import pytest

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .training_helpers import (
    job_request,
    make_bucket,
    read_tarball,
    s3_client,
    upload_code,
    wait_for_end,
)

BUCKET = "contract"


@pytest.fixture
def mlstudio_config(s3_endpoint, aws_credentials):
    return {"s3_endpoint_url": s3_endpoint, "stop_grace_seconds": 2.0, "checkpoint_interval": 0.2}


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


async def _run(sagemaker, request, timeout=120):
    await in_thread(sagemaker.create_training_job, **request)
    description = await in_thread(wait_for_end, sagemaker, request["TrainingJobName"], timeout)
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    return description


async def test_several_hosts_each_get_their_config_and_reach_each_other(
    sagemaker, script, s3_endpoint
):
    code = """
import json, os, socket, time
config = json.load(open("/opt/ml/input/config/resourceconfig.json"))
host, hosts = config["current_host"], config["hosts"]
assert os.environ["SM_CURRENT_HOST"] == host and json.loads(os.environ["SM_HOSTS"]) == hosts
if host == "algo-1":
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("0.0.0.0", 47011))
    server.listen(5)
    greetings = []
    for _ in hosts[1:]:
        connection, _ = server.accept()
        greetings.append(connection.recv(100).decode())
    json.dump(sorted(greetings), open(os.path.join(os.environ["SM_MODEL_DIR"], "greetings.json"), "w"))
else:
    for _ in range(200):
        try:
            socket.create_connection((hosts[0], 47011), timeout=1).sendall(f"hello from {host}".encode())
            break
        except OSError:
            time.sleep(0.05)
print(f"{host} done")
"""
    description = await _run(sagemaker, script("two-hosts", code, count=2))
    model = read_tarball(s3_endpoint, description["ModelArtifacts"]["S3ModelArtifacts"])
    assert json.loads(model["greetings.json"]) == ["hello from algo-2"]


async def test_checkpoints_are_restored_before_and_uploaded_during_and_after_a_run(
    sagemaker, script, s3_endpoint
):
    code = """
import os, time
folder = "/opt/ml/checkpoints"
previous = sorted(os.listdir(folder))
print("restored", previous, flush=True)
for step in range(3):
    open(os.path.join(folder, f"step-{len(previous) + step}.ckpt"), "w").write("weights")
    time.sleep(0.3)
"""
    checkpoints = {"S3Uri": f"s3://{BUCKET}/checkpoints/run", "LocalPath": "/opt/ml/checkpoints"}
    await _run(sagemaker, script("ckpt-1", code, CheckpointConfig=checkpoints))
    keys = sorted(
        item["Key"]
        for item in s3_client(s3_endpoint).list_objects_v2(
            Bucket=BUCKET, Prefix="checkpoints/run/"
        )["Contents"]
    )
    assert keys == [f"checkpoints/run/step-{n}.ckpt" for n in range(3)]
    # A second job with the same checkpoint location starts from the first one's files
    await _run(sagemaker, script("ckpt-2", code, CheckpointConfig=checkpoints))
    keys = sorted(
        item["Key"]
        for item in s3_client(s3_endpoint).list_objects_v2(
            Bucket=BUCKET, Prefix="checkpoints/run/"
        )["Contents"]
    )
    assert len(keys) == 6


async def test_manifest_channels_and_sharding_by_key(sagemaker, script, s3_endpoint):
    client = s3_client(s3_endpoint)
    for index in range(4):
        client.put_object(Bucket=BUCKET, Key=f"shards/part-{index}.txt", Body=str(index).encode())
    client.put_object(
        Bucket=BUCKET,
        Key="manifests/pick.json",
        Body=json.dumps(
            [{"prefix": f"s3://{BUCKET}/shards/"}, "part-1.txt", "part-3.txt"]
        ).encode(),
    )
    code = """
import json, os
seen = {name: sorted(os.listdir(os.environ[f"SM_CHANNEL_{name.upper()}"])) for name in json.loads(os.environ["SM_CHANNELS"])}
open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], os.environ["SM_CURRENT_HOST"] + ".json"), "w").write(json.dumps(seen))
"""
    request = script("channels", code, count=2)
    request["InputDataConfig"] = [
        {
            "ChannelName": "picked",
            "DataSource": {
                "S3DataSource": {
                    "S3DataType": "ManifestFile",
                    "S3Uri": f"s3://{BUCKET}/manifests/pick.json",
                }
            },
        },
        {
            "ChannelName": "sharded",
            "DataSource": {
                "S3DataSource": {
                    "S3DataType": "S3Prefix",
                    "S3Uri": f"s3://{BUCKET}/shards/",
                    "S3DataDistributionType": "ShardedByS3Key",
                }
            },
        },
    ]
    await in_thread(sagemaker.create_training_job, **request)
    description = await in_thread(wait_for_end, sagemaker, "channels")
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    # output.tar.gz comes from algo-1, the host whose model and output SageMaker keeps
    output = read_tarball(
        s3_endpoint,
        description["ModelArtifacts"]["S3ModelArtifacts"].replace("model.tar.gz", "output.tar.gz"),
    )
    seen = json.loads(output["algo-1.json"])
    assert seen["picked"] == ["part-1.txt", "part-3.txt"]
    assert seen["sharded"] == ["part-0.txt", "part-2.txt"]


async def test_code_in_the_job_pushes_metrics_through_the_client(sagemaker, script, jp_fetch):
    code = """
from jupyterlab_mlstudio import tracking
tracking.log_param("optimizer", "adam")
for step in range(50):
    tracking.log_metric("pushed", step * 0.5, step=step)
tracking.log_metric("odd", float("nan"))
tracking.flush()
print("pushed everything")
"""
    description = await _run(sagemaker, script("pusher", code))
    final = {item["MetricName"]: item["Value"] for item in description["FinalMetricDataList"]}
    assert final["pushed"] == 24.5
    detail = json.loads((await jp_fetch("mlstudio", "api", "v1", "training-jobs", "pusher")).body)
    history = json.loads(
        (
            await jp_fetch("mlstudio", "api", "v1", "runs", detail["run_id"], "metrics", "pushed")
        ).body
    )
    assert [point["value"] for point in history["points"]] == [step * 0.5 for step in range(50)]
    run = json.loads((await jp_fetch("mlstudio", "api", "v1", "runs", detail["run_id"])).body)
    assert run["params"]["optimizer"] == "adam"
    assert run["status"] == "FINISHED" and run["tags"]["mlstudio.training_job"] == "pusher"


async def test_a_server_restart_mid_job_loses_no_line_and_no_metric_point(
    sagemaker, script, services, jp_fetch
):
    code = """
import time
for step in range(40):
    print(f"step={step} loss={1 / (step + 1):.4f}", flush=True)
    time.sleep(0.05)
"""
    request = script("survivor", code, metrics={"loss": r"loss=([0-9.]+)"})
    await in_thread(sagemaker.create_training_job, **request)
    # Let it run a little, then take the server's job supervision down as a restart would
    for _ in range(200):
        detail = json.loads(
            (await jp_fetch("mlstudio", "api", "v1", "training-jobs", "survivor", "logs")).body
        )
        if detail["total"] >= 5:
            break
        await __import__("asyncio").sleep(0.02)
    old = services.supervisor
    await in_thread(old.shutdown)
    assert old.active() == []
    await __import__("asyncio").sleep(0.5)  # the job keeps running and printing meanwhile
    from jupyterlab_mlstudio.jobs.supervisor import JobSupervisor

    fresh = JobSupervisor(old.database, old.events, old.supervisor_id)
    for kind in old.kinds.values():
        fresh.register(kind)
    services.training.supervisor = fresh
    services.images.supervisor = fresh
    services.supervisor = fresh
    assert await in_thread(fresh.adopt) == ["training-job:d-default:survivor"]
    description = await in_thread(wait_for_end, sagemaker, "survivor")
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    page = json.loads(
        (
            await jp_fetch(
                "mlstudio",
                "api",
                "v1",
                "training-jobs",
                "survivor",
                "logs",
                params={"limit": "1000"},
            )
        ).body
    )
    assert [line["message"].split()[0] for line in page["lines"]] == [
        f"step={step}" for step in range(40)
    ]
    assert [line["seq"] for line in page["lines"]] == list(range(40))
    history = json.loads(
        (
            await jp_fetch(
                "mlstudio", "api", "v1", "runs", _run_id(description, services), "metrics", "loss"
            )
        ).body
    )
    assert [point["step"] for point in history["points"]] == list(range(40))


def _run_id(description, services):
    from jupyterlab_mlstudio.core.context import RequestContext

    context = RequestContext(owner="x", domain=services.default_domain)
    return services.training.describe(context, description["TrainingJobName"]).run_id
