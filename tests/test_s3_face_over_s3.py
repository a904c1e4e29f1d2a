"""The S3 face over an s3:// object store (moto's S3 server standing in for AWS or MinIO): the
same round trips as over the embedded file store, with the face's buckets as prefixes of the
configured root bucket."""

from __future__ import annotations

import boto3
import pytest

from .aws_helpers import in_thread
from .s3face_helpers import (  # noqa: F401  (fixtures)
    face_s3,
    face_url,
    plain_base_url,
    server_token,
)
from .test_s3_face import (  # noqa: F401  (collected here too, against this module's server)
    test_batch_delete_reports_each_key,
    test_buckets_are_created_listed_located_and_deleted,
    test_conditional_gets_answer_304_and_412,
    test_copies_keep_or_replace_metadata_across_buckets,
    test_keys_a_file_system_cannot_hold_as_names_round_trip,
    test_listing_pages_with_a_delimiter_as_s3_does,
    test_objects_round_trip_with_their_metadata,
    test_ranges_answer_the_bytes_asked_for_and_refuse_what_cannot_be,
)
from .test_s3_face_multipart import (  # noqa: F401
    test_a_20_mb_file_goes_up_in_parts_and_comes_back_whole,
    test_the_multipart_api_call_by_call,
)

ROOT_BUCKET = "face-backing"


@pytest.fixture
def mlstudio_config(s3_endpoint, aws_credentials):
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    if ROOT_BUCKET not in [bucket["Name"] for bucket in client.list_buckets()["Buckets"]]:
        client.create_bucket(Bucket=ROOT_BUCKET)
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=ROOT_BUCKET):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=ROOT_BUCKET, Key=item["Key"])
    return {"object_store_root": f"s3://{ROOT_BUCKET}/root", "s3_endpoint_url": s3_endpoint}


async def test_the_faces_objects_are_prefixes_of_the_root_bucket(s3, s3_endpoint):
    await in_thread(s3.create_bucket, Bucket="mine")
    await in_thread(s3.put_object, Bucket="mine", Key="a", Body=b"file")
    await in_thread(s3.put_object, Bucket="mine", Key="a/b", Body=b"below")  # S3 holds both
    backing = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    stored = await in_thread(backing.get_object, Bucket=ROOT_BUCKET, Key="root/s3/mine/a/b")
    assert stored["Body"].read() == b"below"
    listed = await in_thread(s3.list_objects_v2, Bucket="mine")
    assert [item["Key"] for item in listed["Contents"]] == ["a", "a/b"]
