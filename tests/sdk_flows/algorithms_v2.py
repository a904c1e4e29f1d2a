"""The SageMaker Python SDK's built-in algorithms, run as they are by the SDK's own venv against
the server (the test sets the AWS variables and the defaults file):

- ``KMeans``, ``LinearLearner`` and ``PCA`` fit on ``record_set()`` (RecordIO-protobuf through
  a manifest), deploy, and predict with their own predictors (RecordIO in and out);
- ``Estimator(image_uris.retrieve("xgboost", region, "1.7-1"))`` fits on CSV channels, deploys
  and predicts CSV.

    python algorithms_v2.py ROLE < iris.csv   (label first)

Prints one JSON object with what each predictor answered.
"""

import io
import json
import sys
import tempfile

import numpy as np
import sagemaker
from sagemaker import PCA, KMeans, LinearLearner, image_uris
from sagemaker.deserializers import CSVDeserializer
from sagemaker.estimator import Estimator
from sagemaker.inputs import TrainingInput
from sagemaker.serializers import CSVSerializer

role = sys.argv[1]
session = sagemaker.Session()
bucket = session.default_bucket()
table = np.loadtxt(io.StringIO(sys.stdin.read()), delimiter=",", ndmin=2)
labels, features = table[:, 0].astype("float32"), table[:, 1:].astype("float32")
common = {
    "role": role,
    "instance_count": 1,
    "instance_type": "ml.m5.large",
    "sagemaker_session": session,
}
result = {}


def deploy(estimator, name):
    """deploy() without the SDK's 30 s first sleep: wait=False, then boto3's waiter."""
    predictor = estimator.deploy(1, "ml.t3.medium", endpoint_name=name, wait=False)
    session.sagemaker_client.get_waiter("endpoint_in_service").wait(
        EndpointName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 240}
    )
    return predictor


def labels_of(records, key):
    return [list(record.label[key].float32_tensor.values) for record in records]


kmeans = KMeans(k=3, epochs=2, output_path=f"s3://{bucket}/kmeans", **common)
kmeans.fit(kmeans.record_set(features), mini_batch_size=50, logs=False)
predictor = deploy(kmeans, "sdk-kmeans")
answer = predictor.predict(features[:6])
result["kmeans"] = {
    "closest_cluster": labels_of(answer, "closest_cluster"),
    "distance_to_cluster": labels_of(answer, "distance_to_cluster"),
    "metrics": sorted(
        item["Name"]
        for item in kmeans.latest_training_job.describe()["AlgorithmSpecification"][
            "MetricDefinitions"
        ]
    ),
}
predictor.delete_endpoint()

learner = LinearLearner(
    predictor_type="multiclass_classifier",
    num_classes=3,
    epochs=15,
    output_path=f"s3://{bucket}/ll",
    **common,
)
learner.fit(learner.record_set(features, labels=labels), mini_batch_size=30, logs=False)
predictor = deploy(learner, "sdk-ll")
answer = predictor.predict(features[::15])
result["linear_learner"] = {
    "predicted_label": labels_of(answer, "predicted_label"),
    "expected": labels[::15].tolist(),
}
predictor.delete_endpoint()

pca = PCA(num_components=2, output_path=f"s3://{bucket}/pca", **common)
pca.fit(pca.record_set(features), mini_batch_size=50, logs=False)
predictor = deploy(pca, "sdk-pca")
result["pca"] = {"projection": labels_of(predictor.predict(features[:3]), "projection")}
predictor.delete_endpoint()

folder = tempfile.mkdtemp()
with open(f"{folder}/train.csv", "w") as handle:
    np.savetxt(handle, np.column_stack([labels > 0, features]), delimiter=",", fmt="%g")
train_uri = session.upload_data(f"{folder}/train.csv", bucket=bucket, key_prefix="xgb/train")
region = session.boto_region_name
xgb = Estimator(
    image_uri=image_uris.retrieve("xgboost", region, "1.7-1"),
    hyperparameters={"num_round": 10, "objective": "binary:logistic", "max_depth": 2},
    output_path=f"s3://{bucket}/xgb",
    **common,
)
xgb.fit({"train": TrainingInput(train_uri, content_type="text/csv")}, logs=False)
predictor = deploy(xgb, "sdk-xgb")
predictor.serializer = CSVSerializer()
predictor.deserializer = CSVDeserializer()
result["xgboost"] = {
    "image": xgb.latest_training_job.describe()["AlgorithmSpecification"]["TrainingImage"],
    "predictions": predictor.predict(features[::25]),
    "expected": (labels[::25] > 0).tolist(),
}
predictor.delete_endpoint()
print("RESULT " + json.dumps(result))
