"""The folder a serving unit sees as ``/opt/ml``: the model artifact and the inference code."""

from __future__ import annotations

import json
import shutil
import tempfile
import uuid
from pathlib import Path

from ..core.archives import extract_tar
from ..core.errors import InvalidInput, NotFound
from ..objects import ObjectStores
from ..training.staging import stage_code
from .units import ModelSpec

MARKER = ".mlstudio-staged.json"
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar")


def stage_model(objects: ObjectStores, model: ModelSpec, folder: Path) -> Path:
    """Fill ``folder`` for ``model``'s units: ``model/`` from ``ModelDataUrl`` (a
    ``model.tar.gz`` unpacked, or every object under a prefix) and ``code/`` from a submit
    directory given by URI (a ``sourcedir.tar.gz`` or a prefix). Returns ``folder``.

    Staged once: a folder already staged from the same URIs is used as it is, so the units of
    one variant (and a restarted server) share it. The folder appears whole or not at all.
    A missing artifact raises ``NotFound`` naming it; an unreadable one ``InvalidInput``.
    """
    wanted = {"model_data_url": model.model_data_url, "code_uri": model.code_uri()}
    marker = folder / MARKER
    if marker.is_file():
        try:
            if json.loads(marker.read_text()) == wanted:
                return folder
        except ValueError:
            pass
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = folder.parent / f".{folder.name}.{uuid.uuid4().hex[:8]}"
    try:
        (scratch / "model").mkdir(parents=True)
        (scratch / "code").mkdir()
        if model.model_data_url:
            _stage_artifact(objects, model.model_data_url, scratch / "model")
        code = model.code_uri()
        if code:
            try:
                stage_code(objects, code, scratch / "code")
            except NotFound as error:
                raise NotFound(f"The inference code {code} does not exist: {error}") from error
        (scratch / MARKER).write_text(json.dumps(wanted))
        if folder.exists():
            shutil.rmtree(folder)
        scratch.rename(folder)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return folder


def _stage_artifact(objects: ObjectStores, uri: str, target: Path) -> None:
    if uri.endswith(ARCHIVE_SUFFIXES):
        with tempfile.NamedTemporaryFile(suffix=".tar.gz") as archive:
            try:
                objects.download_file(uri, archive.name)
            except NotFound as error:
                raise NotFound(f"The model artifact {uri} does not exist") from error
            try:
                extract_tar(archive.name, target)
            except InvalidInput as error:
                raise InvalidInput(f"The model artifact {uri}: {error.message}") from error
        return
    if objects.download_prefix(uri.rstrip("/") + "/", target):
        return
    # A single object that is not an archive: placed as it is.
    try:
        objects.download_file(uri, str(target / uri.rstrip("/").rsplit("/", 1)[-1]))
    except NotFound as error:
        raise NotFound(f"The model artifact {uri} does not exist") from error
