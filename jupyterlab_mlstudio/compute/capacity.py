"""Memory and GPUs reserved per unit of work and never oversubscribed; CPUs are shared."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from .models import GIB, HostResources


@dataclass(frozen=True)
class Reservation:
    holder: str
    memory_bytes: int
    gpus: list[int] = field(default_factory=list)


class CapacityPool:
    """Hands out memory and GPUs of this host; what is not free has to wait."""

    def __init__(
        self, host: Callable[[], HostResources], reserved_memory_bytes: int = 2 * GIB
    ) -> None:
        self._host = host
        self._reserved = reserved_memory_bytes
        self._lock = threading.Lock()
        self._held: dict[str, Reservation] = {}

    def total_memory(self) -> int:
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

    def try_reserve(self, holder: str, memory_bytes: int, gpus: int) -> Reservation | str:
        """Reserve for ``holder``; return the reservation, or why it has to wait."""
        host = self._host()
        with self._lock:
            if holder in self._held:
                return self._held[holder]
            used_memory = sum(item.memory_bytes for item in self._held.values())
            used_gpus = {gpu for item in self._held.values() for gpu in item.gpus}
            free_memory = self.total_memory() - used_memory
            free_gpus = [gpu.index for gpu in host.gpus if gpu.index not in used_gpus]
            if memory_bytes > free_memory:
                return (
                    f"waiting for {memory_bytes / GIB:g} GiB of memory: "
                    f"{free_memory / GIB:.1f} GiB free, {used_memory / GIB:.1f} GiB held by "
                    f"{len(self._held)} other unit(s)"
                )
            if gpus > len(free_gpus):
                return f"waiting for {gpus} GPU(s): {len(free_gpus)} free"
            reservation = Reservation(holder, memory_bytes, free_gpus[:gpus])
            self._held[holder] = reservation
            return reservation

    def adopt(self, reservation: Reservation) -> None:
        """Take back a reservation held before a restart."""
        with self._lock:
            self._held[reservation.holder] = reservation

    def release(self, holder: str) -> None:
        with self._lock:
            self._held.pop(holder, None)

    def held(self) -> list[Reservation]:
        with self._lock:
            return list(self._held.values())
