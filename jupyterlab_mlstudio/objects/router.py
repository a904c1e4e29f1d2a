"""All object stores behind one door: the URI's scheme picks the store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import BinaryIO

from ..core.errors import Forbidden, InvalidInput
from .base import ObjectInfo, ObjectStore, parse_uri


def join_uri(root: str, *parts: str) -> str:
    """``root`` with ``parts`` appended as path segments."""
    tail = "/".join(part.strip("/") for part in parts if part)
    return f"{root.rstrip('/')}/{tail}" if tail else root


class ObjectStores:
    """Routes each call to the store for the URI's scheme; ``default_root`` holds our own data."""

    def __init__(self, stores: list[ObjectStore], default_root: str) -> None:
        self._stores = {store.scheme: store for store in stores}
        self.default_root = default_root.rstrip("/")
        self.store_for(self.default_root)

    @property
    def schemes(self) -> list[str]:
        return sorted(self._stores)

    def store_for(self, uri: str) -> ObjectStore:
        scheme = parse_uri(uri).scheme
        store = self._stores.get(scheme)
        if store is None:
            raise InvalidInput(f"{uri}: no object store for {scheme}:// is configured")
        return store

    def check(self, uri: str, field: str) -> None:
        """Refuse, as invalid input naming ``field``, a URI this server could not use."""
        try:
            store = self.store_for(uri)
            path_for = getattr(store, "path_for", None)
            if path_for is not None:
                path_for(uri)
        except (InvalidInput, Forbidden) as error:
            raise InvalidInput(f"{field}: {error.message}", field=field) from error

    def open_read(self, uri: str) -> AbstractContextManager[BinaryIO]:
        return self.store_for(uri).open_read(uri)

    def write(self, uri: str, stream: BinaryIO) -> int:
        return self.store_for(uri).write(uri, stream)

    def put_bytes(self, uri: str, data: bytes) -> int:
        return self.store_for(uri).put_bytes(uri, data)

    def get_bytes(self, uri: str) -> bytes:
        return self.store_for(uri).get_bytes(uri)

    def upload_file(self, path: str, uri: str) -> int:
        return self.store_for(uri).upload_file(path, uri)

    def download_file(self, uri: str, path: str) -> int:
        return self.store_for(uri).download_file(uri, path)

    def head(self, uri: str) -> ObjectInfo:
        return self.store_for(uri).head(uri)

    def open_range(self, uri: str, first: int, last: int) -> AbstractContextManager[BinaryIO]:
        return self.store_for(uri).open_range(uri, first, last)

    def list(self, prefix: str, start_after: str | None = None) -> Iterator[ObjectInfo]:
        return self.store_for(prefix).list(prefix, start_after)

    def delete(self, uri: str) -> None:
        self.store_for(uri).delete(uri)

    def upload_dir(self, folder: str | Path, prefix: str) -> int:
        """Upload every file below ``folder`` to ``prefix``/relative path; return the count."""
        count = 0
        folder = Path(folder)
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                path = Path(root) / name
                self.upload_file(str(path), join_uri(prefix, path.relative_to(folder).as_posix()))
                count += 1
        return count

    def download_prefix(self, prefix: str, folder: str | Path) -> int:
        """Download every object under ``prefix`` into ``folder``, keeping relative paths."""
        count = 0
        folder = Path(folder)
        base = prefix.rstrip("/")
        for info in self.list(prefix):
            relative = info.uri[len(base) :].lstrip("/") or info.uri.rsplit("/", 1)[-1]
            target = (folder / relative).resolve()
            if folder.resolve() not in target.parents:
                raise InvalidInput(f"{info.uri}: object key would leave {folder}")
            target.parent.mkdir(parents=True, exist_ok=True)
            self.download_file(info.uri, str(target))
            count += 1
        return count
