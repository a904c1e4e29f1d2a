"""Tuning, processing, batch transform and endpoints on the ``ray`` backend, against the same
real local Ray cluster as the training tests (``ray_helpers.py``, one per test session) and a
real server in its own process inside the cluster's network namespace: SageMaker's requests
through boto3, unchanged, for instance types that run on the cluster; real scikit-learn work."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import boto3
import numpy as np
import pytest
import requests
from botocore.config import Config

from .endpoint_helpers import FIXTURES, breast_cancer, csv_rows, model_artifact
from .live_server import LiveServer, live_server
from .test_ray_training import code_folder, request_for, sagemaker_of, server_settings

# The cluster's start (once per session) takes minutes on a loaded machine.
pytestmark = pytest.mark.timeout(900)

#: Instance types of these tests, each asking the cluster for one CPU of its four.
CLUSTER_TYPES = {"ml.m5.large": {"CPU": 1}, "ml.t3.medium": {"CPU": 1}}
SERVING_TYPE = "ml.t3.medium"


@pytest.fixture(scope="module")
def inside(ray_cluster):
    """This module's requests and servers in the cluster's network namespace."""
    with ray_cluster.inside():
        yield ray_cluster


@pytest.fixture(scope="module")
def server(inside, tmp_path_factory):
    settings = server_settings(inside, tmp_path_factory.getbasetemp())
    settings["ray_resources"] = CLUSTER_TYPES
    with live_server(tmp_path_factory.mktemp("ray-jobs-server"), mlstudio=settings) as s:
        yield s


def runtime_of(server: LiveServer) -> Any:
    return boto3.client(
        "sagemaker-runtime",
        endpoint_url=f"{server.url}/mlstudio/aws",
        region_name="us-east-1",
        aws_access_key_id="me",
        aws_secret_access_key=server.token,
        config=Config(retries={"max_attempts": 1}, read_timeout=120),
    )


def detail(server: LiveServer, kind: str, name: str) -> dict[str, Any]:
    answer = requests.get(f"{server.api}/{kind}/{name}", headers=server.headers, timeout=30)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def cluster_jobs(cluster: Any, **labels: str) -> list[dict[str, Any]]:
    """The Ray jobs of the cluster whose metadata holds ``labels`` (asked of Ray itself)."""
    jobs = requests.get(f"{cluster.dashboard}/api/jobs/", timeout=30).json()
    return [
        job
        for job in jobs
        if all((job.get("metadata") or {}).get(key) == value for key, value in labels.items())
    ]


def wait_for(condition: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out after {timeout} s waiting for {what}"
        time.sleep(0.3)


def create_model(sagemaker: Any, name: str, uri: str) -> None:
    sagemaker.create_model(
        ModelName=name,
        ExecutionRoleArn="arn:aws:iam::000000000000:role/r",
        PrimaryContainer={"Image": "default", "ModelDataUrl": uri},
    )


# -- tuning ------------------------------------------------------------------------------------


def test_tuning_trials_fan_out_on_the_cluster_within_max_parallel(server, tmp_path):
    code = code_folder(tmp_path / "code", (FIXTURES / "tune_sklearn" / "train.py").read_text())
    definition = request_for("unused", code, tmp_path / "out", hyperparameters={"epochs": "2"})
    for key in ("TrainingJobName", "HyperParameters", "ResourceConfig"):
        definition.pop(key)
    sagemaker = sagemaker_of(server)

    # When a tuning job of four trials, two at a time, runs on an instance type of the cluster
    sagemaker.create_hyper_parameter_tuning_job(
        HyperParameterTuningJobName="ray-tune",
        HyperParameterTuningJobConfig={
            "Strategy": "Random",
            "HyperParameterTuningJobObjective": {"Type": "Maximize", "MetricName": "accuracy"},
            "ResourceLimits": {"MaxNumberOfTrainingJobs": 4, "MaxParallelTrainingJobs": 2},
            "ParameterRanges": {
                "IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "1", "MaxValue": "6"}],
                "CategoricalParameterRanges": [
                    {"Name": "criterion", "Values": ["gini", "entropy"]}
                ],
            },
        },
        TrainingJobDefinition={
            **definition,
            "StaticHyperParameters": {
                "epochs": "2",
                "sagemaker_program": '"train.py"',
                "sagemaker_submit_directory": f'"file://{code}"',
            },
            "ResourceConfig": {
                "InstanceType": "ml.m5.large",
                "InstanceCount": 1,
                "VolumeSizeInGB": 1,
            },
        },
    )

    def ended() -> dict[str, Any] | None:
        found = sagemaker.describe_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="ray-tune"
        )
        return None if found["HyperParameterTuningJobStatus"] == "InProgress" else found

    described = wait_for(ended, 600, "the tuning job to end")

    # Then every trial completed, each one a Ray job of the cluster
    assert described["HyperParameterTuningJobStatus"] == "Completed", described.get("FailureReason")
    trials = sagemaker.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName="ray-tune", MaxResults=10
    )["TrainingJobSummaries"]
    assert len(trials) == 4 and {t["TrainingJobStatus"] for t in trials} == {"Completed"}
    for trial in trials:
        name = trial["TrainingJobName"]
        assert detail(server, "training-jobs", name)["backend"] == "ray", name
    # And they ran side by side, never more than two at once
    spans = [(t["TrainingStartTime"].timestamp(), t["TrainingEndTime"].timestamp()) for t in trials]
    most = max(sum(1 for s, e in spans if s <= moment < e) for moment, _ in spans)
    assert most == 2, spans
    best = described["BestTrainingJob"]
    assert 0.5 < best["FinalHyperParameterTuningJobObjectiveMetric"]["Value"] <= 1.0


# -- processing --------------------------------------------------------------------------------

SPLIT = """
import sys
import numpy as np
from sklearn.model_selection import train_test_split

