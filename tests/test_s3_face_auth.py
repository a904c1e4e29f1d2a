"""Who may talk to the S3 face and how bodies are checked: signatures (header and presigned),
payload modes (signed SHA-256, UNSIGNED-PAYLOAD, signed aws-chunked with and without trailers,
botocore's unsigned trailer over TLS), checksums, and S3-shaped errors for everything else."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import ipaddress
import socket
import ssl
import zlib
from urllib.parse import urlsplit

import botocore.auth
import pytest
import requests
from botocore.auth import HmacV1QueryAuth, S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError
from jupyter_server.auth.authorizer import Authorizer

from .aws_helpers import in_thread
from .s3face_helpers import (  # noqa: F401  (fixtures)
    MIB,
    aws_chunked,
    error_of,
    face_client,
    face_s3,
    face_url,
    pattern,
    plain_base_url,
    server_token,
    signed,
    signing_key,
)


class ReadOnlyAuthorizer(Authorizer):
    """Lets everyone read and no one write the objects."""

    def is_authorized(self, handler, user, action, resource):
        return not (resource == "mlstudio:objects" and action == "write")


async def new_bucket(s3, name: str = "auth") -> str:
    await in_thread(s3.create_bucket, Bucket=name)
    return name


def xml_error(response: requests.Response) -> str:
    assert response.headers["Content-Type"] == "application/xml", response.text
    assert response.text.startswith("<?xml"), response.text
    return response.text.split("<Code>", 1)[1].split("</Code>", 1)[0]


async def put_raw(url: str, headers: dict[str, str], body: bytes) -> requests.Response:
    return await in_thread(requests.put, url, data=body, headers=headers, timeout=30)


async def test_requests_without_a_signature_get_access_denied_in_xml(url, s3):
    bucket = await new_bucket(s3)
    for method in ("GET", "PUT", "POST", "DELETE"):
        response = await in_thread(requests.request, method, f"{url}/{bucket}/key", timeout=10)
        assert response.status_code == 403
        assert xml_error(response) == "AccessDenied"
    response = await in_thread(requests.get, url, timeout=10)
    assert (response.status_code, xml_error(response)) == (403, "AccessDenied")


async def test_a_wrong_secret_or_an_old_signature_is_refused(url, token, monkeypatch, s3):
    bucket = await new_bucket(s3)
    wrong = face_client(url, "not-the-token")
    with pytest.raises(ClientError) as raised:
        await in_thread(wrong.list_objects_v2, Bucket=bucket)
    assert error_of(raised) == (403, "SignatureDoesNotMatch")

    an_hour_ago = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(hours=1)
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda *args: an_hour_ago)
    headers, _ = signed("GET", f"{url}/{bucket}", token)
    response = await in_thread(requests.get, f"{url}/{bucket}", headers=headers, timeout=10)
    assert (response.status_code, xml_error(response)) == (403, "RequestTimeTooSkewed")


async def test_a_body_that_does_not_match_its_signed_hash_is_refused_and_not_stored(url, token, s3):
    bucket = await new_bucket(s3)
    body = b"the signed body"
    headers, _ = signed("PUT", f"{url}/{bucket}/tampered", token, body=body)
    assert headers["X-Amz-Content-SHA256"] == hashlib.sha256(body).hexdigest()
    response = await put_raw(f"{url}/{bucket}/tampered", headers, b"the SIGNED body")
    assert (response.status_code, xml_error(response)) == (400, "XAmzContentSHA256Mismatch")
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.head_object, Bucket=bucket, Key="tampered")
    assert error_of(raised)[0] == 404

    response = await put_raw(f"{url}/{bucket}/tampered", headers, body)
    assert response.status_code == 200, response.text
    got = await in_thread(s3.get_object, Bucket=bucket, Key="tampered")
    assert await in_thread(got["Body"].read) == body


async def test_unsigned_payloads_are_taken_and_their_checksums_still_checked(url, token, s3):
    bucket = await new_bucket(s3)
    unsigned = face_client(url, token, s3={"payload_signing_enabled": False})
    sent = await in_thread(unsigned.put_object, Bucket=bucket, Key="unsigned", Body=b"x" * 1000)
    assert sent["ResponseMetadata"]["HTTPStatusCode"] == 200
    got = await in_thread(unsigned.get_object, Bucket=bucket, Key="unsigned")
    assert await in_thread(got["Body"].read) == b"x" * 1000

    crc = base64.b64encode(zlib.crc32(b"good").to_bytes(4, "big")).decode()
    headers, _ = signed(
        "PUT",
        f"{url}/{bucket}/crc",
        token,
        headers={"x-amz-checksum-crc32": crc},
        payload="UNSIGNED-PAYLOAD",
    )
    response = await put_raw(f"{url}/{bucket}/crc", headers, b"evil")
    assert (response.status_code, xml_error(response)) == (400, "BadDigest")
    response = await put_raw(f"{url}/{bucket}/crc", headers, b"good")
    assert response.status_code == 200, response.text
    assert response.headers["x-amz-checksum-crc32"] == crc


async def test_signed_chunks_upload_and_a_changed_chunk_is_refused(url, token, s3):
    bucket = await new_bucket(s3)
    data = pattern(3 * MIB + 123)
    body_headers = {
        "Content-Encoding": "aws-chunked",
        "x-amz-decoded-content-length": str(len(data)),
    }
    target = f"{url}/{bucket}/chunked"
    encoded_length = len(aws_chunked(data, 64 * 1024, key=b"k", amz_date="20000101T000000Z"))
    headers, seed = signed(
        "PUT",
        target,
        token,
        headers={**body_headers, "Content-Length": str(encoded_length)},
        payload="STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    )
    key = signing_key(token, headers["X-Amz-Date"][:8])
    body = aws_chunked(data, 64 * 1024, key=key, amz_date=headers["X-Amz-Date"], seed=seed)

    forged = bytearray(body)
    forged[len(forged) // 2] ^= 1
    response = await put_raw(target, headers, bytes(forged))
    assert (response.status_code, xml_error(response)) == (403, "SignatureDoesNotMatch")
    with pytest.raises(ClientError):
        await in_thread(s3.head_object, Bucket=bucket, Key="chunked")

    response = await put_raw(target, headers, body)
    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == f'"{hashlib.md5(data).hexdigest()}"'
    got = await in_thread(s3.get_object, Bucket=bucket, Key="chunked")
    assert await in_thread(got["Body"].read) == data


async def test_signed_chunks_with_a_signed_checksum_trailer(url, token, s3):
    bucket = await new_bucket(s3)
    data = pattern(200_000, seed=3)
    crc = base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()
    target = f"{url}/{bucket}/trailer"
    headers, seed = signed(
        "PUT",
        target,
        token,
        headers={
            "Content-Encoding": "aws-chunked",
            "x-amz-decoded-content-length": str(len(data)),
            "x-amz-trailer": "x-amz-checksum-crc32",
        },
        payload="STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
    )
    key = signing_key(token, headers["X-Amz-Date"][:8])

    def body(checksum: str) -> bytes:
        return aws_chunked(
            data,
            32 * 1024,
            key=key,
            amz_date=headers["X-Amz-Date"],
            seed=seed,
            trailers={"x-amz-checksum-crc32": checksum},
        )

    response = await put_raw(target, headers, body("AAAAAA=="))
    assert (response.status_code, xml_error(response)) == (400, "BadDigest")
    response = await put_raw(target, headers, body(crc))
    assert response.status_code == 200, response.text
    got = await in_thread(s3.get_object, Bucket=bucket, Key="trailer", ChecksumMode="ENABLED")
    assert await in_thread(got["Body"].read) == data
    assert got["ChecksumCRC32"] == crc


async def test_botocores_checksums_are_verified_stored_and_returned(url, token, s3):
    bucket = await new_bucket(s3)
    pytest.importorskip("awscrt", reason="botocore's CRT signer (the test extras install awscrt)")
    for algorithm in ("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"):
        data = pattern(100_000, seed=len(algorithm))
        put = await in_thread(
            s3.put_object, Bucket=bucket, Key=algorithm, Body=data, ChecksumAlgorithm=algorithm
        )
        got = await in_thread(s3.get_object, Bucket=bucket, Key=algorithm, ChecksumMode="ENABLED")
        # botocore checks the returned checksum while reading and fails on a mismatch
        assert await in_thread(got["Body"].read) == data
        assert got[f"Checksum{algorithm}"] == put[f"Checksum{algorithm}"]
    with pytest.raises(ClientError) as raised:
        await in_thread(
            s3.put_object, Bucket=bucket, Key="bad", Body=b"abc", ChecksumCRC32="AAAAAA=="
        )
    assert error_of(raised) == (400, "BadDigest")
    md5 = base64.b64encode(hashlib.md5(b"other").digest()).decode()
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.put_object, Bucket=bucket, Key="bad", Body=b"abc", ContentMD5=md5)
    assert error_of(raised) == (400, "BadDigest")


async def test_presigned_urls_work_until_they_expire(url, token, s3, monkeypatch):
    bucket = await new_bucket(s3)
    await in_thread(s3.put_object, Bucket=bucket, Key="shared.txt", Body=b"shared")
    # boto3 presigns S3 URLs with Signature Version 2 unless told otherwise
    link = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "shared.txt"})
    assert "AWSAccessKeyId=" in link
    v4 = face_client(url, token, signature_version="s3v4")
    link4 = v4.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "shared.txt"})
    assert "X-Amz-Signature=" in link4
    for shared in (link, link4):
        response = await in_thread(requests.get, shared, timeout=10)
        assert (response.status_code, response.content) == (200, b"shared"), response.text
        other = shared.replace("shared.txt", "other.txt")
        response = await in_thread(requests.get, other, timeout=10)
        assert (response.status_code, xml_error(response)) == (403, "SignatureDoesNotMatch")

    yesterday = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(days=1)
    monkeypatch.setattr(botocore.auth, "get_current_datetime", lambda *args: yesterday)
    request = AWSRequest(method="GET", url=f"{url}/{bucket}/shared.txt")
    S3SigV4QueryAuth(Credentials("tester", token), "s3", "us-east-1", expires=60).add_auth(request)
    response = await in_thread(requests.get, request.url, timeout=10)
    assert (response.status_code, xml_error(response)) == (403, "AccessDenied")
    assert "expired" in response.text
    monkeypatch.setattr(botocore.auth.time, "time", lambda: yesterday.timestamp())
    request = AWSRequest(method="GET", url=f"{url}/{bucket}/shared.txt")
    HmacV1QueryAuth(Credentials("tester", token), expires=60).add_auth(request)
    response = await in_thread(requests.get, request.url, timeout=10)
    assert (response.status_code, xml_error(response)) == (403, "AccessDenied")


async def test_what_the_face_does_not_serve_is_answered_in_s3s_xml(url, token, s3):
    bucket = await new_bucket(s3)

    async def call(method: str, path: str, query: str = "") -> requests.Response:
        target = f"{url}{path}" + (f"?{query}" if query else "")
        headers, _ = signed(method, target, token)
        return await in_thread(requests.request, method, target, headers=headers, timeout=10)

    response = await call("GET", f"/{bucket}", "acl")
    assert (response.status_code, xml_error(response)) == (501, "NotImplemented")
    response = await call("PUT", f"/{bucket}/k", "tagging")
    assert (response.status_code, xml_error(response)) == (501, "NotImplemented")
    response = await call("PATCH", f"/{bucket}/k")
    assert (response.status_code, xml_error(response)) == (405, "MethodNotAllowed")
    response = await call("POST", f"/{bucket}/k")
    assert (response.status_code, xml_error(response)) == (501, "NotImplemented")
    response = await call("POST", "/")
    assert (response.status_code, xml_error(response)) == (405, "MethodNotAllowed")
    response = await call("GET", f"/{bucket}/k", "uploadId=..%2F..%2Fetc")
    assert (response.status_code, xml_error(response)) == (404, "NoSuchUpload")
    too_big = f"{url}/{bucket}/huge"
    headers, _ = signed(
        "PUT",
        too_big,
        token,
        headers={"Content-Length": str(6 * 1024**3)},
        payload="UNSIGNED-PAYLOAD",
    )
    parts = urlsplit(too_big)

    def announce_only() -> bytes:
        with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
            lines = [f"PUT {parts.path} HTTP/1.1", f"Host: {parts.netloc}"]
            lines += [f"{name}: {value}" for name, value in headers.items()]
            connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
            return connection.recv(65536)

    answer = await in_thread(announce_only)
    assert answer.startswith(b"HTTP/1.1 400") and b"<Code>EntityTooLarge</Code>" in answer
    # A browser-style POST without Jupyter's XSRF token still gets S3's answer, not Jupyter's page
    response = await in_thread(
        requests.post, f"{url}/{bucket}/k?uploads", cookies={"_xsrf": "x"}, timeout=10
    )
    assert (response.status_code, xml_error(response)) == (403, "AccessDenied")


async def test_jupyters_authorizer_decides_who_may_write(url, token, jp_serverapp):
    jp_serverapp.web_app.settings["authorizer"] = ReadOnlyAuthorizer(parent=jp_serverapp)
    client = face_client(url, token)
    listed = await in_thread(client.list_buckets)
    assert listed["Buckets"] == []
    with pytest.raises(ClientError) as raised:
        await in_thread(client.create_bucket, Bucket="refused")
    assert error_of(raised) == (403, "AccessDenied")


async def test_botocores_unsigned_trailer_over_tls(jp_serverapp, token, tmp_path, s3):
    """Over HTTPS botocore streams uploads as STREAMING-UNSIGNED-PAYLOAD-TRAILER with a CRC32
    trailer; a TLS listener on the same application shows the face takes that too."""
    bucket = await new_bucket(s3)
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from tornado.httpserver import HTTPServer
    from tornado.netutil import bind_sockets

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    sockets = bind_sockets(0, "127.0.0.1")
    server = HTTPServer(jp_serverapp.web_app, ssl_options=context)
    server.add_sockets(sockets)
    try:
        port = sockets[0].getsockname()[1]
        secure = face_client(f"https://127.0.0.1:{port}/mlstudio/s3", token, verify=str(cert_file))
        seen = []
        secure.meta.events.register(
            "before-send.s3.PutObject",
            lambda request, **_: seen.append(request.headers.get("x-amz-content-sha256")),
        )
        data = pattern(2 * MIB + 7, seed=11)
        await in_thread(secure.put_object, Bucket=bucket, Key="tls", Body=data)
        got = await in_thread(secure.get_object, Bucket=bucket, Key="tls", ChecksumMode="ENABLED")
        assert await in_thread(got["Body"].read) == data
        crc = base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()
        assert got["ChecksumCRC32"] == crc
        assert [value.decode() if isinstance(value, bytes) else value for value in seen] == [
            "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
        ]
    finally:
        server.stop()


@pytest.mark.parametrize("signer", ["python", "crt"])
async def test_both_of_botocores_signers_are_accepted(url, token, s3, monkeypatch, signer):
    """botocore signs S3 requests in Python, or with the AWS common runtime when awscrt is
    installed (as in this environment); users have either."""
    if signer == "python":
        monkeypatch.setitem(botocore.auth.AUTH_TYPE_MAPS, "s3v4", botocore.auth.S3SigV4Auth)
    else:
        pytest.importorskip(
            "awscrt", reason="botocore's CRT signer (the test extras install awscrt)"
        )
        assert botocore.auth.AUTH_TYPE_MAPS["s3v4"] is not botocore.auth.S3SigV4Auth
    bucket = await new_bucket(s3, f"signed-{signer}")
    client = face_client(url, token)
    data = pattern(9 * MIB, seed=7)
    await in_thread(client.put_object, Bucket=bucket, Key="a key+with spaces", Body=data[:1000])
    got = await in_thread(client.get_object, Bucket=bucket, Key="a key+with spaces")
    assert await in_thread(got["Body"].read) == data[:1000]
    await in_thread(client.upload_fileobj, io.BytesIO(data), bucket, "big")
    listed = await in_thread(client.list_objects_v2, Bucket=bucket, Prefix="a key")
    assert [item["Key"] for item in listed["Contents"]] == ["a key+with spaces"]
