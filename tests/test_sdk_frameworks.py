"""SageMaker's framework estimators (SKLearn, PyTorch, XGBoost in framework mode) fit, deploy,
predict and delete through the real SDK, with no Docker: their ECR images run in this
server's Python. Each SDK line runs in its own venv (see ``sdk_helpers.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from .aws_helpers import in_thread
from .endpoint_helpers import clients, csv_rows, stop_endpoint_units, wait_endpoints_gone
from .s3face_helpers import (  # noqa: F401  (fixtures)
    face_s3,
    face_url,
    plain_base_url,
    server_token,
)
from .sdk_helpers import sdk_venv
from .test_sdk_endpoints import BUCKET, ROLE, run_flow, sdk_environment

FIXTURES = Path(__file__).parent / "fixtures" / "frameworks"


@pytest.fixture
def mlstudio_config():
    return {"docker_enabled": False}


@pytest.fixture
def iris(services: Any) -> Any:
    """Iris with the label first (as SageMaker's CSV convention has it); units stopped after."""
    from sklearn.datasets import load_iris

    data = load_iris()
    yield data.data, data.target
    stop_endpoint_units(services)


async def test_v2_framework_estimators_fit_deploy_predict_and_delete(
    iris, s3, url, token, tmp_path
):
    python = sdk_venv("sdk2") / "bin" / "python"
    features, labels = iris
    table = np.column_stack([labels, features])
    await in_thread(s3.create_bucket, Bucket=BUCKET)
    await in_thread(s3.put_object, Bucket=BUCKET, Key="iris/train/train.csv", Body=csv_rows(table))
    picked = features[::15]

    # When SKLearn, PyTorch and XGBoost (framework mode) each fit, deploy, predict, delete
    result = await in_thread(
        run_flow,
        python,
        "frameworks_v2.py",
        [f"s3://{BUCKET}/iris/train", str(FIXTURES)],
        csv_rows(picked),
        sdk_environment(url, token, tmp_path),
    )

    # Then each trained on SageMaker's own image URI and predicts the iris classes
    expected = labels[::15]
    for name, repository in (
        ("sklearn", "sagemaker-scikit-learn:1.2-1-cpu-py3"),
        ("pytorch", "pytorch-training:2.1-cpu-py310"),
        ("xgboost", "sagemaker-xgboost:1.7-1"),
    ):
        answer = result[name]
        assert answer["image"].endswith(f".amazonaws.com/{repository}"), answer["image"]
        accuracy = np.mean(np.asarray(answer["predictions"]) == expected)
        assert accuracy >= 0.9, (name, answer["predictions"], expected.tolist())

    # And every endpoint goes (delete_endpoint as the SDK does it: deletion runs on after it
    # returns, as on SageMaker)
    sagemaker = clients(url.removesuffix("/s3") + "/aws", token)[0]
    await in_thread(wait_endpoints_gone, sagemaker)
    jobs = (await in_thread(sagemaker.list_training_jobs))["TrainingJobSummaries"]
    assert sorted(job["TrainingJobStatus"] for job in jobs) == ["Completed"] * 3


async def test_v3_model_trainer_trains_on_the_sklearn_image(iris, s3, url, token, tmp_path):
    python = sdk_venv("sdk3") / "bin" / "python"
    features, labels = iris
    await in_thread(s3.create_bucket, Bucket=BUCKET)
    await in_thread(
        s3.put_object,
        Bucket=BUCKET,
        Key="iris/train/train.csv",
        Body=csv_rows(np.column_stack([labels, features])),
    )

    # When ModelTrainer trains with SageMaker's scikit-learn image (its driver script runs the
    # entry script with the environment's python3 and pip)
    result = await in_thread(
        run_flow,
        python,
        "frameworks_v3.py",
        [f"s3://{BUCKET}/iris/train", str(FIXTURES), ROLE],
        b"",
        sdk_environment(url, token, tmp_path),
    )

    # Then the job completed on that image and left its model
    assert result["image"].endswith(".amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3")
    assert result["status"] == "Completed"
    assert result["model"].startswith(f"s3://{BUCKET}/") and result["model"].endswith(
        "model.tar.gz"
    )
