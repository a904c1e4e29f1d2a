"""A run's artifacts as the REST face offers them: one folder at a time, one file's bytes.

Only runs whose artifact URI this server serves (``mlflow-artifacts:``) can be read here; a run
that keeps its artifacts elsewhere is named in the error.
"""

from __future__ import annotations

import mimetypes
from contextlib import AbstractContextManager
from typing import BinaryIO

from ..core.context import RequestContext
from ..core.errors import InvalidInput
from .artifacts import ArtifactStore, proxied, safe_path
from .models import ArtifactEntryOut, ArtifactList
from .service import ExperimentService


class RunArtifacts:
    """Lists and opens the artifacts of a run."""

    def __init__(self, experiments: ExperimentService, artifacts: ArtifactStore) -> None:
        self.experiments = experiments
        self.artifacts = artifacts

    def root(self, context: RequestContext, run_id: str) -> str:
        """Where the run's artifacts are below the artifact store's root."""
        run = self.experiments.get_run(context, run_id)
        root = proxied(run.artifact_uri)
        if root is None:
            raise InvalidInput(
                f"Run {run_id} keeps its artifacts at {run.artifact_uri}, outside this server"
            )
        return root

    def list(self, context: RequestContext, run_id: str, path: str = "") -> ArtifactList:
        """The files and folders directly in ``path`` (relative to the run's artifacts)."""
        folder = safe_path(path)
        root = self.root(context, run_id)
        entries = self.artifacts.list("/".join(part for part in (root, folder) if part))
        return ArtifactList(
            root=root,
            entries=[
                ArtifactEntryOut(
                    path=entry.path[len(root) :].lstrip("/"),
                    is_dir=entry.is_dir,
                    file_size=entry.file_size,
                )
                for entry in entries
            ],
        )

    def open(
        self, context: RequestContext, run_id: str, path: str
    ) -> tuple[AbstractContextManager[BinaryIO], str]:
        """The file at ``path`` opened for reading, with its content type."""
        relative = safe_path(path)
        if not relative:
            raise InvalidInput("path: name a file", field="path")
        handle = self.artifacts.open_read(f"{self.root(context, run_id)}/{relative}")
        kind, _ = mimetypes.guess_type(relative)
        return handle, kind or "application/octet-stream"