source, train, test = sys.argv[1:4]
data = np.loadtxt(source + "/iris.csv", delimiter=",")
a, b = train_test_split(data, test_size=0.2, random_state=0, stratify=data[:, -1])
np.savetxt(train + "/train.csv", a, delimiter=",")
np.savetxt(test + "/test.csv", b, delimiter=",")
print(f"rows={len(data)} train={len(a)} test={len(b)}", flush=True)
open("/opt/ml/output/message".replace("/opt/ml", sys.argv[4]), "w").write(f"{len(a)} rows")
"""


def test_a_processing_job_runs_on_the_cluster_and_its_outputs_come_back(server, tmp_path):
    from sklearn.datasets import load_iris

    data = load_iris()
    (tmp_path / "raw").mkdir()
    np.savetxt(
        tmp_path / "raw" / "iris.csv", np.column_stack([data.data, data.target]), delimiter=","
    )
    code = code_folder(tmp_path / "code", "")
    (code / "split.py").write_text(SPLIT)
    root = "/opt/ml/processing"
    sagemaker = sagemaker_of(server)

    def s3_input(name: str, uri: Path, local: str) -> dict[str, Any]:
        return {
            "InputName": name,
            "S3Input": {
                "S3Uri": f"file://{uri}",
                "LocalPath": local,
                "S3DataType": "S3Prefix",
                "S3InputMode": "File",
            },
        }

    def s3_output(name: str, local: str) -> dict[str, Any]:
        uri = f"file://{tmp_path / 'out' / name}"
        return {
            "OutputName": name,
            "S3Output": {"S3Uri": uri, "LocalPath": local, "S3UploadMode": "EndOfJob"},
        }

    # When a processing job of an instance type of the cluster splits iris
    sagemaker.create_processing_job(
        ProcessingJobName="ray-split",
        RoleArn="arn:aws:iam::000000000000:role/r",
        ProcessingResources={
            "ClusterConfig": {
                "InstanceType": "ml.m5.large",
                "InstanceCount": 1,
                "VolumeSizeInGB": 1,
            }
        },
        AppSpecification={
            "ImageUri": "default",
            "ContainerEntrypoint": ["python3", f"{root}/input/code/split.py"],
            "ContainerArguments": [
                f"{root}/input/raw",
                f"{root}/train",
                f"{root}/test",
                "/opt/ml",
            ],
        },
        ProcessingInputs=[
            s3_input("raw", tmp_path / "raw", f"{root}/input/raw"),
            s3_input("code", code, f"{root}/input/code"),
        ],
        ProcessingOutputConfig={
            "Outputs": [s3_output("train", f"{root}/train"), s3_output("test", f"{root}/test")]
        },
    )

    def ended() -> dict[str, Any] | None:
        found = sagemaker.describe_processing_job(ProcessingJobName="ray-split")
        return None if found["ProcessingJobStatus"] in ("InProgress", "Stopping") else found

    described = wait_for(ended, 300, "the processing job to end")

    # Then it completed as a Ray job of the cluster
    assert described["ProcessingJobStatus"] == "Completed", described.get("FailureReason")
    assert detail(server, "processing-jobs", "ray-split")["backend"] == "ray"
    # And what it wrote on the cluster reached each output, and its exit message the job
    train = np.loadtxt(tmp_path / "out" / "train" / "train.csv", delimiter=",")
    test = np.loadtxt(tmp_path / "out" / "test" / "test.csv", delimiter=",")
    assert (len(train), len(test)) == (120, 30)
    assert sorted(np.vstack([train, test])[:, -1].tolist()) == sorted(data.target.tolist())
    assert described["ExitMessage"] == "120 rows"


# -- batch transform ---------------------------------------------------------------------------


def test_a_transform_job_serves_its_model_on_the_cluster(server, tmp_path):
    artifact, model = model_artifact(code=None)
    (tmp_path / "model.tar.gz").write_bytes(artifact)
    features, _ = breast_cancer()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "rows.csv").write_bytes(csv_rows(features) + b"\n")
    sagemaker = sagemaker_of(server)
    create_model(sagemaker, "ray-lr-batch", f"file://{tmp_path / 'model.tar.gz'}")

    # When a transform job of an instance type of the cluster predicts every row
    sagemaker.create_transform_job(
        TransformJobName="ray-batch",
        ModelName="ray-lr-batch",
        TransformInput={
            "DataSource": {
                "S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": f"file://{tmp_path / 'in'}"}
            },
            "ContentType": "text/csv",
            "SplitType": "Line",
        },
        TransformOutput={
            "S3OutputPath": f"file://{tmp_path / 'out'}",
            "Accept": "text/csv",
            "AssembleWith": "Line",
        },
        TransformResources={"InstanceType": SERVING_TYPE, "InstanceCount": 1},
        BatchStrategy="MultiRecord",
        MaxPayloadInMB=1,
    )

    def ended() -> dict[str, Any] | None:
        found = sagemaker.describe_transform_job(TransformJobName="ray-batch")
        return None if found["TransformJobStatus"] in ("InProgress", "Stopping") else found

    described = wait_for(ended, 300, "the transform job to end")

    # Then it completed, its model served by a Ray job of the cluster
    assert described["TransformJobStatus"] == "Completed", described.get("FailureReason")
    assert detail(server, "transform-jobs", "ray-batch")["backend"] == "ray"
    # And its predictions are the model's
    written = (tmp_path / "out" / "rows.csv.out").read_text().split()
    assert [int(float(line)) for line in written] == model.predict(features).tolist()


# -- endpoints ---------------------------------------------------------------------------------


def test_an_endpoint_serves_from_the_cluster_and_a_dead_replica_is_replaced(
    server, inside, tmp_path
):
    artifact, model = model_artifact()
    (tmp_path / "model.tar.gz").write_bytes(artifact)
    features, _ = breast_cancer()
    sagemaker, runtime = sagemaker_of(server), runtime_of(server)
    create_model(sagemaker, "ray-lr", f"file://{tmp_path / 'model.tar.gz'}")
    sagemaker.create_endpoint_config(
        EndpointConfigName="ray-lr-config",
        ProductionVariants=[
            {
                "VariantName": "main",
                "ModelName": "ray-lr",
                "InitialInstanceCount": 1,
                "InstanceType": SERVING_TYPE,
                "InitialVariantWeight": 1.0,
            }
        ],
    )

    # When an endpoint of an instance type of the cluster is created
    sagemaker.create_endpoint(EndpointName="ray-lr", EndpointConfigName="ray-lr-config")
    sagemaker.get_waiter("endpoint_in_service").wait(
        EndpointName="ray-lr", WaiterConfig={"Delay": 1, "MaxAttempts": 300}
    )

    # Then its instance is a Ray job of the cluster, and the router reaches it
    def running() -> list[dict[str, Any]]:
        return [
            job
            for job in cluster_jobs(
                inside, **{"mlstudio.kind": "endpoint", "mlstudio.job": "ray-lr"}
            )
            if job["status"] == "RUNNING"
        ]

    first = running()
    assert len(first) == 1, first

    def predict() -> list[float]:
        answer = runtime.invoke_endpoint(
            EndpointName="ray-lr",
            Body=csv_rows(features[:5]),
            ContentType="text/csv",
            Accept="application/json",
        )
        return list(json.loads(answer["Body"].read())["probabilities"])

    expected = np.round(model.predict_proba(features[:5])[:, 1], 6).tolist()
    assert predict() == expected

    # When the replica's Ray job dies on the cluster (stopped behind the server's back)
    unit = first[0]["submission_id"]
    requests.post(f"{inside.dashboard}/api/jobs/{unit}/stop", timeout=30).raise_for_status()

    # Then the server starts a new one on the cluster and the endpoint serves again
    replaced = wait_for(
        lambda: [job for job in running() if job["submission_id"] != unit], 240, "a new replica"
    )
    assert len(replaced) == 1

    def serves() -> bool:
        try:
            return predict() == expected
        except Exception:
            return False

    wait_for(serves, 240, "the endpoint to serve again")
    assert sagemaker.describe_endpoint(EndpointName="ray-lr")["EndpointStatus"] == "InService"

    # And deleting the endpoint stops its Ray job
    sagemaker.delete_endpoint(EndpointName="ray-lr")
    wait_for(lambda: not running(), 120, "the endpoint's Ray jobs to stop")
