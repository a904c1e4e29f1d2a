"""What a finished training job leaves: its model (``model.tar.gz``) and output
(``output.tar.gz``) below ``<S3OutputPath>/<job>/output/``, as SageMaker leaves them.

They are offered for download through the server (browsers refuse ``file://`` links, and an
``s3://`` URI needs credentials), and copied among the artifacts of the job's run
(``model/model.tar.gz``, ``output/output.tar.gz``), so the run lists them, MLflow clients can
download them, and a model version can be registered from ``runs:/<run_id>/model``.
"""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import BinaryIO, Literal

from ..core.context import RequestContext
from ..core.errors import InvalidInput, NotFound
from ..experiments.artifacts import ArtifactStore, proxied
from ..experiments.service import ExperimentService
from ..objects import ObjectStores
from ..objects.router import join_uri
from .models import CreateTrainingJobRequest

log = logging.getLogger(__name__)

#: What of a job can be downloaded, and its file name.
JobArtifact = Literal["model", "output"]
FILES: dict[str, str] = {"model": "model.tar.gz", "output": "output.tar.gz"}


def artifact_uri(request: CreateTrainingJobRequest, job: str, artifact: str) -> str:
    """Where a job's model or output archive is (or will be)."""
    if artifact not in FILES:
        raise InvalidInput(
            f"artifact: a job has a 'model' and an 'output', not {artifact!r}", field="artifact"
        )
    return join_uri(request.output_path, job, "output", FILES[artifact])


@dataclass(frozen=True)
class OpenedArtifact:
    """A job's archive, opened for reading, with the name to save it under."""

    stream: AbstractContextManager[BinaryIO]
    filename: str
    size: int


def open_artifact(
    objects: ObjectStores, request: CreateTrainingJobRequest, job: str, artifact: str
) -> OpenedArtifact:
    """Open a job's model or output for download; NotFound, saying why, when there is none."""
    uri = artifact_uri(request, job, artifact)
    try:
        info = objects.head(uri)
    except NotFound as error:
        what = (
            "no model (it had not completed, or wrote nothing to /opt/ml/model)"
            if artifact == "model"
            else "no output (it wrote nothing to /opt/ml/output/data)"
        )
        raise NotFound(f"Training job {job} left {what}.") from error
    return OpenedArtifact(objects.open_read(uri), f"{job}-{FILES[artifact]}", info.size)


def publish_to_run(
    objects: ObjectStores,
    artifacts: ArtifactStore,
    experiments: ExperimentService,
    context: RequestContext,
    run_id: str,
    request: CreateTrainingJobRequest,
    job: str,
) -> list[str]:
    """Copy the job's archives among its run's artifacts (``model/``, ``output/``); returns
    the paths copied. A run kept outside this server's artifact store gets none."""
    root = proxied(experiments.get_run(context, run_id).artifact_uri)
    if root is None:
        return []
    copied = []
    for artifact, filename in FILES.items():
        source = artifact_uri(request, job, artifact)
        try:
            objects.head(source)
        except NotFound:
            continue
        path = f"{artifact}/{filename}"
        with objects.open_read(source) as stream:
            artifacts.write(f"{root}/{path}", stream)
        copied.append(path)
    return copied
