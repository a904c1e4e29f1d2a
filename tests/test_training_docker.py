"""Training jobs on the Docker backend: the same contract in real containers (the test command
starts a Docker engine and builds mlstudio/sklearn:latest locally)."""

from __future__ import annotations

import io
import json
import os
import pickle

import pytest

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .training_helpers import (
    fixture_code,
    job_request,
    make_bucket,
    read_tarball,
    upload_code,
    upload_iris,
    wait_for_end,
)

BUCKET = "docker"
IMAGE = "mlstudio/sklearn:latest"
BASE = "mlstudio/python-base:bookworm"


@pytest.fixture(scope="module")
def engine():
    if not os.environ.get("MLSTUDIO_TEST_DOCKER"):
        pytest.skip("no Docker engine was started for this run; scripts/test.sh starts one")
    import docker

    client = docker.from_env()
    missing = [name for name in (IMAGE, BASE) if not client.images.list(name=name)]
    assert not missing, f"images {missing} are missing: scripts/build_images.sh builds them"
    return client


@pytest.fixture
def mlstudio_config(s3_endpoint, aws_credentials, engine):
    return {"s3_endpoint_url": s3_endpoint, "stop_grace_seconds": 2.0}


@pytest.fixture
def jp_server_config(jp_server_config):
    from jupyterlab_mlstudio.compute.catalogue import DEFAULT_INSTANCE_TYPES

    jp_server_config["InstanceTypeCatalogue"] = {
        "instance_types": [
            *DEFAULT_INSTANCE_TYPES,
            {"name": "ml.test.tiny", "vcpus": 1, "memory_gib": 0.25},
        ]
    }
    return jp_server_config


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    return sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token
    )


@pytest.fixture
def bucket(s3_endpoint, aws_credentials):
    return make_bucket(s3_endpoint, BUCKET)


async def test_script_mode_training_in_a_docker_image(
    sagemaker, bucket, s3_endpoint, jp_fetch, engine
):
    data = upload_iris(s3_endpoint, bucket)
    code = upload_code(s3_endpoint, bucket, "code/iris/sourcedir.tar.gz", fixture_code("iris"))
    request = job_request(
        "docker-iris",
        code_uri=code,
        image=IMAGE,
        instance_type="ml.t3.medium",
        output=f"s3://{bucket}/output",
        channels={"train": data},
        hyperparameters={"epochs": "10"},
        metrics={"accuracy": r"accuracy=([0-9.]+)"},
    )
    await in_thread(sagemaker.create_training_job, **request)
    description = await in_thread(wait_for_end, sagemaker, "docker-iris", 240)
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    model = pickle.loads(
        read_tarball(s3_endpoint, description["ModelArtifacts"]["S3ModelArtifacts"])["model.pkl"]
    )
    from sklearn.datasets import load_iris

    iris = load_iris()
    assert model.score(iris.data, iris.target) > 0.8
    assert {item["MetricName"] for item in description["FinalMetricDataList"]} == {"accuracy"}
    detail = json.loads(
        (await jp_fetch("mlstudio", "api", "v1", "training-jobs", "docker-iris")).body
    )
    assert detail["backend"] == "docker"
    # The container is gone afterwards
    assert not engine.containers.list(all=True, filters={"label": "mlstudio.job=docker-iris"})


async def test_a_container_past_its_memory_limit_fails_with_out_of_memory(
    sagemaker, bucket, s3_endpoint
):
    code = upload_code(
        s3_endpoint,
        bucket,
        "code/oom/sourcedir.tar.gz",
        {"train.py": "x = []\nwhile True:\n    x.append(bytearray(64 * 1024 * 1024))\n"},
    )
    request = job_request(
        "docker-oom",
        code_uri=code,
        image=IMAGE,
        instance_type="ml.test.tiny",
        output=f"s3://{bucket}/o",
    )
    await in_thread(sagemaker.create_training_job, **request)
    description = await in_thread(wait_for_end, sagemaker, "docker-oom", 120)
    assert description["TrainingJobStatus"] == "Failed"
    assert description["FailureReason"].startswith(
        "OutOfMemoryError: algo-1 used more than 0.25 GiB"
    )


async def test_container_entrypoint_arguments_and_metrics_pushed_from_the_container(
    sagemaker, bucket, s3_endpoint
):
    program = (
        "import os, sys\n"
        "from jupyterlab_mlstudio import tracking\n"
        "for step in range(5):\n"
        "    tracking.log_metric('pushed', step, step=step)\n"
        "tracking.flush()\n"
        "open(os.path.join(os.environ['SM_MODEL_DIR'], 'args.txt'), 'w').write(' '.join(sys.argv[1:]))\n"
        "print('entrypoint ran', flush=True)\n"
    )
    from .training_helpers import s3_client

    s3_client(s3_endpoint).put_object(Bucket=bucket, Key="scripts/run.py", Body=program.encode())
    request = job_request(
        "docker-entrypoint",
        code_uri=None,
        image=IMAGE,
        instance_type="ml.t3.medium",
        output=f"s3://{bucket}/e",
        channels={"code": f"s3://{bucket}/scripts/"},
    )
    request["AlgorithmSpecification"]["ContainerEntrypoint"] = [
        "python3",
        "/opt/ml/input/data/code/run.py",
    ]
    request["AlgorithmSpecification"]["ContainerArguments"] = ["--alpha", "1"]
    await in_thread(sagemaker.create_training_job, **request)
    description = await in_thread(wait_for_end, sagemaker, "docker-entrypoint", 120)
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    assert {item["MetricName"]: item["Value"] for item in description["FinalMetricDataList"]} == {
        "pushed": 4.0
    }


async def test_an_image_with_its_own_train_command_runs_it(sagemaker, bucket, engine, s3_endpoint):
    dockerfile = (
        f"FROM {BASE}\n"
        'RUN printf \'#!/bin/sh\\necho "own train command: $SM_CURRENT_HOST"\\n'
        "echo done > /opt/ml/model/marker.txt\\n' > /usr/local/bin/train && chmod +x /usr/local/bin/train\n"
    )
    engine.images.build(
        fileobj=io.BytesIO(dockerfile.encode()), tag="mlstudio/own-train:test", rm=True
    )
    request = job_request(
        "docker-own-train",
        code_uri=None,
        image="mlstudio/own-train:test",
        instance_type="ml.t3.medium",
        output=f"s3://{bucket}/t",
    )
    await in_thread(sagemaker.create_training_job, **request)
    description = await in_thread(wait_for_end, sagemaker, "docker-own-train", 120)
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    model = read_tarball(s3_endpoint, description["ModelArtifacts"]["S3ModelArtifacts"])
    assert model["marker.txt"] == b"done\n"


async def test_stopping_a_docker_job_sends_sigterm_then_it_ends_stopped(
    sagemaker, bucket, s3_endpoint
):
    code = upload_code(
        s3_endpoint,
        bucket,
        "code/stop/sourcedir.tar.gz",
        {"train.py": "import time\nprint('running', flush=True)\ntime.sleep(300)\n"},
    )
    request = job_request(
        "docker-stop",
        code_uri=code,
        image=IMAGE,
        instance_type="ml.t3.medium",
        output=f"s3://{bucket}/s",
    )
    await in_thread(sagemaker.create_training_job, **request)
    from .training_helpers import wait_for_status

    await in_thread(wait_for_status, sagemaker, "docker-stop", "Training", 120)
    await in_thread(sagemaker.stop_training_job, TrainingJobName="docker-stop")
    description = await in_thread(wait_for_end, sagemaker, "docker-stop", 60)
    assert description["TrainingJobStatus"] == "Stopped"
