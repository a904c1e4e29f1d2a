"""Training jobs from Python: create one from a local script or folder, watch it, read results."""

from __future__ import annotations

import io
import os
import re
import sys
import tarfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..core.errors import MLStudioError
from ..training.models import TrainingJobDetail
from .endpoints import Endpoint, deploy
from .progress import JobProgress

if TYPE_CHECKING:
    from .client import Client

TERMINAL = ("Completed", "Failed", "Stopped")
_NAME_SAFE = re.compile(r"[^a-zA-Z0-9-]+")


class TrainingJobFailed(MLStudioError):
    """A waited-for job ended Failed (or Stopped, when that was not expected)."""


def _job_name(entry_point: str) -> str:
    stem = _NAME_SAFE.sub("-", Path(entry_point).stem).strip("-")[:40] or "job"
    return f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:4]}"


def pack_source(
    entry_point: str | os.PathLike[str], source_dir: str | os.PathLike[str] | None = None
) -> tuple[bytes, str]:
    """A sourcedir.tar.gz as SageMaker's SDK makes it: the folder, or the single script."""
    entry = Path(entry_point)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        if source_dir is not None:
            folder = Path(source_dir)
            for path in sorted(folder.rglob("*")):
                if (
                    path.is_file()
                    and "__pycache__" not in path.parts
                    and ".ipynb_checkpoints" not in path.parts
                ):
                    tar.add(path, arcname=path.relative_to(folder).as_posix())
            program = (
                entry.as_posix()
                if not entry.is_absolute()
                else entry.relative_to(folder).as_posix()
            )
        else:
            tar.add(entry, arcname=entry.name)
            program = entry.name
    return buffer.getvalue(), program


class TrainingJob:
    """A handle on one training job of the server."""

    def __init__(self, client: Client, name: str) -> None:
        self.client = client
        self.name = name

    def __repr__(self) -> str:
        return f"TrainingJob({self.name!r})"

    def describe(self) -> TrainingJobDetail:
        return TrainingJobDetail.model_validate(
            self.client.request("GET", f"training-jobs/{self.name}")
        )

    @property
    def status(self) -> str:
        return self.describe().training_job_status.value

    def deploy(self, **kwargs: Any) -> Endpoint:
        """Serve this (completed) job's model on an endpoint, in one step; the options of
        :func:`jupyterlab_mlstudio.client.endpoints.deploy` (``instance_type``,
        ``instance_count``, ``endpoint_name``, ``wait``, ...)."""
        return deploy(self.client, training_job=self.name, **kwargs)

    def stop(self) -> TrainingJobDetail:
        return TrainingJobDetail.model_validate(
            self.client.request("POST", f"training-jobs/{self.name}/stop")
        )

    def logs(
        self, host: str = "algo-1", after: int = -1, limit: int = 10000
    ) -> list[dict[str, Any]]:
        """Stored log lines of one host after sequence number ``after``."""
        page = self.client.request(
            "GET",
            f"training-jobs/{self.name}/logs",
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

    def metrics(self) -> dict[str, list[dict[str, Any]]]:
        """Every metric series of the job's run: ``{key: [{step, value, timestamp}, ...]}``,
        which ``pandas.DataFrame(job.metrics()["loss"])`` turns into a table."""
        run_id = self.describe().run_id
        if not run_id:
            return {}
        run = self.client.request("GET", f"runs/{run_id}")
        series = {}
        for item in run["metrics"]:
            history = self.client.request("GET", f"runs/{run_id}/metrics/{item['key']}")
            series[item["key"]] = [
                {"step": point["step"], "value": point["value"], "timestamp": point["timestamp"]}
                for point in history["points"]
            ]
        return series

    def wait(
        self,
        logs: bool = True,
        progress: bool = True,
        poll: float = 0.5,
        timeout: float | None = None,
        raise_on_failure: bool = True,
        out: TextIO | None = None,
        on_update: Callable[[TrainingJobDetail], None] | None = None,
    ) -> TrainingJobDetail:
        """Block until the job ends, showing its log lines and a progress display.

        Raises :class:`TrainingJobFailed` with the failure reason when the job fails (unless
        ``raise_on_failure`` is False).
        """
        stream = out or sys.stdout
        display = JobProgress(self.name) if progress else None
        started = time.monotonic()
        after = -1
        try:
            while True:
                detail = self.describe()
                if display is not None:
                    display.update(detail)
                if on_update is not None:
                    on_update(detail)
                fresh = self.logs("algo-1", after) if logs else []
                for line in fresh:
                    after = line["seq"]
                    print(line["message"], file=stream)
                if detail.training_job_status.value in TERMINAL and not fresh:
                    break
                if timeout is not None and time.monotonic() - started > timeout:
                    raise TimeoutError(
                        f"{self.name} is still {detail.secondary_status} after {timeout} s"
                    )
                if not fresh:
                    time.sleep(poll)
        finally:
            if display is not None:
                display.close()
        if raise_on_failure and detail.training_job_status.value == "Failed":
            raise TrainingJobFailed(f"{self.name} failed: {detail.failure_reason}")
        return detail


def create_training_job(
    client: Client,
    entry_point: str | os.PathLike[str],
    *,
    source_dir: str | os.PathLike[str] | None = None,
    name: str | None = None,
    image: str = "default",
    instance_type: str | None = None,
    instance_count: int = 1,
    hyperparameters: dict[str, Any] | None = None,
    channels: dict[str, str] | None = None,
    metric_definitions: dict[str, str] | None = None,
    output_path: str | None = None,
    max_runtime: int = 86400,
    environment: dict[str, str] | None = None,
    checkpoint_uri: str | None = None,
    experiment: str | None = None,
) -> TrainingJob:
    """Pack and upload the code, then create the job (script mode, as SageMaker's SDK does)."""
    archive, program = pack_source(entry_point, source_dir)
    code_uri = client.upload(archive, "sourcedir.tar.gz")
    job_name = name or _job_name(str(entry_point))
    hps = {key: str(value) for key, value in (hyperparameters or {}).items()}
    hps.update({"sagemaker_program": program, "sagemaker_submit_directory": code_uri})
    body: dict[str, Any] = {
        "training_job_name": job_name,
        "algorithm_specification": {
            "training_image": image,
            "metric_definitions": [
                {"name": key, "regex": regex} for key, regex in (metric_definitions or {}).items()
            ],
        },
        "hyper_parameters": hps,
        "input_data_config": [
            {"channel_name": channel, "data_source": {"s3_data_source": {"s3_uri": uri}}}
            for channel, uri in (channels or {}).items()
        ],
        "resource_config": {
            "instance_type": instance_type or "local",
            "instance_count": instance_count,
        },
        "stopping_condition": {"max_runtime_in_seconds": max_runtime},
        "environment": environment or {},
    }
    if output_path is not None:  # else the server's default, as the UI's form has it
        body["output_data_config"] = {"s3_output_path": output_path}
    if checkpoint_uri:
        body["checkpoint_config"] = {"s3_uri": checkpoint_uri}
    if experiment:
        body["experiment_config"] = {"experiment_name": experiment}
    client.request("POST", "training-jobs", json=body)
    return TrainingJob(client, job_name)
