"""Reads the host's CPUs, memory and GPUs, honouring affinity and cgroup limits."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from pathlib import Path

import psutil

from .models import Gpu, HostResources

CGROUP = Path("/sys/fs/cgroup")


def _cgroup_cpu_limit() -> float | None:
    try:
        quota, period = (CGROUP / "cpu.max").read_text().split()
    except (OSError, ValueError):
        return None
    if quota == "max":
        return None
    return int(quota) / int(period)


def _cgroup_memory_limit() -> int | None:
    try:
        value = (CGROUP / "memory.max").read_text().strip()
    except OSError:
        return None
    return None if value == "max" else int(value)


def detect_cpus() -> int:
    """CPUs this process may run on: its affinity set, cut by a cgroup CPU quota."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    quota = _cgroup_cpu_limit()
    if quota is not None:
        cpus = min(cpus, max(1, math.ceil(quota)))
    return cpus


def detect_memory() -> int:
    """Bytes of memory available to this process: physical memory, cut by a cgroup limit."""
    total = int(psutil.virtual_memory().total)
    limit = _cgroup_memory_limit()
    return min(total, limit) if limit else total


def detect_gpus(command: str = "nvidia-smi", timeout: float = 10.0) -> list[Gpu]:
    """NVIDIA GPUs as ``nvidia-smi`` lists them; none when the tool is absent or fails."""
    executable = shutil.which(command)
    if executable is None:
        return []
    try:
        output = subprocess.run(
            [
                executable,
                "--query-gpu=index,name,memory.total,uuid",
                "--format=csv,noheader,nounits",
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    gpus = []
    for line in output.strip().splitlines():
        parts = [part.strip() for part in line.split(",")]
        if len(parts) < 4:
            continue
        try:
            memory = int(float(parts[2]) * 1024 * 1024)
        except ValueError:
            memory = None
        gpus.append(Gpu(index=int(parts[0]), name=parts[1], memory_bytes=memory, uuid=parts[3]))
    return gpus


def detect_host(gpu_command: str = "nvidia-smi") -> HostResources:
    """A fresh reading of the host."""
    return HostResources(
        cpus=detect_cpus(), memory_bytes=detect_memory(), gpus=detect_gpus(gpu_command)
    )
