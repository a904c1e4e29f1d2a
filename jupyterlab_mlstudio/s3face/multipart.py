"""Multipart uploads: parts kept in the bucket store's private area until the upload is
completed (the parts are joined, in order, into the object, which appears whole) or aborted.

    .uploads/<id>/upload.json        bucket, key, owner, attributes of the object to be
    .uploads/<id>/<00001>            a part's bytes, written atomically
    .uploads/<id>/<00001>.json       its ETag, size and checksum
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import BinaryIO, cast

from ..core.clock import now_ms
from ..core.errors import NotFound
from ..objects.buckets import BucketStore, Md5Reader, ObjectAttributes, ObjectMeta, check_key
from .errors import S3Error

MIN_PART_SIZE = 5 * 1024 * 1024
MAX_PART_NUMBER = 10_000
_UPLOAD_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass
class Upload:
    """A multipart upload in progress."""

    upload_id: str
    bucket: str
    key: str
    owner: str
    initiated_ms: int
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)
    checksum_algorithm: str | None = None

    def attributes(self) -> ObjectAttributes:
        return ObjectAttributes(
            content_type=self.content_type, headers=self.headers, metadata=self.metadata
        )


@dataclass
class Part:
    """One uploaded part."""

    number: int
    etag: str
    size: int
    last_modified_ms: int
    checksum: dict[str, str] | None = None


@dataclass(frozen=True)
class RequestedPart:
    """A part as CompleteMultipartUpload names it."""

    number: int
    etag: str
    checksums: dict[str, str]


def _bare(etag: str) -> str:
    return etag.strip().strip('"')


def part_number(value: str | None) -> int:
    try:
        number = int(value or "")
    except ValueError:
        number = 0
    if not 1 <= number <= MAX_PART_NUMBER:
        raise S3Error(
            "InvalidArgument",
            f"Part number must be an integer between 1 and {MAX_PART_NUMBER}, inclusive",
            ArgumentName="partNumber",
            ArgumentValue=str(value),
        )
    return number


class Multipart:
    """Multipart uploads over a :class:`BucketStore`."""

    def __init__(self, store: BucketStore) -> None:
        self.store = store

    def _uri(self, upload_id: str, name: str) -> str:
        return self.store.internal_uri(".uploads", upload_id, name)

    def create(
        self,
        bucket: str,
        key: str,
        owner: str,
        attributes: ObjectAttributes,
        checksum_algorithm: str | None,
    ) -> Upload:
        self.store.require_bucket(bucket)
        check_key(key)
        self.store.object_uri(bucket, key)  # refuse now a key the store cannot hold
        upload = Upload(
            upload_id=uuid.uuid4().hex,
            bucket=bucket,
            key=key,
            owner=owner,
            initiated_ms=now_ms(),
            content_type=attributes.content_type,
            headers=dict(attributes.headers),
            metadata=dict(attributes.metadata),
            checksum_algorithm=checksum_algorithm,
        )
        self._save(self._uri(upload.upload_id, "upload.json"), asdict(upload))
        return upload

    def upload(self, bucket: str, key: str, upload_id: str) -> Upload:
        """The upload, which must be for this bucket and key."""
        self.store.require_bucket(bucket)
        found = self._load_upload(upload_id) if _UPLOAD_ID.match(upload_id) else None
        if found is None or found.bucket != bucket or found.key != key:
            raise S3Error(
                "NoSuchUpload",
                "The specified upload does not exist. The upload ID may be invalid, or the "
                "upload may have been aborted or completed.",
                404,
                UploadId=upload_id,
            )
        return found

    def _load_upload(self, upload_id: str) -> Upload | None:
        try:
            return Upload(
                **json.loads(self.store.backing.get_bytes(self._uri(upload_id, "upload.json")))
            )
        except (NotFound, ValueError, TypeError):
            return None

    def _save(self, uri: str, record: dict[str, object]) -> None:
        self.store.backing.put_bytes(uri, json.dumps(record).encode())

    def put_part(
        self,
        upload: Upload,
        number: int,
        stream: BinaryIO,
        checksum: Callable[[], dict[str, str] | None] | None = None,
    ) -> Part:
        """Store a part (replacing an earlier one with the same number)."""
        name = f"{number:05d}"
        reader = Md5Reader(stream)
        self.store.backing.write(self._uri(upload.upload_id, name), cast(BinaryIO, reader))
        info = self.store.backing.head(self._uri(upload.upload_id, name))
        part = Part(
            number=number,
            etag=f'"{reader.digest.hexdigest()}"',
            size=info.size,
            last_modified_ms=info.last_modified_ms,
            checksum=checksum() if checksum else None,
        )
        self._save(self._uri(upload.upload_id, f"{name}.json"), asdict(part))
        return part

    def parts(self, upload: Upload) -> list[Part]:
        """The uploaded parts, by number."""
        found = []
        prefix = self._uri(upload.upload_id, "")
        for info in self.store.backing.list(prefix):
            name = info.uri[len(prefix) :]
            if not re.fullmatch(r"\d{5}\.json", name):
                continue
            try:
                found.append(Part(**json.loads(self.store.backing.get_bytes(info.uri))))
            except (NotFound, ValueError, TypeError):
                continue  # a part being replaced right now
        return sorted(found, key=lambda part: part.number)

    def complete(self, upload: Upload, requested: list[RequestedPart]) -> ObjectMeta:
        """Join the named parts into the object; the upload is then gone."""
        if not requested:
            raise S3Error("MalformedXML", "You must specify at least one part")
        numbers = [part.number for part in requested]
        if numbers != sorted(numbers) or len(set(numbers)) != len(numbers):
            raise S3Error(
                "InvalidPartOrder",
                "The list of parts was not in ascending order. The parts list must be "
                "specified in order by part number.",
            )
        stored = {part.number: part for part in self.parts(upload)}
        chosen = []
        for index, wanted in enumerate(requested):
            part = stored.get(wanted.number)
            if part is None or _bare(part.etag) != _bare(wanted.etag):
                raise S3Error(
                    "InvalidPart",
                    "One or more of the specified parts could not be found. The part may not "
                    "have been uploaded, or the specified entity tag may not match the part's "
                    "entity tag.",
                    PartNumber=str(wanted.number),
                    ETag=wanted.etag,
                )
            sent = part.checksum or {}
            for algorithm, value in wanted.checksums.items():
                if sent.get("algorithm") == algorithm and sent.get("value") != value:
                    raise S3Error(
                        "InvalidPart",
                        f"The {algorithm} checksum of part {wanted.number} does not match the "
                        "one sent when the part was uploaded.",
                    )
            if index < len(requested) - 1 and part.size < MIN_PART_SIZE:
                raise S3Error(
                    "EntityTooSmall",
                    "Your proposed upload is smaller than the minimum allowed object size.",
                    ProposedSize=str(part.size),
                    MinSizeAllowed=str(MIN_PART_SIZE),
                    PartNumber=str(part.number),
                    ETag=part.etag,
                )
            chosen.append(part)
        target = self.store.object_uri(upload.bucket, upload.key)
        self.store.require_bucket(upload.bucket)
        self.store.backing.compose(
            target, [self._uri(upload.upload_id, f"{part.number:05d}") for part in chosen]
        )
        digests = b"".join(bytes.fromhex(_bare(part.etag)) for part in chosen)
        etag = f'"{hashlib.md5(digests, usedforsecurity=False).hexdigest()}-{len(chosen)}"'
        meta = self.store.describe(
            upload.bucket, upload.key, upload.attributes(), etag=etag, parts=len(chosen)
        )
        self.store.remove_internal(".uploads", upload.upload_id)
        return meta

    def abort(self, upload: Upload) -> None:
        self.store.remove_internal(".uploads", upload.upload_id)

    def uploads(self, bucket: str, prefix: str = "") -> list[Upload]:
        """The bucket's uploads in progress, by key, then by start."""
        found = []
        root = self.store.internal_uri(".uploads", "")
        for info in self.store.backing.list(root):
            if not info.uri.endswith("/upload.json"):
                continue
            upload = self._load_upload(info.uri[len(root) :].split("/", 1)[0])
            if upload is not None and upload.bucket == bucket and upload.key.startswith(prefix):
                found.append(upload)
        return sorted(found, key=lambda upload: (upload.key, upload.initiated_ms))
