"""The runtime backends a server offers, made from its job settings: the process backend always,
Docker when enabled, the Ray cluster when its address is set. Each backend's probe joins the host
monitor, so the status panel shows whether it answers."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from .base import RuntimeBackend
from .docker_engine import DockerBackend
from .process import ProcessBackend
from .ray.backend import RayBackend

if TYPE_CHECKING:
    from ..jobs.settings import JobSettings
    from ..status.monitor import HostMonitor


def build_backends(
    jobs: JobSettings, monitor: HostMonitor
) -> tuple[ProcessBackend, dict[str, RuntimeBackend]]:
    """The process backend (kernels share its mount namespace) and every backend by name."""
    process = ProcessBackend(
        jobs.data_dir / "units",
        interpreter=sys.executable,
        isolation=jobs.process_isolation,
        warm=jobs.warm,
    )
    monitor.use_process_probe(process.probe)
    backends: dict[str, RuntimeBackend] = {"process": process}
    if jobs.docker_enabled:
        backends["docker"] = DockerBackend(jobs.docker_url)
    if jobs.ray.address:
        ray = RayBackend(
            jobs.ray.address,
            resources=jobs.ray.resources,
            entrypoint_python=jobs.ray.python,
            start_timeout=jobs.ray.start_timeout,
        )
        backends["ray"] = ray
        monitor.add_probe(ray.name, ray.probe)
    return process, backends
