"""Malformed but correctly signed requests to the AWS face: each is a 4xx in AWS's error shape
(``__type`` and ``message``), never a 500 and never HTML."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from .aws_helpers import aws_url, in_thread, signed_post

LOGS = "/aws/sagemaker/TrainingJobs"


@pytest.fixture
def call(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    """``await call("SageMaker.ListTrainingJobs", body)`` → (status, decoded AWS error or body)."""
    url = aws_url(jp_http_port, jp_base_url)
    token = jp_serverapp.identity_provider.token

    async def send(target: str, body: Any) -> tuple[int, dict[str, Any]]:
        service = "logs" if target.startswith("Logs_") else "sagemaker"
        response = await in_thread(signed_post, url, target, body, token, service=service)
        assert response.headers["Content-Type"] == "application/x-amz-json-1.1"
        return response.status_code, response.json()

    return send


def _refused(answer: tuple[int, dict[str, Any]], code: str, words: str = "") -> None:
    status, body = answer
    assert status == 400, body
    assert set(body) == {"__type", "message"}, body
    assert body["__type"] == code, body
    assert words in body["message"], body


@pytest.mark.parametrize(
    "target",
    ["SageMaker.ListTrainingJobs", "SageMaker.CreateTrainingJob", "Logs_20140328.GetLogEvents"],
)
async def test_deeply_nested_bodies_are_refused_before_parsing(call, target):
    deep = "[" * 100_000 + "]" * 100_000
    _refused(await call(target, deep), "SerializationException", "deeper than 64 levels")
    nested = '{"a":' * 5000 + "1" + "}" * 5000
    _refused(await call(target, nested), "SerializationException", "deeper than 64 levels")


@pytest.mark.parametrize(
    ("target", "body", "code"),
    [
        ("SageMaker.ListTrainingJobs", '{"CreationTimeAfter": 1e20}', "ValidationException"),
        ("SageMaker.ListTrainingJobs", '{"CreationTimeBefore": -1e20}', "ValidationException"),
        ("SageMaker.ListImages", '{"CreationTimeAfter": 1e20}', "ValidationException"),
        (
            "SageMaker.DescribeImageVersion",
            '{"ImageName": "default", "Version": 9223372036854775808}',
            "ValidationException",
        ),
        (
            "Logs_20140328.GetLogEvents",
            json.dumps({"logGroupName": LOGS, "logStreamName": "s", "startTime": 2**63}),
            "ValidationException",
        ),
        (
            "Logs_20140328.GetLogEvents",
            json.dumps(
                {"logGroupName": LOGS, "logStreamName": "s", "nextToken": "f/999999999999999999999"}
            ),
            "InvalidParameterException",
        ),
    ],
)
async def test_numbers_out_of_range_are_validation_errors(call, target, body, code):
    _refused(await call(target, body), code)


@pytest.mark.parametrize(
    ("target", "body"),
    [
        (
            "SageMaker.CreateImage",
            '{"ImageName": "x", "RoleArn": "arn:aws:iam::0:role/r", "Description": "\\ud800"}',
        ),
        ("Logs_20140328.GetLogEvents", f'{{"logGroupName": "{LOGS}", "logStreamName": "\\udfff"}}'),
        ("SageMaker.ListTrainingJobs", '{"NameContains": "a\\u0000b"}'),
    ],
)
async def test_text_that_is_not_valid_unicode_is_refused(call, target, body):
    _refused(await call(target, body), "SerializationException", "text")


async def test_a_forged_next_token_is_a_validation_exception(call, services):
    from .test_store import _seed

    _seed(services.database, 3)
    # The token: {"offset":1}, unsigned
    _refused(
        await call("SageMaker.ListTrainingJobs", {"NextToken": "eyJvZmZzZXQiOjF9"}),
        "ValidationException",
        "not a token this server issued",
    )
    # A real token, used with another order than the one it was issued for
    status, page = await call("SageMaker.ListTrainingJobs", {"MaxResults": 1})
    assert status == 200 and page["NextToken"]
    _refused(
        await call(
            "SageMaker.ListTrainingJobs",
            {"MaxResults": 1, "NextToken": page["NextToken"], "SortOrder": "Ascending"},
        ),
        "ValidationException",
        "another query",
    )
    status, second = await call(
        "SageMaker.ListTrainingJobs", {"MaxResults": 1, "NextToken": page["NextToken"]}
    )
    assert status == 200
    assert second["TrainingJobSummaries"][0]["TrainingJobName"] == "job-001"


async def test_a_forged_log_stream_token_is_an_invalid_parameter(call):
    _refused(
        await call("Logs_20140328.DescribeLogStreams", {"logGroupName": LOGS, "nextToken": "o/5"}),
        "InvalidParameterException",
    )


async def test_an_empty_instance_type_is_refused_when_the_job_is_created(call):
    body = {
        "TrainingJobName": "no-type",
        "AlgorithmSpecification": {"TrainingImage": "default", "TrainingInputMode": "File"},
        "RoleArn": "arn:aws:iam::000000000000:role/SageMakerRole",
        "OutputDataConfig": {"S3OutputPath": "s3://bucket/out"},
        "ResourceConfig": {"InstanceType": "", "InstanceCount": 1, "VolumeSizeInGB": 1},
        "StoppingCondition": {"MaxRuntimeInSeconds": 60},
    }
    _refused(await call("SageMaker.CreateTrainingJob", body), "ValidationException", "InstanceType")
    status, body = await call("SageMaker.DescribeTrainingJob", {"TrainingJobName": "no-type"})
    assert status == 400 and "not found" in body["message"], body


async def test_a_get_on_the_aws_face_is_a_405_naming_post(jp_fetch, jp_http_port, jp_base_url):
    url = aws_url(jp_http_port, jp_base_url) + "/"
    response = await in_thread(requests.get, url, timeout=10)
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert response.json()["__type"]


async def test_any_path_under_the_face_answers_in_aws_shape(jp_fetch, jp_http_port, jp_base_url):
    url = aws_url(jp_http_port, jp_base_url)
    for method, path in (("GET", "/x/y"), ("POST", "/elsewhere"), ("PUT", "")):
        response = await in_thread(requests.request, method, url + path, data=b"{}", timeout=10)
        assert response.status_code in (403, 405), response.text
        assert response.headers["Content-Type"] == "application/x-amz-json-1.1"
        assert set(response.json()) == {"__type", "message"}
