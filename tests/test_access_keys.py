"""Access keys of user profiles through IAM's API: made with a secret shown once and kept
encrypted, signing that profile's requests, revoked or deleted with effect at once."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from sqlalchemy import select

from jupyterlab_mlstudio.domains.orm import AccessKeyRecord

from .aws_helpers import in_thread
from .domain_helpers import client, error_of
from .s3face_helpers import face_client, url_of
from .s3face_helpers import plain_base_url as plain_base_url  # S3's clients need a plain base


@pytest.fixture
def as_server(jp_fetch, jp_http_port, jp_base_url, jp_serverapp) -> Any:
    """Clients signed with the server's own key (its user is the implicit domain's admin)."""
    token = jp_serverapp.identity_provider.token
    return lambda service: client(service, jp_http_port, jp_base_url, "tester", token)


@pytest.fixture
def as_key(jp_http_port, jp_base_url) -> Any:
    return lambda service, key, secret: client(service, jp_http_port, jp_base_url, key, secret)


async def test_a_profile_key_signs_as_its_profile_until_it_is_revoked(
    as_server, as_key, jp_serverapp, jp_http_port, jp_base_url, caplog
):
    caplog.set_level(logging.DEBUG)
    services = jp_serverapp.web_app.settings["mlstudio.services"]
    sagemaker, iam = as_server("sagemaker"), as_server("iam")
    domain = (
        await in_thread(
            sagemaker.create_domain, DomainName="keys", AuthMode="IAM", DefaultUserSettings={}
        )
    )["DomainId"]
    for name in ("ann", "bob"):
        await in_thread(sagemaker.create_user_profile, DomainId=domain, UserProfileName=name)

    # When the admin makes a key for Ann
    made = (await in_thread(iam.create_access_key, UserName=f"ann@{domain}"))["AccessKey"]
    key, secret = made["AccessKeyId"], made["SecretAccessKey"]

    # Then its secret is shown once: stored encrypted, never listed, never logged
    assert key.startswith("AKIA") and len(key) == 20 and len(secret) == 40
    assert made["Status"] == "Active"
    with services.database.session() as session:
        stored = session.scalar(select(AccessKeyRecord).where(AccessKeyRecord.access_key_id == key))
    assert stored is not None and secret not in stored.secret_ciphertext
    listed = (await in_thread(iam.list_access_keys, UserName=f"ann@{domain}"))["AccessKeyMetadata"]
    assert [(k["AccessKeyId"], k["Status"]) for k in listed] == [(key, "Active")]
    assert "SecretAccessKey" not in listed[0]

    # And it signs as Ann, in her domain
    ann = as_key("sagemaker", key, secret)
    described = await in_thread(ann.describe_user_profile, DomainId=domain, UserProfileName="ann")
    assert described["UserProfileName"] == "ann"
    identity = await in_thread(as_key("sts", key, secret).get_caller_identity)
    assert identity["Arn"].endswith("/ann")
    own = (await in_thread(as_key("iam", key, secret).list_access_keys))["AccessKeyMetadata"]
    assert [k["AccessKeyId"] for k in own] == [key]
    s3 = face_client(url_of(jp_http_port, jp_base_url), secret, key=key)
    await in_thread(s3.create_bucket, Bucket="ann-data")
    await in_thread(s3.put_object, Bucket="ann-data", Key="a.txt", Body=b"hello")
    body = await in_thread(s3.get_object, Bucket="ann-data", Key="a.txt")
    assert body["Body"].read() == b"hello"

    # And a wrong secret for it is refused
    code, _ = await error_of(as_key("sagemaker", key, "x" * 40).list_domains)
    assert code == "InvalidSignatureException"

    # When Ann (a member) tries to make a key for Bob, she may not
    code, _ = await error_of(as_key("iam", key, secret).create_access_key, UserName="bob")
    assert code == "AccessDenied"

    # When the admin deactivates the key, it stops signing at once; reactivated, it works again
    await in_thread(
        iam.update_access_key, UserName=f"ann@{domain}", AccessKeyId=key, Status="Inactive"
    )
    code, _ = await error_of(ann.list_domains)
    assert code == "UnrecognizedClientException"
    code, _ = await error_of(s3.get_object, Bucket="ann-data", Key="a.txt")
    assert code in ("InvalidAccessKeyId", "AccessDenied")
    await in_thread(
        iam.update_access_key, UserName=f"ann@{domain}", AccessKeyId=key, Status="Active"
    )
    assert (await in_thread(ann.list_domains))["Domains"]

    # When it is deleted, it stops signing at once
    await in_thread(iam.delete_access_key, UserName=f"ann@{domain}", AccessKeyId=key)
    code, _ = await error_of(ann.list_domains)
    assert code in ("InvalidSignatureException", "UnrecognizedClientException")

    # Then the secret was never written to the server's log (the test's own boto3 client logs
    # its responses at DEBUG; those are the client's, not the server's)
    server_lines = [
        record.getMessage()
        for record in caplog.records
        if not record.name.startswith(("botocore", "boto3", "urllib3"))
    ]
    assert server_lines and not any(secret in line for line in server_lines)


async def test_access_keys_refuse_unknown_profiles_keys_and_a_third_key(as_server):
    iam = as_server("iam")

    # Given the server's own user (the implicit domain's admin) with two keys of their own
    for _ in range(2):
        await in_thread(iam.create_access_key)
    listed = (await in_thread(iam.list_access_keys))["AccessKeyMetadata"]
    assert len(listed) == 2

    # Then a third is over IAM's limit
    code, message = await error_of(iam.create_access_key)
    assert code == "LimitExceeded" and "AccessKeysPerUser" in message

    # And keys of unknown profiles, or unknown keys, are not found
    assert (await error_of(iam.create_access_key, UserName="nobody"))[0] == "NoSuchEntity"
    assert (await error_of(iam.list_access_keys, UserName="x@d-nothere"))[0] == "NoSuchEntity"
    code, _ = await error_of(iam.delete_access_key, AccessKeyId="AKIAAAAAAAAAAAAAAAAA")
    assert code == "NoSuchEntity"
    code, _ = await error_of(
        iam.update_access_key, AccessKeyId=listed[0]["AccessKeyId"], Status="Paused"
    )
    assert code == "ValidationError"
    code, _ = await error_of(iam.create_access_key, UserName="ann@")
    assert code == "ValidationError"
