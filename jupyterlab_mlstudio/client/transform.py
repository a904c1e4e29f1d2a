"""Batch transform from the Python client: ``client.batch_transform(model=..., input=...,
output=...)`` starts a transform job through the SageMaker face (``CreateTransformJob``, as the
SageMaker SDK's transformer does) and waits for it with a progress display."""

from __future__ import annotations

import os
import sys
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..core.errors import MLStudioError
from .progress import bar_style, in_notebook

if TYPE_CHECKING:
    from .client import Client

TERMINAL = {"Completed", "Failed", "Stopped"}
#: The stages a transform job shows, in order (a bar's steps).
STAGES = ["Starting", "InProgress", "Stopping", "Done"]
DEFAULT_INSTANCE_TYPE = "ml.m5.large"


class TransformJobFailed(MLStudioError):
    """A waited-for transform job ended Failed; the message says why."""


def as_uri(location: str | os.PathLike[str]) -> str:
    """``s3://``/``file://`` URIs as they are; a local path as a ``file://`` URI."""
    text = os.fspath(location)
    if "://" in text:
        return text
    return f"file://{Path(text).expanduser().resolve()}"


def _stage(status: str) -> int:
    if status in TERMINAL:
        return len(STAGES) - 1
    return STAGES.index(status) if status in STAGES else 0


class TransformProgress:
    """Status, objects done of the total, and elapsed time of one transform job: a bar in
    notebooks (objects done once their total is known, the job's stages before), a line per
    change elsewhere."""

    def __init__(self, name: str, out: TextIO | None = None) -> None:
        self.name = name
        self.out = out or sys.stderr
        self.started = time.monotonic()
        self._last: tuple[str, int | None, int | None] = ("", None, None)
        self._widget: Any = None
        if in_notebook() and out is None:
            import ipywidgets
            from IPython.display import display

            self._bar = ipywidgets.IntProgress(value=0, min=0, max=len(STAGES) - 1)
            self._label = ipywidgets.HTML(value=f"<code>{name}</code>: starting")
            self._widget = ipywidgets.HBox([self._bar, self._label])
            display(self._widget)

    def update(self, description: dict[str, Any], progress: dict[str, Any] | None = None) -> None:
        """Show ``description`` (DescribeTransformJob's) with ``progress`` (the REST face's
        ``objects_done``, ``objects_total``, ``records_done``) when there is one."""
        status = str(description["TransformJobStatus"])
        elapsed = time.monotonic() - self.started
        done, total = _objects(progress)
        counted = f", {done} of {total} objects" if total is not None else ""
        if progress and progress.get("records_done"):
            counted += f" ({progress['records_done']} records)"
        text = f"{self.name}: {status}{counted} ({elapsed:.0f} s)"
        if description.get("FailureReason"):
            text += f" — {description['FailureReason']}"
        if self._widget is not None:
            if total and status not in TERMINAL:
                self._bar.max, self._bar.value = total, done or 0
            else:
                self._bar.max, self._bar.value = len(STAGES) - 1, _stage(status)
            self._bar.bar_style = bar_style(status)
            self._label.value = text
        elif (status, done, total) != self._last:
            print(f"[{status}] {text}", file=self.out)
        self._last = (status, done, total)


def _objects(progress: dict[str, Any] | None) -> tuple[int | None, int | None]:
    if not progress or progress.get("objects_total") is None:
        return None, None
    return int(progress.get("objects_done") or 0), int(progress["objects_total"])


