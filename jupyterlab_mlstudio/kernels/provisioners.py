"""jupyter_client kernel provisioners for kernels in registered images.

``mlstudio-process`` starts the kernel of a local environment as a process of this host, through
the limits wrapper (CPU affinity and a data-segment cap), below a reaper (``runtime/reaper.py``)
that ends everything the kernel started when the kernel ends, even processes that left its
process group, and that the provisioner ends with all it holds when the kernel is killed.
``mlstudio-docker`` starts it in a container of the image, on the host network (the kernel's
ZeroMQ ports stay on 127.0.0.1), with the workspace and the user's package folder mounted, the
container's CPU set and memory limit, and the same wrapper inside so an allocation past the limit
fails in the kernel.

Both read the notebook's ``mlstudio`` metadata at every launch (restarts included): restarting a
kernel applies a changed instance type. Both reserve the kernel's share of the host in the
capacity ledger as the last step before launching, and return it when the kernel stops, restarts
or fails to launch.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

from ..awsenv.environment import AwsSetup, merged
from ..core.errors import MLStudioError
from ..images.inspect import foreign_env
from ..runtime import reaper
from ..runtime.base import ContainerSpec, Mount, Resources, UnitError, UnitState
from .service import CONTAINER_ROOT, LIMITS_SCRIPT, PACKAGE, KernelService, RunningKernel, current

# A container gets this much memory on top of the kernel's data limit: shared libraries, page
# cache and the wrapper. The data limit is what makes an allocation fail inside the kernel.
CONTAINER_HEADROOM = 512 * 1024 * 1024

log = logging.getLogger(__name__)


def _spec_image(kernel_spec: Any) -> str:
    metadata = getattr(kernel_spec, "metadata", None) or {}
    image = (metadata.get("mlstudio") or {}).get("image")
    if not image:
        raise RuntimeError("this kernel spec names no ML Studio image (metadata.mlstudio.image)")
    return str(image)


class _Profiled:
    """What both provisioners share: the profile of the launch being prepared."""

    kernel_id: str
    kernel_spec: Any
    _profile_info: tuple[Any, str] | None = None

    async def _resolve(self, kwargs: dict[str, Any]) -> tuple[KernelService, Any, str]:
        service = current()
        env = kwargs.get("env") or {}
        try:
            profile, notebook = await asyncio.to_thread(
                service.profile_for_launch,
                _spec_image(self.kernel_spec),
                env.get("JPY_SESSION_NAME"),
            )
        except MLStudioError as error:
            raise RuntimeError(error.message) from error
        return service, profile, notebook

    def _reserve(self, service: KernelService, profile: Any, notebook: str) -> Any:
        """The profile with the memory, GPUs and CPUs reserved for this kernel."""
        try:
            return service.reserve(self.kernel_id, profile, notebook)
        except MLStudioError as error:
            raise RuntimeError(error.message) from error

    def _died(self, reason: str, tail: list[str]) -> None:
        """A kernel ended without being asked to: say why, in the log, the API and the UI."""
        output = "\n".join(tail[-20:]) or "(no output)"
        log.warning("Kernel %s ended (%s):\n%s", self.kernel_id, reason, output)
        with contextlib.suppress(RuntimeError):
            current().record_death(self.kernel_id, f"The kernel ended ({reason}): {output}")


class ProcessKernelProvisioner(_Profiled, LocalProvisioner):
    """A local environment's kernel, as a process of this host within its instance type."""

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        service, profile, notebook = await self._resolve(kwargs)
        if profile.image.kind != "local":
            raise RuntimeError(
                f"Image {profile.image.name} is now a Docker image; reopen the notebook with "
                "its kernel from the launcher."
            )
        aws = await asyncio.to_thread(service.aws_setup, notebook, False)
        kwargs = await super().pre_launch(**kwargs)
        profile = self._reserve(service, profile, notebook)
        packages = str(service.packages_dir(profile.image.name))
        env = dict(kwargs.get("env") or {})
        own_python = profile.image.interpreter == sys.executable
        if not own_python:  # another environment must not see this server's packages
            env = {**foreign_env(), **{k: v for k, v in env.items() if k not in os.environ}}
        if aws is not None:  # the server's AWS, not the AWS its own environment names
            env = merged(env, aws)
        env.update(service.kernel_env(self.kernel_id, profile, packages, aws))
        env["PYTHONPATH"] = os.pathsep.join(
            part for part in (packages, env.get("PYTHONPATH", "") if own_python else "") if part
        )
        interpreter_bin = str(Path(profile.image.interpreter).parent)
        env["PATH"] = os.pathsep.join([interpreter_bin, env.get("PATH", os.defpath)])
        kwargs["env"] = env
        kwargs["cmd"] = reaped(
            service.local_command(profile, list(kwargs["cmd"]), aws.mounts if aws else None)
        )
        self._profile_info = (profile, notebook)
        return kwargs

    _stopping = False
    _tail: deque[str] | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        # The kernel's stderr still reaches the server's, through a thread that keeps its last
        # lines: they explain a kernel that dies on start.
        kwargs["stderr"] = subprocess.PIPE
        try:
            info = await super().launch_kernel(cmd, **kwargs)
        except BaseException:
            with contextlib.suppress(RuntimeError):
                current().release(self.kernel_id)
            raise
        self._stopping = False
        self._tail = deque(maxlen=40)
        assert self.process is not None
        threading.Thread(
            target=_forward, args=(self.process.stderr, self._tail), daemon=True
        ).start()
        if self._profile_info is not None:
            profile, notebook = self._profile_info
            current().register(
                RunningKernel(self.kernel_id, profile, notebook, time.time(), pid=self.pid)
            )
        return info

    async def poll(self) -> int | None:
        process = self.process
        code = await super().poll()
        if code is not None and process is not None and not self._stopping:
            self._stopping = True  # report once
            await asyncio.sleep(0.05)  # the reader thread takes the last lines
            self._died(f"exit code {code}", list(self._tail or []))
        return code

    async def kill(self, restart: bool = False) -> None:
        self._stopping = True
        process = self.process
        if process is not None and process.poll() is None:
            # The reaper and everything below it, including processes that left the group.
            parent = _cgroup_parent()
            cgroup = f"{parent}/mlstudio-{process.pid}" if parent else None
            await asyncio.to_thread(reaper.end_unit, process.pid, cgroup)
        await super().kill(restart)

    async def terminate(self, restart: bool = False) -> None:
        self._stopping = True
        await super().terminate(restart)

    async def shutdown_requested(self, restart: bool = False) -> None:
        self._stopping = True

    async def cleanup(self, restart: bool = False) -> None:
        await super().cleanup(restart)
        with contextlib.suppress(RuntimeError):
            current().forget(self.kernel_id)


