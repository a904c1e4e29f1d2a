"""SigV4 verification against botocore's own signer."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from jupyterlab_mlstudio.aws.sigv4 import IncomingRequest, SignatureError, verify


def _signed(
    url: str, body: bytes, secret: str = "s3cret", service: str = "sagemaker"
) -> tuple[IncomingRequest, datetime]:
    request = AWSRequest(method="POST", url=url, data=body, headers={"X-Amz-Target": "SageMaker.X"})
    SigV4Auth(Credentials("alice", secret), service, "ap-south-1").add_auth(request)
    prepared = request.prepare()
    path, _, query = prepared.url.split("://", 1)[1].partition("/")[2].partition("?")
    headers = dict(prepared.headers)
    headers["Host"] = urlsplit(url).netloc  # what an HTTP client sends; botocore signs it
    incoming = IncomingRequest(
        method="POST", path="/" + path, query=query, headers=headers, body=body
    )
    stamp = datetime.strptime(prepared.headers["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(
        tzinfo=timezone.utc
    )
    return incoming, stamp


def _secrets(access_key: str) -> str | None:
    return {"alice": "s3cret"}.get(access_key)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8888/mlstudio/aws/",
        "http://127.0.0.1:8888/user/jane%40example.org/mlstudio/aws/",
        "http://localhost/base/mlstudio/aws/?a=1&b=two%20words",
    ],
)
def test_botocore_signatures_verify(url):
    request, stamp = _signed(url, b'{"MaxResults": 3}')
    credential = verify(request, _secrets, now=stamp)
    assert (credential.access_key, credential.region, credential.service) == (
        "alice",
        "ap-south-1",
        "sagemaker",
    )


def test_wrong_secret_body_or_time_fail():
    request, stamp = _signed("http://h/mlstudio/aws/", b"{}", secret="other")
    with pytest.raises(SignatureError) as raised:
        verify(request, _secrets, now=stamp)
    assert raised.value.code == "InvalidSignatureException"

    request, stamp = _signed("http://h/mlstudio/aws/", b"{}")
    tampered = IncomingRequest(
        request.method, request.path, request.query, request.headers, b'{"x": 1}'
    )
    with pytest.raises(SignatureError):
        verify(tampered, _secrets, now=stamp)

    with pytest.raises(SignatureError, match="expired"):
        verify(request, _secrets, now=stamp + timedelta(minutes=16))
    assert verify(request, _secrets, now=stamp + timedelta(minutes=14)).access_key == "alice"


def test_missing_malformed_and_unknown_credentials():
    request, stamp = _signed("http://h/mlstudio/aws/", b"{}")
    headers = {
        key: value for key, value in request.headers.items() if key.lower() != "authorization"
    }
    with pytest.raises(SignatureError) as raised:
        verify(IncomingRequest("POST", request.path, "", headers, b"{}"), _secrets, now=stamp)
    assert raised.value.code == "MissingAuthenticationTokenException"

    garbled = dict(headers, Authorization="AWS4-HMAC-SHA256 Credential=alice")
    with pytest.raises(SignatureError) as raised:
        verify(IncomingRequest("POST", request.path, "", garbled, b"{}"), _secrets, now=stamp)
    assert raised.value.code == "IncompleteSignatureException"

    with pytest.raises(SignatureError) as raised:
        verify(request, lambda key: None, now=stamp)
    assert raised.value.code == "UnrecognizedClientException"
