"""boto3 against the S3 face (/mlstudio/s3) over the embedded file:// store: every operation's
round trip, ranges, conditions, listing pages and S3's error codes."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import pytest
from botocore.exceptions import ClientError

from .aws_helpers import in_thread
from .s3face_helpers import (  # noqa: F401  (fixtures)
    error_of,
    face_s3,
    face_url,
    pattern,
    plain_base_url,
    server_token,
)


async def test_buckets_are_created_listed_located_and_deleted(s3):
    await in_thread(s3.create_bucket, Bucket="alpha")
    await in_thread(s3.create_bucket, Bucket="beta")
    listed = await in_thread(s3.list_buckets)
    assert [bucket["Name"] for bucket in listed["Buckets"]] == ["alpha", "beta"]
    assert isinstance(listed["Buckets"][0]["CreationDate"], datetime)
    head = await in_thread(s3.head_bucket, Bucket="alpha")
    assert head["ResponseMetadata"]["HTTPHeaders"]["x-amz-bucket-region"] == "us-east-1"
    location = await in_thread(s3.get_bucket_location, Bucket="alpha")
    assert location["LocationConstraint"] is None  # us-east-1, as S3 says it

    with pytest.raises(ClientError) as raised:
        await in_thread(s3.create_bucket, Bucket="alpha")
    assert error_of(raised) == (409, "BucketAlreadyOwnedByYou")

    await in_thread(s3.put_object, Bucket="beta", Key="x", Body=b"1")
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.delete_bucket, Bucket="beta")
    assert error_of(raised) == (409, "BucketNotEmpty")

    await in_thread(s3.delete_bucket, Bucket="alpha")
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.head_bucket, Bucket="alpha")
    assert error_of(raised)[0] == 404
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.delete_bucket, Bucket="alpha")
    assert error_of(raised) == (404, "NoSuchBucket")
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.create_bucket, Bucket="Not_Valid")
    assert error_of(raised) == (400, "InvalidBucketName")


async def test_objects_round_trip_with_their_metadata(s3):
    await in_thread(s3.create_bucket, Bucket="data")
    body = pattern(300_000)
    put = await in_thread(
        s3.put_object,
        Bucket="data",
        Key="folder/file.bin",
        Body=body,
        ContentType="application/x-test",
        CacheControl="max-age=60",
        Metadata={"origin": "test", "Mixed-Case": "kept"},
    )
    assert put["ETag"] == f'"{hashlib.md5(body).hexdigest()}"'

    got = await in_thread(s3.get_object, Bucket="data", Key="folder/file.bin")
    assert await in_thread(got["Body"].read) == body
    assert got["ETag"] == put["ETag"]
    assert got["ContentType"] == "application/x-test"
    assert got["CacheControl"] == "max-age=60"
    assert got["Metadata"] == {"origin": "test", "mixed-case": "kept"}
    assert got["ContentLength"] == len(body)

    head = await in_thread(s3.head_object, Bucket="data", Key="folder/file.bin")
    assert head["ContentLength"] == len(body)
    assert head["ETag"] == put["ETag"]
    assert abs(head["LastModified"] - datetime.now(timezone.utc)) < timedelta(minutes=1)

    overridden = await in_thread(
        s3.get_object, Bucket="data", Key="folder/file.bin", ResponseContentType="text/plain"
    )
    assert overridden["ContentType"] == "text/plain"
    await in_thread(overridden["Body"].read)

    await in_thread(s3.delete_object, Bucket="data", Key="folder/file.bin")
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.get_object, Bucket="data", Key="folder/file.bin")
    assert error_of(raised) == (404, "NoSuchKey")
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.head_object, Bucket="data", Key="folder/file.bin")
    assert error_of(raised)[0] == 404
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.get_object, Bucket="missing", Key="x")
    assert error_of(raised) == (404, "NoSuchBucket")
    # Deleting what is not there succeeds, as in S3
    await in_thread(s3.delete_object, Bucket="data", Key="never/was")


async def test_ranges_answer_the_bytes_asked_for_and_refuse_what_cannot_be(s3):
    await in_thread(s3.create_bucket, Bucket="ranges")
    body = bytes(range(100))
    await in_thread(s3.put_object, Bucket="ranges", Key="hundred", Body=body)

    async def fetch(range_header):
        got = await in_thread(s3.get_object, Bucket="ranges", Key="hundred", Range=range_header)
        return (
            got["ResponseMetadata"]["HTTPStatusCode"],
            got.get("ContentRange"),
            await in_thread(got["Body"].read),
        )

    assert await fetch("bytes=0-9") == (206, "bytes 0-9/100", body[:10])
    assert await fetch("bytes=-5") == (206, "bytes 95-99/100", body[-5:])
    assert await fetch("bytes=90-") == (206, "bytes 90-99/100", body[90:])
    assert await fetch("bytes=95-1000") == (206, "bytes 95-99/100", body[95:])
    assert await fetch("bytes=-500") == (206, "bytes 0-99/100", body)
    assert await fetch("lines=1-2") == (200, None, body)  # not a byte range: the whole object
    with pytest.raises(ClientError) as raised:
        await fetch("bytes=100-200")
    assert error_of(raised) == (416, "InvalidRange")
    assert raised.value.response["Error"]["ActualObjectSize"] == "100"


async def test_conditional_gets_answer_304_and_412(s3):
    await in_thread(s3.create_bucket, Bucket="cond")
    put = await in_thread(s3.put_object, Bucket="cond", Key="k", Body=b"v1")
    etag = put["ETag"]
    got = await in_thread(s3.get_object, Bucket="cond", Key="k", IfMatch=etag)
    assert await in_thread(got["Body"].read) == b"v1"
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.get_object, Bucket="cond", Key="k", IfMatch='"0000"')
    assert error_of(raised)[0] == 412
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.get_object, Bucket="cond", Key="k", IfNoneMatch=etag)
    assert error_of(raised)[0] == 304
    later = datetime.now(timezone.utc) + timedelta(hours=1)
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.get_object, Bucket="cond", Key="k", IfModifiedSince=later)
    assert error_of(raised)[0] == 304
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.put_object, Bucket="cond", Key="k", Body=b"v2", IfNoneMatch="*")
    assert error_of(raised) == (412, "PreconditionFailed")


async def test_copies_keep_or_replace_metadata_across_buckets(s3):
    await in_thread(s3.create_bucket, Bucket="source")
    await in_thread(s3.create_bucket, Bucket="target")
    await in_thread(
        s3.put_object,
        Bucket="source",
        Key="a b/ü.txt",
        Body=b"copied",
        ContentType="text/plain",
        Metadata={"k": "v"},
    )
    copied = await in_thread(
        s3.copy_object,
        CopySource={"Bucket": "source", "Key": "a b/ü.txt"},
        Bucket="target",
        Key="copy.txt",
    )
    assert copied["CopyObjectResult"]["ETag"] == f'"{hashlib.md5(b"copied").hexdigest()}"'
    got = await in_thread(s3.get_object, Bucket="target", Key="copy.txt")
    assert (await in_thread(got["Body"].read), got["ContentType"], got["Metadata"]) == (
        b"copied",
        "text/plain",
        {"k": "v"},
    )
    await in_thread(
        s3.copy_object,
        CopySource={"Bucket": "source", "Key": "a b/ü.txt"},
        Bucket="source",
        Key="a b/ü.txt",
        MetadataDirective="REPLACE",
        Metadata={"new": "1"},
        ContentType="application/json",
    )
    head = await in_thread(s3.head_object, Bucket="source", Key="a b/ü.txt")
    assert (head["Metadata"], head["ContentType"]) == ({"new": "1"}, "application/json")
    with pytest.raises(ClientError) as raised:
        await in_thread(
            s3.copy_object,
            CopySource={"Bucket": "source", "Key": "a b/ü.txt"},
            Bucket="source",
            Key="a b/ü.txt",
        )
    assert error_of(raised) == (400, "InvalidRequest")
    with pytest.raises(ClientError) as raised:
        await in_thread(
            s3.copy_object, CopySource={"Bucket": "source", "Key": "nope"}, Bucket="t", Key="x"
        )
    assert error_of(raised) == (404, "NoSuchKey")


async def test_batch_delete_reports_each_key(s3):
    await in_thread(s3.create_bucket, Bucket="batch")
    for index in range(5):
        await in_thread(s3.put_object, Bucket="batch", Key=f"k{index}", Body=b"x")
    result = await in_thread(
        s3.delete_objects,
        Bucket="batch",
        Delete={"Objects": [{"Key": f"k{index}"} for index in range(3)] + [{"Key": "absent"}]},
    )
    assert sorted(item["Key"] for item in result["Deleted"]) == ["absent", "k0", "k1", "k2"]
    quiet = await in_thread(
        s3.delete_objects, Bucket="batch", Delete={"Objects": [{"Key": "k3"}], "Quiet": True}
    )
    assert "Deleted" not in quiet and "Errors" not in quiet
    left = await in_thread(s3.list_objects_v2, Bucket="batch")
    assert [item["Key"] for item in left["Contents"]] == ["k4"]


KEYS = [
    "a.txt",
    "a/b/c.txt",
    "a/b/d.txt",
    "a/e.txt",
    "a-b.txt",
    "b/1",
    "b/2",
    "b/3/4",
    "c",
    "d/",
    "d/x",
    "e f/g+h%i.txt",
    "z/ü/ß",
]


async def test_listing_pages_with_a_delimiter_as_s3_does(s3):
    await in_thread(s3.create_bucket, Bucket="pages")
    for key in KEYS:
        await in_thread(s3.put_object, Bucket="pages", Key=key, Body=key.encode())

    everything = await in_thread(s3.list_objects_v2, Bucket="pages")
    assert [item["Key"] for item in everything["Contents"]] == sorted(KEYS)
    assert everything["KeyCount"] == len(KEYS)
    assert not everything["IsTruncated"]

    paginator = s3.get_paginator("list_objects_v2")
    pages = await in_thread(
        lambda: list(
            paginator.paginate(Bucket="pages", Delimiter="/", PaginationConfig={"PageSize": 2})
        )
    )
    keys = [item["Key"] for page in pages for item in page.get("Contents", [])]
    prefixes = [item["Prefix"] for page in pages for item in page.get("CommonPrefixes", [])]
    assert keys == ["a-b.txt", "a.txt", "c"]
    assert prefixes == ["a/", "b/", "d/", "e f/", "z/"]
    assert [page["KeyCount"] for page in pages] == [2, 2, 2, 2]
    assert all(page["IsTruncated"] for page in pages[:-1]) and not pages[-1]["IsTruncated"]

    inside = await in_thread(s3.list_objects_v2, Bucket="pages", Prefix="a/", Delimiter="/")
    assert [item["Key"] for item in inside["Contents"]] == ["a/e.txt"]
    assert [item["Prefix"] for item in inside["CommonPrefixes"]] == ["a/b/"]

    partial = await in_thread(s3.list_objects_v2, Bucket="pages", Prefix="a")
    assert [item["Key"] for item in partial["Contents"]] == [
        "a-b.txt",
        "a.txt",
        "a/b/c.txt",
        "a/b/d.txt",
        "a/e.txt",
    ]
    after = await in_thread(s3.list_objects_v2, Bucket="pages", StartAfter="b/2")
    assert [item["Key"] for item in after["Contents"]] == sorted(KEYS)[
        sorted(KEYS).index("b/2") + 1 :
    ]

    v1 = s3.get_paginator("list_objects")
    pages = await in_thread(
        lambda: list(v1.paginate(Bucket="pages", Delimiter="/", PaginationConfig={"PageSize": 3}))
    )
    assert [item["Key"] for page in pages for item in page.get("Contents", [])] == keys
    assert [item["Prefix"] for page in pages for item in page.get("CommonPrefixes", [])] == prefixes

    marker = await in_thread(s3.get_object, Bucket="pages", Key="d/")
    assert await in_thread(marker["Body"].read) == b"d/"
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.list_objects_v2, Bucket="pages", ContinuationToken="!!not a token")
    assert error_of(raised) == (400, "InvalidArgument")


async def test_keys_a_file_system_cannot_hold_as_names_round_trip(s3, services):
    await in_thread(s3.create_bucket, Bucket="odd")
    odd = ["x//y", "./dot", "../up/../x", "%41", "folder/", ".hidden.part", "tab\tand space"]
    for key in odd:
        await in_thread(s3.put_object, Bucket="odd", Key=key, Body=key.encode())
    for key in odd:
        got = await in_thread(s3.get_object, Bucket="odd", Key=key)
        assert await in_thread(got["Body"].read) == key.encode()
    listed = await in_thread(s3.list_objects_v2, Bucket="odd")
    assert [item["Key"] for item in listed["Contents"]] == sorted(odd)
    # Nothing escaped the bucket's folder
    root = services.objects.default_root.removeprefix("file://")
    import os

    outside = [
        os.path.join(folder, name)
        for folder, _, names in os.walk(root)
        for name in names
        if not folder.startswith(f"{root}/s3")
    ]
    assert not [path for path in outside if "odd" in path or "dot" in path]


async def test_a_key_below_an_object_is_a_conflict_in_a_file_backed_store(s3):
    await in_thread(s3.create_bucket, Bucket="clash")
    await in_thread(s3.put_object, Bucket="clash", Key="a", Body=b"file")
    with pytest.raises(ClientError) as raised:
        await in_thread(s3.put_object, Bucket="clash", Key="a/b", Body=b"below")
    assert error_of(raised) == (409, "KeyConflict")
    got = await in_thread(s3.get_object, Bucket="clash", Key="a")
    assert await in_thread(got["Body"].read) == b"file"
