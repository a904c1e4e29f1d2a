"""Helpers for tests of the S3 face: boto3 clients signed with the server's token."""

from __future__ import annotations

import hashlib
from typing import Any

import boto3
import pytest
from botocore.config import Config

MIB = 1024 * 1024


@pytest.fixture
def jp_base_url() -> str:
    # pytest-jupyter's default base URL holds a "%40", which botocore's S3 client escapes again
    # in the endpoint's path; S3 clients are used at a plain base URL.
    return "/"


@pytest.fixture
def face_url(jp_fetch: Any, jp_http_port: int, jp_base_url: str) -> str:
    return f"http://127.0.0.1:{jp_http_port}{jp_base_url}mlstudio/s3"


@pytest.fixture
def token(jp_serverapp: Any) -> str:
    return str(jp_serverapp.identity_provider.token)


@pytest.fixture
def s3(face_url: str, token: str) -> Any:
    return face_client(face_url, token)


def face_client(url: str, secret: str, key: str = "tester", **config: Any) -> Any:
    """boto3's S3 client for the face (path-style, no retries that would hide an error)."""
    options: dict[str, Any] = {"retries": {"max_attempts": 1}, "read_timeout": 120}
    options.update(config)
    options.setdefault("s3", {})["addressing_style"] = "path"
    return boto3.client(
        "s3",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=Config(**options),
    )


def pattern(size: int, seed: int = 0) -> bytes:
    """``size`` bytes that differ at every offset that matters to a range or a part boundary."""
    block = hashlib.sha256(str(seed).encode()).digest() * 2048  # 64 KiB
    block = bytes((value + index) % 256 for index, value in enumerate(block[:251])) + block
    whole = block * (size // len(block) + 1)
    return whole[:size]


def error_of(raised: Any) -> tuple[int, str]:
    response = raised.value.response
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"]