class TransformJob:
    """A handle on one transform job (the SageMaker face's description)."""

    def __init__(self, client: Client, name: str) -> None:
        self.client = client
        self.name = name

    def __repr__(self) -> str:
        return f"TransformJob({self.name!r})"

    def describe(self) -> dict[str, Any]:
        """``DescribeTransformJob``."""
        return dict(self.client.sagemaker().describe_transform_job(TransformJobName=self.name))

    @property
    def status(self) -> str:
        return str(self.describe()["TransformJobStatus"])

    @property
    def output_path(self) -> str:
        return str(self.describe()["TransformOutput"]["S3OutputPath"])

    def progress(self) -> dict[str, Any] | None:
        """Objects done of the total so far (the REST face's ``progress``), or None when the
        server does not say."""
        try:
            found = self.client.request("GET", f"transform-jobs/{self.name}").get("progress")
        except MLStudioError:
            return None
        return dict(found) if isinstance(found, dict) else None

    def stop(self) -> None:
        """``StopTransformJob``: no new requests; the job ends Stopped."""
        self.client.sagemaker().stop_transform_job(TransformJobName=self.name)

    def wait(
        self,
        progress: bool = True,
        poll: float = 0.5,
        timeout: float | None = None,
        raise_on_failure: bool = True,
        out: TextIO | None = None,
    ) -> dict[str, Any]:
        """Block until the job ends, showing its progress; :class:`TransformJobFailed` with
        the reason when it fails (unless ``raise_on_failure`` is False)."""
        display = TransformProgress(self.name, out) if progress else None
        started = time.monotonic()
        sagemaker = self.client.sagemaker()
        while True:
            description = dict(sagemaker.describe_transform_job(TransformJobName=self.name))
            if display is not None:
                display.update(description, self.progress())
            status = description["TransformJobStatus"]
            if status in TERMINAL:
                break
            if timeout is not None and time.monotonic() - started > timeout:
                raise TimeoutError(f"{self.name} is still {status} after {timeout} s")
            time.sleep(poll)
        if raise_on_failure and status == "Failed":
            raise TransformJobFailed(f"{self.name} failed: {description.get('FailureReason')}")
        return description


def batch_transform(
    client: Client,
    *,
    model: str,
    input: str | os.PathLike[str],
    output: str | os.PathLike[str],
    content_type: str | None = "text/csv",
    accept: str | None = None,
    split_type: str = "Line",
    strategy: str | None = "MultiRecord",
    assemble_with: str | None = "Line",
    instance_type: str = DEFAULT_INSTANCE_TYPE,
    instance_count: int = 1,
    max_payload_mb: int | None = None,
    max_concurrent_transforms: int | None = None,
    input_filter: str | None = None,
    join_source: str | None = None,
    output_filter: str | None = None,
    manifest: bool = False,
    compression: str | None = None,
    environment: dict[str, str] | None = None,
    job_name: str | None = None,
    wait: bool = True,
    progress: bool = True,
    timeout: float | None = None,
    out: TextIO | None = None,
) -> TransformJob:
    """A transform job of ``model`` (a model of the server) over ``input`` (a prefix, a
    manifest when ``manifest``, or a local path of the server), answers under ``output``;
    waits with a progress display unless ``wait`` is False."""
    name = job_name or f"{model[:40]}-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:4]}"
    transform_input: dict[str, Any] = {
        "DataSource": {
            "S3DataSource": {
                "S3DataType": "ManifestFile" if manifest else "S3Prefix",
                "S3Uri": as_uri(input),
            }
        },
        "SplitType": split_type,
    }
    if content_type:
        transform_input["ContentType"] = content_type
    if compression:
        transform_input["CompressionType"] = compression
    transform_output: dict[str, Any] = {"S3OutputPath": as_uri(output)}
    if accept:
        transform_output["Accept"] = accept
    if assemble_with:
        transform_output["AssembleWith"] = assemble_with
    request: dict[str, Any] = {
        "TransformJobName": name,
        "ModelName": model,
        "TransformInput": transform_input,
        "TransformOutput": transform_output,
        "TransformResources": {"InstanceType": instance_type, "InstanceCount": instance_count},
        "Environment": dict(environment or {}),
    }
    if strategy:
        request["BatchStrategy"] = strategy
    if max_payload_mb is not None:
        request["MaxPayloadInMB"] = max_payload_mb
    if max_concurrent_transforms is not None:
        request["MaxConcurrentTransforms"] = max_concurrent_transforms
    processing = {
        key: value
        for key, value in (
            ("InputFilter", input_filter),
            ("JoinSource", join_source),
            ("OutputFilter", output_filter),
        )
        if value
    }
    if processing:
        request["DataProcessing"] = processing
    client.sagemaker().create_transform_job(**request)
    job = TransformJob(client, name)
    if wait:
        job.wait(progress=progress, timeout=timeout, out=out)
    return job
