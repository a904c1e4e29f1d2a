"""S3's multipart upload operations."""

from __future__ import annotations

from urllib.parse import quote

from . import xml
from .calls import (
    Reply,
    S3Call,
    attributes_of,
    checksum_headers,
    conditions_of,
    copy_source,
    owner_of,
    xml_body,
    xml_reply,
)
from .listing import max_keys
from .multipart import RequestedPart, part_number
from .service import S3Service


def create_multipart_upload(service: S3Service, call: S3Call) -> Reply:
    algorithm = call.headers.get("x-amz-checksum-algorithm")
    upload = service.multipart.create(
        call.bucket,
        call.key,
        call.owner,
        attributes_of(call.headers),
        algorithm.upper() if algorithm else None,
    )
    reply = xml_reply(
        "InitiateMultipartUploadResult",
        [("Bucket", call.bucket), ("Key", call.key), ("UploadId", upload.upload_id)],
    )
    if algorithm:
        reply.headers["x-amz-checksum-algorithm"] = algorithm.upper()
    return reply


def upload_part(service: S3Service, call: S3Call) -> Reply:
    assert call.body is not None
    number = part_number(call.query.get("partNumber"))
    upload = service.multipart.upload(call.bucket, call.key, call.query.get("uploadId", ""))
    part = service.upload_part(upload, number, call.body)
    return Reply(headers={"ETag": part.etag, **checksum_headers(part.checksum)})


def upload_part_copy(service: S3Service, call: S3Call) -> Reply:
    number = part_number(call.query.get("partNumber"))
    upload = service.multipart.upload(call.bucket, call.key, call.query.get("uploadId", ""))
    part, _ = service.copy_part(
        upload,
        number,
        copy_source(call.headers),
        call.headers.get("x-amz-copy-source-range"),
        conditions_of(call.headers, "x-amz-copy-source-"),
    )
    return xml_reply(
        "CopyPartResult",
        [("LastModified", xml.iso_time(part.last_modified_ms)), ("ETag", part.etag)],
    )


def complete_multipart_upload(service: S3Service, call: S3Call) -> Reply:
    upload = service.multipart.upload(call.bucket, call.key, call.query.get("uploadId", ""))
    request = xml.parse(xml_body(call), "CompleteMultipartUpload")
    parts = []
    for item in xml.children(request, "Part"):
        checksums = {
            name[len("Checksum") :].upper(): xml.text(item, name) or ""
            for name in (
                "ChecksumCRC32",
                "ChecksumCRC32C",
                "ChecksumCRC64NVME",
                "ChecksumSHA1",
                "ChecksumSHA256",
            )
            if xml.text(item, name) is not None
        }
        parts.append(
            RequestedPart(
                number=part_number(xml.text(item, "PartNumber")),
                etag=xml.text(item, "ETag") or "",
                checksums=checksums,
            )
        )
    meta = service.multipart.complete(upload, parts)
    return xml_reply(
        "CompleteMultipartUploadResult",
        [
            ("Location", f"/{quote(call.bucket)}/{quote(call.key)}"),
            ("Bucket", call.bucket),
            ("Key", call.key),
            ("ETag", meta.etag),
        ],
    )


def abort_multipart_upload(service: S3Service, call: S3Call) -> Reply:
    upload = service.multipart.upload(call.bucket, call.key, call.query.get("uploadId", ""))
    service.multipart.abort(upload)
    return Reply(status=204)


def list_parts(service: S3Service, call: S3Call) -> Reply:
    upload = service.multipart.upload(call.bucket, call.key, call.query.get("uploadId", ""))
    limit = max_keys(call.query.get("max-parts"))
    marker = int(call.query.get("part-number-marker") or 0)
    parts = [part for part in service.multipart.parts(upload) if part.number > marker]
    page, truncated = parts[:limit], len(parts) > limit
    items: xml.Content = [
        (
            "Part",
            [
                ("PartNumber", part.number),
                ("LastModified", xml.iso_time(part.last_modified_ms)),
                ("ETag", part.etag),
                ("Size", part.size),
                *(
                    [(f"Checksum{part.checksum['algorithm']}", part.checksum["value"])]
                    if part.checksum
                    else []
                ),
            ],
        )
        for part in page
    ]
    return xml_reply(
        "ListPartsResult",
        [
            ("Bucket", call.bucket),
            ("Key", call.key),
            ("UploadId", upload.upload_id),
            ("Initiator", owner_of(upload.owner)),
            ("Owner", owner_of(upload.owner)),
            ("StorageClass", "STANDARD"),
            ("PartNumberMarker", marker),
            ("NextPartNumberMarker", page[-1].number if truncated and page else None),
            ("MaxParts", limit),
            ("IsTruncated", truncated),
            ("ChecksumAlgorithm", upload.checksum_algorithm),
            *items,
        ],
    )


def list_multipart_uploads(service: S3Service, call: S3Call) -> Reply:
    service.head_bucket(call.bucket)
    limit = max_keys(call.query.get("max-uploads"))
    key_marker = call.query.get("key-marker", "")
    id_marker = call.query.get("upload-id-marker", "")
    uploads = [
        upload
        for upload in service.multipart.uploads(call.bucket, call.query.get("prefix", ""))
        if (upload.key, upload.upload_id) > (key_marker, id_marker)
    ]
    page, truncated = uploads[:limit], len(uploads) > limit
    return xml_reply(
        "ListMultipartUploadsResult",
        [
            ("Bucket", call.bucket),
            ("KeyMarker", key_marker),
            ("UploadIdMarker", id_marker),
            ("NextKeyMarker", page[-1].key if truncated else None),
            ("NextUploadIdMarker", page[-1].upload_id if truncated else None),
            ("Prefix", call.query.get("prefix")),
            ("MaxUploads", limit),
            ("IsTruncated", truncated),
            *[
                (
                    "Upload",
                    [
                        ("Key", upload.key),
                        ("UploadId", upload.upload_id),
                        ("Initiator", owner_of(upload.owner)),
                        ("Owner", owner_of(upload.owner)),
                        ("StorageClass", "STANDARD"),
                        ("Initiated", xml.iso_time(upload.initiated_ms)),
                    ],
                )
                for upload in page
            ],
        ],
    )
