"""Every route needs authentication, and every route asks the authorizer."""

from __future__ import annotations

import pytest
from jupyter_server.auth.authorizer import Authorizer
from tornado.httpclient import HTTPClientError

from .routes import all_urls


async def _fetch(jp_fetch, method, path, headers=None):
    body = b"{}" if method in ("POST", "PUT", "PATCH") else None
    try:
        response = await jp_fetch(
            *path.strip("/").split("/"),
            method=method,
            body=body,
            headers=headers or {"Authorization": ""},
            follow_redirects=False,
            allow_nonstandard_methods=True,
        )
    except HTTPClientError as error:
        return error.code
    return response.code


@pytest.mark.parametrize(("method", "path"), all_urls())
async def test_every_route_refuses_unauthenticated_requests(jp_fetch, method, path):
    code = await _fetch(jp_fetch, method, path)
    assert code in (401, 403), f"{method} {path} answered {code} without credentials"


class DenyMLStudio(Authorizer):
    """Allows Jupyter's own resources, refuses every ML Studio resource."""

    def is_authorized(self, handler, user, action, resource):
        return not resource.startswith("mlstudio")


class TestAuthorization:
    @pytest.fixture
    def jp_server_config(self, jp_server_config):
        jp_server_config["ServerApp"]["authorizer_class"] = DenyMLStudio
        return jp_server_config

    @pytest.mark.parametrize(
        ("method", "path"), [u for u in all_urls() if "/mlstudio/aws" not in u[1]]
    )
    async def test_every_rest_route_asks_the_authorizer(
        self, jp_fetch, jp_auth_header, method, path
    ):
        code = await _fetch(jp_fetch, method, path, headers=dict(jp_auth_header))
        assert code == 403, f"{method} {path} answered {code} although the authorizer refuses"

    async def test_the_aws_face_asks_the_authorizer(
        self, jp_fetch, jp_serverapp, jp_base_url, jp_http_port
    ):
        import asyncio

        import boto3
        from botocore.exceptions import ClientError

        client = boto3.client(
            "sagemaker",
            endpoint_url=f"http://127.0.0.1:{jp_http_port}{jp_base_url}mlstudio/aws",
            region_name="us-east-1",
            aws_access_key_id="someone",
            aws_secret_access_key=jp_serverapp.identity_provider.token,
        )
        with pytest.raises(ClientError) as raised:
            await asyncio.to_thread(client.list_training_jobs)
        assert raised.value.response["Error"]["Code"] == "AccessDeniedException"
        assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
