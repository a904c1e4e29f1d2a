"""The capacity ledger of this host: what every kernel and job holds of its memory, GPUs and CPUs.

Memory and GPUs are exclusive: the ledger never hands out more memory than the host offers
(less what the server keeps for itself) and never the same GPU twice. CPUs are shared (a unit
may run on CPUs another one uses too) but recorded: the ledger pins a kernel to the CPUs fewest
reservations use, and reports how many vCPUs every holder asked for. Instance types without a
fixed size (``local``, ``local_gpu``) reserve no memory, but ``local_gpu`` still holds every GPU
it uses.

A claim that does not fit gets a ``Shortfall`` that says what is missing and who holds it:
jobs wait with it as their Pending reason, kernels are refused with it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.clock import now_ms
from .models import GIB, CapacityReport, HostResources, ReservationInfo


@dataclass(frozen=True)
class Claim:
    """What a unit of work asks of the host."""

    kind: str  # kernel, training-job, ...
    name: str  # the notebook or job, as people know it
    holder: str  # unique key of the holder (a kernel id, a job key)
    owner: str
    instance_type: str
    memory_bytes: int  # 0: no fixed size
    gpus: int
    vcpus: float
    pin_cpus: int = 0  # > 0: the ledger picks this many CPUs (kernels pin themselves to them)


@dataclass(frozen=True)
class Reservation:
    """What a holder has: its memory, its GPUs, and the CPUs it was pinned to (if any)."""

    holder: str
    kind: str
    name: str
    owner: str
    instance_type: str
    memory_bytes: int
    gpus: list[int] = field(default_factory=list)
    vcpus: float = 0.0
    cpus: list[int] = field(default_factory=list)
    since: int = 0

    def describe(self) -> str:
        return f"{self.kind} {self.name} ({self.instance_type}, {self.owner})"


@dataclass(frozen=True)
class Shortfall:
    """Why a claim does not fit now: what it needs, what is free, who holds the rest."""

    resource: str  # memory | gpus
    needed: float
    free: float
    holders: list[str]

    def _amounts(self) -> tuple[str, str]:
        if self.resource == "memory":
            return f"{self.needed / GIB:g} GiB of memory", f"{self.free / GIB:.1f} GiB free"
        return f"{self.needed:g} GPU(s)", f"{self.free:g} free"

    def _held(self) -> str:
        return f"held by {', '.join(self.holders)}" if self.holders else "none held"

    def waiting(self) -> str:
        """As a job's Pending reason."""
        needed, free = self._amounts()
        return f"waiting for {needed}: {free}, {self._held()}"

    def refusal(self) -> str:
        """As the reason a kernel cannot start."""
        needed, free = self._amounts()
        return f"needs {needed} and this host has {free} ({self._held()})"


def _affinity() -> list[int]:
    if hasattr(os, "sched_getaffinity"):
        return sorted(os.sched_getaffinity(0))
    return list(range(os.cpu_count() or 1))


