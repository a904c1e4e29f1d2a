"""Keeps a current reading of the host and of the runtime backends."""

from __future__ import annotations

import threading
from collections.abc import Callable

from ..compute.host import detect_host
from ..compute.models import HostResources
from ..runtime.models import BackendStatus
from ..runtime.probe import probe_docker, probe_process


class HostMonitor:
    """The latest host and backend readings; ``refresh()`` re-reads them (blocking)."""

    def __init__(
        self,
        docker_url: str | None = None,
        docker_enabled: bool = True,
        gpu_command: str = "nvidia-smi",
        host_reader: Callable[[str], HostResources] = detect_host,
    ) -> None:
        self._docker_url = docker_url
        self._docker_enabled = docker_enabled
        self._gpu_command = gpu_command
        self._read_host = host_reader
        self._lock = threading.Lock()
        self._probe_process: Callable[[], BackendStatus] = probe_process
        #: Further backends' probes (a cluster), read on every refresh after process and Docker.
        self._probes: list[Callable[[], BackendStatus]] = []
        self._host = host_reader(gpu_command)
        # Docker is asked in the background (refresh), so a slow engine never delays start-up.
        self._backends: list[BackendStatus] = [
            probe_process(),
            BackendStatus(name="docker", available=False, reason="not checked yet"),
        ]

    def use_process_probe(self, probe: Callable[[], BackendStatus]) -> None:
        """Read the process backend through ``probe`` (the running backend's own, which knows
        what isolation this host gave it), starting now."""
        status = probe()
        with self._lock:
            self._probe_process = probe
            self._backends = [status, *(item for item in self._backends if item.name != "process")]

    def add_probe(self, name: str, probe: Callable[[], BackendStatus]) -> None:
        """Read one more backend, ``name``, through ``probe`` on every refresh; until the
        next refresh it is listed as not checked yet (as Docker is at start-up)."""
        with self._lock:
            self._probes.append(probe)
            self._backends.append(
                BackendStatus(name=name, available=False, reason="not checked yet")
            )

    def host(self) -> HostResources:
        with self._lock:
            return self._host

    def backends(self) -> list[BackendStatus]:
        with self._lock:
            return list(self._backends)

    def backend(self, name: str) -> BackendStatus | None:
        return next((item for item in self.backends() if item.name == name), None)

    def refresh(self) -> bool:
        """Read everything again; return True when anything changed."""
        host = self._read_host(self._gpu_command)
        with self._lock:
            read_process = self._probe_process
            probes = list(self._probes)
        backends = [read_process()]
        if self._docker_enabled:
            backends.append(probe_docker(self._docker_url))
        else:
            backends.append(
                BackendStatus(
                    name="docker", available=False, reason="disabled in the server configuration"
                )
            )
        backends.extend(probe() for probe in probes)
        with self._lock:
            changed = host != self._host or backends != self._backends
            self._host, self._backends = host, backends
        return changed
