"""Kernels in images and on instance types: profiles, reservations, launch plans, usage and idle
timeouts.

Every kernel holds a reservation in the host's capacity ledger from its launch to its shutdown
(a restart returns it and takes a new one, in the profile the notebook names then): its instance
type's memory and GPUs, and the CPUs it is pinned to. A kernel that does not fit is refused with
the reason; the ledger lives in memory, so a restarted server starts without the reservations of
kernels it no longer runs.

The provisioners (``provisioners.py``) run inside jupyter_client and reach this service through
``current()``: the server extension installs it when it starts.
"""

from __future__ import annotations

import math
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from sqlalchemy import select

from ..awsenv.environment import AwsSetup, StudioAws, placement_for
from ..compute.capacity import CapacityLedger, Claim, Reservation
from ..compute.catalogue import InstanceTypeCatalogue
from ..compute.models import GIB
from ..core.context import RequestContext
from ..core.errors import InvalidInput, LimitExceeded, NotFound
from ..core.events import EventBus
from ..images.service import DEFAULT_IMAGE, ImageService, ResolvedImage
from ..runtime.base import Mount
from ..status.monitor import HostMonitor
from ..store import Database
from .orm import IdleTimeoutRecord
from .profile import (
    KernelProfile,
    Limits,
    limits_for,
    notebook_choice,
    notebook_path,
    require_available,
    wants_real_aws,
)

PACKAGE = Path(__file__).resolve().parent.parent
LIMITS_SCRIPT = Path(__file__).resolve().parent / "limits.py"
CONTAINER_ROOT = "/opt/mlstudio"
# Minutes of idleness before a kernel of a type is shut down when nothing else is configured:
# instance types cost nothing locally, but they hold memory and CPUs someone else could use.
DEFAULT_IDLE_MINUTES = {"local": 0, "local_gpu": 60, "*": 120}


@dataclass
class RunningKernel:
    """A kernel this server started in a profile, as the usage and idle views need it."""

    kernel_id: str
    profile: KernelProfile
    notebook: str | None
    started: float
    pid: int | None = None
    container: str | None = None
    _cpu: tuple[float, float] | None = field(default=None, repr=False)


