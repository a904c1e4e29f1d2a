"""Helpers for serving tests: model folders and artifacts made by hand, units on a backend."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
import time
from pathlib import Path
from typing import Any

import requests

from jupyterlab_mlstudio.compute.models import InstanceType
from jupyterlab_mlstudio.runtime.base import RuntimeBackend
from jupyterlab_mlstudio.serving.health import exit_reason, wait_healthy
from jupyterlab_mlstudio.serving.units import (
    ModelSpec,
    ServingSettings,
    allocate_port,
    prepare_library,
    serving_unit_spec,
    unit_name,
    unit_url,
)

FIXTURES = Path(__file__).parent / "fixtures"
WEIGHTS = [0.5, -1.0, 2.0]


def instance_type(name: str = "ml.m5.large", vcpus: float = 2, gpus: int = 0) -> InstanceType:
    return InstanceType(
        name=name,
        family="m5",
        description="test",
        vcpus=vcpus,
        memory_gib=8,
        gpus=gpus,
        available=True,
        effective_vcpus=vcpus,
        local=True,
    )


def model_folder(
    root: Path, code: str | None = None, files: dict[str, bytes] | None = None
) -> Path:
    """``root`` laid out as a unit's /opt/ml: model/ with ``files`` (the weights by default)
    and model/code/ with fixture ``code``."""
    model = root / "model"
    model.mkdir(parents=True, exist_ok=True)
    for name, data in (files or {"weights.json": json.dumps(WEIGHTS).encode()}).items():
        (model / name).write_bytes(data)
    if code:
        shutil.copytree(FIXTURES / code, model / "code", dirs_exist_ok=True)
    return root


def artifact(files: dict[str, bytes], code: str | None = None) -> bytes:
    """A model.tar.gz: ``files`` at its root and fixture ``code`` under code/ (as the
    SageMaker SDK repacks a model with its entry point)."""
    members = dict(files)
    if code:
        for path in (FIXTURES / code).iterdir():
            if path.is_file():
                members[f"code/{path.name}"] = path.read_bytes()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def settings(tmp: Path, **overrides: Any) -> ServingSettings:
    values: dict[str, Any] = {
        "supervisor_id": "tests",
        "library": prepare_library(tmp / "lib"),
        "health_timeout_seconds": 60.0,
        "stop_grace_seconds": 5.0,
    }
    values.update(overrides)
    return ServingSettings(**values)


class Unit:
    """A serving unit started for a test; ``post`` answers (status, body, content type)."""

    def __init__(self, backend: RuntimeBackend, unit: str, port: int) -> None:
        self.backend = backend
        self.unit = unit
        self.url = unit_url(port)
        self.session = requests.Session()

    def post(
        self, body: bytes | str, content_type: str | None, accept: str | None = None
    ) -> tuple[int, bytes, str]:
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        answer = self.session.post(
            f"{self.url}/invocations", data=body, headers=headers, timeout=30
        )
        return answer.status_code, answer.content, answer.headers.get("content-type", "")

    def logs(self) -> str:
        return "\n".join(line for _, line in self.backend.read_logs(self.unit).lines)

    def stop(self) -> None:
        self.session.close()
        self.backend.stop(self.unit, 5)
        self.backend.wait(self.unit, 15)
        self.backend.remove(self.unit)


def start_unit(
    backend: RuntimeBackend,
    model: ModelSpec,
    folder: Path,
    serving: ServingSettings,
    name: str,
    instance: InstanceType | None = None,
) -> Unit:
    """Start a unit of ``model`` over ``folder`` and wait until it is healthy."""
    port = allocate_port()
    spec = serving_unit_spec(
        model,
        backend=backend,
        instance_type=instance or instance_type(),
        name=unit_name("test", name, "v", 1, str(int(time.time() * 1000))),
        group=name,
        variant="v",
        index=1,
        port=port,
        folder=folder,
        settings=serving,
    )
    unit = backend.start(spec)
    started = Unit(backend, unit, port)
    try:
        wait_healthy(started.url, 90, alive=lambda: exit_reason(backend, unit))
    except Exception as error:
        raise AssertionError(f"{error}\n{started.logs()}") from error
    return started
