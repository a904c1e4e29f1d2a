"""boto3 against the SageMaker-compatible face: SigV4, JSON 1.1, errors SageMaker would give."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from botocore.exceptions import ClientError

from .aws_helpers import aws_url, in_thread, sagemaker_client, signed_post
from .test_store import _seed


@pytest.fixture
def url(jp_fetch, jp_http_port, jp_base_url):
    return aws_url(jp_http_port, jp_base_url)


@pytest.fixture
def token(jp_serverapp):
    return jp_serverapp.identity_provider.token


@pytest.fixture
def client(url, token):
    return sagemaker_client(url, token)


async def test_list_training_jobs_on_an_empty_store_is_an_empty_list(client):
    response = await in_thread(client.list_training_jobs)
    assert response["TrainingJobSummaries"] == []
    assert "NextToken" not in response
    response = await in_thread(
        client.list_training_jobs, MaxResults=5, SortBy="Name", SortOrder="Ascending"
    )
    assert response["TrainingJobSummaries"] == []


async def test_paging_filters_and_sorting_through_boto3(client, services):
    _seed(services.database, 23)
    paginator = client.get_paginator("list_training_jobs")
    pages = await in_thread(lambda: list(paginator.paginate(PaginationConfig={"PageSize": 10})))
    assert [len(page["TrainingJobSummaries"]) for page in pages] == [10, 10, 3]
    names = [item["TrainingJobName"] for page in pages for item in page["TrainingJobSummaries"]]
    assert names == [f"job-{index:03d}" for index in reversed(range(23))]
    first = pages[0]["TrainingJobSummaries"][0]
    assert isinstance(first["CreationTime"], datetime)
    assert first["TrainingJobArn"].endswith("training-job/job-022")

    failed = await in_thread(client.list_training_jobs, StatusEquals="Failed", MaxResults=100)
    assert {item["TrainingJobStatus"] for item in failed["TrainingJobSummaries"]} == {"Failed"}

    since = datetime(2026, 1, 1, 0, 20, tzinfo=timezone.utc)
    recent = await in_thread(
        client.list_training_jobs, CreationTimeAfter=since, SortBy="Name", SortOrder="Ascending"
    )
    assert [item["TrainingJobName"] for item in recent["TrainingJobSummaries"]] == [
        "job-021",
        "job-022",
    ]


async def test_a_wrong_secret_is_refused_with_403(url):
    bad = sagemaker_client(url, "not-the-token")
    with pytest.raises(ClientError) as raised:
        await in_thread(bad.list_training_jobs)
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert raised.value.response["Error"]["Code"] == "InvalidSignatureException"


async def test_a_missing_signature_is_refused_with_403(url):
    import requests

    response = await in_thread(
        requests.post, url + "/", data=b"{}", headers={"X-Amz-Target": "SageMaker.ListTrainingJobs"}
    )
    assert response.status_code == 403
    assert response.json()["__type"] == "MissingAuthenticationTokenException"


async def test_a_stale_signature_is_refused(url, token):
    old = datetime.now(timezone.utc) - timedelta(hours=1)
    response = await in_thread(signed_post, url, "SageMaker.ListTrainingJobs", {}, token, old)
    assert response.status_code == 403
    assert "expired" in response.json()["message"]


async def test_a_tampered_body_breaks_the_signature(url, token):
    import requests

    good = await in_thread(signed_post, url, "SageMaker.ListTrainingJobs", {}, token)
    assert good.status_code == 200
    request = good.request
    response = await in_thread(
        requests.post, request.url, data=b'{"MaxResults": 3}', headers=dict(request.headers)
    )
    assert response.status_code == 403


async def test_unknown_actions_are_unknown_operations(url, token):
    response = await in_thread(signed_post, url, "SageMaker.LaunchRocket", {}, token)
    assert response.status_code == 400
    assert response.json()["__type"] == "UnknownOperationException"
    response = await in_thread(signed_post, url, "DynamoDB_20120810.ListTables", {}, token)
    assert response.json()["__type"] == "UnknownOperationException"


async def test_invalid_parameters_are_validation_exceptions_naming_the_member(url, token):
    loose = sagemaker_client(url, token, validate=False)
    with pytest.raises(ClientError) as raised:
        await in_thread(loose.list_training_jobs, MaxResults=500, SortBy="Size")
    error = raised.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert "2 validation errors detected" in error["Message"]
    assert "at 'maxResults' failed to satisfy constraint" in error["Message"]
    assert (
        "at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set"
        in error["Message"]
    )

    with pytest.raises(ClientError) as raised:
        await in_thread(loose.list_training_jobs, NameContains="bad name!")
    assert "regular expression pattern" in raised.value.response["Error"]["Message"]

    response = await in_thread(
        signed_post, url, "SageMaker.ListTrainingJobs", {"Colour": "red"}, token
    )
    assert response.status_code == 400
    assert response.json()["__type"] == "ValidationException"
    assert "colour" in response.json()["message"]

    response = await in_thread(
        signed_post, url, "SageMaker.ListTrainingJobs", {"MaxResults": "ten"}, token
    )
    assert "Member must be an integer" in response.json()["message"]


async def test_malformed_json_is_a_serialization_exception(url, token):
    response = await in_thread(signed_post, url, "SageMaker.ListTrainingJobs", b"{not json", token)
    assert response.status_code == 400
    assert response.json()["__type"] == "SerializationException"


async def test_a_foreign_paging_token_is_a_validation_exception(client):
    with pytest.raises(ClientError) as raised:
        await in_thread(client.list_training_jobs, NextToken="made-up")
    assert raised.value.response["Error"]["Code"] == "ValidationException"