class CapacityLedger:
    """One per host: every reservation of memory, GPUs and CPUs, by kernels and jobs alike."""

    def __init__(
        self,
        host: Callable[[], HostResources],
        reserved_memory_bytes: int = 2 * GIB,
        cpus: Callable[[], list[int]] = _affinity,
    ) -> None:
        self._host = host
        self._reserved = reserved_memory_bytes
        self._cpus = cpus
        self._lock = threading.Lock()
        self._held: dict[str, Reservation] = {}
        #: Called (outside the lock) whenever a reservation is returned: waiting jobs may fit.
        self.listeners: list[Callable[[], None]] = []

    def total_memory(self) -> int:
        """Memory the ledger hands out: the host's, less what the server keeps for itself."""
        return max(0, self._host().memory_bytes - self._reserved)

    def fits_ever(self, memory_bytes: int, gpus: int) -> str | None:
        """Why a request could never fit here, or ``None`` if it can once the host is free."""
        host = self._host()
        if memory_bytes > self.total_memory():
            return (
                f"needs {memory_bytes / GIB:g} GiB of memory; this host offers jobs at most "
                f"{self.total_memory() / GIB:.1f} GiB"
            )
        if gpus > len(host.gpus):
            return f"needs {gpus} GPU(s); this host has {len(host.gpus) or 'none'}"
        return None

    def check(self, claim: Claim, replacing: str | None = None) -> Shortfall | None:
        """Would ``claim`` fit now (counting what ``replacing`` holds as free)? Reserves nothing."""
        with self._lock:
            others = [item for key, item in self._held.items() if key != replacing]
            result = self._fit(claim, others)
        return result if isinstance(result, Shortfall) else None

    def try_reserve(self, claim: Claim) -> Reservation | Shortfall:
        """Reserve ``claim``; the reservation, or why it does not fit now. A holder that has a
        reservation gets it back unchanged."""
        with self._lock:
            if claim.holder in self._held:
                return self._held[claim.holder]
            result = self._fit(claim, list(self._held.values()))
            if isinstance(result, Reservation):
                self._held[claim.holder] = result
            return result

    def adopt(self, reservation: Reservation) -> None:
        """Take back a reservation held before a restart (a job's, read from its record)."""
        with self._lock:
            self._held[reservation.holder] = reservation

    def release(self, holder: str) -> bool:
        """Return ``holder``'s reservation; False if it had none."""
        with self._lock:
            released = self._held.pop(holder, None) is not None
        if released:
            for listener in list(self.listeners):
                listener()
        return released

    def held(self) -> list[Reservation]:
        with self._lock:
            return list(self._held.values())

    def holding(self, holder: str) -> Reservation | None:
        with self._lock:
            return self._held.get(holder)

    def report(self) -> CapacityReport:
        """What is reserved, by whom, against what the host offers."""
        host = self._host()
        held = sorted(self.held(), key=lambda item: item.since)  # stable: ties keep their order
        return CapacityReport(
            memory_bytes=self.total_memory(),
            memory_reserved_bytes=sum(item.memory_bytes for item in held),
            gpus=[gpu.index for gpu in host.gpus],
            gpus_reserved=sorted({gpu for item in held for gpu in item.gpus}),
            cpus=host.cpus,
            vcpus_reserved=round(sum(item.vcpus for item in held), 3),
            reservations=[
                ReservationInfo(
                    kind=item.kind,
                    name=item.name,
                    owner=item.owner,
                    instance_type=item.instance_type,
                    memory_bytes=item.memory_bytes,
                    gpus=list(item.gpus),
                    vcpus=item.vcpus,
                    cpus=list(item.cpus),
                    since=item.since,
                )
                for item in held
            ],
        )

    # -- internals -------------------------------------------------------------------------

    def _fit(self, claim: Claim, others: list[Reservation]) -> Reservation | Shortfall:
        host = self._host()
        used_memory = sum(item.memory_bytes for item in others)
        free_memory = self.total_memory() - used_memory
        if claim.memory_bytes > free_memory:
            return Shortfall(
                "memory",
                claim.memory_bytes,
                max(0, free_memory),
                [item.describe() for item in others if item.memory_bytes],
            )
        used_gpus = {gpu for item in others for gpu in item.gpus}
        free_gpus = [gpu.index for gpu in host.gpus if gpu.index not in used_gpus]
        if claim.gpus > len(free_gpus):
            return Shortfall(
                "gpus",
                claim.gpus,
                len(free_gpus),
                [item.describe() for item in others if item.gpus],
            )
        return Reservation(
            holder=claim.holder,
            kind=claim.kind,
            name=claim.name,
            owner=claim.owner,
            instance_type=claim.instance_type,
            memory_bytes=claim.memory_bytes,
            gpus=free_gpus[: claim.gpus],
            vcpus=claim.vcpus,
            cpus=self._least_used_cpus(claim.pin_cpus, others),
            since=now_ms(),
        )

    def _least_used_cpus(self, count: int, others: list[Reservation]) -> list[int]:
        if count <= 0:
            return []
        available = self._cpus()
        usage = {cpu: 0 for cpu in available}
        for item in others:
            for cpu in item.cpus:
                if cpu in usage:
                    usage[cpu] += 1
        chosen = sorted(available, key=lambda cpu: (usage[cpu], cpu))[: min(count, len(available))]
        return sorted(chosen)
