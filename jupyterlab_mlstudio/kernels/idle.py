"""Idle shutdown: kernels idle longer than their instance type's timeout are shut down (which
returns their reservation in the capacity ledger)."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone
from typing import Any

from jupyter_core.utils import ensure_async

from ..core.events import EventBus
from .service import KernelService

log = logging.getLogger(__name__)

#: A kernel reservation this old whose kernel Jupyter does not know is returned by the idle loop.
STALE_RESERVATION_MS = 5 * 60 * 1000


def idle_seconds(kernel: Any, now: datetime) -> float | None:
    """How long an idle kernel has been idle; None while it runs code or starts."""
    if getattr(kernel, "execution_state", None) != "idle":
        return None
    last = getattr(kernel, "last_activity", None)
    if last is None:
        return None
    if last.tzinfo is None:
        last = last.replace(tzinfo=timezone.utc)
    return (now - last).total_seconds()


async def cull_once(service: KernelService, kernel_manager: Any, events: EventBus) -> list[str]:
    """Shut down every kernel past its idle timeout; returns their ids."""
    now = datetime.now(timezone.utc)
    stopped = []
    for running in service.kernels():
        if running.kernel_id not in kernel_manager:
            continue
        instance_type = running.profile.instance_type.name
        minutes = await asyncio.to_thread(service.idle_minutes, instance_type)
        if not minutes:
            continue
        idle = idle_seconds(kernel_manager.get_kernel(running.kernel_id), now)
        if idle is None or idle < minutes * 60:
            continue
        log.info(
            "Shutting down kernel %s: idle %.0f s on %s (timeout %g min)",
            running.kernel_id,
            idle,
            instance_type,
            minutes,
        )
        try:
            await ensure_async(kernel_manager.shutdown_kernel(running.kernel_id))
        except Exception:
            log.exception("Could not shut down idle kernel %s", running.kernel_id)
            continue
        stopped.append(running.kernel_id)
        events.emit(
            "kernel",
            {
                "kernel_id": running.kernel_id,
                "action": "idle-shutdown",
                "path": service.api_path(running.notebook),
                "image": running.profile.image.name,
                "instance_type": instance_type,
                "message": f"Shut down after {minutes:g} minutes idle on {instance_type}.",
            },
        )
    return stopped


async def cull_forever(
    service: KernelService, kernel_manager: Any, events: EventBus, interval: float
) -> None:
    while True:
        await asyncio.sleep(interval)
        try:
            await cull_once(service, kernel_manager, events)
            service.release_stale(set(kernel_manager.list_kernel_ids()), STALE_RESERVATION_MS)
        except Exception:
            log.exception("Idle kernel check failed")
