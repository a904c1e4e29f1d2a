"""SageMaker's framework images (by the URIs the SDK gives) run on the process backend in an
environment that has the framework; one without it fails the job naming the package."""

from __future__ import annotations

import os
import sys

import boto3
import pytest

from jupyterlab_mlstudio.images.ecr import describe_image
from jupyterlab_mlstudio.images.frameworks import (
    FrameworkUnavailable,
    check_environment,
    check_ml_framework,
    parse_ml_framework,
)

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .training_helpers import job_request, make_bucket, upload_code, wait_for_end

BUCKET = "frameworks"
SKLEARN = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"
PYTORCH_GPU = "763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:2.1-gpu-py310"
TENSORFLOW = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/tensorflow-training:2.13-cpu-py310"
CODE = (
    "import os, shutil, sys\n"
    "import sklearn\n"
    "print('sklearn', sklearn.__version__)\n"
    "print('python3', os.path.dirname(shutil.which('python3')) == os.path.dirname(sys.executable))\n"
)


# -- the environment check, on this server's own Python ------------------------------------


def test_a_matching_framework_version_runs_without_a_note() -> None:
    import sklearn

    version = ".".join(sklearn.__version__.split(".")[:2])
    image = describe_image(
        f"683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:{version}-1-cpu-py3"
    )
    assert image is not None
    assert check_environment(image, sys.executable, gpus=0) == []


def test_another_minor_version_runs_with_a_note_naming_both() -> None:
    image = describe_image(SKLEARN)
    assert image is not None
    notes = check_environment(image, sys.executable, gpus=0)
    assert len(notes) == 1
    assert "scikit-learn 1.2" in notes[0] and "runs instead" in notes[0]


def test_a_missing_framework_names_the_package_and_how_to_add_it() -> None:
    image = describe_image(TENSORFLOW)
    assert image is not None
    with pytest.raises(FrameworkUnavailable) as raised:
        check_environment(image, sys.executable, gpus=0)
    assert "tensorflow" in raised.value.message
    assert f"{sys.executable} -m pip install 'tensorflow==2.13.*'" in raised.value.message


def test_a_gpu_image_without_a_gpu_says_it_runs_on_the_cpu() -> None:
    image = describe_image(PYTORCH_GPU)
    assert image is not None
    notes = check_environment(image, sys.executable, gpus=0)
    assert any("built for GPUs" in note and "runs on the CPU" in note for note in notes)
    assert not any("GPU" in note for note in check_environment(image, sys.executable, gpus=1))


def test_xgboost_cpu_answers_for_the_xgboost_module() -> None:
    image = describe_image("246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1")
    assert image is not None
    notes = check_environment(image, sys.executable, gpus=0)  # no FrameworkUnavailable
    assert all("xgboost 1.7" in note for note in notes)


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("scikit-learn 1.2", ("sklearn", "1.2")),
        ("PyTorch 2.1", ("pytorch", "2.1")),
        ("TensorFlow2.13", ("tensorflow", "2.13")),
        ("XGBoost 1.7.6", ("xgboost", "1.7.6")),
        ("Cobol 1.0", None),
        ("scikit-learn", None),
    ],
)
def test_ml_framework_names_a_framework_and_version(value: str, parsed: object) -> None:
    assert parse_ml_framework(value) == parsed
    if parsed is None:
        with pytest.raises(FrameworkUnavailable.__mro__[1]):
            check_ml_framework(value)


# -- jobs through the AWS face -------------------------------------------------------------


@pytest.fixture
def mlstudio_config(s3_endpoint, aws_credentials):
    return {"s3_endpoint_url": s3_endpoint, "docker_enabled": False}


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    return sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token
    )


@pytest.fixture
def code_uri(s3_endpoint, aws_credentials):
    make_bucket(s3_endpoint, BUCKET)
    return upload_code(s3_endpoint, BUCKET, "code/sourcedir.tar.gz", {"train.py": CODE})


def log_lines(jp_serverapp, name: str) -> list[str]:
    logs = boto3.client(
        "logs",
        endpoint_url=aws_url(jp_serverapp.port, jp_serverapp.base_url),
        region_name="us-east-1",
        aws_access_key_id="tester",
        aws_secret_access_key=jp_serverapp.identity_provider.token,
    )
    group = "/aws/sagemaker/TrainingJobs"
    streams = logs.describe_log_streams(logGroupName=group, logStreamNamePrefix=f"{name}/")
    stream = streams["logStreams"][0]["logStreamName"]
    events = logs.get_log_events(logGroupName=group, logStreamName=stream, startFromHead=True)
    return [event["message"] for event in events["events"]]


