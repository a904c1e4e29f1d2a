"""Servers without a token: an open one (no password either) cannot check signatures but still
wants one; one with only a password has no secret, so no key is known."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from jupyter_server.auth import passwd

from .aws_helpers import in_thread
from .s3face_helpers import (
    error_of,
    face_client,
    plain_base_url,  # noqa: F401  (fixtures)
    url_of,
)


@pytest.fixture(params=["open", "password"])
def access(request):
    return request.param


@pytest.fixture
def jp_server_config(jp_server_config, access):
    server = {**jp_server_config["ServerApp"], "token": ""}
    config = {**jp_server_config, "ServerApp": server}
    if access == "password":
        config["PasswordIdentityProvider"] = {"hashed_password": passwd("secret-password")}
    return config


async def test_without_a_token_signatures_are_required_and_checked_only_if_they_can_be(
    jp_fetch, jp_http_port, jp_base_url, access
):
    import requests

    url = url_of(jp_http_port, jp_base_url)
    response = await in_thread(requests.get, url, timeout=10)
    assert response.status_code == 403 and "<Code>AccessDenied</Code>" in response.text
    client = face_client(url, "any secret at all")
    if access == "open":
        await in_thread(client.create_bucket, Bucket="open")
        assert [b["Name"] for b in (await in_thread(client.list_buckets))["Buckets"]] == ["open"]
    else:
        with pytest.raises(ClientError) as raised:
            await in_thread(client.list_buckets)
        assert error_of(raised) == (403, "InvalidAccessKeyId")
