"""What runs, for whom, and stopping it from one place.

The capacity ledger already knows every kernel, job host and endpoint replica of this server
with its owner, instance type and start; Jupyter's kernel manager adds kernels of plain
kernel specs; the domain's apps table adds running apps. Stopping goes through each kind's
own service (a job's ``stop``, an endpoint's ``delete``, an app's ``DeleteApp``, the kernel
manager's shutdown), so every stop follows the same rules as on the kind's own face.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import anyio.to_thread
import psutil

from ..compute.capacity import CapacityLedger, Reservation
from ..core.context import RequestContext
from ..core.errors import Forbidden, InvalidInput, NotFound
from ..domains.service import live_apps, profile_name_for
from ..kernels.idle import idle_seconds
from .models import ResourceOverview, RunningResource, StopIdle, StopResource

log = logging.getLogger(__name__)

#: Ledger kinds the overview shows (a tuning job shows as its training jobs).
JOB_KINDS = ("training-job", "processing-job", "transform-job")


class ResourceService:
    """Lists and stops what runs on this server."""

    def __init__(self, services: Any) -> None:
        # The composition root: the overview reads several kinds' services and stops through
        # them, so it takes them all rather than a dozen arguments.
        self.services = services
        self.capacity: CapacityLedger = services.capacity
        #: Jupyter's kernel manager, once the server runs (``bind``).
        self.kernel_manager: Any = None
        self.clock: Callable[[], float] = time.time

    def bind(self, kernel_manager: Any) -> None:
        self.kernel_manager = kernel_manager

    # -- who may see what ----------------------------------------------------------------------

    def is_admin(self, context: RequestContext) -> bool:
        role = self.services.domains.role(context.domain, profile_name_for(context.owner))
        return role == "admin"

    def _require_admin(self, context: RequestContext, action: str) -> None:
        if not self.is_admin(context):
            raise Forbidden(f"Only an admin of domain {context.domain} can {action}")

    # -- listing -------------------------------------------------------------------------------

    def overview(self, context: RequestContext, scope: str) -> ResourceOverview:
        """What runs: the caller's (``mine``) or everyone's (admins)."""
        admin = self.is_admin(context)
        if scope == "everyone" and not admin:
            raise Forbidden(f"Only an admin of domain {context.domain} sees everyone's resources")
        found = self._everything(context.domain)
        if scope == "mine":
            found = [item for item in found if item.owner == context.owner]
        found.sort(key=lambda item: (item.since, item.kind, item.id))
        return ResourceOverview(
            scope=scope,  # type: ignore[arg-type]
            is_admin=admin,
            resources=found,
            memory_reserved_bytes=sum(item.memory_reserved_bytes for item in found),
            memory_used_bytes=sum(item.memory_used_bytes or 0 for item in found),
        )

    def _everything(self, domain: str) -> list[RunningResource]:
        now = self.clock()
        found: list[RunningResource] = []
        endpoints: dict[str, RunningResource] = {}
        kernel_ids: set[str] = set()
        for held in self.capacity.held():
            if held.kind == "kernel":
                kernel_ids.add(held.holder)
                found.append(self._kernel(held.holder, held, now))
            elif held.kind in JOB_KINDS and _domain_of(held.holder) == domain:
                found.append(_from_reservation(held, held.kind, held.name, now))
            elif held.kind == "endpoint" and _domain_of(held.holder) == domain:
                name = held.name.split("/", 1)[0]
                known = endpoints.get(name)
                if known is None:
                    endpoints[name] = _from_reservation(held, "endpoint", name, now)
                else:
                    known.units += 1
                    known.memory_reserved_bytes += held.memory_bytes
                    known.since = min(known.since, held.since)
                    known.run_seconds = max(known.run_seconds, _seconds_since(held.since, now))
        found.extend(endpoints.values())
        found.extend(self._plain_kernels(kernel_ids, now))
        found.extend(self._apps(domain, now))
        return found

    def _kernel(self, kernel_id: str, held: Reservation | None, now: float) -> RunningResource:
        """A kernel of an ML Studio image (``held``) or of a plain kernel spec."""
        kernel = self._jupyter_kernel(kernel_id)
        started = held.since if held else _kernel_start(kernel, now)
        memory = None
        if held is not None:
            try:
                memory = self.services.kernels.usage(kernel_id).get("memory_used_bytes")
            except NotFound:
                memory = None
        else:
            memory = _process_memory(kernel)
        idle = idle_seconds(kernel, datetime.now(timezone.utc)) if kernel is not None else None
        name = held.name if held else (getattr(kernel, "kernel_name", "") or kernel_id)
        return RunningResource(
            kind="kernel",
            id=kernel_id,
            name=name,
            owner=held.owner if held else self.services.kernels.context.owner,
            instance_type=held.instance_type if held else "",
            since=started,
            run_seconds=_seconds_since(started, now),
            memory_reserved_bytes=held.memory_bytes if held else 0,
            memory_used_bytes=memory,
            idle_seconds=None if idle is None else round(idle, 1),
        )

    def _plain_kernels(self, known: set[str], now: float) -> list[RunningResource]:
        if self.kernel_manager is None:
            return []
        return [
            self._kernel(kernel_id, None, now)
            for kernel_id in list(self.kernel_manager.list_kernel_ids())
            if kernel_id not in known
        ]

    def _jupyter_kernel(self, kernel_id: str) -> Any:
        if self.kernel_manager is None or kernel_id not in self.kernel_manager:
            return None
        return self.kernel_manager.get_kernel(kernel_id)

    def _apps(self, domain: str, now: float) -> list[RunningResource]:
        with self.services.database.session() as session:
            apps = live_apps(session, domain)
        return [
            RunningResource(
                kind="app",
                id=f"{app.space}/{app.app_type}/{app.name}",
                name=f"{app.space} ({app.name})",
                owner=app.owner,
                instance_type=str((app.resource_spec or {}).get("InstanceType") or ""),
                since=app.creation_time,
                run_seconds=_seconds_since(app.creation_time, now),
                memory_reserved_bytes=self._type_memory(
                    (app.resource_spec or {}).get("InstanceType")
                ),
            )
            for app in apps
        ]

    def _type_memory(self, name: Any) -> int:
        instance = self.services.catalogue.get(name) if name else None
        if instance is None or instance.local:
            return 0
        return int(instance.memory_gib * 1024**3)

    # -- stopping ------------------------------------------------------------------------------

    async def stop(self, context: RequestContext, request: StopResource) -> RunningResource:
        """Stop one thing: the caller's own, or anyone's for an admin. Anything the caller may
        not see is reported missing."""
        found = await anyio.to_thread.run_sync(self._everything, context.domain)
        target = next(
            (item for item in found if item.kind == request.kind and item.id == request.id), None
        )
        admin = await anyio.to_thread.run_sync(self.is_admin, context)
        if target is None or (target.owner != context.owner and not admin):
            raise NotFound(f"No running {request.kind} {request.id}")
        await self._stop(context, target)
        return target

    async def stop_idle(self, context: RequestContext, request: StopIdle) -> list[RunningResource]:
        """Admins: shut down every kernel idle at least ``idle_minutes``."""
        admin = await anyio.to_thread.run_sync(self.is_admin, context)
        if not admin:
            raise Forbidden(f"Only an admin of domain {context.domain} can stop idle kernels")
        found = await anyio.to_thread.run_sync(self._everything, context.domain)
        idle = [
            item
            for item in found
            if item.kind == "kernel"
            and item.idle_seconds is not None
            and item.idle_seconds >= request.idle_minutes * 60
        ]
        for item in idle:
            await self._stop(context, item)
        return idle

    async def _stop(self, context: RequestContext, target: RunningResource) -> None:
        log.info("%s stops %s %s of %s", context.owner, target.kind, target.id, target.owner)
        if target.kind == "kernel":
            if self.kernel_manager is None or target.id not in self.kernel_manager:
                raise NotFound(f"No running kernel {target.id}")
            await self.kernel_manager.shutdown_kernel(target.id)
            return
        owner = RequestContext(owner=target.owner, domain=context.domain, space=context.space)
        services = self.services
        if target.kind == "app":
            space, app_type, name = target.id.split("/", 2)
            params = {
                "DomainId": context.domain,
                "SpaceName": space,
                "AppType": app_type,
                "AppName": name,
            }
            await anyio.to_thread.run_sync(services.apps.delete_app, context, params)
            return
        stoppers: dict[str, Callable[[RequestContext, str], None]] = {
            "training-job": services.training.stop,
            "processing-job": services.processing.stop,
            "transform-job": services.transform_jobs.stop,
            "endpoint": services.endpoints.delete,
        }
        stopper = stoppers.get(target.kind)
        if stopper is None:
            raise InvalidInput(f"{target.kind} cannot be stopped here", field="kind")
        await anyio.to_thread.run_sync(stopper, owner, target.id)


def _domain_of(holder: str) -> str:
    """The domain in a job's ledger key (``kind:domain:name…``)."""
    parts = holder.split(":", 2)
    return parts[1] if len(parts) == 3 else ""


