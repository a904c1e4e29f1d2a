"""The S3 face's logic over the bucket store: plain Python, no Tornado.

Buckets, objects, conditional requests, ranges, copies and batch deletes; listing and multipart
uploads live beside it (``listing.py``, ``multipart.py``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import BinaryIO, cast

from ..core.errors import MLStudioError
from ..objects.buckets import Bucket, BucketStore, ObjectAttributes, ObjectMeta, check_key
from .errors import S3Error, as_s3_error
from .listing import Listing, list_page
from .multipart import Multipart, Part, Upload
from .payload import PayloadReader

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@dataclass(frozen=True)
class Conditions:
    """``If-*`` request headers (or ``x-amz-copy-source-if-*`` for a copy's source)."""

    if_match: str | None = None
    if_none_match: str | None = None
    if_modified_since: str | None = None
    if_unmodified_since: str | None = None


@dataclass(frozen=True)
class ObjectRange:
    """The bytes of an object a GET answers with."""

    meta: ObjectMeta
    first: int
    last: int
    partial: bool


def _etags(header: str) -> list[str]:
    return [tag.strip().removeprefix("W/").strip('"') for tag in header.split(",")]


def _seconds(header: str) -> float | None:
    try:
        return parsedate_to_datetime(header).timestamp()
    except (TypeError, ValueError, IndexError):
        return None  # an unreadable date is ignored, as HTTP says


def check_conditions(meta: ObjectMeta, conditions: Conditions, *, source: bool = False) -> None:
    """Raise 412 PreconditionFailed, or 304 NotModified (``source=False`` only), when a
    condition fails; the order of the checks is HTTP's (RFC 9110, section 13.2.2)."""
    etag = meta.etag.strip('"')
    modified = meta.last_modified_ms // 1000
    failed = S3Error(
        "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412
    )
    if conditions.if_match is not None:
        if not {"*", etag} & set(_etags(conditions.if_match)):
            raise failed
    elif conditions.if_unmodified_since is not None:
        since = _seconds(conditions.if_unmodified_since)
        if since is not None and modified > since:
            raise failed
    unchanged = S3Error("NotModified", "Not Modified", 304) if not source else failed
    if conditions.if_none_match is not None:
        if {"*", etag} & set(_etags(conditions.if_none_match)):
            raise unchanged
    elif conditions.if_modified_since is not None:
        since = _seconds(conditions.if_modified_since)
        if since is not None and modified <= since:
            raise unchanged


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """``(first, last)`` of a ``Range: bytes=...`` header, ``None`` for the whole object.

    As S3: a header that is not a single byte range is ignored; a range that starts past the
    end is refused with 416 InvalidRange.
    """
    match = _RANGE.match(header.strip()) if header else None
    if match is None or not (match[1] or match[2]):
        return None
    unsatisfiable = S3Error(
        "InvalidRange",
        "The requested range is not satisfiable",
        416,
        RangeRequested=str(header),
        ActualObjectSize=str(size),
    )
    if match[1]:
        first = int(match[1])
        last = int(match[2]) if match[2] else size - 1
        if last < first:
            return None
        if first >= size:
            raise unsatisfiable
        return first, min(last, size - 1)
    suffix = int(match[2])
    if suffix == 0 or size == 0:
        raise unsatisfiable
    return max(0, size - suffix), size - 1


class S3Service:
    """S3's bucket and object operations over a :class:`BucketStore`."""

    def __init__(self, store: BucketStore, region: str) -> None:
        self.store = store
        self.region = region
        self.multipart = Multipart(store)

    # --- buckets ---------------------------------------------------------------------------

    def create_bucket(self, name: str, owner: str) -> Bucket:
        existing = self.store.bucket(name)
        if existing is not None:
            if existing.owner == owner:
                raise S3Error(
                    "BucketAlreadyOwnedByYou",
                    "Your previous request to create the named bucket succeeded and you "
                    "already own it.",
                    409,
                    BucketName=name,
                )
            raise S3Error(
                "BucketAlreadyExists",
                "The requested bucket name is not available. Please select a different name "
                "and try again.",
                409,
                BucketName=name,
            )
        return self.store.create_bucket(name, owner)

    def head_bucket(self, name: str) -> Bucket:
        return self.store.require_bucket(name)

    def list_buckets(self) -> list[Bucket]:
        return self.store.buckets()

    def delete_bucket(self, name: str) -> None:
        self.store.require_bucket(name)
        if next(self.store.entries(name), None) is not None:
            raise S3Error(
                "BucketNotEmpty",
                "The bucket you tried to delete is not empty",
                409,
                BucketName=name,
            )
        for upload in self.multipart.uploads(name):
            self.multipart.abort(upload)
        self.store.delete_bucket(name)

    # --- objects ---------------------------------------------------------------------------

    def head_object(self, bucket: str, key: str, conditions: Conditions) -> ObjectMeta:
        meta = self.store.stat(bucket, key)
        check_conditions(meta, conditions)
        return meta

    def get_object(
        self, bucket: str, key: str, range_header: str | None, conditions: Conditions
    ) -> ObjectRange:
        meta = self.head_object(bucket, key, conditions)
        wanted = byte_range(range_header, meta.size)
        if wanted is None:
            return ObjectRange(meta, 0, meta.size - 1, partial=False)
        return ObjectRange(meta, wanted[0], wanted[1], partial=True)

    def open_range(
        self, bucket: str, key: str, first: int, last: int
    ) -> AbstractContextManager[BinaryIO]:
        return self.store.read(bucket, key, first, last)

    def put_object(
        self, bucket: str, key: str, body: PayloadReader, attributes: ObjectAttributes
    ) -> ObjectMeta:
        return self.store.put(bucket, key, cast(BinaryIO, body), attributes, checksum=body.checksum)

    def delete_object(self, bucket: str, key: str) -> None:
        self.store.require_bucket(bucket)
        self.store.remove(bucket, key)

    def delete_objects(self, bucket: str, keys: list[str]) -> Iterator[tuple[str, S3Error | None]]:
        """Delete each key; (key, None) when done, (key, error) when not."""
        self.store.require_bucket(bucket)
        for key in keys:
            try:
                check_key(key)
                self.store.remove(bucket, key)
            except MLStudioError as error:
                yield key, as_s3_error(error)
                continue
            yield key, None

    def copy_object(
        self,
        source: tuple[str, str],
        target: tuple[str, str],
        replace: ObjectAttributes | None,
        conditions: Conditions,
    ) -> ObjectMeta:
        """Copy ``source`` (bucket, key) to ``target``; ``replace`` gives new attributes
        (``x-amz-metadata-directive: REPLACE``), ``None`` keeps the source's."""
        meta = self.store.stat(*source)
        check_conditions(meta, conditions, source=True)
        if source == target and replace is None:
            raise S3Error(
                "InvalidRequest",
                "This copy request is illegal because it is trying to copy an object to itself "
                "without changing the object's metadata, storage class, website redirect "
                "location or encryption attributes.",
            )
        return self.store.copy_object(source, target, replace)

    def list_objects(
        self, bucket: str, prefix: str, delimiter: str, start_after: str | None, limit: int
    ) -> Listing:
        self.store.require_bucket(bucket)
        return list_page(
            self.store,
            bucket,
            prefix=prefix,
            delimiter=delimiter,
            start_after=start_after,
            limit=limit,
        )

    # --- multipart -------------------------------------------------------------------------

    def upload_part(self, upload: Upload, number: int, body: PayloadReader) -> Part:
        return self.multipart.put_part(upload, number, cast(BinaryIO, body), body.checksum)

    def copy_part(
        self,
        upload: Upload,
        number: int,
        source: tuple[str, str],
        source_range: str | None,
        conditions: Conditions,
    ) -> tuple[Part, ObjectMeta]:
        """UploadPartCopy: a part made of (a range of) an existing object."""
        meta = self.store.stat(*source)
        check_conditions(meta, conditions, source=True)
        first, last = 0, meta.size - 1
        if source_range is not None:
            match = _RANGE.match(source_range.strip())
            if match is None or not match[1] or not match[2]:
                raise S3Error(
                    "InvalidArgument",
                    "The x-amz-copy-source-range value must be of the form bytes=first-last "
                    "where first and last are the zero-based offsets of the first and last "
                    "bytes to copy",
                    ArgumentName="x-amz-copy-source-range",
                    ArgumentValue=source_range,
                )
            first, last = int(match[1]), int(match[2])
            if last < first or last >= meta.size:
                raise S3Error(
                    "InvalidRange",
                    f"Range specified is not valid for source object of size: {meta.size}",
                    416,
                )
        if last < first:
            return self.multipart.put_part(upload, number, cast(BinaryIO, io.BytesIO())), meta
        with self.store.read(*source, first, last) as stream:
            return self.multipart.put_part(upload, number, stream), meta
