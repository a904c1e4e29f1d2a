"""SigV4 verification against botocore's own signer: what a signature must cover."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from jupyterlab_mlstudio.aws.sigv4 import (
    IncomingRequest,
    SignatureError,
    check_payload,
    verify,
)

from .aws_helpers import aws_url, in_thread, signed_post

SAGEMAKER = {"sagemaker"}


def _signed(
    url: str,
    body: bytes,
    secret: str = "s3cret",
    service: str = "sagemaker",
    headers: dict[str, str] | None = None,
) -> tuple[IncomingRequest, datetime]:
    request = AWSRequest(
        method="POST",
        url=url,
        data=body,
        headers={"X-Amz-Target": "SageMaker.X", **(headers or {})},
    )
    SigV4Auth(Credentials("alice", secret), service, "ap-south-1").add_auth(request)
    prepared = request.prepare()
    path, _, query = prepared.url.split("://", 1)[1].partition("/")[2].partition("?")
    sent = dict(prepared.headers)
    sent["Host"] = urlsplit(url).netloc  # what an HTTP client sends; botocore signs it
    incoming = IncomingRequest(method="POST", path="/" + path, query=query, headers=sent, body=body)
    stamp = datetime.strptime(prepared.headers["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(
        tzinfo=timezone.utc
    )
    return incoming, stamp


def _with(request: IncomingRequest, body: bytes | None = None, **headers: str) -> IncomingRequest:
    merged = {**request.headers, **{name.replace("_", "-"): v for name, v in headers.items()}}
    return IncomingRequest(
        request.method,
        request.path,
        request.query,
        merged,
        request.body if body is None else body,
    )


def _secrets(access_key: str) -> str | None:
    return {"alice": "s3cret"}.get(access_key)


def _refused(request: IncomingRequest, stamp: datetime, **options: Any) -> SignatureError:
    with pytest.raises(SignatureError) as raised:
        verify(request, _secrets, services=options.pop("services", SAGEMAKER), now=stamp, **options)
    return raised.value


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
    credential = verify(request, _secrets, services=SAGEMAKER, now=stamp)
    assert (credential.access_key, credential.region, credential.service) == (
        "alice",
        "ap-south-1",
        "sagemaker",
    )
    assert credential.payload_sha256 == hashlib.sha256(b'{"MaxResults": 3}').hexdigest()


def test_wrong_secret_body_or_time_fail():
    request, stamp = _signed("http://h/mlstudio/aws/", b"{}", secret="other")
    assert _refused(request, stamp).code == "InvalidSignatureException"

    request, stamp = _signed("http://h/mlstudio/aws/", b"{}")
    assert _refused(_with(request, body=b'{"x": 1}'), stamp).code == "InvalidSignatureException"

    with pytest.raises(SignatureError, match="expired"):
        verify(request, _secrets, services=SAGEMAKER, now=stamp + timedelta(minutes=16))
    later = stamp + timedelta(minutes=14)
    assert verify(request, _secrets, services=SAGEMAKER, now=later).access_key == "alice"


def test_missing_malformed_and_unknown_credentials():
    request, stamp = _signed("http://h/mlstudio/aws/", b"{}")
    headers = {
        key: value for key, value in request.headers.items() if key.lower() != "authorization"
    }
    bare = IncomingRequest("POST", request.path, "", headers, b"{}")
    assert _refused(bare, stamp).code == "MissingAuthenticationTokenException"

    garbled = _with(bare, Authorization="AWS4-HMAC-SHA256 Credential=alice")
    assert _refused(garbled, stamp).code == "IncompleteSignatureException"

    with pytest.raises(SignatureError) as raised:
        verify(request, lambda key: None, services=SAGEMAKER, now=stamp)
    assert raised.value.code == "UnrecognizedClientException"


def test_a_claimed_body_hash_that_is_not_signed_is_refused():
    # Given a request signed without X-Amz-Content-SHA256
    request, stamp = _signed("http://h/mlstudio/aws/", b'{"MaxResults": 1}')
    # When someone adds the original body's hash as an unsigned header and swaps the body
    swapped = _with(
        request,
        body=b'{"MaxResults": 3}',
        X_Amz_Content_SHA256=hashlib.sha256(b'{"MaxResults": 1}').hexdigest(),
    )
    # Then the header is refused for not being signed
    error = _refused(swapped, stamp)
    assert error.code == "InvalidSignatureException"
    assert "x-amz-content-sha256" in error.message


def test_a_signed_body_hash_must_match_the_body_received():
    body_hash = hashlib.sha256(b'{"MaxResults": 1}').hexdigest()
    request, stamp = _signed(
        "http://h/mlstudio/aws/", b'{"MaxResults": 1}', headers={"X-Amz-Content-SHA256": body_hash}
    )
    assert verify(request, _secrets, services=SAGEMAKER, now=stamp).payload_sha256 == body_hash
    error = _refused(_with(request, body=b'{"MaxResults": 3}'), stamp)
    assert error.code == "XAmzContentSHA256Mismatch"


def test_an_unsigned_payload_is_refused_unless_the_face_allows_it():
    request, stamp = _signed(
        "http://h/mlstudio/aws/", b"{}", headers={"X-Amz-Content-SHA256": "UNSIGNED-PAYLOAD"}
    )
    error = _refused(request, stamp)
    assert error.code == "InvalidSignatureException"
    assert "UNSIGNED-PAYLOAD" in error.message
    # An S3-style face may allow it; then any body goes, as the client asked.
    allowed = verify(
        _with(request, body=b"anything"),
        _secrets,
        services=SAGEMAKER,
        allow_unsigned_payload=True,
        now=stamp,
    )
    assert allowed.payload_sha256 == "UNSIGNED-PAYLOAD"


def test_a_signature_scoped_to_another_service_is_refused():
    request, stamp = _signed("http://h/mlstudio/aws/", b"{}", service="logs")
    error = _refused(request, stamp)
    assert error.code == "InvalidSignatureException"
    assert "scoped to correct service: 'sagemaker'" in error.message
    assert verify(request, _secrets, services={"logs"}, now=stamp).service == "logs"


@pytest.mark.parametrize(
    ("credential", "words"),
    [
        ("alice/20260101/ap-south-1/sagemaker", "aws4_request"),
        ("alice/20260101/ap-south-1/sagemaker/aws4_request/extra", "aws4_request"),
        ("alice/20260101/ap-south-1/sagemaker/aws5_request", "terminator"),
        ("alice/2026-01-01/ap-south-1/sagemaker/aws4_request", "YYYYMMDD"),
        ("alice/{date}/AP SOUTH/sagemaker/aws4_request", "region"),
        ("alice/{date}//sagemaker/aws4_request", "region"),
        ("/{date}/ap-south-1/sagemaker/aws4_request", "aws4_request"),
    ],
)
def test_a_malformed_credential_scope_is_refused(credential, words):
    request, stamp = _signed("http://h/mlstudio/aws/", b"{}")
    authorization = request.headers["Authorization"]
    original = authorization.split("Credential=", 1)[1].split(",", 1)[0]
    forged = authorization.replace(
        original, credential.format(date=stamp.strftime("%Y%m%d")).replace(" ", "%20")
    )
    error = _refused(_with(request, Authorization=forged), stamp)
    assert error.code in ("IncompleteSignatureException", "InvalidSignatureException")
    assert words in error.message


def test_a_scope_dated_another_day_than_x_amz_date_is_refused():
    request, stamp = _signed("http://h/mlstudio/aws/", b"{}")
    authorization = request.headers["Authorization"]
    day = stamp.strftime("%Y%m%d")
    other = (stamp - timedelta(days=1)).strftime("%Y%m%d")
    error = _refused(
        _with(request, Authorization=authorization.replace(f"/{day}/", f"/{other}/")), stamp
    )
    assert "does not match" in error.message


def test_the_target_header_must_be_signed():
    request, stamp = _signed("http://h/mlstudio/aws/", b"{}")
    authorization = request.headers["Authorization"]
    stripped = authorization.replace(";x-amz-target", "")
    error = _refused(_with(request, Authorization=stripped), stamp)
    assert "x-amz-target" in error.message


def test_a_streamed_body_is_checked_after_it_arrives():
    body = b"object bytes"
    digest = hashlib.sha256(body).hexdigest()
    request, stamp = _signed(
        "http://h/bucket/key", body, service="s3", headers={"X-Amz-Content-SHA256": digest}
    )
    streamed = IncomingRequest(request.method, request.path, request.query, request.headers, None)
    credential = verify(streamed, _secrets, services={"s3"}, s3=True, now=stamp)
    check_payload(credential, hashlib.sha256(body).hexdigest())
    with pytest.raises(SignatureError) as raised:
        check_payload(credential, hashlib.sha256(b"other bytes").hexdigest())
    assert raised.value.code == "XAmzContentSHA256Mismatch"


# -- through the server ----------------------------------------------------------------------


@pytest.fixture
def url(jp_fetch, jp_http_port, jp_base_url):
    return aws_url(jp_http_port, jp_base_url)


@pytest.fixture
def token(jp_serverapp):
    return jp_serverapp.identity_provider.token


async def test_a_signed_request_replayed_with_another_body_is_refused(url, token, services):
    # Given three training jobs and a correctly signed ListTrainingJobs asking for one
    from .test_store import _seed

    _seed(services.database, 3)
    body = json.dumps({"MaxResults": 1})
    good = await in_thread(signed_post, url, "SageMaker.ListTrainingJobs", body, token)
    assert good.status_code == 200
    assert len(good.json()["TrainingJobSummaries"]) == 1

    # When it is replayed with another body and the first body's hash as X-Amz-Content-SHA256
    headers = dict(good.request.headers)
    headers["X-Amz-Content-SHA256"] = hashlib.sha256(body.encode()).hexdigest()
    replayed = await in_thread(
        requests.post, good.request.url, data=b'{"MaxResults":3}', headers=headers, timeout=10
    )

    # Then it is refused, in the AWS error shape
    assert replayed.status_code == 403
    assert replayed.json()["__type"] == "InvalidSignatureException"


async def test_a_logs_scoped_signature_cannot_call_sagemaker(url, token):
    response = await in_thread(
        signed_post, url, "SageMaker.ListTrainingJobs", {}, token, service="logs"
    )
    assert response.status_code == 403
    assert "scoped to correct service" in response.json()["message"]
    response = await in_thread(
        signed_post,
        url,
        "Logs_20140328.DescribeLogStreams",
        {"logGroupName": "/aws/sagemaker/TrainingJobs"},
        token,
        service="logs",
    )
    assert response.status_code == 200