def _seconds_since(since_ms: int, now: float) -> float:
    return round(max(0.0, now - since_ms / 1000), 1)


def _from_reservation(held: Reservation, kind: str, name: str, now: float) -> RunningResource:
    return RunningResource(
        kind=kind,  # type: ignore[arg-type]
        id=name,
        name=name,
        owner=held.owner,
        instance_type=held.instance_type,
        since=held.since,
        run_seconds=_seconds_since(held.since, now),
        memory_reserved_bytes=held.memory_bytes,
    )


def _kernel_start(kernel: Any, now: float) -> int:
    started = getattr(kernel, "_mlstudio_started", None)
    if started is None:
        # Jupyter records no start time; the kernel process's own creation time is one.
        process = _kernel_process(kernel)
        try:
            started = process.create_time() if process else now
        except psutil.Error:
            started = now
    return int(started * 1000)


def _kernel_process(kernel: Any) -> psutil.Process | None:
    provisioner = getattr(kernel, "provisioner", None)
    popen = getattr(provisioner, "process", None)
    pid = getattr(popen, "pid", None)
    if pid is None:
        return None
    try:
        return psutil.Process(pid)
    except psutil.Error:
        return None


def _process_memory(kernel: Any) -> int | None:
    process = _kernel_process(kernel)
    if process is None:
        return None
    try:
        return sum(item.memory_info().rss for item in [process, *process.children(recursive=True)])
    except psutil.Error:
        return None
