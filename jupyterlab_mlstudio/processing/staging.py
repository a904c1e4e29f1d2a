"""Moving a processing job's data: inputs from S3 into each instance's folders before it
starts, outputs from its folders to S3 (continuously while it runs, or when it ends)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..core.errors import InvalidInput
from ..objects import ObjectStores
from ..training.staging import CheckpointSync, read_manifest
from .contract import inside
from .models import ProcessingInput, ProcessingOutput, ProcessingS3Input


def input_entries(objects: ObjectStores, source: ProcessingS3Input) -> list[tuple[str, str]]:
    """(object URI, path below LocalPath) of every object an input names.

    ``S3Prefix`` is a plain string prefix, as on S3: objects below it keep the rest of their
    key; the object the prefix names exactly lands by its file name; a sibling that merely
    starts with it (``raw`` matching ``raw2/a``) keeps its key from the prefix's folder on.
    """
    if source.s3_data_type == "ManifestFile":
        return read_manifest(objects, source.s3_uri)
    base = source.s3_uri
    parent = base.rsplit("/", 1)[0]
    entries = []
    for info in objects.list(base):
        rest = info.uri[len(base) :]
        if not rest:
            relative = info.uri.rsplit("/", 1)[-1]
        elif rest.startswith("/") or base.endswith("/"):
            relative = rest.lstrip("/")
        else:
            relative = info.uri[len(parent) :].lstrip("/")
        entries.append((info.uri, relative))
    return entries


def stage_input(
    objects: ObjectStores,
    item: ProcessingInput,
    host_root: Path,
    host_index: int,
    host_count: int,
    check: Callable[[], None],
) -> int:
    """Copy one input into an instance's folder; ``ShardedByS3Key`` gives each instance its
    share of the objects (about 1/N, by key order). Returns the number of files."""
    source = item.s3_input
    if source is None or source.local_path is None:
        return 0
    folder = inside(host_root, source.local_path).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    entries = input_entries(objects, source)
    if source.s3_data_distribution_type == "ShardedByS3Key":
        entries = entries[host_index::host_count]
    for uri, relative in entries:
        check()
        target = (folder / relative).resolve()
        if target != folder and folder not in target.parents:
            raise InvalidInput(f"{uri}: the object's key would leave the input folder {folder}")
        target.parent.mkdir(parents=True, exist_ok=True)
        objects.download_file(uri, str(target))
    return len(entries)


class OutputSync:
    """Uploads each output folder of each instance to its ``S3Uri``: the files new or changed
    since the last pass (so a continuous output is not uploaded twice)."""

    def __init__(
        self, objects: ObjectStores, outputs: list[ProcessingOutput], host_roots: list[Path]
    ) -> None:
        self.syncs: list[tuple[Path, CheckpointSync, bool]] = []
        for output in outputs:
            target = output.s3_output
            if target is None or target.local_path is None:
                continue
            continuous = target.s3_upload_mode == "Continuous"
            for root in host_roots:
                folder = inside(root, target.local_path)
                self.syncs.append((folder, CheckpointSync(objects, target.s3_uri), continuous))

    def prepare(self) -> None:
        """Make every output folder, so the script finds it as on SageMaker."""
        for folder, _sync, _continuous in self.syncs:
            folder.mkdir(parents=True, exist_ok=True)

    def continuous(self) -> int:
        """One pass over the continuous outputs."""
        return sum(sync.sync(folder) for folder, sync, continuous in self.syncs if continuous)

    def everything(self) -> int:
        """The last pass, over every output."""
        return sum(sync.sync(folder) for folder, sync, _continuous in self.syncs)
