"""The SageMaker Python SDK's framework estimators, run as they are by the SDK's own venv
against the server: SKLearn, PyTorch (CPU) and XGBoost in framework mode each fit, deploy,
predict and delete their endpoint (the three side by side: each deploy waits 30 s first).

    python frameworks_v2.py TRAIN_S3_URI FIXTURES_DIR

Reads feature rows (CSV) on stdin; prints one JSON object: each estimator's image, training
job and predictions.
"""

import json
import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import sagemaker
from sagemaker.pytorch import PyTorch
from sagemaker.serializers import CSVSerializer
from sagemaker.sklearn import SKLearn
from sagemaker.xgboost import XGBoost

train_uri, fixtures = sys.argv[1:3]
rows = np.loadtxt(sys.stdin.read().splitlines(), delimiter=",", ndmin=2)
session = sagemaker.Session()
common = {
    "instance_count": 1,
    "instance_type": "ml.m5.large",
    "sagemaker_session": session,
    "role": "arn:aws:iam::000000000000:role/mlstudio",
}
estimators = {
    "sklearn": SKLearn(
        entry_point="sklearn_train.py",
        source_dir=fixtures,
        framework_version="1.2-1",
        hyperparameters={"C": 2.0},
        **common,
    ),
    "pytorch": PyTorch(
        entry_point="pytorch_train.py",
        source_dir=fixtures,
        framework_version="2.1",
        py_version="py310",
        hyperparameters={"epochs": 150},
        **common,
    ),
    "xgboost": XGBoost(
        entry_point="xgboost_train.py",
        source_dir=fixtures,
        framework_version="1.7-1",
        hyperparameters={"num_round": 8},
        **common,
    ),
}


def run(name):
    estimator = estimators[name]
    estimator.fit({"train": train_uri}, wait=True, logs=False)
    # XGBoost's predictor sends libsvm text by default; CSV is what its samples deploy with.
    extra = {"serializer": CSVSerializer()} if name == "xgboost" else {}
    predictor = estimator.deploy(
        initial_instance_count=1,
        instance_type="ml.m5.large",
        endpoint_name=f"fw-{name}",
        **extra,
    )
    try:
        predicted = predictor.predict(rows)
    finally:
        predictor.delete_endpoint()
    return {
        "image": estimator.training_image_uri(),
        "job": estimator.latest_training_job.name,
        "predictions": np.asarray(predicted, dtype=float).ravel().tolist(),
    }


with ThreadPoolExecutor(len(estimators)) as pool:
    results = dict(zip(estimators, pool.map(run, estimators), strict=True))
print("RESULT " + json.dumps(results))
