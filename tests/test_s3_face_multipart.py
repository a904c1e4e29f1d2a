"""Multipart uploads through the S3 face: boto3's managed transfers above 8 MB (upload, ranged
download, copy by parts), the API one call at a time with S3's errors, and uploads that break
off and must leave nothing behind."""

from __future__ import annotations

import asyncio
import hashlib
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from botocore.exceptions import ClientError

from .aws_helpers import in_thread
from .s3face_helpers import (  # noqa: F401  (fixtures)
    MIB,
    error_of,
    face_s3,
    face_url,
    pattern,
    plain_base_url,
    server_token,
    signed,
)


@pytest.fixture
def buckets_folder(services):
    return Path(services.objects.default_root.removeprefix("file://")) / "s3"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_a_20_mb_file_goes_up_in_parts_and_comes_back_whole(s3, tmp_path):
    await in_thread(s3.create_bucket, Bucket="big")
    source = tmp_path / "source.bin"
    source.write_bytes(pattern(20 * MIB + 12345, seed=1))
    parts = []
    s3.meta.events.register(
        "before-send.s3.UploadPart", lambda request, **_: parts.append(request.url)
    )
    await in_thread(s3.upload_file, str(source), "big", "data/source.bin")
    assert len(parts) == 3  # boto3's 8 MB parts

    head = await in_thread(s3.head_object, Bucket="big", Key="data/source.bin")
    assert head["ContentLength"] == source.stat().st_size
    assert head["ETag"].endswith('-3"')

    target = tmp_path / "target.bin"
    await in_thread(s3.download_file, "big", "data/source.bin", str(target))
    assert digest(target) == digest(source)

    await in_thread(s3.copy, {"Bucket": "big", "Key": "data/source.bin"}, "big", "data/copy.bin")
    copied = tmp_path / "copied.bin"
    await in_thread(s3.download_file, "big", "data/copy.bin", str(copied))
    assert digest(copied) == digest(source)
    listed = await in_thread(s3.list_multipart_uploads, Bucket="big")
    assert "Uploads" not in listed  # completed uploads are gone


async def test_the_multipart_api_call_by_call(s3, jp_serverapp):
    await in_thread(s3.create_bucket, Bucket="parts")
    first, last = pattern(5 * MIB, seed=2), pattern(1024, seed=3)
    created = await in_thread(
        s3.create_multipart_upload,
        Bucket="parts",
        Key="joined.bin",
        ContentType="application/x-joined",
        Metadata={"made": "by parts"},
    )
    upload = created["UploadId"]
    one = await in_thread(
        s3.upload_part, Bucket="parts", Key="joined.bin", UploadId=upload, PartNumber=1, Body=first
    )
    two = await in_thread(
        s3.upload_part, Bucket="parts", Key="joined.bin", UploadId=upload, PartNumber=2, Body=last
    )
    assert one["ETag"] == f'"{hashlib.md5(first).hexdigest()}"'

    listed = await in_thread(s3.list_parts, Bucket="parts", Key="joined.bin", UploadId=upload)
    assert [(part["PartNumber"], part["Size"]) for part in listed["Parts"]] == [
        (1, 5 * MIB),
        (2, 1024),
    ]
    uploads = await in_thread(s3.list_multipart_uploads, Bucket="parts")
    assert [(item["Key"], item["UploadId"]) for item in uploads["Uploads"]] == [
        ("joined.bin", upload)
    ]
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.head_object, Bucket="parts", Key="joined.bin")
    assert error_of(raised)[0] == 404  # nothing appears before completion

    async def complete(parts):
        return await in_thread(
            s3.complete_multipart_upload,
            Bucket="parts",
            Key="joined.bin",
            UploadId=upload,
            MultipartUpload={"Parts": parts},
        )

    good = [{"PartNumber": 1, "ETag": one["ETag"]}, {"PartNumber": 2, "ETag": two["ETag"]}]
    for parts, expected in (
        ([good[0], {"PartNumber": 2, "ETag": '"0123"'}], (400, "InvalidPart")),
        ([good[0], {"PartNumber": 3, "ETag": two["ETag"]}], (400, "InvalidPart")),
        ([good[1], good[0]], (400, "InvalidPartOrder")),
        ([{"PartNumber": 1, "ETag": two["ETag"]}], (400, "InvalidPart")),
    ):
        with pytest.raises(ClientError) as raised:
            await complete(parts)
        assert error_of(raised) == expected

    done = await complete(good)
    if jp_serverapp.web_app.settings["mlstudio.s3face"].store.root.startswith("file://"):
        # S3's own rule; over an s3:// store the ETag is the one that store gives
        md5s = hashlib.md5(first).digest() + hashlib.md5(last).digest()
        assert done["ETag"] == f'"{hashlib.md5(md5s).hexdigest()}-2"'
    got = await in_thread(s3.get_object, Bucket="parts", Key="joined.bin")
    assert got["ETag"] == done["ETag"]
    assert await in_thread(got["Body"].read) == first + last
    assert (got["ContentType"], got["Metadata"]) == ("application/x-joined", {"made": "by parts"})
    with pytest.raises(ClientError) as raised:
        await complete(good)
    assert error_of(raised) == (404, "NoSuchUpload")


