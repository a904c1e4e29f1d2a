"""S3's object operations: get (ranges, conditions), head, put, delete, copy."""

from __future__ import annotations

from . import xml
from .calls import (
    Reply,
    S3Call,
    attributes_of,
    checksum_headers,
    conditions_of,
    copy_source,
    object_headers,
    xml_reply,
)
from .errors import S3Error, not_implemented
from .service import Conditions, S3Service

#: Query overrides of GetObject's response headers.
RESPONSE_OVERRIDES = {
    "response-content-type": "Content-Type",
    "response-content-language": "Content-Language",
    "response-expires": "Expires",
    "response-cache-control": "Cache-Control",
    "response-content-disposition": "Content-Disposition",
    "response-content-encoding": "Content-Encoding",
}


def get_object(service: S3Service, call: S3Call, *, with_body: bool = True) -> Reply:
    if "partNumber" in call.query:
        raise not_implemented("GetObject by partNumber")
    found = service.get_object(
        call.bucket, call.key, call.headers.get("range"), conditions_of(call.headers)
    )
    meta = found.meta
    headers = object_headers(meta)
    headers["Content-Length"] = str(found.last - found.first + 1)
    if found.partial:
        headers["Content-Range"] = f"bytes {found.first}-{found.last}/{meta.size}"
    elif call.headers.get("x-amz-checksum-mode", "").upper() == "ENABLED":
        headers.update(checksum_headers(meta.checksum))
    if with_body:
        for name, header in RESPONSE_OVERRIDES.items():
            if name in call.query:
                headers[header] = call.query[name]
    return Reply(
        status=206 if found.partial else 200,
        headers=headers,
        object_range=found if with_body else None,
    )


def head_object(service: S3Service, call: S3Call) -> Reply:
    return get_object(service, call, with_body=False)


def put_object(service: S3Service, call: S3Call) -> Reply:
    assert call.body is not None
    attributes = attributes_of(call.headers)
    if call.headers.get("if-none-match", "").strip() == "*":
        try:
            service.head_object(call.bucket, call.key, Conditions())
        except S3Error as error:
            if error.s3_code != "NoSuchKey":
                raise
        else:
            raise S3Error(
                "PreconditionFailed",
                "At least one of the pre-conditions you specified did not hold",
                412,
                Condition="If-None-Match",
            )
    meta = service.put_object(call.bucket, call.key, call.body, attributes)
    return Reply(headers={"ETag": meta.etag, **checksum_headers(meta.checksum)})


def delete_object(service: S3Service, call: S3Call) -> Reply:
    service.delete_object(call.bucket, call.key)
    return Reply(status=204)


def copy_object(service: S3Service, call: S3Call) -> Reply:
    if "x-amz-copy-source-range" in call.headers:
        raise S3Error("InvalidArgument", "x-amz-copy-source-range is for UploadPartCopy only")
    directive = call.headers.get("x-amz-metadata-directive", "COPY").upper()
    if directive not in ("COPY", "REPLACE"):
        raise S3Error("InvalidArgument", "Unknown metadata directive.")
    replace = attributes_of(call.headers) if directive == "REPLACE" else None
    meta = service.copy_object(
        copy_source(call.headers),
        (call.bucket, call.key),
        replace,
        conditions_of(call.headers, "x-amz-copy-source-"),
    )
    return xml_reply(
        "CopyObjectResult",
        [("LastModified", xml.iso_time(meta.last_modified_ms)), ("ETag", meta.etag)],
    )
