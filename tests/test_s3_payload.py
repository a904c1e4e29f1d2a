"""S3's signatures and payload encodings, checked against the examples in S3's documentation
(the chunk-signed upload of 66,560 bytes of "a", with and without a signed CRC32C trailer)."""

from __future__ import annotations

import zlib
from datetime import datetime, timezone

import pytest
from botocore.auth import HmacV1Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from jupyterlab_mlstudio.s3face.auth import S3Request, Signer, authenticate
from jupyterlab_mlstudio.s3face.errors import S3Error
from jupyterlab_mlstudio.s3face.payload import AwsChunkedDecoder, PayloadReader, plan_payload

from .s3face_helpers import aws_chunked, signing_key

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
DATE = "20130524T000000Z"
SCOPE = "20130524/us-east-1/s3/aws4_request"
KEY = signing_key(SECRET, "20130524")
DATA = b"a" * 66560
SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
CHUNK_SIGNATURES = [
    "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
    "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
    "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
]
TRAILER_SEED = "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e"
TRAILER_SIGNATURE = "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435"
DOCUMENTED_HEADERS = {
    "host": "s3.amazonaws.com",
    "x-amz-date": DATE,
    "x-amz-storage-class": "REDUCED_REDUNDANCY",
    "authorization": (
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
        "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
        f"x-amz-decoded-content-length;x-amz-storage-class,Signature={SEED}"
    ),
    "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    "content-encoding": "aws-chunked",
    "x-amz-decoded-content-length": "66560",
    "content-length": "66824",
}
WHEN = datetime(2013, 5, 24, 0, 1, tzinfo=timezone.utc)


def signer(mode: str = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", seed: str = SEED) -> Signer:
    return Signer("AKIAIOSFODNN7EXAMPLE", mode, KEY, DATE, SCOPE, seed)


def documented_request(**changes: str) -> S3Request:
    return S3Request("PUT", "/examplebucket/chunkObject.txt", "", {**DOCUMENTED_HEADERS, **changes})


def decode(body: bytes, step: int, decoder: AwsChunkedDecoder) -> bytes:
    out = b"".join(
        bytes(piece)
        for index in range(0, len(body), step)
        for piece in decoder.feed(body[index : index + step])
    )
    decoder.finish()
    return out


def test_the_test_encoder_makes_the_documented_chunk_signatures():
    body = aws_chunked(DATA, 65536, key=KEY, amz_date=DATE, seed=SEED)
    assert len(body) == 66824
    for signature in CHUNK_SIGNATURES:
        assert f"chunk-signature={signature}".encode() in body


def test_the_documented_request_verifies_and_yields_its_seed():
    found = authenticate(documented_request(), lambda key: SECRET, now=WHEN)
    assert (found.access_key, found.seed_signature, found.scope) == (
        "AKIAIOSFODNN7EXAMPLE",
        SEED,
        SCOPE,
    )


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"x-amz-storage-class": "STANDARD"}, "SignatureDoesNotMatch"),
        ({"x-amz-date": "20130524T000001Z"}, "SignatureDoesNotMatch"),
        (
            {"authorization": DOCUMENTED_HEADERS["authorization"].replace("/s3/", "/ec2/")},
            "AuthorizationHeaderMalformed",
        ),
        (
            {"authorization": "AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg="},
            "AccessDenied",  # SigV2 needs a Date it can read
        ),
        ({"authorization": "AWS4-HMAC-SHA256 Credential=x"}, "AuthorizationHeaderMalformed"),
        ({"x-amz-content-sha256": "not-a-mode"}, "InvalidArgument"),
    ],
)
def test_a_changed_or_malformed_request_is_refused(changes, code):
    with pytest.raises(S3Error) as raised:
        authenticate(documented_request(**changes), lambda key: SECRET, now=WHEN)
    assert raised.value.s3_code == code


def test_a_wrong_secret_an_old_date_and_no_signature_are_refused():
    with pytest.raises(S3Error) as raised:
        authenticate(documented_request(), lambda key: "other", now=WHEN)
    assert (raised.value.s3_code, raised.value.status) == ("SignatureDoesNotMatch", 403)
    with pytest.raises(S3Error) as raised:
        authenticate(
            documented_request(), lambda key: SECRET, now=datetime(2013, 5, 25, tzinfo=timezone.utc)
        )
    assert (raised.value.s3_code, raised.value.status) == ("RequestTimeTooSkewed", 403)
    anonymous = {key: value for key, value in DOCUMENTED_HEADERS.items() if key != "authorization"}
    with pytest.raises(S3Error) as raised:
        authenticate(S3Request("GET", "/b/k", "", anonymous), lambda key: SECRET, now=WHEN)
    assert (raised.value.s3_code, raised.value.status) == ("AccessDenied", 403)
    no_hash = {
        key: value for key, value in DOCUMENTED_HEADERS.items() if key != "x-amz-content-sha256"
    }
    with pytest.raises(S3Error) as raised:
        authenticate(S3Request("PUT", "/b/k", "", no_hash), lambda key: SECRET, now=WHEN)
    assert raised.value.s3_code == "InvalidRequest"