async def test_small_parts_aborts_and_unknown_uploads_are_refused(s3):
    await in_thread(s3.create_bucket, Bucket="small")
    upload = (await in_thread(s3.create_multipart_upload, Bucket="small", Key="k"))["UploadId"]
    etags = []
    for number in (1, 2):
        sent = await in_thread(
            s3.upload_part, Bucket="small", Key="k", UploadId=upload, PartNumber=number, Body=b"x"
        )
        etags.append({"PartNumber": number, "ETag": sent["ETag"]})
    with pytest.raises(ClientError) as raised:
        await in_thread(
            s3.complete_multipart_upload,
            Bucket="small",
            Key="k",
            UploadId=upload,
            MultipartUpload={"Parts": etags},
        )
    assert error_of(raised) == (400, "EntityTooSmall")
    with pytest.raises(ClientError) as raised:
        await in_thread(
            s3.upload_part, Bucket="small", Key="other", UploadId=upload, PartNumber=1, Body=b"x"
        )
    assert error_of(raised) == (404, "NoSuchUpload")
    with pytest.raises(ClientError) as raised:
        await in_thread(
            s3.upload_part, Bucket="small", Key="k", UploadId=upload, PartNumber=10001, Body=b"x"
        )
    assert error_of(raised) == (400, "InvalidArgument")

    await in_thread(s3.abort_multipart_upload, Bucket="small", Key="k", UploadId=upload)
    for call in (
        lambda: s3.abort_multipart_upload(Bucket="small", Key="k", UploadId=upload),
        lambda: s3.list_parts(Bucket="small", Key="k", UploadId=upload),
        lambda: s3.upload_part(Bucket="small", Key="k", UploadId=upload, PartNumber=1, Body=b"x"),
    ):
        with pytest.raises(ClientError) as raised:
            await in_thread(call)
        assert error_of(raised) == (404, "NoSuchUpload")
    # The aborted upload's parts are gone and the bucket can be deleted
    await in_thread(s3.delete_bucket, Bucket="small")


async def wait_for(condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.05)


async def test_an_upload_that_breaks_off_leaves_nothing_behind(url, token, s3, buckets_folder):
    await in_thread(s3.create_bucket, Bucket="broken")
    target = f"{url}/broken/cut.bin"
    size = 8 * MIB
    headers, _ = signed(
        "PUT", target, token, headers={"Content-Length": str(size)}, payload="UNSIGNED-PAYLOAD"
    )
    parts = urlsplit(target)
    connection = await in_thread(socket.create_connection, (parts.hostname, parts.port))
    lines = [f"PUT {parts.path} HTTP/1.1", f"Host: {parts.netloc}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    await in_thread(connection.sendall, ("\r\n".join(lines) + "\r\n\r\n").encode())
    await in_thread(connection.sendall, pattern(size // 2))
    folder = buckets_folder / "broken"

    def writing() -> list[Path]:
        return [path for path in folder.iterdir() if path.name.endswith(".part")]

    await wait_for(lambda: folder.is_dir() and writing())  # the server is storing the body
    connection.close()
    await wait_for(lambda: not any(folder.iterdir()))
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.head_object, Bucket="broken", Key="cut.bin")
    assert error_of(raised)[0] == 404
