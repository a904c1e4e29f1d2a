"""One S3 request, parsed, and its reply; what several operations read from headers."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote

from ..objects.buckets import ObjectAttributes, ObjectMeta
from . import xml
from .errors import S3Error
from .payload import PayloadReader
from .service import Conditions, ObjectRange

MAX_XML_BODY = 4 * 1024 * 1024
MAX_METADATA_BYTES = 2048
#: Headers S3 stores with an object and sends back with it.
STORED_HEADERS = (
    "content-encoding",
    "content-disposition",
    "content-language",
    "cache-control",
    "expires",
)


@dataclass
class S3Call:
    """One request, parsed: the bucket and key (decoded), the query and lower-case headers."""

    method: str
    bucket: str
    key: str
    query: Mapping[str, str]
    headers: Mapping[str, str]
    owner: str
    body: PayloadReader | None = None


@dataclass
class Reply:
    """What to answer: status, headers, an XML body or the bytes of an object."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    object_range: ObjectRange | None = None


def xml_reply(root: str, content: xml.Content, status: int = 200) -> Reply:
    return Reply(
        status=status, headers={"Content-Type": xml.CONTENT_TYPE}, body=xml.document(root, content)
    )


def owner_of(name: str) -> xml.Content:
    return [("ID", hashlib.sha256(name.encode()).hexdigest()), ("DisplayName", name)]


def xml_body(call: S3Call) -> bytes:
    return call.body.read_all(MAX_XML_BODY) if call.body is not None else b""


def attributes_of(headers: Mapping[str, str]) -> ObjectAttributes:
    metadata = {
        name[len("x-amz-meta-") :]: value
        for name, value in headers.items()
        if name.startswith("x-amz-meta-")
    }
    if sum(len(name) + len(value) for name, value in metadata.items()) > MAX_METADATA_BYTES:
        raise S3Error(
            "MetadataTooLarge",
            "Your metadata headers exceed the maximum allowed metadata size "
            f"({MAX_METADATA_BYTES} bytes)",
        )
    stored = {name: headers[name] for name in STORED_HEADERS if headers.get(name)}
    if "content-encoding" in stored:  # aws-chunked describes the upload, not the object
        kept = [part.strip() for part in stored["content-encoding"].split(",")]
        kept = [part for part in kept if part and part != "aws-chunked"]
        if kept:
            stored["content-encoding"] = ",".join(kept)
        else:
            del stored["content-encoding"]
    return ObjectAttributes(
        content_type=headers.get("content-type"), headers=stored, metadata=metadata
    )


def conditions_of(headers: Mapping[str, str], prefix: str = "") -> Conditions:
    return Conditions(
        if_match=headers.get(f"{prefix}if-match"),
        if_none_match=headers.get(f"{prefix}if-none-match"),
        if_modified_since=headers.get(f"{prefix}if-modified-since"),
        if_unmodified_since=headers.get(f"{prefix}if-unmodified-since"),
    )


def copy_source(headers: Mapping[str, str]) -> tuple[str, str]:
    raw = headers.get("x-amz-copy-source", "")
    path, _, query = raw.partition("?")
    bucket, _, key = unquote(path).lstrip("/").partition("/")
    if not bucket or not key:
        raise S3Error(
            "InvalidArgument",
            "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
            ArgumentName="x-amz-copy-source",
            ArgumentValue=raw,
        )
    if query and not query.startswith("versionId=null"):
        raise S3Error("InvalidArgument", "This server keeps no object versions: drop versionId")
    return bucket, key


def object_headers(meta: ObjectMeta) -> dict[str, str]:
    headers = {
        "ETag": meta.etag,
        "Last-Modified": xml.http_time(meta.last_modified_ms),
        "Content-Type": meta.content_type,
        "Accept-Ranges": "bytes",
    }
    headers.update({name.title(): value for name, value in meta.headers.items()})
    headers.update({f"x-amz-meta-{name}": value for name, value in meta.metadata.items()})
    return headers


def checksum_headers(checksum: dict[str, str] | None) -> dict[str, str]:
    if not checksum:
        return {}
    return {
        f"x-amz-checksum-{checksum['algorithm'].lower()}": checksum["value"],
        "x-amz-checksum-type": "FULL_OBJECT",
    }
