"""Switching a notebook's kernel to another image or instance type.

``prepare`` checks everything first (the profile can run here, the kernel is not busy unless the
caller insists) and changes nothing; ``apply`` then records the choice in the notebook's
metadata and restarts the kernel in it (same image) or moves the notebook's session to a kernel
of the new image. A profile that cannot run leaves the notebook untouched. ``KernelSwitcher``
does both for every face, and owns the switches that run after their answer, so the server can
wait for them before it stops.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from jupyter_core.utils import ensure_async

from ..core.errors import BackendUnavailable, Conflict, InvalidInput, NotFound
from ..core.events import EventBus
from .models import SwitchBody, SwitchResult
from .profile import METADATA_KEY
from .service import KernelService
from .specs import spec_name

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SwitchPlan:
    kernel_id: str
    session: dict[str, Any] | None
    path: str | None
    image: str
    instance_type: str
    kernel_name: str
    display_name: str
    image_changed: bool


async def prepare(
    service: KernelService,
    kernel_manager: Any,
    session_manager: Any,
    kernel_id: str,
    image: str | None,
    instance_type: str | None,
    force: bool,
) -> SwitchPlan:
    if kernel_id not in kernel_manager:
        raise NotFound(f"No kernel {kernel_id}.")
    running = service.running(kernel_id)
    current_image = running.profile.image.name
    target_image = image or current_image
    target_type = instance_type or running.profile.instance_type.name
    profile = await asyncio.to_thread(service.profile, target_image, target_type, kernel_id)
    kernel = kernel_manager.get_kernel(kernel_id)
    if getattr(kernel, "execution_state", "") == "busy" and not force:
        raise Conflict(
            "The kernel is busy running code; switching restarts it and stops that work. "
            "Ask again with force to switch anyway.",
            field="force",
        )
    spec = kernel_manager.kernel_spec_manager.get_kernel_spec(kernel.kernel_name)
    spec_in_image = (spec.metadata.get("mlstudio") or {}).get("spec", "python3")
    names = [item["name"] for item in profile.image.kernel_specs]
    if spec_in_image not in names:
        if not names:
            raise InvalidInput(f"Image {target_image} names no kernel specs.", field="image")
        spec_in_image = names[0]
    display = next(
        item.get("display_name") or item["name"]
        for item in profile.image.kernel_specs
        if item["name"] == spec_in_image
    )
    session = next(
        (
            item
            for item in await ensure_async(session_manager.list_sessions())
            if (item.get("kernel") or {}).get("id") == kernel_id
        ),
        None,
    )
    if target_image != current_image and session is None:
        raise InvalidInput(
            "Changing the image moves a notebook's session to a new kernel, and this kernel "
            "belongs to no session.",
            field="image",
        )
    return SwitchPlan(
        kernel_id=kernel_id,
        session=session,
        path=session["path"] if session else None,
        image=target_image,
        instance_type=profile.instance_type.name,
        kernel_name=spec_name(target_image, spec_in_image),
        display_name=f"{display} ({target_image})",
        image_changed=target_image != current_image,
    )


async def write_metadata(contents_manager: Any, plan: SwitchPlan) -> bool:
    """Record the choice in the notebook; False when it is already there (or no notebook)."""
    if not plan.path or not plan.path.endswith(".ipynb"):
        return False
    model = await ensure_async(contents_manager.get(plan.path, content=True, type="notebook"))
    metadata = model["content"].setdefault("metadata", {})
    wanted = {"image": plan.image, "instance_type": plan.instance_type}
    kernelspec = {"name": plan.kernel_name, "display_name": plan.display_name, "language": "python"}
    if metadata.get(METADATA_KEY) == wanted and (
        not plan.image_changed or (metadata.get("kernelspec") or {}).get("name") == plan.kernel_name
    ):
        return False
    metadata[METADATA_KEY] = wanted
    if plan.image_changed:
        metadata["kernelspec"] = kernelspec
    await ensure_async(
        contents_manager.save(
            {"type": "notebook", "format": "json", "content": model["content"]}, plan.path
        )
    )
    return True


async def apply(
    plan: SwitchPlan,
    kernel_manager: Any,
    session_manager: Any,
    contents_manager: Any,
    write: bool = True,
) -> str:
    """Record and restart; returns the id of the kernel now serving the notebook."""
    if write:
        await write_metadata(contents_manager, plan)
    if not plan.image_changed:
        await ensure_async(kernel_manager.restart_kernel(plan.kernel_id))
        return plan.kernel_id
    assert plan.session is not None
    session = plan.session
    new_id = await session_manager.start_kernel_for_session(
        session["id"],
        path=session["path"],
        name=session.get("name"),
        type=session.get("type"),
        kernel_name=plan.kernel_name,
    )
    await session_manager.update_session(session["id"], kernel_id=new_id)
    await ensure_async(kernel_manager.shutdown_kernel(plan.kernel_id))
    return str(new_id)


@dataclass(frozen=True)
class JupyterManagers:
    """The server's kernel, session and contents managers, which a switch drives."""

    kernels: Any
    sessions: Any
    contents: Any


