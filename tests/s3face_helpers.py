"""Helpers for tests of the S3 face: boto3 clients signed with the server's token."""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import Any

import boto3
import pytest
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

MIB = 1024 * 1024
#: pytest-jupyter's default base URL holds a "%40", which botocore's S3 client escapes again in
#: the endpoint's path: S3 tests serve at a plain base URL (their modules' ``jp_base_url``).
BASE_URL = "/"


def url_of(port: int, base_url: str) -> str:
    return f"http://127.0.0.1:{port}{base_url}mlstudio/s3"


# Fixtures for the S3 face's test modules, which import them under these names (the fixtures'
# own names are the ones tests ask for): ``from .s3face_helpers import face_fixtures...``.


@pytest.fixture(name="jp_base_url")
def plain_base_url() -> str:
    return BASE_URL


@pytest.fixture(name="url")
def face_url(jp_fetch: Any, jp_http_port: int, jp_base_url: str) -> str:
    return url_of(jp_http_port, jp_base_url)


@pytest.fixture(name="token")
def server_token(jp_serverapp: Any) -> str:
    return str(jp_serverapp.identity_provider.token)


@pytest.fixture(name="s3")
def face_s3(url: str, token: str) -> Any:
    return face_client(url, token)


@pytest.fixture(name="no_aws_configuration")
def without_aws_configuration(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Nothing tells boto3 of an S3: no endpoint, no credentials, no profile files."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    return monkeypatch


def face_client(
    url: str, secret: str, key: str = "tester", verify: str | None = None, **config: Any
) -> Any:
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
        verify=verify,
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


class _ForcedPayloadSigner(S3SigV4Auth):
    """botocore's S3 signer with the payload line chosen by the test (botocore itself never
    sends the signed STREAMING modes)."""

    def __init__(self, credentials: Credentials, payload: str | None) -> None:
        super().__init__(credentials, "s3", "us-east-1")
        self._forced = payload

    def payload(self, request: Any) -> str:
        return self._forced if self._forced is not None else str(super().payload(request))


def signed(
    method: str,
    url: str,
    secret: str,
    *,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    payload: str | None = None,
) -> tuple[dict[str, str], str]:
    """Headers signed by botocore for a request (and the seed signature they carry)."""
    request = AWSRequest(method=method, url=url, data=body, headers=headers or {})
    _ForcedPayloadSigner(Credentials("tester", secret), payload).add_auth(request)
    prepared = dict(request.prepare().headers)
    seed = prepared["Authorization"].rsplit("Signature=", 1)[1]
    return prepared, seed


def signing_key(secret: str, date: str, region: str = "us-east-1") -> bytes:
    key = f"AWS4{secret}".encode()
    for part in (date, region, "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def aws_chunked(
    data: bytes,
    chunk_size: int,
    *,
    key: bytes | None = None,
    amz_date: str = "",
    seed: str = "",
    trailers: dict[str, str] | None = None,
    region: str = "us-east-1",
) -> bytes:
    """``data`` in aws-chunked encoding: signed chunks when ``key`` is given, then trailers
    (signed too when ``key`` is given), as S3's documentation describes the format."""
    scope = f"{amz_date[:8]}/{region}/s3/aws4_request"
    previous = seed
    empty = hashlib.sha256(b"").hexdigest()

    def sign(kind: str, digest: str) -> str:
        assert key is not None
        lines = [f"AWS4-HMAC-SHA256-{kind}", amz_date, scope, previous]
        lines += [empty, digest] if kind == "PAYLOAD" else [digest]
        return hmac.new(key, "\n".join(lines).encode(), hashlib.sha256).hexdigest()

    out = bytearray()
    pieces = [data[index : index + chunk_size] for index in range(0, len(data), chunk_size)]
    for piece in [*pieces, b""]:
        header = f"{len(piece):x}"
        if key is not None:
            previous = sign("PAYLOAD", hashlib.sha256(piece).hexdigest())
            header += f";chunk-signature={previous}"
        out += header.encode() + b"\r\n"
        if piece:
            out += piece + b"\r\n"
    if trailers:
        lines = "".join(f"{name}:{value}\n" for name, value in trailers.items())
        out += lines.replace("\n", "\r\n").encode()
        if key is not None:
            signature = sign("TRAILER", hashlib.sha256(lines.encode()).hexdigest())
            out += f"x-amz-trailer-signature:{signature}\r\n".encode()
    out += b"\r\n"
    return bytes(out)
