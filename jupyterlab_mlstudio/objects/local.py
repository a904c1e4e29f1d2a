"""``file://`` objects: plain files below a set of allowed roots."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import BinaryIO, cast

from ..core.errors import Forbidden, NotFound
from .base import CHUNK, ObjectInfo, ObjectStore, parse_uri


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

    def write(self, uri: str, stream: BinaryIO) -> int:
        path = self.path_for(uri)
        path.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        # Write beside the target and rename, so readers never see half an object.
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as target:
                while chunk := stream.read(CHUNK):
                    target.write(chunk)
                    written += len(chunk)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return written

    def upload_file(self, path: str, uri: str) -> int:
        target = self.path_for(uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        return target.stat().st_size

    def head(self, uri: str) -> ObjectInfo:
        path = self.path_for(uri)
        if not path.is_file():
            raise NotFound(f"No object at {uri}")
        return self._info(path)

    def list(self, prefix: str) -> Iterator[ObjectInfo]:
        # S3 semantics: "a/" lists folder a; "a" also matches a.txt and ab/c.
        base = self.path_for(prefix)
        if parse_uri(prefix).key.endswith("/"):
            folder, name_prefix = base, ""
        else:
            folder, name_prefix = base.parent, base.name
        if not folder.is_dir():
            return
        paths = []
        for root, dirs, files in os.walk(folder):
            if name_prefix and Path(root) == folder:
                dirs[:] = [name for name in dirs if name.startswith(name_prefix)]
                files = [name for name in files if name.startswith(name_prefix)]
            paths += [
                f"{root}/{name}"
                for name in files
                if not (name.startswith(".") and name.endswith(".part"))
            ]
        for path in sorted(paths):  # key order, as S3 lists
            yield self._info(Path(path))

    def delete(self, uri: str) -> None:
        self.path_for(uri).unlink(missing_ok=True)

    @staticmethod
    def _info(path: Path) -> ObjectInfo:
        stat = path.stat()
        return ObjectInfo(
            uri=f"file://{path}", size=stat.st_size, last_modified_ms=int(stat.st_mtime * 1000)
        )
