"""What every object store does, whatever is behind its URIs."""

from __future__ import annotations

import io
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from typing import BinaryIO, cast

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
    #: The backend's own entity tag where it keeps one (S3); ``None`` for plain files.
    etag: str | None = None


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
    def list(self, prefix: str, start_after: str | None = None) -> Iterator[ObjectInfo]:
        """Every object whose URI starts with ``prefix``, in key order, lazily; with
        ``start_after`` (a URI) only those that sort after it."""

    @abstractmethod
    def delete(self, uri: str) -> None:
        """Remove one object; removing a missing object is not an error."""

    def open_range(self, uri: str, first: int, last: int) -> AbstractContextManager[BinaryIO]:
        """A readable stream of bytes ``first`` to ``last`` (inclusive) of the object.

        Stores that can seek or ask for a range override this; the fallback reads and drops the
        bytes before ``first``.
        """
        return _range_of(self.open_read(uri), first, last)

    def copy(self, source: str, target: str) -> int:
        """Store a copy of the object at ``source`` under ``target`` (same store)."""
        with self.open_read(source) as stream:
            return self.write(target, stream)

    def compose(self, target: str, sources: Sequence[str]) -> int:
        """Store the concatenation of ``sources`` (in order) under ``target``, streamed."""
        concatenation = _Concatenation(self, sources)
        try:
            return self.write(target, cast(BinaryIO, concatenation))
        finally:
            concatenation.close()

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


class LimitedReader:
    """At most ``remaining`` bytes of ``stream``."""

    def __init__(self, stream: BinaryIO, remaining: int) -> None:
        self._stream = stream
        self.remaining = remaining

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes, fewer only at the end (as readers of files expect)."""
        wanted = self.remaining if size is None or size < 0 else min(size, self.remaining)
        parts = []
        while wanted > 0:
            data = self._stream.read(wanted)
            if not data:
                break
            parts.append(data)
            wanted -= len(data)
            self.remaining -= len(data)
        return b"".join(parts)


@contextmanager
def _range_of(
    opened: AbstractContextManager[BinaryIO], first: int, last: int
) -> Iterator[BinaryIO]:
    with opened as stream:
        skip = first
        while skip > 0:
            dropped = stream.read(min(skip, CHUNK))
            if not dropped:
                break
            skip -= len(dropped)
        yield cast(BinaryIO, LimitedReader(stream, last - first + 1))


class _Concatenation:
    """One stream over several objects, each opened only when the previous one is used up."""

    def __init__(self, store: ObjectStore, uris: Sequence[str]) -> None:
        self._store = store
        self._pending = list(reversed(uris))
        self._stack = ExitStack()
        self._current: BinaryIO | None = None

    def read(self, size: int = -1) -> bytes:
        """``size`` bytes (one chunk when ``size`` is negative), fewer only at the very end:
        uploaders such as boto3's take a short read for the end of the stream."""
        wanted = CHUNK if size is None or size < 0 else size
        parts = []
        while wanted > 0:
            if self._current is None:
                if not self._pending:
                    break
                self._stack.close()
                self._current = self._stack.enter_context(
                    self._store.open_read(self._pending.pop())
                )
            data = self._current.read(wanted)
            if not data:
                self._current = None
                continue
            parts.append(data)
            wanted -= len(data)
        return b"".join(parts)

    def close(self) -> None:
        self._current = None
        self._stack.close()
