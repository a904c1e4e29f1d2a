"""Run artifacts behind one root: ``mlflow-artifacts:/<path>`` names ``<root>/<path>`` in the
object store, the layout MLflow's artifact proxy uses (``<experiment>/<run>/artifacts/...``)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import quote

from ..core.errors import InvalidInput
from ..objects import ObjectStores
from ..objects.router import join_uri

SCHEME = "mlflow-artifacts:"


@dataclass(frozen=True)
class ArtifactEntry:
    """One entry of a folder listing: a file with its size, or a folder."""

    path: str
    is_dir: bool
    file_size: int | None = None


#: The longest name of one file or folder (what file systems allow), and of a whole path (what
#: S3 allows for a key, less room for the run's prefix), in UTF-8 bytes.
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 900


def safe_path(path: str, field: str = "path") -> str:
    """A relative artifact path; ``..``, absolute paths, URIs, NUL and over-long names are
    refused."""
    cleaned = (path or "").replace("\\", "/")
    if "\x00" in cleaned:
        raise InvalidInput(f"{field}: an artifact path may not contain NUL", field=field)
    if "://" in cleaned or cleaned.startswith("/") or ":" in cleaned.split("/", 1)[0]:
        raise InvalidInput(f"{field}: an artifact path must be relative, not {path!r}", field=field)
    parts = [part for part in cleaned.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise InvalidInput(
            f"{field}: an artifact path may not leave its run ({path!r})", field=field
        )
    try:
        sizes = [len(part.encode("utf-8")) for part in parts]
    except UnicodeEncodeError as error:
        raise InvalidInput(
            f"{field}: an artifact path must be valid Unicode", field=field
        ) from error
    if any(size > MAX_NAME_BYTES for size in sizes):
        raise InvalidInput(
            f"{field}: a file or folder name is at most {MAX_NAME_BYTES} bytes (UTF-8)", field=field
        )
    if sum(sizes) + len(sizes) > MAX_PATH_BYTES:
        raise InvalidInput(
            f"{field}: an artifact path is at most {MAX_PATH_BYTES} bytes (UTF-8)", field=field
        )
    return "/".join(parts)


def content_disposition(name: str) -> str:
    """An ``attachment`` header for a download named ``name``, whatever its characters: an
    ASCII ``filename`` for old clients and the exact name as RFC 6266's ``filename*``."""
    fallback = "".join(char if " " <= char < "\x7f" and char not in '"\\' else "_" for char in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def proxied(uri: str) -> str | None:
    """The path behind an ``mlflow-artifacts:`` URI (``None`` for any other URI)."""
    if not uri.startswith(SCHEME):
        return None
    rest = uri[len(SCHEME) :]
    if rest.startswith("//"):  # mlflow-artifacts://host:port/path
        rest = "/" + rest[2:].split("/", 1)[1] if "/" in rest[2:] else "/"
    return safe_path(rest.lstrip("/"))


class ArtifactStore:
    """Reads, writes and lists artifacts by their path under the root."""

    def __init__(self, objects: ObjectStores, root: str | None = None) -> None:
        self.objects = objects
        self.root = (root or join_uri(objects.default_root, "artifacts")).rstrip("/")

    def uri(self, path: str) -> str:
        return join_uri(self.root, safe_path(path))

    def open_read(self, path: str) -> AbstractContextManager[BinaryIO]:
        return self.objects.open_read(self.uri(path))

    def write(self, path: str, stream: BinaryIO) -> int:
        if not safe_path(path):
            raise InvalidInput("path: name a file, not the artifact root", field="path")
        return self.objects.write(self.uri(path), stream)

    def delete(self, path: str) -> None:
        prefix = self.uri(path)
        for info in list(self.objects.list(prefix.rstrip("/") + "/")):
            self.objects.delete(info.uri)
        self.objects.delete(prefix)

    def list(self, path: str = "") -> list[ArtifactEntry]:
        """The files and folders directly inside ``path`` (names relative to it), sorted."""
        folder = safe_path(path)
        prefix = (self.uri(folder) if folder else self.root) + "/"
        files: dict[str, int] = {}
        folders: set[str] = set()
        for info in self.objects.list(prefix):
            relative = info.uri[len(prefix) :]
            head, sep, _ = relative.partition("/")
            if sep:
                folders.add(head)
            elif relative:
                files[relative] = info.size
        entries = [ArtifactEntry(posixpath.join(folder, name), True) for name in sorted(folders)]
        entries += [
            ArtifactEntry(posixpath.join(folder, name), False, size)
            for name, size in sorted(files.items())
        ]
        return entries

    def walk(self, path: str = "") -> Iterator[ArtifactEntry]:
        """Every file below ``path``."""
        for entry in self.list(path):
            if entry.is_dir:
                yield from self.walk(entry.path)
            else:
                yield entry
