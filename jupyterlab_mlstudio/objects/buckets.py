"""Buckets inside the object store: what the S3 face serves and what ``s3://`` URIs name when
the server has no S3 of its own.

A bucket is a folder (a prefix) below one root of any object store, so the face works over the
``file://`` default and over an ``s3://`` backend alike::

    <root>/<bucket>/<key>             the object's bytes, written atomically by the backing store
    <root>/.buckets/<bucket>          the bucket's record (owner, creation time)
    <root>/.meta/<bucket>/<key>%m     what S3 keeps beside the bytes (ETag, content type, metadata)
    <root>/.uploads/<id>/...          multipart uploads in progress

Bucket names never start with a dot, so the three private folders cannot clash with a bucket.
On a file system an S3 key is stored as a path, with the few names a file system cannot hold
escaped (see :func:`encode_key`). The sidecar record is only trusted while its size and time
match the object's, so a file changed behind the store's back gets a fresh, honest ETag.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from typing import BinaryIO, cast
from urllib.parse import unquote

from ..core.clock import now_ms
from ..core.errors import InvalidInput, NotFound
from .base import ObjectInfo, ObjectStore, parse_uri
from .local import LocalObjectStore, is_partial, sorted_files

BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_IP_ADDRESS = re.compile(r"^\d+\.\d+\.\d+\.\d+$")
MAX_KEY_BYTES = 1024
MAX_NAME_BYTES = 255
_META_SUFFIX = "%m"  # never ends an escaped name, whose '%' is always '%25'
DEFAULT_CONTENT_TYPE = "binary/octet-stream"


class NoSuchBucket(NotFound):
    """The bucket does not exist."""


class NoSuchKey(NotFound):
    """The bucket holds no object under the key."""


class InvalidBucketName(InvalidInput):
    """A bucket name S3 would refuse."""


class KeyTooLong(InvalidInput):
    """A key longer than S3 allows, or with a name longer than the file system allows."""


def check_bucket_name(name: str) -> None:
    """Refuse a name S3 refuses: 3 to 63 of ``a-z 0-9 . -``, no IP address, no ``..``."""
    if not BUCKET_NAME.match(name) or ".." in name or _IP_ADDRESS.match(name):
        raise InvalidBucketName(
            f"{name!r} is not a valid bucket name: 3 to 63 lowercase letters, digits, '.' and "
            "'-', starting and ending with a letter or digit"
        )


def check_key(key: str) -> None:
    if not key:
        raise InvalidInput("An object key cannot be empty")
    if len(key.encode("utf-8")) > MAX_KEY_BYTES:
        raise KeyTooLong(f"An object key is at most {MAX_KEY_BYTES} bytes")


def encode_key(key: str) -> str:
    """The relative path that holds ``key`` on a file system.

    Names are kept as they are, except what a file system cannot hold or what this store uses
    itself: ``%`` becomes ``%25``; an empty name (``a//b``, the folder marker ``dir/``) becomes
    ``%``; ``.`` and ``..`` become ``%2E`` and ``%2E%2E``; a leading dot of a name that looks
    like a file being written (``.x.part``) becomes ``%2E``.
    """
    names = []
    for segment in key.split("/"):
        name = segment.replace("%", "%25")
        if name == "":
            name = "%"
        elif name in (".", ".."):
            name = name.replace(".", "%2E")
        elif is_partial(name):
            name = "%2E" + name[1:]
        if len(name.encode("utf-8")) > MAX_NAME_BYTES:
            raise KeyTooLong(
                f"{segment[:40]}...: a name between slashes is at most {MAX_NAME_BYTES} bytes "
                "in a file-backed store"
            )
        names.append(name)
    return "/".join(names)


def decode_name(name: str) -> str:
    """The key segment a stored name holds (inverse of :func:`encode_key`, name by name)."""
    return "" if name == "%" else unquote(name)


@dataclass(frozen=True)
class Bucket:
    """A bucket's record."""

    name: str
    owner: str
    created_ms: int


@dataclass
class ObjectMeta:
    """What S3 tells about an object beside its bytes."""

    size: int
    last_modified_ms: int
    etag: str  # quoted, as S3 sends it
    content_type: str = DEFAULT_CONTENT_TYPE
    #: Content-Encoding, Content-Disposition, Content-Language, Cache-Control, Expires
    headers: dict[str, str] = field(default_factory=dict)
    #: x-amz-meta-* without the prefix
    metadata: dict[str, str] = field(default_factory=dict)
    #: {"algorithm": "CRC32", "value": base64} of the whole object, when the writer sent one
    checksum: dict[str, str] | None = None
    #: how many parts a multipart upload had
    parts: int | None = None


@dataclass
class ObjectAttributes:
    """What a writer says about a new object."""

    content_type: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    metadata: Mapping[str, str] = field(default_factory=dict)


class Md5Reader:
    """Counts and hashes the bytes a store pulls through it (the ETag of a simple object)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.digest = hashlib.md5(usedforsecurity=False)
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _fallback_etag(info: ObjectInfo) -> str:
    # An object written behind the store's back: no MD5 is known, and reading the whole object
    # on every HEAD would be too dear. The "-1" marks it as not an MD5, as multipart ETags are.
    digest = hashlib.md5(f"{info.size}:{info.last_modified_ms}".encode(), usedforsecurity=False)
    return f'"{digest.hexdigest()}-1"'


class BucketStore(ObjectStore):
    """S3 buckets and objects kept below ``root`` of ``backing``; also the store for
    ``s3://bucket/key`` URIs when they name these buckets."""

    scheme = "s3"

    def __init__(self, backing: ObjectStore, root: str) -> None:
        self.backing = backing
        self.root = root.rstrip("/")
        self._files = isinstance(backing, LocalObjectStore)
        self._stored: Callable[[str], str] = encode_key if self._files else str

    # --- where things are ------------------------------------------------------------------

    def object_uri(self, bucket: str, key: str) -> str:
        """The backing store's URI of an object's bytes."""
        check_key(key)
        return f"{self.root}/{bucket}/{self._stored(key)}"

    def _meta_uri(self, bucket: str, key: str) -> str:
        return f"{self.root}/.meta/{bucket}/{self._stored(key)}{_META_SUFFIX}"

    def _bucket_uri(self, bucket: str) -> str:
        return f"{self.root}/.buckets/{bucket}"

    def internal_uri(self, *names: str) -> str:
        """A URI in the store's private area (``.uploads/...``) for multipart uploads."""
        return "/".join([self.root, *names])

    # --- buckets ---------------------------------------------------------------------------

    def bucket(self, name: str) -> Bucket | None:
        """The bucket's record, or ``None``."""
        if not BUCKET_NAME.match(name):
            return None
        try:
            record = json.loads(self.backing.get_bytes(self._bucket_uri(name)))
            return Bucket(
                name=name, owner=str(record["owner"]), created_ms=int(record["created_ms"])
            )
        except NotFound:
            return None
        except (ValueError, KeyError, TypeError):
            return Bucket(name=name, owner="", created_ms=0)  # a damaged record still exists

    def require_bucket(self, name: str) -> Bucket:
        bucket = self.bucket(name)
        if bucket is None:
            raise NoSuchBucket(f"The bucket {name!r} does not exist")
        return bucket

    def create_bucket(self, name: str, owner: str) -> Bucket:
        check_bucket_name(name)
        bucket = Bucket(name=name, owner=owner, created_ms=now_ms())
        record = {"owner": owner, "created_ms": bucket.created_ms}
        self.backing.put_bytes(self._bucket_uri(name), json.dumps(record).encode())
        return bucket

    def buckets(self) -> list[Bucket]:
        """Every bucket, by name."""
        found = []
        for info in self.backing.list(self.internal_uri(".buckets", "")):
            bucket = self.bucket(info.uri.rsplit("/", 1)[-1])
            if bucket is not None:
                found.append(bucket)
        return sorted(found, key=lambda bucket: bucket.name)

    def delete_bucket(self, name: str) -> None:
        self.backing.delete(self._bucket_uri(name))
        if isinstance(self.backing, LocalObjectStore):
            for folder in (f"{self.root}/{name}", f"{self.root}/.meta/{name}"):
                path = self.backing.path_for(folder)
                if path.is_dir() and not any(path.iterdir()):
                    path.rmdir()

    # --- objects ---------------------------------------------------------------------------

    def entries(
        self, bucket: str, prefix: str = "", start_after: str | None = None
    ) -> Iterator[tuple[str, ObjectInfo]]:
        """(key, info) of the bucket's objects whose keys start with ``prefix``, in key order,
        lazily; with ``start_after`` only later keys."""
        if not self._files:
            base = f"{self.root}/{bucket}/"
            after_uri = base + start_after if start_after is not None else None
            for info in self.backing.list(base + prefix, after_uri):
                yield info.uri[len(base) :], info
            return
        folder_key, slash, name_prefix = prefix.rpartition("/")
        folder_key += slash
        folder = f"{self.root}/{bucket}"
        if folder_key:
            folder += "/" + encode_key(folder_key[:-1])
        path = cast(LocalObjectStore, self.backing).path_for(folder)
        after: str | None = None
        if start_after is not None:
            if start_after.startswith(folder_key):
                after = start_after[len(folder_key) :]
            elif start_after > folder_key:
                return
        for relative, file in sorted_files(
            path, after, name_prefix=name_prefix, decode=decode_name
        ):
            try:
                stat = file.stat()
            except FileNotFoundError:
                continue
            yield (
                folder_key + relative,
                ObjectInfo(
                    uri=f"file://{file}",
                    size=stat.st_size,
                    last_modified_ms=int(stat.st_mtime * 1000),
                ),
            )

    def meta_for(self, bucket: str, key: str, info: ObjectInfo) -> ObjectMeta:
        """The object's S3 description, from its sidecar record when that is current."""
        meta: ObjectMeta | None = None
        try:
            meta = ObjectMeta(**json.loads(self.backing.get_bytes(self._meta_uri(bucket, key))))
        except (NotFound, ValueError, TypeError):
            meta = None
        if meta is None or meta.size != info.size or meta.last_modified_ms != info.last_modified_ms:
            meta = ObjectMeta(
                size=info.size,
                last_modified_ms=info.last_modified_ms,
                etag=info.etag or _fallback_etag(info),
            )
        if info.etag:
            meta.etag = info.etag
        return meta

    def stat(self, bucket: str, key: str) -> ObjectMeta:
        self.require_bucket(bucket)
        try:
            info = self.backing.head(self.object_uri(bucket, key))
        except NotFound as error:
            raise NoSuchKey(f"The key {key!r} does not exist in {bucket!r}") from error
        return self.meta_for(bucket, key, info)

    def read(
        self, bucket: str, key: str, first: int, last: int
    ) -> AbstractContextManager[BinaryIO]:
        """Bytes ``first`` to ``last`` (inclusive) of an object."""
        try:
            return self.backing.open_range(self.object_uri(bucket, key), first, last)
        except NotFound as error:
            raise NoSuchKey(f"The key {key!r} does not exist in {bucket!r}") from error

    def put(
        self,
        bucket: str,
        key: str,
        stream: BinaryIO,
        attributes: ObjectAttributes,
        checksum: Callable[[], dict[str, str] | None] | None = None,
    ) -> ObjectMeta:
        """Store everything ``stream`` yields as the object; it appears whole or not at all.

        ``checksum`` is asked once the stream is used up (a checksum may come in a trailer).
        """
        self.require_bucket(bucket)
        uri = self.object_uri(bucket, key)
        reader = Md5Reader(stream)
        self.backing.write(uri, cast(BinaryIO, reader))
        return self.describe(
            bucket,
            key,
            attributes,
            etag=f'"{reader.digest.hexdigest()}"',
            checksum=checksum() if checksum else None,
        )

    def describe(
        self,
        bucket: str,
        key: str,
        attributes: ObjectAttributes,
        *,
        etag: str,
        checksum: dict[str, str] | None = None,
        parts: int | None = None,
    ) -> ObjectMeta:
        """Record what S3 keeps beside an object's bytes that were just written."""
        info = self.backing.head(self.object_uri(bucket, key))
        meta = ObjectMeta(
            size=info.size,
            last_modified_ms=info.last_modified_ms,
            etag=etag,
            content_type=attributes.content_type or DEFAULT_CONTENT_TYPE,
            headers=dict(attributes.headers),
            metadata=dict(attributes.metadata),
            checksum=checksum,
            parts=parts,
        )
        self.backing.put_bytes(self._meta_uri(bucket, key), json.dumps(asdict(meta)).encode())
        if info.etag:
            meta.etag = info.etag
        return meta

    def copy_object(
        self,
        source: tuple[str, str],
        target: tuple[str, str],
        attributes: ObjectAttributes | None,
    ) -> ObjectMeta:
        """Copy an object; ``attributes`` replace the source's, ``None`` keeps them."""
        original = self.stat(*source)
        self.require_bucket(target[0])
        if source != target:  # a copy onto itself only changes what is said about the bytes
            self.backing.copy(self.object_uri(*source), self.object_uri(*target))
        kept = attributes or ObjectAttributes(
            content_type=original.content_type,
            headers=original.headers,
            metadata=original.metadata,
        )
        return self.describe(
            *target, kept, etag=original.etag, checksum=original.checksum, parts=original.parts
        )

    def remove(self, bucket: str, key: str) -> None:
        """Delete an object (deleting a missing one is not an error)."""
        uri = self.object_uri(bucket, key)
        self.backing.delete(uri)
        meta = self._meta_uri(bucket, key)
        self.backing.delete(meta)
        if isinstance(self.backing, LocalObjectStore):
            self.backing.remove_empty_folders(uri, f"{self.root}/{bucket}")
            self.backing.remove_empty_folders(meta, f"{self.root}/.meta/{bucket}")

    def remove_internal(self, *names: str) -> None:
        """Delete everything below a folder of the private area."""
        prefix = self.internal_uri(*names, "")
        for info in list(self.backing.list(prefix)):
            self.backing.delete(info.uri)
            if isinstance(self.backing, LocalObjectStore):
                self.backing.remove_empty_folders(info.uri, self.internal_uri(names[0]))

    # --- the ObjectStore interface, for s3:// URIs -----------------------------------------

    def _split(self, uri: str) -> tuple[str, str]:
        parsed = parse_uri(uri)
        if parsed.scheme != "s3":
            raise InvalidInput(f"{uri}: not an s3:// URI")
        return parsed.bucket, parsed.key

    def open_read(self, uri: str) -> AbstractContextManager[BinaryIO]:
        bucket, key = self._split(uri)
        self.require_bucket(bucket)
        try:
            return self.backing.open_read(self.object_uri(bucket, key))
        except NotFound as error:
            raise NoSuchKey(f"No object at {uri}") from error

    def open_range(self, uri: str, first: int, last: int) -> AbstractContextManager[BinaryIO]:
        bucket, key = self._split(uri)
        self.require_bucket(bucket)
        return self.read(bucket, key, first, last)

    def write(self, uri: str, stream: BinaryIO) -> int:
        bucket, key = self._split(uri)
        return self.put(bucket, key, stream, ObjectAttributes()).size

    def head(self, uri: str) -> ObjectInfo:
        bucket, key = self._split(uri)
        meta = self.stat(bucket, key)
        return ObjectInfo(
            uri=uri, size=meta.size, last_modified_ms=meta.last_modified_ms, etag=meta.etag
        )

    def list(self, prefix: str, start_after: str | None = None) -> Iterator[ObjectInfo]:
        bucket, key_prefix = self._split(prefix)
        self.require_bucket(bucket)
        after = None
        if start_after is not None:
            after_bucket, after = self._split(start_after)
            if after_bucket != bucket:
                raise InvalidInput(f"{start_after}: not in the bucket of {prefix}")
        for key, info in self.entries(bucket, key_prefix, after):
            yield ObjectInfo(
                uri=f"s3://{bucket}/{key}",
                size=info.size,
                last_modified_ms=info.last_modified_ms,
                etag=info.etag,
            )

    def delete(self, uri: str) -> None:
        bucket, key = self._split(uri)
        self.require_bucket(bucket)
        self.remove(bucket, key)

    def copy(self, source: str, target: str) -> int:
        return self.copy_object(self._split(source), self._split(target), None).size
