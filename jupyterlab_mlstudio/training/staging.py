"""Moving data in and out of a job: channels, code and checkpoints in; model and output out."""

from __future__ import annotations

import json
import os
import tarfile
import tempfile
from pathlib import Path

from ..core.archives import extract_tar
from ..core.errors import InvalidInput
from ..objects import ObjectStores
from ..objects.base import parse_uri
from ..objects.router import join_uri
from .models import Channel


def _place(objects: ObjectStores, uri: str, relative: str, folder: Path) -> None:
    target = (folder / relative).resolve()
    if folder.resolve() != target and folder.resolve() not in target.parents:
        raise InvalidInput(f"{uri}: the object's key would leave the channel folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    objects.download_file(uri, str(target))


def stage_channel(
    objects: ObjectStores, channel: Channel, folder: Path, host_index: int, host_count: int
) -> int:
    """Download a channel into ``folder`` (File mode); return the number of files."""
    source = channel.data_source.s3_data_source
    if source.s3_data_type == "ManifestFile":
        entries = read_manifest(objects, source.s3_uri)
    else:
        base = source.s3_uri
        entries = []
        for info in objects.list(base):
            relative = info.uri[len(base) :].lstrip("/") or info.uri.rsplit("/", 1)[-1]
            entries.append((info.uri, relative))
    if source.s3_data_distribution_type == "ShardedByS3Key":
        entries = entries[host_index::host_count]
    for uri, relative in entries:
        _place(objects, uri, relative, folder)
    return len(entries)


def read_manifest(objects: ObjectStores, uri: str) -> list[tuple[str, str]]:
    """``[{"prefix": "s3://b/p/"}, "key1", "key2", ...]`` as (object URI, relative path)."""
    try:
        items = json.loads(objects.get_bytes(uri))
        prefix = items[0]["prefix"]
        keys = [str(key) for key in items[1:]]
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise InvalidInput(f"{uri} is not a manifest file: {error}") from error
    parse_uri(prefix)
    return [(join_uri(prefix, key), key) for key in keys]


def stage_code(objects: ObjectStores, uri: str, folder: Path) -> None:
    """Script mode's code: a .tar.gz (as the SageMaker SDK uploads it) or a folder prefix."""
    folder.mkdir(parents=True, exist_ok=True)
    if not uri.endswith((".tar.gz", ".tgz")):
        for info in objects.list(uri.rstrip("/") + "/"):
            _place(objects, info.uri, info.uri[len(uri.rstrip("/")) :].lstrip("/"), folder)
        return
    with tempfile.NamedTemporaryFile(suffix=".tar.gz") as archive:
        objects.download_file(uri, archive.name)
        extract_tar(archive.name, folder)


def restore_results(objects: ObjectStores, uri: str, folder: Path) -> int:
    """What a unit on another machine wrote (model/, output/, checkpoints/, as one archive),
    unpacked into its host folder here; the archive is deleted once unpacked."""
    with tempfile.NamedTemporaryFile(suffix=".tar.gz") as archive:
        objects.download_file(uri, archive.name)
        count = extract_tar(archive.name, folder)
    objects.delete(uri)
    return count


def restore_checkpoints(objects: ObjectStores, uri: str, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    return objects.download_prefix(uri.rstrip("/") + "/", folder)


class CheckpointSync:
    """Uploads files of a checkpoint folder that are new or changed since the last sync."""

    def __init__(self, objects: ObjectStores, uri: str) -> None:
        self.objects = objects
        self.uri = uri.rstrip("/")
        self._seen: dict[str, tuple[int, int]] = {}

    def sync(self, folder: Path) -> int:
        uploaded = 0
        if not folder.is_dir():
            return 0
        for root, _dirs, files in os.walk(folder):
            for name in files:
                path = Path(root) / name
                try:
                    stat = path.stat()
                except FileNotFoundError:
                    continue  # removed while we looked
                relative = path.relative_to(folder).as_posix()
                signature = (stat.st_size, stat.st_mtime_ns)
                if self._seen.get(relative) == signature:
                    continue
                self.objects.upload_file(str(path), join_uri(self.uri, relative))
                self._seen[relative] = signature
                uploaded += 1
        return uploaded


def package(objects: ObjectStores, folder: Path, uri: str, always: bool = True) -> str | None:
    """Upload ``folder``'s contents as a tar.gz to ``uri``; ``None`` if empty and not ``always``."""
    if not always and (not folder.is_dir() or not any(folder.iterdir())):
        return None
    with tempfile.NamedTemporaryFile(suffix=".tar.gz") as archive:
        with tarfile.open(archive.name, "w:gz") as tar:
            if folder.is_dir():
                for entry in sorted(folder.iterdir()):
                    tar.add(entry, arcname=entry.name)
        objects.upload_file(archive.name, uri)
    return uri


def read_failure(path: Path) -> str | None:
    """The first 1024 characters of /opt/ml/output/failure, if the algorithm wrote one."""
    try:
        text = path.read_text(errors="replace").strip()
    except OSError:
        return None
    return text[:1024] or None
