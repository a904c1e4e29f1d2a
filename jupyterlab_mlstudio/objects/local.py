"""``file://`` objects: plain files below a set of allowed roots."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import BinaryIO, cast

from ..core.errors import Conflict, Forbidden, NotFound
from .base import CHUNK, LimitedReader, ObjectInfo, ObjectStore, parse_uri


def is_partial(name: str) -> bool:
    """A file being written (``.<name>.<random>.part``): never listed as an object."""
    return name.startswith(".") and name.endswith(".part")


def sorted_files(
    folder: Path,
    start_after: str | None = None,
    *,
    name_prefix: str = "",
    decode: Callable[[str], str] = str,
) -> Iterator[tuple[str, Path]]:
    """Files below ``folder`` as (key, path) in key order, read lazily folder by folder.

    A key is the file's path below ``folder`` with each name passed through ``decode``; keys
    compare as S3 compares them, so a folder ``a`` sorts as ``a/`` (after ``a-b``, before
    ``a0``). With ``start_after`` only later keys come, and folders whose keys all sort before
    it are not read at all, which makes paging through a large tree cheap. ``name_prefix``
    filters the (decoded) names directly inside ``folder``.
    """
    yield from _visit(folder, "", start_after, name_prefix, decode)


def _visit(
    folder: Path, key_prefix: str, after: str | None, name_prefix: str, decode: Callable[[str], str]
) -> Iterator[tuple[str, Path]]:
    entries: list[tuple[str, Path, bool]] = []
    try:
        with os.scandir(folder) as listing:
            for entry in listing:
                if is_partial(entry.name):
                    continue
                name = decode(entry.name)
                if not name.startswith(name_prefix):
                    continue
                try:
                    if entry.is_dir():
                        if not entry.is_symlink():  # as os.walk: linked folders are not entered
                            entries.append((f"{key_prefix}{name}/", Path(entry.path), True))
                    elif entry.is_file():
                        entries.append((f"{key_prefix}{name}", Path(entry.path), False))
                except OSError:
                    continue  # vanished while we looked
    except (FileNotFoundError, NotADirectoryError):
        return
    entries.sort(key=lambda item: item[0])
    for key, path, is_folder in entries:
        if is_folder:
            if after is not None and key < after and not after.startswith(key):
                continue  # every key inside sorts before ``after``
            yield from _visit(path, key, after, "", decode)
        elif after is None or key > after:
            yield key, path


class LocalObjectStore(ObjectStore):
    """Objects as files on local disk. Paths outside ``allowed_roots`` are refused."""

    scheme = "file"

    def __init__(self, allowed_roots: list[str]) -> None:
        self.allowed_roots = [Path(root).resolve() for root in allowed_roots]

    def path_for(self, uri: str) -> Path:
        """The local path behind ``uri``, checked against the allowed roots."""
        path = Path(os.path.normpath(parse_uri(uri).key))
        resolved = path.resolve()
        if not any(resolved == root or root in resolved.parents for root in self.allowed_roots):
            roots = ", ".join(str(root) for root in self.allowed_roots)
            raise Forbidden(f"{uri}: outside the folders this server may use ({roots})")
        return path

    def open_read(self, uri: str) -> AbstractContextManager[BinaryIO]:
        path = self.path_for(uri)
        if not path.is_file():
            raise NotFound(f"No object at {uri}")
        return cast(AbstractContextManager[BinaryIO], open(path, "rb"))

    def open_range(self, uri: str, first: int, last: int) -> AbstractContextManager[BinaryIO]:
        return self._range(self.path_for(uri), uri, first, last)

    @staticmethod
    @contextmanager
    def _range(path: Path, uri: str, first: int, last: int) -> Iterator[BinaryIO]:
        if not path.is_file():
            raise NotFound(f"No object at {uri}")
        with open(path, "rb") as stream:
            stream.seek(first)
            yield cast(BinaryIO, LimitedReader(cast(BinaryIO, stream), last - first + 1))

    def write(self, uri: str, stream: BinaryIO) -> int:
        path = self.path_for(uri)
        with self._replacing(path, uri) as target:
            written = 0
            while chunk := stream.read(CHUNK):
                target.write(chunk)
                written += len(chunk)
        return written

    @contextmanager
    def _replacing(self, path: Path, uri: str) -> Iterator[BinaryIO]:
        """A new file beside ``path`` that replaces it only when the block ends without error,
        so readers never see half an object."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError) as error:
            raise Conflict(f"{uri}: a folder on its path is an object") from error
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as target:
                yield cast(BinaryIO, target)
            os.replace(temporary, path)
        except IsADirectoryError as error:
            Path(temporary).unlink(missing_ok=True)
            raise Conflict(f"{uri}: a folder of objects has this name") from error
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def upload_file(self, path: str, uri: str) -> int:
        target = self.path_for(uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        return target.stat().st_size

    def copy(self, source: str, target: str) -> int:
        return self.compose(target, [source])

    def compose(self, target: str, sources: Sequence[str]) -> int:
        paths = [self.path_for(source) for source in sources]
        for source, path in zip(sources, paths, strict=True):
            if not path.is_file():
                raise NotFound(f"No object at {source}")
        with self._replacing(self.path_for(target), target) as output:
            for path in paths:
                _append(output, path)
            output.flush()
            return os.fstat(output.fileno()).st_size

    def head(self, uri: str) -> ObjectInfo:
        path = self.path_for(uri)
        if not path.is_file():
            raise NotFound(f"No object at {uri}")
        return self._info(path)

    def list(self, prefix: str, start_after: str | None = None) -> Iterator[ObjectInfo]:
        # S3 semantics: "a/" lists folder a; "a" also matches a.txt and ab/c.
        base = self.path_for(prefix)
        if parse_uri(prefix).key.endswith("/"):
            folder, name_prefix = base, ""
        else:
            folder, name_prefix = base.parent, base.name
        after = None
        if start_after is not None:
            after_key = parse_uri(start_after).key
            root = f"{str(folder).rstrip('/')}/"
            after = after_key[len(root) :] if after_key.startswith(root) else None
            if after is None and after_key >= root:
                return  # everything in the folder sorts before ``start_after``
        for _, path in sorted_files(folder, after, name_prefix=name_prefix):
            try:
                yield self._info(path)
            except FileNotFoundError:
                continue  # deleted since the folder was read

    def delete(self, uri: str) -> None:
        self.path_for(uri).unlink(missing_ok=True)

    def remove_empty_folders(self, uri: str, keep: str) -> None:
        """Remove the folders of ``uri`` that are now empty, up to (not including) ``keep``."""
        stop = self.path_for(keep)
        folder = self.path_for(uri).parent
        while folder != stop and stop in folder.parents:
            try:
                folder.rmdir()
            except OSError:
                return  # not empty (or gone): the folders above are not empty either
            folder = folder.parent

    @staticmethod
    def _info(path: Path) -> ObjectInfo:
        stat = path.stat()
        return ObjectInfo(
            uri=f"file://{path}", size=stat.st_size, last_modified_ms=int(stat.st_mtime * 1000)
        )


def _append(output: BinaryIO, path: Path) -> None:
    """Append a file to ``output``, in the kernel where it can (no copy through Python)."""
    with open(path, "rb") as source:
        output.flush()
        size = os.fstat(source.fileno()).st_size
        offset = 0
        try:
            while offset < size:
                sent = os.copy_file_range(source.fileno(), output.fileno(), size - offset)
                if sent == 0:
                    break
                offset += sent
            return
        except OSError as error:
            if error.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
                raise
        source.seek(offset)
        output.seek(0, os.SEEK_END)
        shutil.copyfileobj(source, output, CHUNK)
