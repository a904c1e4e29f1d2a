"""Helpers for tests of the S3 face: boto3 clients signed with the server's token."""

from __future__ import annotations

import hashlib
from typing import Any

import boto3
from botocore.config import Config

MIB = 1024 * 1024
#: pytest-jupyter's default base URL holds a "%40", which botocore's S3 client escapes again in
#: the endpoint's path: S3 tests serve at a plain base URL (their modules' ``jp_base_url``).
BASE_URL = "/"


def url_of(port: int, base_url: str) -> str:
    return f"http://127.0.0.1:{port}{base_url}mlstudio/s3"


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
