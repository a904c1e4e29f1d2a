"""SageMaker's own image URIs on the Docker backend (``sagemaker_image_backend = 'docker'``):
built-in XGBoost trains and serves in mlstudio/algorithms:latest, a scikit-learn framework URI
trains its script there, and a framework this project builds no image for is refused with the
way out. The test command starts a Docker engine and builds the images
(scripts/build_images.sh)."""

from __future__ import annotations

import io
import json
import os
import tarfile
from pathlib import Path

import pytest
from botocore.exceptions import ClientError
from sklearn.datasets import load_breast_cancer, load_iris

from .algorithm_helpers import XGBOOST_URI, csv_body, deploy, final_metrics, invoke, write_csv
from .aws_helpers import aws_url, in_thread
from .endpoint_helpers import clients, stop_endpoint_units
from .training_helpers import FIXTURES, job_request, wait_for_end

IMAGE = "mlstudio/algorithms:latest"
SKLEARN_URI = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"
TENSORFLOW_URI = "763104351884.dkr.ecr.us-west-2.amazonaws.com/tensorflow-training:2.13-cpu-py310"

pytestmark = pytest.mark.timeout(600)


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
    return {"sagemaker_image_backend": "docker", "stop_grace_seconds": 2.0}


@pytest.fixture
def aws(jp_fetch, jp_http_port, jp_base_url, jp_serverapp, services):
    yield clients(aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token)
    stop_endpoint_units(services)


async def _backend(jp_fetch, job: str) -> str:
    detail = json.loads((await jp_fetch("mlstudio", "api", "v1", "training-jobs", job)).body)
    return str(detail["backend"])


async def test_built_in_xgboost_trains_and_serves_in_the_local_algorithms_image(
    aws, engine, jp_fetch, jp_root_dir: Path
):
    import xgboost

    sagemaker, runtime, _ = aws
    features, labels = load_breast_cancer(return_X_y=True)
    train_x, train_y, test_x = features[::2], labels[::2], features[1::2]
    channels = {"train": write_csv(jp_root_dir, "train", train_x, train_y)}
    hyperparameters = {"num_round": "10", "objective": "binary:logistic", "max_depth": "3"}

    # Given built-in XGBoost by the SDK's URI, with no metric definitions, on a server that
    # runs SageMaker's images on Docker
    request = job_request(
        "xgb-docker",
        code_uri=None,
        output=f"file://{jp_root_dir}/out",
        image=XGBOOST_URI,
        instance_type="local",
        channels=channels,
        hyperparameters=hyperparameters,
    )
    del request["AlgorithmSpecification"]["MetricDefinitions"]
    request["InputDataConfig"][0]["ContentType"] = "text/csv"

    # When it trains
    await in_thread(sagemaker.create_training_job, **request)
    described = await in_thread(wait_for_end, sagemaker, "xgb-docker", 300)

    # Then it ran in a container, completed and reported the metric XGBoost itself computes
    assert described["TrainingJobStatus"] == "Completed", described.get("FailureReason")
    assert await _backend(jp_fetch, "xgb-docker") == "docker"
    direct = xgboost.train(
        {"objective": "binary:logistic", "max_depth": 3},
        xgboost.DMatrix(train_x, train_y),
        num_boost_round=10,
    )
    logloss = float(direct.eval(xgboost.DMatrix(train_x, train_y)).rsplit(":", 1)[1])
    assert final_metrics(described)["train:logloss"] == pytest.approx(logloss, abs=1e-3)

    # When the same URI serves its artifact
    artifact = described["ModelArtifacts"]["S3ModelArtifacts"]
    await in_thread(deploy, sagemaker, "xgb-docker", XGBOOST_URI, artifact)

    # Then the endpoint's container is the local algorithms image, answering XGBoost's own
    # predictions as CSV
    containers = engine.containers.list(filters={"label": "mlstudio.job=xgb-docker"})
    assert [container.image.tags for container in containers] == [[IMAGE]]
    rows = test_x[:5]
    text = await in_thread(invoke, runtime, "xgb-docker", csv_body(rows), "text/csv", "text/csv")
    expected = direct.predict(xgboost.DMatrix(rows))
    assert [float(line) for line in text.decode().split()] == pytest.approx(expected, abs=1e-5)


async def test_a_scikit_learn_framework_uri_trains_its_script_in_the_local_image(
    aws, jp_fetch, jp_root_dir: Path
):
    sagemaker = aws[0]
    iris = load_iris()
    channels = {"train": write_csv(jp_root_dir, "iris", iris.data, iris.target)}
    (jp_root_dir / "iris" / "data.csv").rename(jp_root_dir / "iris" / "train.csv")
    code = jp_root_dir / "sourcedir.tar.gz"
    with tarfile.open(code, "w:gz") as tar:
        script = (FIXTURES / "frameworks" / "sklearn_train.py").read_bytes()
        info = tarfile.TarInfo("sklearn_train.py")
        info.size = len(script)
        tar.addfile(info, io.BytesIO(script))

    # Given SKLearn's script mode by the SDK's scikit-learn URI
    request = job_request(
        "sklearn-docker",
        code_uri=f"file://{code}",
        program="sklearn_train.py",
        output=f"file://{jp_root_dir}/out",
        image=SKLEARN_URI,
        instance_type="local",
        channels=channels,
        hyperparameters={"C": "1.0"},
        metrics={"train_accuracy": r"train_accuracy=([0-9.]+)"},
    )

    # When it trains
    await in_thread(sagemaker.create_training_job, **request)
    described = await in_thread(wait_for_end, sagemaker, "sklearn-docker", 300)

    # Then its script ran in a container and fit iris
    assert described["TrainingJobStatus"] == "Completed", described.get("FailureReason")
    assert await _backend(jp_fetch, "sklearn-docker") == "docker"
    assert final_metrics(described)["train_accuracy"] > 0.9

    # And a framework this project builds no image for is refused at once, saying what to do
    refused = job_request(
        "tf-docker",
        code_uri=f"file://{code}",
        program="sklearn_train.py",
        output=f"file://{jp_root_dir}/out",
        image=TENSORFLOW_URI,
        instance_type="local",
    )
    with pytest.raises(ClientError) as raised:
        await in_thread(sagemaker.create_training_job, **refused)
    message = raised.value.response["Error"]["Message"]
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert "has no local Docker image" in message and "MLFramework" in message
