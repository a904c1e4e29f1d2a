"""A server with the embedded defaults and no AWS configuration at all: s3:// URIs name the S3
face's buckets, so data and code uploaded through the face train a job, and its model comes
back through the face."""

from __future__ import annotations

import io
import pickle
import tarfile

import pytest

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .s3face_helpers import (  # noqa: F401  (fixtures)
    face_s3,
    face_url,
    plain_base_url,
    server_token,
    without_aws_configuration,
)
from .training_helpers import fixture_code, job_request, wait_for_end


@pytest.fixture
def mlstudio_config(no_aws_configuration):
    return {"stop_grace_seconds": 3.0}


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    return sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token
    )


def iris_csv() -> bytes:
    from sklearn.datasets import load_iris

    data = load_iris()
    rows = [
        ",".join(f"{value:g}" for value in [*features, label])
        for features, label in zip(data.data, data.target, strict=True)
    ]
    return "\n".join(rows).encode()


def tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


async def test_a_job_trains_on_a_bucket_made_through_the_face(s3, sagemaker, services):
    # Given a server where s3:// means the face's buckets
    assert services.objects.store_for("s3://any/key").__class__.__name__ == "BucketStore"
    # And a bucket with data and code, made the way a notebook would make it
    await in_thread(s3.create_bucket, Bucket="studio")
    await in_thread(s3.put_object, Bucket="studio", Key="data/train/iris.csv", Body=iris_csv())
    code = {name: text.encode() for name, text in fixture_code("iris").items()}
    await in_thread(s3.put_object, Bucket="studio", Key="code/sourcedir.tar.gz", Body=tarball(code))

    # When a training job reads its channel and code from s3:// URIs of that bucket
    request = job_request(
        "face-iris",
        code_uri="s3://studio/code/sourcedir.tar.gz",
        output="s3://studio/output",
        channels={"train": "s3://studio/data/train"},
        hyperparameters={"epochs": "3"},
    )
    await in_thread(sagemaker.create_training_job, **request)
    description = await in_thread(wait_for_end, sagemaker, "face-iris")

    # Then it completes, and its model is in the same bucket, through the face
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    model_uri = description["ModelArtifacts"]["S3ModelArtifacts"]
    assert model_uri == "s3://studio/output/face-iris/output/model.tar.gz"
    got = await in_thread(
        s3.get_object, Bucket="studio", Key="output/face-iris/output/model.tar.gz"
    )
    archive = await in_thread(got["Body"].read)
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        member = tar.extractfile("model.pkl")
        assert member is not None
        model = pickle.loads(member.read())
    from sklearn.datasets import load_iris

    iris = load_iris()
    assert model.score(iris.data, iris.target) > 0.6
    listed = await in_thread(s3.list_objects_v2, Bucket="studio", Prefix="output/face-iris/")
    assert "output/face-iris/output/model.tar.gz" in [item["Key"] for item in listed["Contents"]]
