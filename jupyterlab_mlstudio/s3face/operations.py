"""Which S3 operation a request names (from its method, path, query and headers), and what it
needs: the access to authorize and how its body is read. No Tornado here: the handler feeds
requests in and writes replies out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from . import bucket_operations as buckets
from . import object_operations as objects
from . import upload_operations as uploads
from .calls import Reply, S3Call
from .errors import S3Error, not_implemented
from .service import S3Service

#: Sub-resources S3 has and this server does not (ACLs, policies, tags, versions, ...).
UNSUPPORTED = (
    "accelerate",
    "acl",
    "analytics",
    "attributes",
    "cors",
    "encryption",
    "intelligent-tiering",
    "inventory",
    "legal-hold",
    "lifecycle",
    "logging",
    "metrics",
    "notification",
    "object-lock",
    "ownershipControls",
    "policy",
    "policyStatus",
    "publicAccessBlock",
    "replication",
    "requestPayment",
    "restore",
    "retention",
    "select",
    "tagging",
    "torrent",
    "versionId",
    "versions",
    "website",
)


@dataclass
@dataclass(frozen=True)
class Operation:
    """An S3 operation: its name, the access it needs, how its body is read, what it does."""

    name: str
    access: str  # "read" or "write"
    body: str  # "none", "xml" or "stream"
    run: Callable[[S3Service, S3Call], Reply]


def _op(name: str, access: str, body: str, run: Callable[[S3Service, S3Call], Reply]) -> Operation:
    return Operation(name, access, body, run)


def resolve(
    method: str, bucket: str, key: str, query: Mapping[str, str], headers: Mapping[str, str]
) -> Operation:
    """The operation an S3 request names, or an S3 error (405, 501)."""
    unsupported = next((name for name in UNSUPPORTED if name in query), None)
    copy = "x-amz-copy-source" in headers
    if not bucket:
        if method == "GET":
            return _op("ListBuckets", "read", "none", buckets.list_buckets)
    elif not key:
        if unsupported is not None:
            raise not_implemented(f"The bucket sub-resource {unsupported!r}")
        if method == "GET":
            if "location" in query:
                return _op("GetBucketLocation", "read", "none", buckets.get_bucket_location)
            if "versioning" in query:
                return _op("GetBucketVersioning", "read", "none", buckets.get_bucket_versioning)
            if "uploads" in query:
                return _op("ListMultipartUploads", "read", "none", uploads.list_multipart_uploads)
            if query.get("list-type") == "2":
                return _op("ListObjectsV2", "read", "none", buckets.list_objects_v2)
            return _op("ListObjects", "read", "none", buckets.list_objects)
        if method == "HEAD":
            return _op("HeadBucket", "read", "none", buckets.head_bucket)
        if method == "PUT" and not query:
            return _op("CreateBucket", "write", "xml", buckets.create_bucket)
        if method == "DELETE" and not query:
            return _op("DeleteBucket", "write", "none", buckets.delete_bucket)
        if method == "POST" and "delete" in query:
            return _op("DeleteObjects", "write", "xml", buckets.delete_objects)
        if method in ("PUT", "POST", "DELETE"):
            raise not_implemented(f"{method} on a bucket with ?{'&'.join(query)}")
    else:
        if unsupported is not None:
            raise not_implemented(f"The object sub-resource {unsupported!r}")
        if method == "GET":
            if "uploadId" in query:
                return _op("ListParts", "read", "none", uploads.list_parts)
            return _op("GetObject", "read", "none", objects.get_object)
        if method == "HEAD":
            return _op("HeadObject", "read", "none", objects.head_object)
        if method == "PUT":
            if "uploadId" in query or "partNumber" in query:
                if copy:
                    return _op("UploadPartCopy", "write", "none", uploads.upload_part_copy)
                return _op("UploadPart", "write", "stream", uploads.upload_part)
            if copy:
                return _op("CopyObject", "write", "none", objects.copy_object)
            return _op("PutObject", "write", "stream", objects.put_object)
        if method == "DELETE":
            if "uploadId" in query:
                return _op("AbortMultipartUpload", "write", "none", uploads.abort_multipart_upload)
            return _op("DeleteObject", "write", "none", objects.delete_object)
        if method == "POST":
            if "uploads" in query:
                return _op(
                    "CreateMultipartUpload", "write", "none", uploads.create_multipart_upload
                )
            if "uploadId" in query:
                return _op(
                    "CompleteMultipartUpload", "write", "xml", uploads.complete_multipart_upload
                )
            raise not_implemented("POST on an object (browser form uploads, restore, select)")
    raise S3Error(
        "MethodNotAllowed",
        "The specified method is not allowed against this resource.",
        405,
        Method=method,
        ResourceType="SERVICE" if not bucket else "BUCKET" if not key else "OBJECT",
    )
