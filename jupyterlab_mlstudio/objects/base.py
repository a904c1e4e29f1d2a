"""What every object store does, whatever is behind its URIs."""

from __future__ import annotations

import io
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import BinaryIO

from ..core.errors import InvalidInput

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ParsedUri:
    """``scheme://bucket/key`` split into its parts (``bucket`` is empty for file://)."""

    scheme: str
    bucket: str
    key: str


def parse_uri(uri: str) -> ParsedUri:
    """Split an object URI; anything but ``file:///abs/path`` or ``s3://bucket/key`` is refused.

    URIs are taken literally (no percent-decoding), as S3 keys and SageMaker's URIs are.
    """
    scheme, separator, rest = uri.partition("://")
    scheme = scheme.lower()
    if not separator:
        raise InvalidInput(f"{uri!r}: not a URI; use file:///path or s3://bucket/key")
    if scheme == "file":
        if rest.startswith("localhost/"):
            rest = rest[len("localhost") :]
        if not rest.startswith("/"):
            raise InvalidInput(f"{uri!r}: a file URI needs an absolute path, file:///path/to/x")
        return ParsedUri("file", "", rest)
    if scheme == "s3":
        bucket, _, key = rest.partition("/")
        if not bucket:
            raise InvalidInput(f"{uri!r}: an S3 URI needs a bucket, s3://bucket/key")
        return ParsedUri("s3", bucket, key)
    raise InvalidInput(f"{uri!r}: unsupported URI scheme; use file:// or s3://")


@dataclass(frozen=True)
class ObjectInfo:
    """One stored object."""

    uri: str
    size: int
    last_modified_ms: int


class ObjectStore(ABC):
    """Reads and writes objects by URI. Implementations stream; none reads a whole object."""

    scheme: str

    @abstractmethod
    def open_read(self, uri: str) -> AbstractContextManager[BinaryIO]:
        """A readable stream of the object's bytes (``NotFound`` if there is none)."""

    @abstractmethod
    def write(self, uri: str, stream: BinaryIO) -> int:
        """Store everything ``stream`` yields under ``uri``; return the bytes written."""

    @abstractmethod
    def head(self, uri: str) -> ObjectInfo:
        """Size and modification time of one object (``NotFound`` if there is none)."""

    @abstractmethod
    def list(self, prefix: str) -> Iterator[ObjectInfo]:
        """Every object whose URI starts with ``prefix``, in key order."""

    @abstractmethod
    def delete(self, uri: str) -> None:
        """Remove one object; removing a missing object is not an error."""

    def upload_file(self, path: str, uri: str) -> int:
        """Store a local file under ``uri``."""
        with open(path, "rb") as source:
            return self.write(uri, source)

    def download_file(self, uri: str, path: str) -> int:
        """Copy an object into a local file, chunk by chunk."""
        written = 0
        with self.open_read(uri) as source, open(path, "wb") as target:
            while chunk := source.read(CHUNK):
                target.write(chunk)
                written += len(chunk)
        return written

    def put_bytes(self, uri: str, data: bytes) -> int:
        """Store a small in-memory value."""
        return self.write(uri, io.BytesIO(data))

    def get_bytes(self, uri: str) -> bytes:
        """Read a small object whole (for configuration-sized values only)."""
        with self.open_read(uri) as source:
            return source.read()