REAPER = Path(reaper.__file__).resolve()


@functools.cache
def _cgroup_parent() -> str | None:
    return reaper.cgroup_parent()


def reaped(command: list[str]) -> list[str]:
    """``command`` below the reaper (in its own cgroup where the host allows one)."""
    parent = _cgroup_parent()
    options = ["--cgroup", parent] if parent else []
    return [sys.executable, "-I", "-S", str(REAPER), *options, "--", *command]


def _forward(stream: Any, tail: deque[str]) -> None:
    for raw in iter(stream.readline, b""):
        with contextlib.suppress(Exception):
            sys.stderr.buffer.write(raw)
            sys.stderr.flush()
        tail.append(raw.decode("utf-8", "replace").rstrip())
    stream.close()


class DockerKernelProvisioner(_Profiled, LocalProvisioner):
    """A Docker image's kernel, as a container on the host network within its instance type."""

    container: str | None = None
    _exit_code: int | None = None
    _stopping = False
    _aws: AwsSetup | None = None

    @property
    def has_process(self) -> bool:
        return self.container is not None

    def _folder(self) -> Path:
        return current().data_dir / "kernels-run" / self.kernel_id

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        service, profile, notebook = await self._resolve(kwargs)
        if profile.image.kind != "docker":
            raise RuntimeError(
                f"Image {profile.image.name} is now a local environment; reopen the notebook "
                "with its kernel from the launcher."
            )
        self._aws = await asyncio.to_thread(service.aws_setup, notebook, True)
        kwargs = await super().pre_launch(**kwargs)
        self._profile_info = (self._reserve(service, profile, notebook), notebook)
        return kwargs

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        service = current()
        assert self._profile_info is not None
        profile, notebook = self._profile_info
        try:
            spec = await asyncio.to_thread(self._container_spec, service, profile, cmd, kwargs)
            await asyncio.to_thread(service.docker.start, spec)
        except BaseException as error:
            service.release(self.kernel_id)
            if isinstance(error, UnitError):
                raise RuntimeError(str(error)) from error
            raise
        self.container = spec.name
        self._exit_code = None
        self._stopping = False
        service.register(
            RunningKernel(self.kernel_id, profile, notebook, time.time(), container=spec.name)
        )
        return self.connection_info

    def _container_spec(
        self, service: KernelService, profile: Any, cmd: list[str], kwargs: dict[str, Any]
    ) -> ContainerSpec:
        image = profile.image
        folder = self._folder()
        folder.mkdir(parents=True, exist_ok=True)
        # Only this kernel's connection file goes into the container, not the runtime folder.
        assert self.parent is not None
        connection = Path(self.parent.connection_file)
        private = folder / "connection.json"
        private.write_text(connection.read_text())
        private.chmod(0o600)
        uid, gid = service.docker.user_for(image.uid, image.gid) or (image.uid, image.gid)
        if os.geteuid() == 0 and uid != 0:
            os.chown(private, uid, gid)
        inside = f"{CONTAINER_ROOT}/run/connection.json"
        cmd = [inside if part == str(connection) else part for part in cmd]

        workspace = service.workspace_root
        mount_path = service.workspace_mount(image)
        cwd = str(kwargs.get("cwd") or workspace)
        if cwd == workspace or cwd.startswith(workspace + os.sep):
            workdir = mount_path + cwd[len(workspace) :]
        else:
            workdir = mount_path
        packages = service.packages_dir(image.name)
        container_packages = f"{CONTAINER_ROOT}/packages"
        aws = self._aws
        env = service.kernel_env(self.kernel_id, profile, container_packages, aws)
        env["PYTHONPATH"] = f"{container_packages}:{CONTAINER_ROOT}/python"
        inside_notebook = notebook_inside(kwargs, workspace)
        if inside_notebook:
            env["JPY_SESSION_NAME"] = mount_path + inside_notebook
        env["HOME"] = "/tmp"
        limits = profile.limits
        return ContainerSpec(
            name=f"mlstudio-kernel-{self.kernel_id}",
            image=image.target,
            entrypoint=[image.interpreter, f"{CONTAINER_ROOT}/kernel/limits.py"],
            command=[*limits.launcher_args(), "--", *cmd],
            env=env,
            workdir=workdir,
            mounts=[
                Mount(str(folder), f"{CONTAINER_ROOT}/run", read_only=True),
                Mount(str(LIMITS_SCRIPT), f"{CONTAINER_ROOT}/kernel/limits.py", read_only=True),
                Mount(str(PACKAGE), f"{CONTAINER_ROOT}/python/{PACKAGE.name}", read_only=True),
                Mount(str(packages), container_packages),
                Mount(workspace, mount_path),
                *(aws.mounts if aws is not None else []),
            ],
            resources=Resources(
                cpus=float(len(limits.cpus)),
                memory_bytes=(limits.memory_bytes + CONTAINER_HEADROOM)
                if limits.memory_bytes
                else None,
                gpus=limits.gpus,
                cpu_set=limits.cpus,
            ),
            labels=service.container_labels(self.kernel_id),
            network="host",
            user=f"{uid}:{gid}",
            stop_grace_seconds=5.0,
        )

    async def poll(self) -> int | None:
        if self.container is None:
            return self._exit_code if self._exit_code is not None else 0
        status = await asyncio.to_thread(current().docker.status, self.container)
        if status.state == UnitState.RUNNING:
            return None
        first = self._exit_code is None
        self._exit_code = (
            status.exit_code if status.exit_code is not None else -(status.signal or 9)
        )
        if first and not self._stopping:
            await asyncio.to_thread(self._report_exit, status)
        return self._exit_code

    def _report_exit(self, status: Any) -> None:
        """Say why a kernel's container ended on its own (with its last lines)."""
        assert self.container is not None
        try:
            tail = current().docker.read_logs(self.container).lines[-20:]
        except Exception:
            tail = []
        reason = "killed: out of memory" if status.oom_killed else f"exit code {self._exit_code}"
        self._died(reason, [text for _, text in tail])

    async def wait(self) -> int | None:
        while self.container is not None:
            code = await self.poll()
            if code is not None:
                await self._remove()
                return code
            await asyncio.sleep(0.1)
        return self._exit_code

    async def send_signal(self, signum: int) -> None:
        if self.container is None:
            return
        if signum == 0:
            if await self.poll() is not None:
                raise ProcessLookupError("the kernel's container has exited")
            return
        name = signal.Signals(signum).name
        docker = current().docker

        def deliver() -> None:
            with contextlib.suppress(Exception):
                docker.client.containers.get(self.container).kill(signal=name)

        await asyncio.to_thread(deliver)

    async def kill(self, restart: bool = False) -> None:
        self._stopping = True
        await self.send_signal(signal.SIGKILL)

    async def terminate(self, restart: bool = False) -> None:
        self._stopping = True
        await self.send_signal(signal.SIGTERM)

    async def shutdown_requested(self, restart: bool = False) -> None:
        self._stopping = True

    async def _remove(self) -> None:
        if self.container is None:
            return
        name, self.container = self.container, None
        with contextlib.suppress(Exception):
            await asyncio.to_thread(current().docker.remove, name)

    async def cleanup(self, restart: bool = False) -> None:
        await self._remove()
        await super().cleanup(restart)
        with contextlib.suppress(RuntimeError):
            service = current()
            service.forget(self.kernel_id)
            if not restart:
                shutil.rmtree(self._folder(), ignore_errors=True)

    async def get_provisioner_info(self) -> dict[str, Any]:
        info = await super().get_provisioner_info()
        info["container"] = self.container
        return info

    async def load_provisioner_info(self, provisioner_info: dict[str, Any]) -> None:
        await super().load_provisioner_info(provisioner_info)
        self.container = provisioner_info.get("container")


def notebook_inside(kwargs: dict[str, Any], workspace: str) -> str:
    """The notebook's path below the workspace root (for JPY_SESSION_NAME in a container)."""
    name = str((kwargs.get("env") or {}).get("JPY_SESSION_NAME") or "")
    if name.startswith(workspace + os.sep):
        return name[len(workspace) :]
    return "/" + name.lstrip("/") if name else ""