@pytest.mark.parametrize("step", [1, 7, 4096, 65538, 1 << 20])
def test_the_documented_chunked_body_decodes_whatever_the_pieces(step):
    body = aws_chunked(DATA, 65536, key=KEY, amz_date=DATE, seed=SEED)
    assert decode(body, step, AwsChunkedDecoder(signer())) == DATA


def test_a_changed_chunk_or_a_missing_end_is_refused():
    body = bytearray(aws_chunked(DATA, 65536, key=KEY, amz_date=DATE, seed=SEED))
    body[200] = ord("b")
    with pytest.raises(S3Error) as raised:
        decode(bytes(body), 4096, AwsChunkedDecoder(signer()))
    assert (raised.value.s3_code, raised.value.status) == ("SignatureDoesNotMatch", 403)
    whole = aws_chunked(DATA, 65536, key=KEY, amz_date=DATE, seed=SEED)
    with pytest.raises(S3Error) as raised:
        decode(whole[:-120], 4096, AwsChunkedDecoder(signer()))
    assert raised.value.s3_code == "IncompleteBody"
    unsigned = aws_chunked(DATA, 65536)
    with pytest.raises(S3Error) as raised:
        decode(unsigned, 4096, AwsChunkedDecoder(signer()))
    assert raised.value.s3_code == "IncompleteBody"  # a chunk without its signature


def test_the_documented_signed_trailer_verifies_with_its_crc32c():
    pytest.importorskip("awscrt", reason="botocore's CRT signer (the test extras install awscrt)")
    body = aws_chunked(
        DATA,
        65536,
        key=KEY,
        amz_date=DATE,
        seed=TRAILER_SEED,
        trailers={"x-amz-checksum-crc32c": "sOO8/Q=="},
    )
    assert f"x-amz-trailer-signature:{TRAILER_SIGNATURE}".encode() in body
    mode = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
    plan = plan_payload(
        {"x-amz-trailer": "x-amz-checksum-crc32c", "x-amz-decoded-content-length": "66560"},
        signer(mode, TRAILER_SEED),
    )
    pieces = iter([body[index : index + 5000] for index in range(0, len(body), 5000)] + [b""])
    reader = PayloadReader(lambda: next(pieces), plan)
    assert reader.read() == DATA
    assert reader.checksum() == {"algorithm": "CRC32C", "value": "sOO8/Q=="}

    forged = body.replace(b"sOO8/Q==", b"AAAAAA==")
    pieces = iter([forged, b""])
    with pytest.raises(S3Error) as raised:
        PayloadReader(lambda: next(pieces), plan).read()
    assert raised.value.s3_code == "SignatureDoesNotMatch"


def test_an_unsigned_trailer_with_a_wrong_checksum_is_a_bad_digest():
    crc = zlib.crc32(DATA).to_bytes(4, "big")
    import base64

    good = base64.b64encode(crc).decode()
    plan = plan_payload(
        {"x-amz-trailer": "x-amz-checksum-crc32"},
        Signer("k", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"),
    )
    body = aws_chunked(DATA, 8192, trailers={"x-amz-checksum-crc32": good})
    pieces = iter([body, b""])
    assert PayloadReader(lambda: next(pieces), plan).read() == DATA
    body = aws_chunked(DATA[:-1] + b"b", 8192, trailers={"x-amz-checksum-crc32": good})
    pieces = iter([body, b""])
    with pytest.raises(S3Error) as raised:
        PayloadReader(lambda: next(pieces), plan).read()
    assert (raised.value.s3_code, raised.value.status) == ("BadDigest", 400)


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({"x-amz-checksum-crc32": "AAAAAA==", "x-amz-checksum-sha1": "x"}, "InvalidRequest"),
        ({"x-amz-sdk-checksum-algorithm": "CRC32"}, "InvalidRequest"),
        ({"x-amz-checksum-crc32": "not base64!"}, "InvalidRequest"),
        ({"content-md5": "short"}, "InvalidDigest"),
        ({"x-amz-trailer": "x-amz-checksum-crc32"}, "InvalidRequest"),  # not a trailer mode
    ],
)
def test_checksum_headers_that_cannot_be_checked_are_refused(headers, code):
    with pytest.raises(S3Error) as raised:
        plan_payload(headers, Signer("k", "UNSIGNED-PAYLOAD"))
    assert raised.value.s3_code == code


def test_signature_version_2_headers_verify_as_botocore_signs_them():
    request = AWSRequest(
        method="PUT",
        url="http://host/mlstudio/s3/bucket/key?uploadId=abc&partNumber=2",
        headers={"Content-Type": "text/plain", "x-amz-meta-a": "1"},
    )
    request.auth_path = "/bucket/key"
    HmacV1Auth(Credentials("tester", SECRET)).add_auth(request)
    headers = {name.lower(): value for name, value in request.headers.items()}

    def check(secret: str, **changes: str) -> Signer:
        return authenticate(
            S3Request(
                "PUT",
                "/mlstudio/s3/bucket/key",
                "uploadId=abc&partNumber=2",
                {**headers, **changes},
                "/bucket/key",
            ),
            lambda key: secret,
        )

    assert check(SECRET).access_key == "tester"
    for secret, changes in ((SECRET, {"x-amz-meta-a": "2"}), ("other", {})):
        with pytest.raises(S3Error) as raised:
            check(secret, **changes)
        assert raised.value.s3_code == "SignatureDoesNotMatch"
