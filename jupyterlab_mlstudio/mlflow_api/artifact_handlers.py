"""Tornado handlers of the MLflow face that move artifact bytes: the artifact proxy
(``api/2.0/mlflow-artifacts/artifacts/...``), a run's file download (``get-artifact``) and the
UI's small upload (``ajax-api/2.0/mlflow/upload-artifact``)."""

from __future__ import annotations

import json
import mimetypes
import posixpath
from typing import Any

import anyio.to_thread
from tornado import web

from ..core.errors import InvalidInput
from ..core.streaming import SpooledBody, send_stream
from ..experiments.artifacts import content_disposition, safe_path
from .base import MlflowBase

#: Files MLflow's UI shows as text whatever their extension says (and extension-less names).
TEXT_EXTENSIONS = frozenset(
    {
        "txt",
        "log",
        "err",
        "cfg",
        "conf",
        "cnf",
        "cf",
        "ini",
        "properties",
        "prop",
        "hocon",
        "toml",
        "yaml",
        "yml",
        "xml",
        "json",
        "js",
        "py",
        "py3",
        "csv",
        "tsv",
        "md",
        "rst",
        "ipynb",
        "MLmodel",
        "MLproject",
    }
)
#: The largest body ``upload-artifact`` takes (MLflow's limit for this UI route).
MAX_UI_UPLOAD_BYTES = 10 * 1024 * 1024


def content_type(path: str) -> str:
    """The ``Content-Type`` of an artifact download, decided as MLflow decides it: text for the
    text formats above, the registered type of the extension otherwise, else bytes."""
    name = posixpath.basename(path)
    extension = posixpath.splitext(name)[1].lstrip(".") or name
    if extension in TEXT_EXTENSIONS:
        return "text/plain"
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


async def send_artifact(handler: MlflowBase, handle: Any, relative: str) -> None:
    """Answer with an artifact's bytes as an attachment of its own type, never sniffed."""
    handler.set_header("Content-Disposition", content_disposition(posixpath.basename(relative)))
    handler.set_header("X-Content-Type-Options", "nosniff")
    await send_stream(handler, handle, content_type(relative))


@web.stream_request_body
class MlflowArtifactsHandler(SpooledBody, MlflowBase):
    """``/mlstudio/mlflow/api/2.0/mlflow-artifacts/artifacts[/{path}]``: MLflow's artifact proxy.

    GET a path downloads it (streamed); GET without one lists ``?path=``; PUT uploads (streamed
    to the object store); DELETE removes a file or folder.
    """

    spool_memory_bytes = 16 * 1024 * 1024

    async def prepare(self) -> None:  # type: ignore[override]
        await super().prepare()
        if self.current_user is None:
            raise web.HTTPError(403)  # before reading a byte of an upload
        if self.request.method == "PUT":
            self.start_spool()

    @web.authenticated
    async def get(self, path: str | None = None) -> None:
        await self.authorize("mlstudio:experiments", "read")
        store = self.services.artifacts
        if not path:
            folder = safe_path(self.get_query_argument("path", ""))
            entries = await anyio.to_thread.run_sync(store.list, folder)
            files = []
            # By name, folders among files, as MLflow's listings come.
            for entry in sorted(entries, key=lambda item: item.path):
                item: dict[str, Any] = {
                    "path": entry.path.rsplit("/", 1)[-1],
                    "is_dir": entry.is_dir,
                }
                if not entry.is_dir:
                    item["file_size"] = entry.file_size
                files.append(item)
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps({"files": files}))
            return
        relative = safe_path(path)
        handle = await anyio.to_thread.run_sync(store.open_read, relative)
        await send_artifact(self, handle, relative)

    @web.authenticated
    async def put(self, path: str | None = None) -> None:
        await self.authorize("mlstudio:experiments", "write")
        await anyio.to_thread.run_sync(
            self.services.artifacts.write, safe_path(path or ""), self.spooled_body()
        )
        self.set_header("Content-Type", "application/json")
        self.finish("{}")

    @web.authenticated
    async def delete(self, path: str | None = None) -> None:
        await self.authorize("mlstudio:experiments", "write")
        await anyio.to_thread.run_sync(self.services.artifacts.delete, safe_path(path or ""))
        self.set_header("Content-Type", "application/json")
        self.finish("{}")


class RunArtifactHandler(MlflowBase):
    """``GET /mlstudio/mlflow/get-artifact?run_id=&path=``: one file of a run, as MLflow's UI
    downloads it."""

    @web.authenticated
    async def get(self) -> None:
        await self.authorize("mlstudio:experiments", "read")
        run_id = self.get_query_argument("run_id", "") or self.get_query_argument("run_uuid", "")
        if not run_id:
            raise InvalidInput("Request must specify run_id.", field="run_id")
        path = self.get_query_argument("path", "")
        if not path:
            raise InvalidInput("Request must specify path.", field="path")
        handle, _ = await anyio.to_thread.run_sync(
            self.services.run_artifacts.open, self.context(), run_id, path
        )
        await send_artifact(self, handle, safe_path(path))


class ModelArtifactHandler(MlflowBase):
    """``GET /mlstudio/mlflow/ajax-api/2.0/mlflow/logged-models/{model_id}/artifacts/files
    ?artifact_file_path=``: one file of a logged model."""

    @web.authenticated
    async def get(self, model_id: str) -> None:
        await self.authorize("mlstudio:experiments", "read")
        path = self.get_query_argument("artifact_file_path", "")
        if not path:
            raise InvalidInput(
                'Request must include the "artifact_file_path" query parameter.',
                field="artifact_file_path",
            )
        handle = await anyio.to_thread.run_sync(
            self.services.model_artifacts.open, self.context(), model_id, path
        )
        await send_artifact(self, handle, safe_path(path))


@web.stream_request_body
class UploadArtifactHandler(SpooledBody, MlflowBase):
    """``POST /mlstudio/mlflow/ajax-api/2.0/mlflow/upload-artifact?run_uuid=&path=``: a file of
    at most 10 MiB (the body) into a run's artifacts."""

    spool_memory_bytes = MAX_UI_UPLOAD_BYTES

    async def prepare(self) -> None:  # type: ignore[override]
        await super().prepare()
        if self.current_user is None:
            raise web.HTTPError(403)
        if self.request.method == "POST":
            await self.authorize("mlstudio:experiments", "write")  # before judging the body
            declared = self.request.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_UI_UPLOAD_BYTES:
                raise InvalidInput("Artifact size is too large. Max size is 10MB.")
            self.start_spool()

    too_large = False

    def data_received(self, chunk: bytes) -> None:
        # A body longer than it said: the rest is dropped and the request refused in post().
        if self.body_size + len(chunk) > MAX_UI_UPLOAD_BYTES:
            self.too_large = True
            return
        super().data_received(chunk)

    @web.authenticated
    async def post(self) -> None:
        await self.authorize("mlstudio:experiments", "write")
        run_id = self.get_query_argument("run_uuid", "") or self.get_query_argument("run_id", "")
        if not run_id:
            raise InvalidInput("Request must specify run_uuid.", field="run_uuid")
        path = safe_path(self.get_query_argument("path", ""))
        if not path:
            raise InvalidInput("Request must specify path.", field="path")
        if self.too_large:
            raise InvalidInput("Artifact size is too large. Max size is 10MB.")
        if self.body_size == 0:
            raise InvalidInput("Request must specify data.")
        await anyio.to_thread.run_sync(
            self.services.run_artifacts.write, self.context(), run_id, path, self.spooled_body()
        )
        self.set_header("Content-Type", "application/json")
        self.finish("{}")
