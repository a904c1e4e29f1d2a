"""Training jobs end to end on the process backend: real scikit-learn training, data and
artifacts in a real S3 API server, boto3 against the SageMaker-compatible face."""

from __future__ import annotations

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

BUCKET = "training"
LOSS = {"loss": r"loss=([0-9.]+)", "accuracy": r"accuracy=([0-9.]+)"}


@pytest.fixture
def mlstudio_config(s3_endpoint, aws_credentials):
    return {"s3_endpoint_url": s3_endpoint, "stop_grace_seconds": 3.0, "checkpoint_interval": 0.5}


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    return sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token
    )


@pytest.fixture
def iris(s3_endpoint, aws_credentials):
    make_bucket(s3_endpoint, BUCKET)
    return upload_iris(s3_endpoint, BUCKET)


@pytest.fixture
def iris_code(s3_endpoint, aws_credentials):
    make_bucket(s3_endpoint, BUCKET)
    return upload_code(s3_endpoint, BUCKET, "code/iris/sourcedir.tar.gz", fixture_code("iris"))


async def test_script_mode_job_trains_and_delivers_model_metrics_and_logs(
    sagemaker, iris, iris_code, s3_endpoint
):
    # Given iris in S3 and a script-mode request, as the SageMaker SDK would send it
    request = job_request(
        "iris-sgd",
        code_uri=iris_code,
        output=f"s3://{BUCKET}/output",
        channels={"train": iris},
        hyperparameters={"epochs": "8", "alpha": "0.001"},
        metrics=LOSS,
    )
    # When it is created and runs to the end
    created = await in_thread(sagemaker.create_training_job, **request)
    assert created["TrainingJobArn"].endswith(":training-job/iris-sgd")
    description = await in_thread(wait_for_end, sagemaker, "iris-sgd")

    # Then it completed, through SageMaker's secondary statuses
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    statuses = [item["Status"] for item in description["SecondaryStatusTransitions"]]
    assert statuses == ["Starting", "Downloading", "Training", "Uploading", "Completed"]
    assert description["TrainingStartTime"] <= description["TrainingEndTime"]

    # And the model is a working classifier at <output>/<job>/output/model.tar.gz
    model_uri = description["ModelArtifacts"]["S3ModelArtifacts"]
    assert model_uri == f"s3://{BUCKET}/output/iris-sgd/output/model.tar.gz"
    model = pickle.loads(read_tarball(s3_endpoint, model_uri)["model.pkl"])
    from sklearn.datasets import load_iris

    data = load_iris()
    assert model.score(data.data, data.target) > 0.7

    # And the metric regexes made series, with their final values in the description
    final = {item["MetricName"]: item["Value"] for item in description["FinalMetricDataList"]}
    assert set(final) == {"loss", "accuracy"}
    assert 0 < final["accuracy"] <= 1

    # And the contract held: SM_* paths under /opt/ml, hyperparameters decoded, channels listed
    env = __import__("json").loads(
        read_tarball(s3_endpoint, model_uri.replace("model.tar.gz", "output.tar.gz"))["env.json"]
    )
    assert env["SM_MODEL_DIR"] == "/opt/ml/model"
    assert env["SM_CHANNEL_TRAIN"] == "/opt/ml/input/data/train"
    assert __import__("json").loads(env["SM_HPS"]) == {"epochs": 8, "alpha": 0.001}
    assert env["SM_CHANNELS"] == '["train"]' and env["SM_CURRENT_HOST"] == "algo-1"
    assert env["SM_USER_ENTRY_POINT"] == "train.py" and env["SM_HP_EPOCHS"] == "8"


async def test_a_pytorch_model_trains_on_the_digits_set(sagemaker, s3_endpoint):
    import io

    import numpy as np
    import torch
    from sklearn.datasets import load_digits

    digits = load_digits()
    buffer = io.StringIO()
    np.savetxt(buffer, np.column_stack([digits.data, digits.target]), delimiter=",", fmt="%g")
    from .training_helpers import s3_client

    make_bucket(s3_endpoint, BUCKET)
    s3_client(s3_endpoint).put_object(
        Bucket=BUCKET, Key="data/digits/digits.csv", Body=buffer.getvalue().encode()
    )
    code = upload_code(
        s3_endpoint, BUCKET, "code/digits/sourcedir.tar.gz", fixture_code("digits_torch")
    )
    request = job_request(
        "digits-torch",
        code_uri=code,
        output=f"s3://{BUCKET}/output",
        channels={"train": f"s3://{BUCKET}/data/digits"},
        hyperparameters={"epochs": "60", "lr": "0.02"},
        metrics=LOSS,
    )
    await in_thread(sagemaker.create_training_job, **request)
    description = await in_thread(wait_for_end, sagemaker, "digits-torch", 240)
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    final = {item["MetricName"]: item["Value"] for item in description["FinalMetricDataList"]}
    assert final["accuracy"] > 0.9
    weights = read_tarball(s3_endpoint, description["ModelArtifacts"]["S3ModelArtifacts"])[
        "model.pt"
    ]
    state = torch.load(io.BytesIO(weights))
    assert state["0.weight"].shape == (64, 64)
