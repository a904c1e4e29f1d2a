"""One contract for every runtime backend: a ContainerSpec in, a running unit out.

A unit is what runs one host of a job: a detached process group (process backend) or a
container (docker backend). Units outlive the server; a restarted server finds them again by
name and labels and carries on reading their logs from the cursor it last stored.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .models import BackendStatus


@dataclass(frozen=True)
class Mount:
    """A host folder that appears at ``target`` inside the unit."""

    source: str
    target: str
    read_only: bool = False


@dataclass(frozen=True)
class Resources:
    """What a unit may use. ``cpus`` may be fractional; ``None`` memory means unlimited."""

    cpus: float
    memory_bytes: int | None = None
    gpus: list[int] = field(default_factory=list)
    cpu_set: list[int] | None = None  # pin to these CPUs (Docker's cpuset)


@dataclass(frozen=True)
class ContainerSpec:
    """Everything a backend needs to run one unit.

    ``entrypoint`` replaces the image's own entry point (Docker); ``command`` is its argument
    list. Backends without entry points run ``entrypoint + command``.
    """

    name: str
    image: str
    command: list[str]
    entrypoint: list[str] | None = None
    env: dict[str, str] = field(default_factory=dict)
    workdir: str | None = None
    mounts: list[Mount] = field(default_factory=list)
    ports: dict[int, int] = field(default_factory=dict)
    resources: Resources = field(default_factory=lambda: Resources(cpus=1.0))
    labels: dict[str, str] = field(default_factory=dict)
    network: str | None = None
    hostname: str | None = None
    extra_hosts: dict[str, str] = field(default_factory=dict)
    stop_grace_seconds: float = 120.0
    user: str | None = None  # uid:gid in the container (Docker)
    #: The unit expected /opt/ml but gets only SM_* paths into its folder (a backend without
    #: private mounts here): the backend says so in the unit's log and to its scripts.
    opt_ml_fallback: bool = False
    #: Modules the command will import, which a backend may import ahead (a warm parent).
    preload: tuple[str, ...] = ()


class UnitState(str, Enum):
    RUNNING = "running"
    EXITED = "exited"
    LOST = "lost"  # gone without leaving an exit status (killed from outside, host rebooted)


@dataclass(frozen=True)
class UnitStatus:
    """How a unit is doing; for an exited unit, how it ended."""

    unit: str
    state: UnitState
    exit_code: int | None = None
    signal: int | None = None
    oom_killed: bool = False
    peak_memory_bytes: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class LogRead:
    """Lines read from a unit's output and the cursor to read on from."""

    lines: list[tuple[int, str]]
    cursor: Any
    complete: bool = False


class UnitError(Exception):
    """A backend could not do what was asked (image missing, engine gone, ...)."""


class RuntimeBackend(ABC):
    """Start, watch, read, stop and remove units."""

    name: str

    @abstractmethod
    def probe(self) -> BackendStatus:
        """Whether this backend can run units on this host now."""

    @abstractmethod
    def start(self, spec: ContainerSpec) -> str:
        """Start a unit; return its id. Raises :class:`UnitError` with a readable reason."""

    @abstractmethod
    def status(self, unit: str) -> UnitStatus:
        """The unit's state now."""

    @abstractmethod
    def read_logs(self, unit: str, cursor: Any = None, limit: int = 5000) -> LogRead:
        """Lines written since ``cursor`` (``None``: from the start), as (UTC ms, text)."""

    @abstractmethod
    def stop(self, unit: str, grace_seconds: float) -> None:
        """SIGTERM now, SIGKILL after ``grace_seconds`` if the unit is still running."""

    @abstractmethod
    def list(self, labels: dict[str, str]) -> list[str]:
        """Units whose labels include ``labels``."""

    @abstractmethod
    def remove(self, unit: str) -> None:
        """Forget an exited unit and free what it held."""

    def results(self, unit: str) -> str | None:
        """Where an exited unit that ran on another machine left the archive of what it
        wrote to model/, output/ and checkpoints/ (an object URI); ``None`` when its folder is
        this server's own (every local backend)."""
        return None

    def close(self) -> None:  # noqa: B027 (most backends hold nothing to release)
        """Release what the backend holds; units keep running."""

    def wait(self, unit: str, timeout: float, interval: float = 0.05) -> UnitStatus:
        """Block until the unit is no longer running or ``timeout`` seconds pass."""
        import time

        deadline = time.monotonic() + timeout
        while True:
            status = self.status(unit)
            if status.state != UnitState.RUNNING or time.monotonic() >= deadline:
                return status
            time.sleep(interval)
