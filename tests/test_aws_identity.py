"""STS GetCallerIdentity and IAM GetRole on the AWS face (the query protocol), as boto3 in a
kernel reaches them through AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_IAM."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from jupyterlab_mlstudio.awsenv.environment import AWS_FACE_SERVICES, ROLE_NAME

from .aws_helpers import aws_url, in_thread


@pytest.fixture
def url(jp_fetch, jp_http_port, jp_base_url) -> str:
    return aws_url(jp_http_port, jp_base_url)


def client(service: str, url: str, secret: str, key: str = "alice") -> Any:
    return boto3.client(
        service,
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
    )


def test_kernels_are_pointed_at_the_face_for_sts_and_iam() -> None:
    assert {"STS", "IAM"} <= set(AWS_FACE_SERVICES)


async def test_get_caller_identity_names_the_signed_in_users_session(url, jp_serverapp):
    token = jp_serverapp.identity_provider.token
    sts = client("sts", url, token)
    # When the caller asks STS who it is
    identity = await in_thread(sts.get_caller_identity)
    # Then it is its session of the studio's execution role, in the server's account
    account = jp_serverapp.web_app.settings["mlstudio.services"].aws.account
    assert identity["Account"] == account
    assert identity["Arn"].startswith(f"arn:aws:sts::{account}:assumed-role/{ROLE_NAME}/")
    assert identity["UserId"].startswith("AROA") and identity["UserId"].endswith(
        identity["Arn"].rsplit("/", 1)[1]
    )


async def test_get_role_describes_the_execution_role_and_no_other(url, jp_serverapp):
    token = jp_serverapp.identity_provider.token
    iam = client("iam", url, token)
    role = (await in_thread(iam.get_role, RoleName=ROLE_NAME))["Role"]
    account = jp_serverapp.web_app.settings["mlstudio.services"].aws.account
    assert role["Arn"] == f"arn:aws:iam::{account}:role/{ROLE_NAME}"
    assert role["RoleName"] == ROLE_NAME and role["Path"] == "/"
    with pytest.raises(ClientError) as raised:
        await in_thread(iam.get_role, RoleName="SomeoneElsesRole")
    assert raised.value.response["Error"]["Code"] == "NoSuchEntity"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


async def test_a_wrong_secret_and_an_unknown_action_answer_query_errors(url, jp_serverapp):
    with pytest.raises(ClientError) as raised:
        await in_thread(client("sts", url, "not-the-token").get_caller_identity)
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    token = jp_serverapp.identity_provider.token
    with pytest.raises(ClientError) as raised:
        await in_thread(client("sts", url, token).get_session_token)
    assert raised.value.response["Error"]["Code"] == "InvalidAction"
    assert "GetSessionToken" in raised.value.response["Error"]["Message"]
