"""Processing jobs on the Docker backend: the same contract in real containers (the test command
starts a Docker engine and builds mlstudio/sklearn:latest locally): inputs staged into
/opt/ml/processing, /opt/ml/config per instance, outputs uploaded, a failure's reason."""

from __future__ import annotations

import io
import json
import os

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer

from jupyterlab_mlstudio.objects.router import join_uri

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .processing_helpers import (
    ROOT,
    processing_request,
    s3_input,
    s3_output,
    upload_script,
    wait_for_end,
    with_tiny_instances,
)

IMAGE = "mlstudio/sklearn:latest"


@pytest.fixture(scope="module")
def engine():
    if not os.environ.get("MLSTUDIO_TEST_DOCKER"):
        pytest.skip("no Docker engine was started for this run; scripts/test.sh starts one")
    import docker

    client = docker.from_env()
    assert client.images.list(name=IMAGE), f"{IMAGE} is missing: scripts/build_images.sh builds it"
    return client


@pytest.fixture
def mlstudio_config(engine):
    return {"stop_grace_seconds": 2.0}


@pytest.fixture
def jp_server_config(jp_server_config):
    return with_tiny_instances(jp_server_config)


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    return sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token
    )


async def test_a_script_runs_in_a_container_with_its_inputs_config_and_outputs(sagemaker, services):
    objects = services.objects
    root = join_uri(objects.default_root, "docker-processing")
    data = load_breast_cancer()
    buffer = io.StringIO()
    np.savetxt(buffer, np.column_stack([data.target, data.data]), delimiter=",")
    objects.put_bytes(f"{root}/raw/all.csv", buffer.getvalue().encode())
    objects.put_bytes(f"{root}/params/params.json", b'{"test_size": 0.5, "seed": 1}')
    code = upload_script(objects, root, "preprocess.py")
    outputs = [
        s3_output(name, f"{root}/out/{name}", f"{ROOT}/{name}")
        for name in ("train", "test", "scaler")
    ]
    # Given a scikit-learn image and a preprocessing script over two inputs
    request = processing_request(
        "in-docker",
        code,
        "preprocess.py",
        image=IMAGE,
        inputs=[
            s3_input("raw", f"{root}/raw", f"{ROOT}/input/raw"),
            s3_input("params", f"{root}/params", f"{ROOT}/params"),
        ],
        outputs=outputs,
    )
    # When it runs as a processing job on the Docker backend
    await in_thread(sagemaker.create_processing_job, **request)
    described = await in_thread(wait_for_end, sagemaker, "in-docker", 300)
    # Then it completed in a container, and its outputs were uploaded
    assert described["ProcessingJobStatus"] == "Completed", described.get("FailureReason")
    assert described["ExitMessage"] == "284 training rows, 285 test rows"
    train = np.loadtxt(io.BytesIO(objects.get_bytes(f"{root}/out/train/train.csv")), delimiter=",")
    assert train.shape == (284, 31)
    scaler = json.loads(objects.get_bytes(f"{root}/out/scaler/scaler.json"))
    assert len(scaler["mean"]) == 30
    detail = await in_thread(services.processing.describe, _context(services), "in-docker")
    assert detail.backend == "docker"

    # And a script that fails in a container fails the job with its last words
    broken = upload_script(objects, root, "fail.py")
    await in_thread(
        sagemaker.create_processing_job,
        **processing_request("docker-broken", broken, "fail.py", image=IMAGE),
    )
    failed = await in_thread(wait_for_end, sagemaker, "docker-broken", 300)
    assert failed["ProcessingJobStatus"] == "Failed"
    assert "ValueError: column 'label' is missing from the input" in failed["FailureReason"]


def _context(services):
    from jupyterlab_mlstudio.core.identity import local_user

    return services.context_for(local_user())
