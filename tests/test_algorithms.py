"""Built-in algorithms end to end through boto3 on the process backend: each trained by its
image (an SDK URI or a short name) on CSV or on the RecordIO-protobuf the SDK writes, its
quality compared with the library called directly on the same data, its model served by an
endpoint in SageMaker's response formats and run by a batch transform; hyperparameter
mistakes fail the job with SageMaker's words; a tuning job over XGBoost needs no metric
definitions.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import numpy as np
import pytest
from botocore.exceptions import ClientError
from sklearn.datasets import load_breast_cancer, load_iris

from jupyterlab_mlstudio.algorithms import recordio

from .algorithm_helpers import (
    IRIS_RECORDS,
    KMEANS_URI,
    XGBOOST_URI,
    copy_records,
    csv_body,
    deploy,
    final_metrics,
    invoke,
    model_files,
    train,
    write_csv,
)
from .aws_helpers import aws_url, in_thread
from .endpoint_helpers import INSTANCE_TYPE, clients, stop_endpoint_units
from .training_helpers import wait_for_end

pytestmark = pytest.mark.timeout(600)


@pytest.fixture
def mlstudio_config():
    return {"docker_enabled": False}


@pytest.fixture
def aws(jp_fetch, jp_http_port, jp_base_url, jp_serverapp, services):
    yield clients(aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token)
    stop_endpoint_units(services)


def _split():
    features, labels = load_breast_cancer(return_X_y=True)
    order = np.random.default_rng(0).permutation(len(labels))
    features, labels = features[order], labels[order]
    return (features[:400], labels[:400]), (features[400:], labels[400:])


async def test_xgboost_trains_on_csv_serves_and_transforms_as_sagemakers_container(
    aws, jp_root_dir: Path
):
    import xgboost
    from sklearn.metrics import roc_auc_score

    sagemaker, runtime, _ = aws
    (train_x, train_y), (test_x, test_y) = _split()
    channels = {
        "train": write_csv(jp_root_dir, "train", train_x, train_y),
        "validation": write_csv(jp_root_dir, "validation", test_x, test_y),
    }
    hyperparameters = {
        "num_round": "20",
        "objective": "binary:logistic",
        "eval_metric": "auc",
        "max_depth": "3",
        "eta": "0.3",
    }

    # Given XGBoost by the URI the SDK's image_uris.retrieve("xgboost", "us-west-2", "1.7-1")
    # gives, on CSV with the label first, when it trains
    described = await in_thread(
        train,
        sagemaker,
        "xgb-csv",
        XGBOOST_URI,
        hyperparameters,
        channels,
        f"file://{jp_root_dir}/out",
        "text/csv",
    )

    # Then it completes, echoes the image, lists the algorithm's metric definitions and reports
    # validation:auc from its own log lines
    assert described["TrainingJobStatus"] == "Completed", described.get("FailureReason")
    assert described["AlgorithmSpecification"]["TrainingImage"] == XGBOOST_URI
    names = {item["Name"] for item in described["AlgorithmSpecification"]["MetricDefinitions"]}
    assert {"validation:auc", "train:rmse", "validation:logloss"} <= names
    metrics = final_metrics(described)
    # And its quality is XGBoost's own on the same data
    direct = xgboost.train(
        {"objective": "binary:logistic", "max_depth": 3, "eta": 0.3, "eval_metric": "auc"},
        xgboost.DMatrix(train_x, train_y),
        num_boost_round=20,
    )
    direct_auc = roc_auc_score(test_y, direct.predict(xgboost.DMatrix(test_x)))
    assert metrics["validation:auc"] == pytest.approx(direct_auc, abs=0.01)
    assert metrics["train:auc"] > 0.99
    files = model_files(described)
    assert "xgboost-model" in files
    artifact = described["ModelArtifacts"]["S3ModelArtifacts"]

    # When the artifact is served by the same image
    await in_thread(deploy, sagemaker, "xgb", XGBOOST_URI, artifact)
    rows = test_x[:5]
    expected = direct.predict(xgboost.DMatrix(rows))

    # Then CSV answers one prediction a line, JSON {"predictions": [{"score": ...}]}
    text = await in_thread(invoke, runtime, "xgb", csv_body(rows), "text/csv", "text/csv")
    assert [float(line) for line in text.decode().split()] == pytest.approx(expected, abs=1e-5)
    answer = await in_thread(invoke, runtime, "xgb", csv_body(rows), "text/csv", "application/json")
    assert [item["score"] for item in answer["predictions"]] == pytest.approx(expected, abs=1e-5)

    # And a batch transform over a CSV file writes the same predictions
    source = write_csv(jp_root_dir, "batch", rows)
    await in_thread(
        sagemaker.create_transform_job,
        TransformJobName="xgb-batch",
        ModelName="xgb",
        TransformInput={
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": source}},
            "ContentType": "text/csv",
            "SplitType": "Line",
        },
        TransformOutput={"S3OutputPath": f"file://{jp_root_dir}/batch-out", "AssembleWith": "Line"},
        TransformResources={"InstanceType": INSTANCE_TYPE, "InstanceCount": 1},
    )
    await in_thread(
        sagemaker.get_waiter("transform_job_completed_or_stopped").wait,
        TransformJobName="xgb-batch",
        WaiterConfig={"Delay": 1, "MaxAttempts": 240},
    )
    job = await in_thread(sagemaker.describe_transform_job, TransformJobName="xgb-batch")
    assert job["TransformJobStatus"] == "Completed", job.get("FailureReason")
    written = (jp_root_dir / "batch-out" / "data.csv.out").read_text().split()
    assert [float(value) for value in written] == pytest.approx(expected, abs=1e-5)


async def test_kmeans_trains_on_the_sdks_record_set_and_answers_recordio_and_json(
    aws, jp_root_dir: Path
):
    from sklearn.cluster import KMeans

    sagemaker, runtime, _ = aws
    features, _ = load_iris(return_X_y=True)
    channels = {
        "train": copy_records(jp_root_dir, "train"),
        "test": copy_records(jp_root_dir, "test"),
    }

    # Given k-means by its ECR URI on the SDK's RecordIO-protobuf with no ContentType (as
    # record_set() sends it), with the SDK's hyperparameters
    described = await in_thread(
        train,
        sagemaker,
        "km",
        KMEANS_URI,
        {
            "k": "3",
            "feature_dim": "4",
            "mini_batch_size": "50",
            "force_dense": "True",
            "epochs": "3",
            "eval_metrics": '["msd", "ssd"]',
        },
        channels,
        f"file://{jp_root_dir}/out",
    )
    assert described["TrainingJobStatus"] == "Completed", described.get("FailureReason")
    metrics = final_metrics(described)

    # Then its mean squared distance is scikit-learn's KMeans's within 5 %
    direct = KMeans(n_clusters=3, n_init=10, random_state=0).fit(features.astype(np.float32))
    direct_msd = direct.inertia_ / len(features)
    assert metrics["test:msd"] <= direct_msd * 1.05
    assert metrics["test:ssd"] == pytest.approx(metrics["test:msd"] * len(features), rel=1e-3)
    assert "train:msd" in metrics

    # When served (by its short name), it answers closest_cluster and distance_to_cluster
    artifact = described["ModelArtifacts"]["S3ModelArtifacts"]
    await in_thread(deploy, sagemaker, "km", "kmeans", artifact)
    body = recordio.write_rows(features[:4].astype(np.float32))
    answer = await in_thread(
        invoke, runtime, "km", body, recordio.CONTENT_TYPE, recordio.CONTENT_TYPE
    )
    labels = [record.label for record in recordio.read_records(answer)]
    assert [set(label) for label in labels] == [{"closest_cluster", "distance_to_cluster"}] * 4
    clusters = [label["closest_cluster"].values[0] for label in labels]
    assert len(set(clusters)) == 1  # four setosa flowers, one cluster
    as_json = await in_thread(
        invoke, runtime, "km", csv_body(features[:4]), "text/csv", "application/json"
    )
    assert [item["closest_cluster"] for item in as_json["predictions"]] == clusters
    distances = [item["distance_to_cluster"] for item in as_json["predictions"]]
    assert all(value >= 0 for value in distances)


async def test_linear_learner_on_csv_and_on_records_matches_scikit_learn(aws, jp_root_dir: Path):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    sagemaker, runtime, _ = aws
    (train_x, train_y), (test_x, test_y) = _split()
    scaler = StandardScaler().fit(train_x)
    direct = LogisticRegression(max_iter=1000).fit(scaler.transform(train_x), train_y)
    direct_accuracy = direct.score(scaler.transform(test_x), test_y)

    # Given a binary classifier on CSV with a test channel
    binary = await in_thread(
        train,
        sagemaker,
        "ll-csv",
        "linear-learner",
        {"predictor_type": "binary_classifier", "epochs": "10", "mini_batch_size": "50"},
        {
            "train": write_csv(jp_root_dir, "train", train_x, train_y),
            "test": write_csv(jp_root_dir, "test", test_x, test_y),
        },
        f"file://{jp_root_dir}/out",
        "text/csv",
    )
    # Then its test accuracy is logistic regression's within 3 points
    assert binary["TrainingJobStatus"] == "Completed", binary.get("FailureReason")
    metrics = final_metrics(binary)
    assert metrics["test:binary_classification_accuracy"] >= direct_accuracy - 0.03
    assert "train:objective_loss" in metrics and "test:precision" in metrics

    # And a multiclass classifier trains on the SDK's records (iris with labels)
    multi = await in_thread(
        train,
        sagemaker,
        "ll-records",
        "linear-learner",
        {
            "predictor_type": "multiclass_classifier",
            "num_classes": "3",
            "feature_dim": "4",
            "mini_batch_size": "30",
            "epochs": "20",
        },
        {"train": copy_records(jp_root_dir, "records")},
        f"file://{jp_root_dir}/out",
    )
    assert multi["TrainingJobStatus"] == "Completed", multi.get("FailureReason")

    # When the binary model is served, it answers score and predicted_label
    await in_thread(
        deploy, sagemaker, "ll", "linear-learner", binary["ModelArtifacts"]["S3ModelArtifacts"]
    )
    rows = test_x[:20]
    answer = await in_thread(invoke, runtime, "ll", csv_body(rows), "text/csv", "application/json")
    predictions = answer["predictions"]
    assert set(predictions[0]) == {"score", "predicted_label"}
    labels = [item["predicted_label"] for item in predictions]
    assert np.mean(np.asarray(labels) == test_y[:20]) >= 0.85
    assert all((item["score"] > 0.5) == (item["predicted_label"] == 1) for item in predictions)
    records = await in_thread(
        invoke,
        runtime,
        "ll",
        recordio.write_rows(rows.astype(np.float32)),
        recordio.CONTENT_TYPE,
        recordio.CONTENT_TYPE,
    )
    decoded = [
        record.label["predicted_label"].values[0] for record in recordio.read_records(records)
    ]
    assert decoded == labels


async def test_pca_projects_as_scikit_learns_pca(aws, jp_root_dir: Path):
    from sklearn.decomposition import PCA

    sagemaker, runtime, _ = aws
    features, _ = load_iris(return_X_y=True)

    # Given PCA on the SDK's records with two components
    described = await in_thread(
        train,
        sagemaker,
        "pca",
        "pca",
        {"num_components": "2", "feature_dim": "4", "mini_batch_size": "50"},
        {"train": copy_records(jp_root_dir, "train")},
        f"file://{jp_root_dir}/out",
    )
    assert described["TrainingJobStatus"] == "Completed", described.get("FailureReason")

    # When served, each row's projection is scikit-learn's (up to each component's sign)
    await in_thread(
        deploy, sagemaker, "pca", "pca", described["ModelArtifacts"]["S3ModelArtifacts"]
    )
    direct = PCA(n_components=2).fit(features.astype(np.float32)).transform(features[:6])
    answer = await in_thread(
        invoke, runtime, "pca", csv_body(features[:6]), "text/csv", "application/json"
    )
    projected = np.asarray([item["projection"] for item in answer["projections"]])
    assert np.abs(projected) == pytest.approx(np.abs(direct), abs=1e-3)
    records = await in_thread(
        invoke,
        runtime,
        "pca",
        IRIS_RECORDS.read_bytes(),
        recordio.CONTENT_TYPE,
        recordio.CONTENT_TYPE,
    )
    assert len(recordio.read_records(records)) == 150


INVALID = [
    ("xgboost", {"objective": "binary:logistic"}, "Missing required hyperparameter: num_round"),
    ("xgboost", {"num_round": "3", "colour": "red"}, "Extraneous hyperparameter found: colour"),
    ("xgboost", {"num_round": "3", "eta": "2"}, "Hyperparameter eta: 2.0 is not in [0, 1]"),
    ("xgboost", {"num_round": "ten"}, "Hyperparameter num_round: could not parse value"),
    (
        "xgboost",
        {"num_round": "3", "objective": "multi:softmax"},
        "Require input for parameter 'num_class' for multi-classification",
    ),
    ("kmeans", {"feature_dim": "4"}, "Missing required hyperparameter: k"),
    (
        "linear-learner",
        {"predictor_type": "multiclass_classifier"},
        "num_classes is required when predictor_type is multiclass_classifier",
    ),
    (
        "pca",
        {"num_components": "2", "feature_dim": "4", "mini_batch_size": "0"},
        "Hyperparameter mini_batch_size: 0 is not in [1, +inf)",
    ),
]


async def test_invalid_hyperparameters_fail_the_job_with_sagemakers_message(aws, jp_root_dir: Path):
    sagemaker, _, _ = aws
    features, labels = load_iris(return_X_y=True)
    channel = write_csv(jp_root_dir, "train", features, labels)

    # When jobs of built-in algorithms get bad hyperparameters (all at once: each fails fast)
    def run(index: int) -> dict:
        image, hyperparameters, _ = INVALID[index]
        return train(
            sagemaker,
            f"bad-{index}",
            image,
            hyperparameters,
            {"train": channel},
            f"file://{jp_root_dir}/out",
            "text/csv",
            180,
        )

    described = await asyncio.gather(*(in_thread(run, index) for index in range(len(INVALID))))

    # Then each fails with a ClientError that says what is wrong
    for (_, _, reason), job in zip(INVALID, described, strict=True):
        assert job["TrainingJobStatus"] == "Failed"
        assert job["FailureReason"].startswith("ClientError: " + reason), job["FailureReason"]


async def test_an_algorithm_this_server_lacks_is_refused_at_creation(aws, jp_root_dir: Path):
    sagemaker, _, _ = aws
    request = {
        "TrainingJobName": "fm",
        "AlgorithmSpecification": {
            "TrainingImage": "174872318107.dkr.ecr.us-west-2.amazonaws.com/factorization-machines:1",
            "TrainingInputMode": "File",
        },
        "RoleArn": "arn:aws:iam::000000000000:role/SageMakerRole",
        "OutputDataConfig": {"S3OutputPath": f"file://{jp_root_dir}/out"},
        "ResourceConfig": {"InstanceType": "local", "InstanceCount": 1, "VolumeSizeInGB": 1},
        "StoppingCondition": {"MaxRuntimeInSeconds": 60},
    }
    with pytest.raises(ClientError) as raised:
        await in_thread(sagemaker.create_training_job, **request)
    error = raised.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert "factorization-machines" in error["Message"] and "kmeans" in error["Message"]

    # And an XGBoost model selecting an output XGBoost cannot answer is refused when created
    with pytest.raises(ClientError) as raised:
        await in_thread(
            sagemaker.create_model,
            ModelName="xgb-selects",
            PrimaryContainer={
                "Image": XGBOOST_URI,
                "Environment": {"SAGEMAKER_INFERENCE_OUTPUT": "predicted_label,confidence"},
            },
            ExecutionRoleArn="arn:aws:iam::000000000000:role/SageMakerRole",
        )
    error = raised.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert "confidence" in error["Message"] and "probabilities" in error["Message"]


async def test_tuning_built_in_xgboost_needs_no_metric_definitions(aws, jp_root_dir: Path):
    sagemaker, _, _ = aws
    (train_x, train_y), (test_x, test_y) = _split()
    channels = [
        {
            "ChannelName": name,
            "ContentType": "text/csv",
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": uri}},
        }
        for name, uri in (
            ("train", write_csv(jp_root_dir, "train", train_x[:200], train_y[:200])),
            ("validation", write_csv(jp_root_dir, "validation", test_x, test_y)),
        )
    ]
    definition = {
        "StaticHyperParameters": {"objective": "binary:logistic", "eval_metric": "auc"},
        "AlgorithmSpecification": {"TrainingImage": XGBOOST_URI, "TrainingInputMode": "File"},
        "RoleArn": "arn:aws:iam::000000000000:role/SageMakerRole",
        "InputDataConfig": channels,
        "OutputDataConfig": {"S3OutputPath": f"file://{jp_root_dir}/tuning"},
        "ResourceConfig": {"InstanceType": "local", "InstanceCount": 1, "VolumeSizeInGB": 1},
        "StoppingCondition": {"MaxRuntimeInSeconds": 300},
    }
    config = {
        "Strategy": "Random",
        "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "validation:auc"},
        "ResourceLimits": {"MaxNumberOfTrainingJobs": 2, "MaxParallelTrainingJobs": 2},
        "ParameterRanges": {
            "IntegerParameterRanges": [{"Name": "num_round", "MinValue": "2", "MaxValue": "8"}],
            "ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.1", "MaxValue": "0.5"}],
            "CategoricalParameterRanges": [],
        },
    }

    # A range over a hyperparameter the algorithm does not tune is refused, as SageMaker does
    untunable = json.loads(json.dumps(config))
    untunable["ParameterRanges"]["CategoricalParameterRanges"] = [
        {"Name": "booster", "Values": ["gbtree", "dart"]}
    ]
    with pytest.raises(ClientError) as raised:
        await in_thread(
            sagemaker.create_hyper_parameter_tuning_job,
            HyperParameterTuningJobName="xgb-untunable",
            HyperParameterTuningJobConfig=untunable,
            TrainingJobDefinition=definition,
        )
    assert "untunable hyperparameters: ['booster']" in raised.value.response["Error"]["Message"]

    # When a tuning job over built-in XGBoost names only the objective
    await in_thread(
        sagemaker.create_hyper_parameter_tuning_job,
        HyperParameterTuningJobName="xgb-tune",
        HyperParameterTuningJobConfig=config,
        TrainingJobDefinition=definition,
    )

    def finished():
        while True:
            described = sagemaker.describe_hyper_parameter_tuning_job(
                HyperParameterTuningJobName="xgb-tune"
            )
            if described["HyperParameterTuningJobStatus"] in ("Completed", "Failed", "Stopped"):
                return described
            import time

            time.sleep(0.5)

    described = await in_thread(finished)

    # Then its trials report validation:auc from their logs and the best one is named
    assert described["HyperParameterTuningJobStatus"] == "Completed", described.get("FailureReason")
    best = described["BestTrainingJob"]
    assert best["FinalHyperParameterTuningJobObjectiveMetric"]["MetricName"] == "validation:auc"
    assert best["FinalHyperParameterTuningJobObjectiveMetric"]["Value"] > 0.9
    trial = await in_thread(wait_for_end, sagemaker, best["TrainingJobName"])
    assert trial["HyperParameters"]["_tuning_objective_metric"] == "validation:auc"