async def test_an_sklearn_uri_trains_in_this_servers_python_with_a_version_note(
    sagemaker, code_uri, jp_serverapp
):
    # Given a script-mode job whose image is SageMaker's scikit-learn 1.2 container
    request = job_request("sk-framework", code_uri=code_uri, output=f"s3://{BUCKET}/out")
    request["AlgorithmSpecification"]["TrainingImage"] = SKLEARN
    # When it runs
    await in_thread(sagemaker.create_training_job, **request)
    ended = await in_thread(wait_for_end, sagemaker, "sk-framework")
    # Then it completed in this server's environment, the image echoed as sent
    assert ended["TrainingJobStatus"] == "Completed", ended.get("FailureReason")
    assert ended["AlgorithmSpecification"]["TrainingImage"] == SKLEARN
    lines = await in_thread(log_lines, jp_serverapp, "sk-framework")
    import sklearn

    # And the log says first that another scikit-learn runs, then the script's own lines
    assert "asks for scikit-learn 1.2" in lines[0] and sklearn.__version__ in lines[0]
    assert f"sklearn {sklearn.__version__}" in lines
    assert "python3 True" in lines  # the environment's python3 comes first on PATH


async def test_a_framework_the_environment_lacks_fails_the_job_naming_it(sagemaker, code_uri):
    request = job_request("tf-framework", code_uri=code_uri, output=f"s3://{BUCKET}/out")
    request["AlgorithmSpecification"]["TrainingImage"] = TENSORFLOW
    await in_thread(sagemaker.create_training_job, **request)
    ended = await in_thread(wait_for_end, sagemaker, "tf-framework")
    assert ended["TrainingJobStatus"] == "Failed"
    reason = ended["FailureReason"]
    assert "tensorflow" in reason and "pip install" in reason, reason
    assert os.path.basename(sys.executable) in reason


async def test_a_model_on_a_framework_the_environment_lacks_is_refused_naming_it(sagemaker):
    # Given a model whose image is SageMaker's TensorFlow Serving container
    from botocore.exceptions import ClientError

    with pytest.raises(ClientError) as raised:
        await in_thread(
            sagemaker.create_model,
            ModelName="tf-model",
            PrimaryContainer={
                "Image": "763104351884.dkr.ecr.us-east-1.amazonaws.com/tensorflow-inference:2.13-cpu",
                "ModelDataUrl": f"s3://{BUCKET}/model.tar.gz",
            },
            ExecutionRoleArn="arn:aws:iam::000000000000:role/SageMakerRole",
        )
    # Then CreateModel says which package is missing
    error = raised.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert "tensorflow" in error["Message"] and "pip install" in error["Message"]


async def test_a_registered_image_declaring_the_framework_runs_its_jobs(
    sagemaker, services, jp_serverapp
):
    from pathlib import Path

    from botocore.exceptions import ClientError

    # Given an image whose version declares scikit-learn (another path to this Python)
    other = str(Path(sys.executable).parent / "python3.11")
    await in_thread(sagemaker.create_image, ImageName="sk-env", RoleArn=ROLE_ARN)
    await in_thread(
        sagemaker.create_image_version,
        ImageName="sk-env",
        BaseImage=f"file://{other}",
        MLFramework="SKLearn 1.2",
    )
    described = await in_thread(wait_for_version, sagemaker, "sk-env")
    assert described["ImageVersionStatus"] == "CREATED", described.get("FailureReason")
    assert described["MLFramework"] == "SKLearn 1.2"

    # When a job's image is SageMaker's scikit-learn URI, it runs in that environment
    context = services.server_context()
    assert services.training.resolve_image(SKLEARN, context) == ("process", other)
    # And a framework nobody declares still runs in this server's Python
    assert services.training.resolve_image(PYTORCH_GPU, context) == (
        "process",
        services.training.default_interpreter,
    )

    # And a version declaring no known framework is refused
    with pytest.raises(ClientError) as raised:
        await in_thread(
            sagemaker.create_image_version,
            ImageName="sk-env",
            BaseImage=f"file://{other}",
            MLFramework="Cobol 1.0",  # the right shape, but no framework known here
        )
    assert raised.value.response["Error"]["Code"] == "ValidationException"


ROLE_ARN = "arn:aws:iam::000000000000:role/SageMakerRole"


def wait_for_version(sagemaker, name: str, timeout: float = 120) -> dict:
    import time

    deadline = time.monotonic() + timeout
    while True:
        described = sagemaker.describe_image_version(ImageName=name)
        if described["ImageVersionStatus"] != "CREATING" or time.monotonic() > deadline:
            return described
        time.sleep(0.1)
