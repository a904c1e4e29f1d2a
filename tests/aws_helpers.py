"""Helpers for talking to the AWS face the way boto3 does."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from typing import Any

import boto3
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials


def aws_url(port: int, base_url: str) -> str:
    return f"http://127.0.0.1:{port}{base_url}mlstudio/aws"


def sagemaker_client(url: str, secret: str, validate: bool = True, key: str = "tester") -> Any:
    return boto3.client(
        "sagemaker",
        endpoint_url=url,
        region_name="eu-west-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=Config(parameter_validation=validate, retries={"max_attempts": 1}),
    )


def signed_post(
    url: str,
    target: str,
    body: bytes | str | dict[str, Any],
    secret: str,
    when: datetime | None = None,
    service: str = "sagemaker",
) -> requests.Response:
    """POST a SigV4-signed AWS JSON 1.1 request, optionally signed at another time."""
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    request = AWSRequest(
        method="POST",
        url=url + "/",
        data=data,
        headers={"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"},
    )
    signer = SigV4Auth(Credentials("tester", secret), service, "eu-west-1")
    if when is not None:
        request.context["timestamp"] = when.strftime("%Y%m%dT%H%M%SZ")
        original = signer._modify_request_before_signing

        def keep_date(req: Any) -> None:
            original(req)
            req.headers.replace_header("X-Amz-Date", when.strftime("%Y%m%dT%H%M%SZ"))

        signer._modify_request_before_signing = keep_date  # type: ignore[method-assign]
    signer.add_auth(request)
    prepared = request.prepare()
    return requests.post(
        prepared.url, data=prepared.body, headers=dict(prepared.headers), timeout=10
    )


async def in_thread(function: Any, *args: Any, **kwargs: Any) -> Any:
    """Blocking clients must not run on the loop that serves the test server."""
    return await asyncio.to_thread(function, *args, **kwargs)