class KernelSwitcher:
    """Switches a kernel's notebook to another image or instance type.

    A switch the caller does not wait for runs as a task this switcher keeps until it ends;
    ``close`` waits for those still running when the server stops.
    """

    #: Seconds between the answer and a switch the caller does not wait for, so that the answer
    #: reaches a caller running inside the very kernel being switched.
    delay = 0.3

    def __init__(self, service: KernelService, events: EventBus | None = None) -> None:
        self.service = service
        self.events = events
        self.managers: JupyterManagers | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    def bind(self, managers: JupyterManagers) -> None:
        """The server's managers (known once the server runs)."""
        self.managers = managers

    @property
    def pending(self) -> int:
        """Switches answered but not yet done."""
        return len(self._tasks)

    async def switch(self, kernel_id: str, request: SwitchBody) -> SwitchResult:
        """Check the switch (nothing changes if it cannot happen), then do it now
        (``request.wait``) or right after the answer."""
        managers = self.managers
        if managers is None:
            raise BackendUnavailable("Kernels cannot be switched before the server has started.")
        plan = await prepare(
            self.service,
            managers.kernels,
            managers.sessions,
            kernel_id,
            request.image,
            request.instance_type,
            request.force,
        )
        result = SwitchResult(
            kernel_id=kernel_id,
            previous_kernel_id=kernel_id,
            path=plan.path,
            image=plan.image,
            instance_type=plan.instance_type,
            kernel_name=plan.kernel_name,
            done=request.wait,
        )
        if request.wait:
            result.kernel_id = await self._apply(plan, managers, request.write_metadata)
            return result
        task = asyncio.get_running_loop().create_task(
            self._later(plan, managers, request.write_metadata)
        )
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return result

    async def close(self, timeout: float = 30.0) -> None:
        """Wait up to ``timeout`` seconds for switches still to finish, then cancel the rest."""
        tasks = set(self._tasks)
        if not tasks:
            return
        _, late = await asyncio.wait(tasks, timeout=timeout)
        for task in late:
            task.cancel()
        if late:
            await asyncio.wait(late)

    async def _later(self, plan: SwitchPlan, managers: JupyterManagers, write: bool) -> None:
        await asyncio.sleep(self.delay)
        try:
            await self._apply(plan, managers, write)
        except Exception:
            log.exception("Switching kernel %s failed", plan.kernel_id)

    async def _apply(self, plan: SwitchPlan, managers: JupyterManagers, write: bool) -> str:
        new_id = await apply(plan, managers.kernels, managers.sessions, managers.contents, write)
        if self.events is not None:
            self.events.emit(
                "kernel",
                {
                    "kernel_id": plan.kernel_id,
                    "new_kernel_id": new_id,
                    "action": "switched",
                    "path": plan.path,
                    "image": plan.image,
                    "instance_type": plan.instance_type,
                    "message": f"Now on {plan.image} / {plan.instance_type}.",
                },
            )
        return new_id