class KernelService:
    """Resolves kernel profiles and keeps the kernels running in them."""

    def __init__(
        self,
        *,
        database: Database,
        images: ImageService,
        catalogue: InstanceTypeCatalogue,
        monitor: HostMonitor,
        docker: Any,
        data_dir: Path,
        workspace_root: str,
        context: RequestContext,
        server_id: str,
        events: EventBus | None = None,
        idle_minutes: dict[str, float] | None = None,
        capacity: CapacityLedger | None = None,
        aws: StudioAws | None = None,
        mount_namespace: str | None = None,
    ) -> None:
        self.database = database
        #: The server's AWS for kernels (None: kernels keep whatever AWS the server has).
        self.aws = aws
        #: On a hub, the MLflow token of a user's kernels (``user`` → token); None elsewhere.
        self.mlflow_token: Callable[[str], str] | None = None
        #: "mount" or "user" where process kernels can have private mounts, else None.
        self.mount_namespace = mount_namespace
        self.images = images
        self.catalogue = catalogue
        self.monitor = monitor
        self.docker = docker
        self.data_dir = data_dir
        self.workspace_root = workspace_root
        #: The image new notebooks start on (``MLStudioApp.default_kernel_image``).
        self.default_image = DEFAULT_IMAGE
        self.context = context
        self.server_id = server_id
        self.events = events
        self.capacity = capacity or CapacityLedger(monitor.host)
        self.server_url = ""
        self.server_token = ""
        self.idle_defaults = {**DEFAULT_IDLE_MINUTES, **(idle_minutes or {})}
        self._running: dict[str, RunningKernel] = {}
        self._deaths: dict[str, str] = {}
        self._lock = threading.Lock()

    # -- profiles ------------------------------------------------------------------------------

    def profile(
        self, image: str, instance_type: str | None, replacing: str | None = None
    ) -> KernelProfile:
        """Image ``image`` on ``instance_type`` (or the default type), refused with the reason
        when either cannot run here. With ``replacing`` (a kernel about to restart in this
        profile), also refused when the host's free capacity, counting that kernel's own
        reservation as free, cannot take it now."""
        try:
            resolved = self.images.resolve(self.context, image)
        except NotFound as error:
            raise InvalidInput(error.message, field="image") from error
        if resolved.kind == "docker" and self.docker is None:
            raise InvalidInput(
                f"Image {image} is a Docker image, and the Docker backend is disabled here.",
                field="image",
            )
        chosen = self.catalogue.require(instance_type, field="instance_type")
        require_available(chosen)
        gpus = [gpu.index for gpu in self.monitor.host().gpus]
        profile = KernelProfile(
            image=resolved, instance_type=chosen, limits=limits_for(chosen, gpus)
        )
        if replacing is not None:
            shortfall = self.capacity.check(self._claim(replacing, profile, None), replacing)
            if shortfall is not None:
                raise LimitExceeded(
                    f"Instance type {chosen.name} cannot start a kernel now: "
                    f"it {shortfall.refusal()}",
                    field="instance_type",
                )
        return profile

    def profile_for_launch(self, image: str, session_name: str | None) -> tuple[KernelProfile, str]:
        """The profile of a kernel of ``image`` started for the notebook ``session_name``
        names: the notebook's instance type (else the default). Returns it with the
        notebook's path."""
        path = notebook_path(session_name, self.workspace_root)
        choice = notebook_choice(path)
        return self.profile(image, choice.get("instance_type")), path or ""

    # -- reservations ----------------------------------------------------------------------------

    def _claim(self, kernel_id: str, profile: KernelProfile, notebook: str | None) -> Claim:
        instance_type = profile.instance_type
        return Claim(
            kind="kernel",
            name=self.api_path(notebook) or kernel_id,
            holder=kernel_id,
            owner=self.context.owner,
            instance_type=instance_type.name,
            memory_bytes=0 if instance_type.local else int(instance_type.memory_gib * GIB),
            gpus=instance_type.gpus,
            vcpus=instance_type.effective_vcpus,
            pin_cpus=max(1, math.ceil(instance_type.effective_vcpus)),
        )

    def reserve(
        self, kernel_id: str, profile: KernelProfile, notebook: str | None
    ) -> KernelProfile:
        """Reserve what a kernel of ``profile`` holds (its type's memory and GPUs, the CPUs it
        is pinned to) and return the profile with those limits; ``LimitExceeded`` with the
        reason (what is missing, who holds it) when the host cannot take it now."""
        result = self.capacity.try_reserve(self._claim(kernel_id, profile, notebook))
        if not isinstance(result, Reservation):
            raise LimitExceeded(
                f"Instance type {profile.instance_type.name} cannot start a kernel now: it "
                f"{result.refusal()}. Shut down a kernel or wait for a job to end.",
                field="instance_type",
            )
        limits = Limits(
            cpus=result.cpus or profile.limits.cpus,
            memory_bytes=profile.limits.memory_bytes,
            gpus=list(result.gpus),
        )
        return KernelProfile(
            image=profile.image, instance_type=profile.instance_type, limits=limits
        )

    def release(self, kernel_id: str) -> bool:
        """Return a kernel's reservation (shut down, restarting, or failed to start)."""
        return self.capacity.release(kernel_id)

    def release_stale(self, alive: set[str], older_than_ms: int) -> list[str]:
        """Return reservations of kernels that neither run here nor are in ``alive`` (the
        kernel manager's), taken more than ``older_than_ms`` ago: a launch that failed between
        reservation and start leaves nothing held for long."""
        with self._lock:
            running = set(self._running)
        cutoff = int(time.time() * 1000) - older_than_ms
        stale = [
            item.holder
            for item in self.capacity.held()
            if item.kind == "kernel"
            and item.holder not in running
            and item.holder not in alive
            and item.since <= cutoff
        ]
        for holder in stale:
            self.capacity.release(holder)
        return stale

    # -- launch plans ----------------------------------------------------------------------------

    def packages_dir(self, image: str) -> Path:
        """Where packages the user installs from kernels of ``image`` live: kept across kernel
        restarts, instance switches and container removal."""
        folder = self.data_dir / "packages" / self.context.owner / image
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def aws_setup(self, notebook: str | None, container: bool) -> AwsSetup | None:
        """The server's AWS for a kernel of ``notebook`` (None when the notebook asks for the
        user's own AWS, or the server offers none)."""
        if self.aws is None or wants_real_aws(notebook):
            return None
        placement = placement_for(
            container=container, private_mounts=self.mount_namespace is not None
        )
        return self.aws.setup(self.context.owner, placement)

    def kernel_env(
        self,
        kernel_id: str,
        profile: KernelProfile,
        packages: str,
        aws: AwsSetup | None = None,
    ) -> dict[str, str]:
        """Variables every kernel gets (paths as the kernel sees them), with ``aws``'s."""
        env = {
            **(aws.env if aws is not None else {}),
            "MLSTUDIO_KERNEL_ID": kernel_id,
            "MLSTUDIO_IMAGE": profile.image.name,
            "MLSTUDIO_INSTANCE_TYPE": profile.instance_type.name,
            "PIP_TARGET": packages,
            "PYTHONUNBUFFERED": "1",
        }
        if self.server_url:
            env["MLSTUDIO_URL"] = self.server_url
        if self.server_token:
            env["MLSTUDIO_TOKEN"] = self.server_token
        if self.mlflow_token is not None and self.server_url:
            # On a hub: the MLflow face, as the kernel's user, with that user's own token.
            env["MLFLOW_TRACKING_URI"] = self.server_url.rstrip("/") + "/mlstudio/mlflow"
            env["MLFLOW_TRACKING_TOKEN"] = self.mlflow_token(self.context.owner)
        if profile.limits.gpus:
            env["CUDA_VISIBLE_DEVICES"] = ",".join(str(gpu) for gpu in profile.limits.gpus)
        elif profile.instance_type.gpus == 0:
            env["CUDA_VISIBLE_DEVICES"] = ""
        return env

    def local_command(
        self, profile: KernelProfile, cmd: list[str], mounts: list[Mount] | None = None
    ) -> list[str]:
        """``cmd`` started through the limits wrapper, by this server's Python; with
        ``mounts`` in a private mount namespace where the host allows one."""
        private: list[str] = []
        if mounts and self.mount_namespace:
            private = ["--namespace", self.mount_namespace]
            for mount in mounts:
                private += ["--bind", f"{mount.source}:{mount.target}"]
        return [
            sys.executable,
            "-I",
            "-S",
            str(LIMITS_SCRIPT),
            *profile.limits.launcher_args(),
            *private,
            "--",
            *cmd,
        ]

    def api_path(self, notebook: str | None) -> str | None:
        """A notebook's path as Jupyter's contents API names it (relative to the root)."""
        if not notebook:
            return None
        root = self.workspace_root.rstrip("/") + "/"
        return notebook[len(root) :] if notebook.startswith(root) else notebook

    def workspace_mount(self, image: ResolvedImage) -> str:
        """Where the workspace appears inside a container of ``image``."""
        return image.mount_path or self.workspace_root

    # -- running kernels -------------------------------------------------------------------------

    def register(self, kernel: RunningKernel) -> None:
        with self._lock:
            self._running[kernel.kernel_id] = kernel

    def forget(self, kernel_id: str) -> None:
        """A kernel stopped (or is restarting): it runs no more and holds nothing."""
        with self._lock:
            self._running.pop(kernel_id, None)
        self.release(kernel_id)

    def running(self, kernel_id: str) -> RunningKernel:
        with self._lock:
            found = self._running.get(kernel_id)
            death = self._deaths.get(kernel_id)
        if found is None:
            raise NotFound(death or f"Kernel {kernel_id} is not running in an ML Studio image.")
        return found

    def record_death(self, kernel_id: str, message: str) -> None:
        """Keep why a kernel ended on its own (for the API) and tell the UI."""
        with self._lock:
            kernel = self._running.get(kernel_id)
            self._deaths[kernel_id] = message
            while len(self._deaths) > 200:
                self._deaths.pop(next(iter(self._deaths)))
        if self.events is not None:
            self.events.emit(
                "kernel",
                {
                    "kernel_id": kernel_id,
                    "action": "died",
                    "path": self.api_path(kernel.notebook) if kernel else None,
                    "image": kernel.profile.image.name if kernel else "",
                    "instance_type": kernel.profile.instance_type.name if kernel else "",
                    "message": message[-2000:],
                },
            )

    def usage(self, kernel_id: str) -> dict[str, Any]:
        """CPU and memory use of a kernel against its limits, read now."""
        kernel = self.running(kernel_id)
        limits = kernel.profile.limits
        if kernel.container:
            cpu_seconds, memory = self._container_usage(kernel.container)
        else:
            cpu_seconds, memory = _process_usage(kernel.pid)
        now = time.monotonic()
        percent = None
        if kernel._cpu is not None and cpu_seconds is not None:
            before_time, before_cpu = kernel._cpu
            if now > before_time:
                percent = max(0.0, (cpu_seconds - before_cpu) / (now - before_time) * 100)
        if cpu_seconds is not None:
            kernel._cpu = (now, cpu_seconds)
        host_memory = self.monitor.host().memory_bytes
        return {
            "kernel_id": kernel_id,
            **kernel.profile.describe(),
            "cpu_percent": percent,
            "cpu_limit_percent": 100.0 * len(limits.cpus),
            "memory_used_bytes": memory,
            "memory_limit_bytes": limits.memory_bytes or host_memory,
            "idle_timeout_minutes": self.idle_minutes(kernel.profile.instance_type.name),
            "uptime_seconds": round(time.time() - kernel.started, 1),
            "last_exit": self._deaths.get(kernel_id),
        }

    def _container_usage(self, container: str) -> tuple[float | None, int | None]:
        try:
            stats = self.docker.client.containers.get(container).stats(stream=False, one_shot=True)
        except Exception:
            return None, None
        cpu = (stats.get("cpu_stats") or {}).get("cpu_usage", {}).get("total_usage")
        memory = (stats.get("memory_stats") or {}).get("usage")
        inactive = ((stats.get("memory_stats") or {}).get("stats") or {}).get("inactive_file", 0)
        return (cpu / 1e9 if cpu is not None else None), (
            memory - inactive if memory is not None else None
        )

    def container_labels(self, kernel_id: str) -> dict[str, str]:
        return {
            "mlstudio.kind": "kernel",
            "mlstudio.kernel": kernel_id,
            "mlstudio.server": self.server_id,
        }

    def remove_orphans(self) -> int:
        """Remove kernel containers a previous run of this server left behind (it was killed)."""
        if self.docker is None:
            return 0
        try:
            names = self.docker.list({"mlstudio.kind": "kernel", "mlstudio.server": self.server_id})
            for name in names:
                self.docker.remove(name)
        except Exception:  # no engine: nothing can be left running in it
            return 0
        return len(names)

    def kernels(self) -> list[RunningKernel]:
        with self._lock:
            return list(self._running.values())

    # -- idle timeouts -----------------------------------------------------------------------

    def idle_minutes(self, instance_type: str) -> float:
        """Minutes of idleness after which kernels of ``instance_type`` stop (0: never)."""
        with self.database.session() as session:
            record = session.scalar(
                select(IdleTimeoutRecord).where(
                    IdleTimeoutRecord.domain == self.context.domain,
                    IdleTimeoutRecord.instance_type == instance_type,
                )
            )
            if record is not None:
                return record.minutes
        return float(self.idle_defaults.get(instance_type, self.idle_defaults.get("*", 0)))

    def set_idle_minutes(self, instance_type: str, minutes: float, owner: str) -> float:
        self.catalogue.get(instance_type)  # NotFound for an unknown type
        if minutes < 0 or minutes > 60 * 24 * 30:
            raise InvalidInput(
                "An idle timeout is between 0 (never) and 43200 minutes (30 days).",
                field="minutes",
            )
        with self.database.session() as session:
            record = session.scalar(
                select(IdleTimeoutRecord).where(
                    IdleTimeoutRecord.domain == self.context.domain,
                    IdleTimeoutRecord.instance_type == instance_type,
                )
            )
            if record is None:
                record = IdleTimeoutRecord(
                    domain=self.context.domain,
                    space=self.context.space,
                    instance_type=instance_type,
                    minutes=minutes,
                )
                session.add(record)
            record.minutes = minutes
            record.owner = owner
        return minutes

    def idle_table(self) -> dict[str, float]:
        return {item.name: self.idle_minutes(item.name) for item in self.catalogue.list()}


def _process_usage(pid: int | None) -> tuple[float | None, int | None]:
    """CPU seconds and resident memory of ``pid`` and everything it started."""
    if pid is None:
        return None, None
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return None, None
    cpu = 0.0
    memory = 0
    for process in processes:
        try:
            times = process.cpu_times()
            cpu += times.user + times.system
            memory += process.memory_info().rss
        except psutil.Error:
            continue
    return cpu, memory


_current: KernelService | None = None


def install(service: KernelService | None) -> None:
    """Make ``service`` the one the provisioners of this process use."""
    global _current
    _current = service


def current() -> KernelService:
    if _current is None:
        raise RuntimeError(
            "ML Studio kernels start only in a Jupyter server with the jupyterlab_mlstudio "
            "extension enabled (jupyter lab / jupyter server)."
        )
    return _current
