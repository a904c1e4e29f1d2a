"""Processing jobs from Python: run a local script over data in the object store, watch it,
read where its outputs went.

Inputs and outputs are named folders: input ``raw`` appears at
``/opt/ml/processing/input/raw``, output ``train`` is uploaded from
``/opt/ml/processing/output/train``, as the SageMaker SDK's processors lay them out.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..core.errors import MLStudioError
from ..processing.models import PROCESSING_ROOT, ProcessingJobDetail
from .progress import in_notebook
from .training import _job_name

if TYPE_CHECKING:
    import os

    from .client import Client

TERMINAL = ("Completed", "Failed", "Stopped")
CODE_FOLDER = f"{PROCESSING_ROOT}/input/code"


class ProcessingJobFailed(MLStudioError):
    """A waited-for processing job ended Failed."""


class ProcessingProgress:
    """Status, message and elapsed time of one processing job: a progress bar in notebooks,
    a line per change of status elsewhere."""

    def __init__(self, name: str, out: TextIO | None = None) -> None:
        self.name = name
        self.out = out or sys.stderr
        self.started = time.monotonic()
        self._last = ""
        self._widget: Any = None
        if in_notebook() and out is None:
            import ipywidgets
            from IPython.display import display

            self._bar = ipywidgets.IntProgress(value=0, min=0, max=2, bar_style="info")
            self._label = ipywidgets.HTML(value=f"<code>{name}</code>: starting")
            self._widget = ipywidgets.HBox([self._bar, self._label])
            display(self._widget)

    def update(self, detail: ProcessingJobDetail) -> None:
        status = detail.processing_job_status.value
        elapsed = time.monotonic() - self.started
        text = f"{detail.processing_job_name}: {status} ({elapsed:.0f} s)"
        if detail.status_message:
            text += f" — {detail.status_message}"
        if self._widget is not None:
            self._bar.value = 2 if status in TERMINAL else 1
            self._bar.bar_style = {
                "Completed": "success",
                "Failed": "danger",
                "Stopped": "warning",
            }.get(status, "info")
            self._label.value = text
        elif status != self._last:
            print(f"[{status}] {text}", file=self.out)
        self._last = status


class ProcessingJob:
    """A handle on one processing job of the server."""

    def __init__(self, client: Client, name: str) -> None:
        self.client = client
        self.name = name

    def __repr__(self) -> str:
        return f"ProcessingJob({self.name!r})"

    def describe(self) -> ProcessingJobDetail:
        return ProcessingJobDetail.model_validate(
            self.client.request("GET", f"processing-jobs/{self.name}")
        )

    @property
    def status(self) -> str:
        return self.describe().processing_job_status.value

    def outputs(self) -> dict[str, str]:
        """Output name -> the URI it is uploaded to."""
        config = self.describe().processing_output_config
        return {
            item.output_name: item.s3_output.s3_uri
            for item in (config.outputs if config else [])
            if item.s3_output is not None
        }

    def stop(self) -> ProcessingJobDetail:
        return ProcessingJobDetail.model_validate(
            self.client.request("POST", f"processing-jobs/{self.name}/stop")
        )

    def logs(
        self, host: str = "algo-1", after: int = -1, limit: int = 10000
    ) -> list[dict[str, Any]]:
        """Stored log lines of one instance after sequence number ``after``."""
        page = self.client.request(
            "GET",
            f"processing-jobs/{self.name}/logs",
            params={"host": host, "after": after, "limit": limit},
        )
        return list(page["lines"])

    def follow_logs(self, host: str = "algo-1", poll: float = 0.5) -> Iterator[str]:
        """Yield log lines as they arrive until the job ends."""
        after = -1
        while True:
            finished = self.status in TERMINAL
            lines = self.logs(host, after)
            for line in lines:
                after = line["seq"]
                yield line["message"]
            if finished and not lines:
                return
            if not lines:
                time.sleep(poll)

    def wait(
        self,
        logs: bool = True,
        progress: bool = True,
        poll: float = 0.5,
        timeout: float | None = None,
        raise_on_failure: bool = True,
        out: TextIO | None = None,
    ) -> ProcessingJobDetail:
        """Block until the job ends, printing the first instance's log lines under a progress
        bar. Raises :class:`ProcessingJobFailed` with the failure reason when the job fails
        (unless ``raise_on_failure`` is False)."""
        stream = out or sys.stdout
        display = ProcessingProgress(self.name) if progress else None
        started = time.monotonic()
        after = -1
        while True:
            detail = self.describe()
            if display is not None:
                display.update(detail)
            fresh = self.logs("algo-1", after) if logs else []
            for line in fresh:
                after = line["seq"]
                print(line["message"], file=stream)
            if detail.processing_job_status.value in TERMINAL and not fresh:
                break
            if timeout is not None and time.monotonic() - started > timeout:
                raise TimeoutError(
                    f"{self.name} is still {detail.processing_job_status.value} after {timeout} s"
                )
            if not fresh:
                time.sleep(poll)
        if raise_on_failure and detail.processing_job_status.value == "Failed":
            raise ProcessingJobFailed(f"{self.name} failed: {detail.failure_reason}")
        return detail


def _folder_name(name: str, what: str) -> str:
    if not name or "/" in name or name in (".", ".."):
        raise MLStudioError(f"{what} names are folder names, not {name!r}")
    return name


def create_processing_job(
    client: Client,
    script: str | os.PathLike[str],
    *,
    inputs: Mapping[str, str] | None = None,
    outputs: Mapping[str, str] | None = None,
    arguments: list[str] | None = None,
    name: str | None = None,
    image: str = "default",
    command: list[str] | None = None,
    instance_type: str | None = None,
    instance_count: int = 1,
    environment: dict[str, str] | None = None,
    max_runtime: int | None = None,
    continuous: bool = False,
) -> ProcessingJob:
    """Upload ``script`` and run it as ``<command> /opt/ml/processing/input/code/<script>``
    (``command`` defaults to ``python3``) over ``inputs`` (name -> URI, at
    ``/opt/ml/processing/input/<name>``), uploading ``outputs`` (name -> URI, from
    ``/opt/ml/processing/output/<name>``) at the end, or as they change with ``continuous``."""
    path = Path(script)
    code_uri = client.upload(path, path.name)
    job_name = name or _job_name(path.name)
    processing_inputs = [
        {
            "input_name": _folder_name(key, "Input"),
            "s3_input": {
                "s3_uri": uri,
                "local_path": f"{PROCESSING_ROOT}/input/{key}",
                "s3_data_type": "S3Prefix",
                "s3_input_mode": "File",
            },
        }
        for key, uri in (inputs or {}).items()
    ]
    processing_inputs.append(
        {
            "input_name": "code",
            "s3_input": {
                "s3_uri": code_uri,
                "local_path": CODE_FOLDER,
                "s3_data_type": "S3Prefix",
                "s3_input_mode": "File",
            },
        }
    )
    body: dict[str, Any] = {
        "processing_job_name": job_name,
        "processing_inputs": processing_inputs,
        "processing_resources": {
            "cluster_config": {
                "instance_type": instance_type or "local",
                "instance_count": instance_count,
            }
        },
        "app_specification": {
            "image_uri": image,
            "container_entrypoint": [*(command or ["python3"]), f"{CODE_FOLDER}/{path.name}"],
            **({"container_arguments": list(arguments)} if arguments else {}),
        },
        "environment": environment or {},
    }
    if outputs:
        body["processing_output_config"] = {
            "outputs": [
                {
                    "output_name": _folder_name(key, "Output"),
                    "s3_output": {
                        "s3_uri": uri,
                        "local_path": f"{PROCESSING_ROOT}/output/{key}",
                        "s3_upload_mode": "Continuous" if continuous else "EndOfJob",
                    },
                }
                for key, uri in outputs.items()
            ]
        }
    if max_runtime is not None:
        body["stopping_condition"] = {"max_runtime_in_seconds": max_runtime}
    client.request("POST", "processing-jobs", json=body)
    return ProcessingJob(client, job_name)
