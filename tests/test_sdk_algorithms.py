"""The SageMaker SDK's built-in algorithms against the server, as a notebook uses them:
``KMeans``, ``LinearLearner`` and ``PCA`` with ``record_set()`` and their own RecordIO
predictors, and ``Estimator`` on ``image_uris.retrieve("xgboost", region, "1.7-1")`` with CSV.
The SDK runs in its own venv as a subprocess (``MLSTUDIO_SDK2_VENV`` or ``.venv-sdk2``; the
test skips and says so without it, and fails in CI)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from sklearn.datasets import load_iris

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

pytestmark = pytest.mark.timeout(900)


@pytest.fixture
def mlstudio_config():
    return {"docker_enabled": False}


@pytest.fixture
def units(services: Any) -> Any:
    yield
    stop_endpoint_units(services)


async def test_v2_builtin_algorithms_fit_deploy_and_predict_with_the_sdks_own_classes(
    units, s3, url, token, tmp_path
):
    python = sdk_venv("sdk2") / "bin" / "python"
    features, labels = load_iris(return_X_y=True)
    await in_thread(s3.create_bucket, Bucket=BUCKET)
    rows = csv_rows(np.column_stack([labels, features])) + b"\n"

    # When the SDK fits and deploys KMeans, LinearLearner, PCA and built-in XGBoost
    result = await in_thread(
        run_flow, python, "algorithms_v2.py", [ROLE], rows, sdk_environment(url, token, tmp_path)
    )

    # Then k-means puts the first six (setosa) flowers in one cluster, at a distance
    kmeans = result["kmeans"]
    assert len({cluster[0] for cluster in kmeans["closest_cluster"]}) == 1
    assert all(distance[0] >= 0 for distance in kmeans["distance_to_cluster"])
    assert {"test:msd", "train:msd"} <= set(kmeans["metrics"])
    # And the linear learner classifies iris well
    learner = result["linear_learner"]
    predicted = [label[0] for label in learner["predicted_label"]]
    assert np.mean(np.asarray(predicted) == np.asarray(learner["expected"])) >= 0.8
    # And PCA answers two-component projections
    assert [len(row) for row in result["pca"]["projection"]] == [2, 2, 2]
    # And XGBoost by its SDK URI predicts the CSV rows (one probability each)
    xgb = result["xgboost"]
    assert xgb["image"].endswith("/sagemaker-xgboost:1.7-1")
    scores = [float(row[0]) for row in xgb["predictions"]]
    assert [score > 0.5 for score in scores] == xgb["expected"]
    # And every endpoint was deleted by the SDK
    sagemaker = clients(url.removesuffix("/s3") + "/aws", token)[0]
    await in_thread(wait_endpoints_gone, sagemaker)
