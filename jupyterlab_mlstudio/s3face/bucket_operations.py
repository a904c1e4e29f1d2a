"""S3's bucket operations: create, head, locate, list (v1 and v2), delete, batch delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from ..objects.buckets import Bucket
from . import xml
from .calls import Reply, S3Call, owner_of, xml_body, xml_reply
from .errors import S3Error
from .listing import Listing, decode_token, encode_token, max_keys, past
from .service import S3Service


def list_buckets(service: S3Service, call: S3Call) -> Reply:
    buckets = service.list_buckets()
    return xml_reply(
        "ListAllMyBucketsResult",
        [
            ("Owner", owner_of(call.owner)),
            ("Buckets", [("Bucket", _bucket(bucket, service.region)) for bucket in buckets]),
        ],
    )


def _bucket(bucket: Bucket, region: str) -> xml.Content:
    return [
        ("Name", bucket.name),
        ("CreationDate", xml.iso_time(bucket.created_ms)),
        ("BucketRegion", region),
    ]


def create_bucket(service: S3Service, call: S3Call) -> Reply:
    body = xml_body(call)
    if body.strip():
        xml.parse(body, "CreateBucketConfiguration")  # a location constraint changes nothing here
    service.create_bucket(call.bucket, call.owner)
    return Reply(headers={"Location": f"/{call.bucket}"})


def head_bucket(service: S3Service, call: S3Call) -> Reply:
    service.head_bucket(call.bucket)
    return Reply(headers={"x-amz-bucket-region": service.region})


def get_bucket_location(service: S3Service, call: S3Call) -> Reply:
    service.head_bucket(call.bucket)
    region = "" if service.region == "us-east-1" else service.region
    return Reply(
        headers={"Content-Type": xml.CONTENT_TYPE},
        body=xml.document("LocationConstraint", text=region or None),
    )


def get_bucket_versioning(service: S3Service, call: S3Call) -> Reply:
    service.head_bucket(call.bucket)
    return xml_reply("VersioningConfiguration", [])


def delete_bucket(service: S3Service, call: S3Call) -> Reply:
    service.delete_bucket(call.bucket)
    return Reply(status=204)


def _encoder(call: S3Call) -> Callable[[str], str]:
    encoding = call.query.get("encoding-type")
    if encoding is None:
        return str
    if encoding != "url":
        raise S3Error(
            "InvalidArgument",
            "Invalid Encoding Method specified in Request",
            ArgumentName="encoding-type",
            ArgumentValue=encoding,
        )
    return lambda value: quote(value, safe="/")


def _listing_content(service: S3Service, call: S3Call, page: Listing) -> xml.Content:
    encode = _encoder(call)
    owner = call.query.get("fetch-owner") == "true" or "list-type" not in call.query
    contents = [
        (
            "Contents",
            [
                ("Key", encode(key)),
                ("LastModified", xml.iso_time(meta.last_modified_ms)),
                ("ETag", meta.etag),
                ("Size", meta.size),
                ("StorageClass", "STANDARD"),
                ("Owner", owner_of(call.owner) if owner else None),
            ],
        )
        for key, meta in page.contents
    ]
    prefixes = [("CommonPrefixes", [("Prefix", encode(common))]) for common in page.common_prefixes]
    return contents + prefixes


def list_objects_v2(service: S3Service, call: S3Call) -> Reply:
    query = call.query
    encode = _encoder(call)
    token = query.get("continuation-token")
    start_after = decode_token(token) if token is not None else query.get("start-after")
    limit = max_keys(query.get("max-keys"))
    prefix, delimiter = query.get("prefix", ""), query.get("delimiter", "")
    page = service.list_objects(call.bucket, prefix, delimiter, start_after, limit)
    next_token = encode_token(page.resume_after) if page.truncated and page.resume_after else None
    header: xml.Content = [
        ("Name", call.bucket),
        ("Prefix", encode(prefix)),
        ("Delimiter", encode(delimiter) if delimiter else None),
        ("MaxKeys", limit),
        ("KeyCount", len(page.contents) + len(page.common_prefixes)),
        ("IsTruncated", page.truncated),
        ("ContinuationToken", token),
        ("NextContinuationToken", next_token),
        ("StartAfter", encode(query["start-after"]) if "start-after" in query else None),
        ("EncodingType", query.get("encoding-type")),
    ]
    return xml_reply("ListBucketResult", [*header, *_listing_content(service, call, page)])


def list_objects(service: S3Service, call: S3Call) -> Reply:
    query = call.query
    encode = _encoder(call)
    marker = query.get("marker", "")
    prefix, delimiter = query.get("prefix", ""), query.get("delimiter", "")
    limit = max_keys(query.get("max-keys"))
    # A marker that is a common prefix (a NextMarker we gave) resumes past all of its keys.
    start = past(marker) if delimiter and marker.endswith(delimiter) else marker or None
    page = service.list_objects(call.bucket, prefix, delimiter, start, limit)
    header: xml.Content = [
        ("Name", call.bucket),
        ("Prefix", encode(prefix)),
        ("Marker", encode(marker)),
        ("MaxKeys", limit),
        ("Delimiter", encode(delimiter) if delimiter else None),
        ("IsTruncated", page.truncated),
        ("NextMarker", encode(page.last) if page.truncated and delimiter and page.last else None),
        ("EncodingType", query.get("encoding-type")),
    ]
    return xml_reply("ListBucketResult", [*header, *_listing_content(service, call, page)])


def delete_objects(service: S3Service, call: S3Call) -> Reply:
    request = xml.parse(xml_body(call), "Delete")
    keys = [xml.text(item, "Key") or "" for item in xml.children(request, "Object")]
    if len(keys) > 1000:
        raise S3Error("MalformedXML", "A Delete request names at most 1000 objects")
    quiet = (xml.text(request, "Quiet") or "").strip().lower() == "true"
    results: list[tuple[str, Any]] = []
    for key, error in service.delete_objects(call.bucket, keys):
        if error is None:
            if not quiet:
                results.append(("Deleted", [("Key", key)]))
        else:
            results.append(
                ("Error", [("Key", key), ("Code", error.s3_code), ("Message", error.message)])
            )
    return xml_reply("DeleteResult", results)
