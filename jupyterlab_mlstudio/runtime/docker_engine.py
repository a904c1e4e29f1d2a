"""The Docker backend: each unit is a container, with the job folder bind-mounted at /opt/ml.

Files a container writes to its bind mounts must belong to the user who runs the server, who may
be root, a member of the ``docker`` group, or the owner of a rootless engine
(:meth:`DockerBackend.user_for` says which uid:gid a container runs as in each case).
"""

from __future__ import annotations

import contextlib
import os
import threading
from datetime import datetime, timezone
from typing import Any

import docker
from docker.errors import APIError, DockerException, ImageNotFound, NotFound
from docker.types import DeviceRequest

from .base import ContainerSpec, LogRead, RuntimeBackend, UnitError, UnitState, UnitStatus
from .engine_errors import docker_problem
from .models import BackendStatus
from .probe import probe_docker


def _nanoseconds(stamp: str) -> int:
    """RFC 3339 with up to nine fractional digits (Docker's log timestamps) to epoch ns."""
    date, _, fraction = stamp.rstrip("Z").partition(".")
    seconds = int(datetime.fromisoformat(date).replace(tzinfo=timezone.utc).timestamp())
    return seconds * 1_000_000_000 + int((fraction + "000000000")[:9] or 0)


class DockerBackend(RuntimeBackend):
    """Units as containers of a Docker engine."""

    name = "docker"

    def __init__(self, base_url: str | None = None, timeout: float = 30.0) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self._client: Any = None
        self._lock = threading.Lock()
        self._rootless: bool | None = None

    @property
    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                try:
                    if self.base_url:
                        self._client = docker.DockerClient(
                            base_url=self.base_url, timeout=self.timeout
                        )
                    else:
                        self._client = docker.from_env(timeout=self.timeout)
                except DockerException as error:
                    raise UnitError(docker_problem(error, self.base_url)) from error
            return self._client

    def probe(self) -> BackendStatus:
        return probe_docker(self.base_url)

    def rootless(self) -> bool:
        """Whether the engine runs rootless (its root is the engine owner outside)."""
        if self._rootless is None:
            try:
                options = self.client.info().get("SecurityOptions") or []
            except DockerException as error:
                raise UnitError(docker_problem(error, self.base_url)) from error
            self._rootless = any("name=rootless" in option for option in options)
        return self._rootless

    def user_for(self, uid: int | None = None, gid: int | None = None) -> tuple[int, int] | None:
        """The uid and gid a container runs as, so that what it writes to bind mounts belongs to
        this server's user. ``uid``/``gid``: the image's file-system settings (its app image
        config's DefaultUid/DefaultGid), ``None`` when it has none.

        - server as root: the image's settings (``None``: the image's own USER);
        - rootless engine: root in the container, which is the engine's owner outside;
        - otherwise (a member of the ``docker`` group): this user's own uid and gid, since the
          engine maps nothing and files would otherwise belong to root or a stranger.
        """
        if os.geteuid() == 0:
            return None if uid is None else (uid, gid if gid is not None else 0)
        if self.rootless():
            return (0, 0)
        return (os.getuid(), os.getgid())

    def has_image(self, image: str) -> bool:
        try:
            self.client.images.get(image)
        except ImageNotFound:
            return False
        except DockerException as error:
            raise UnitError(docker_problem(error, self.base_url)) from error
        return True

    def ensure_network(self, name: str) -> None:
        """A user-defined bridge network, so units on it resolve each other by host name."""
        if not self.client.networks.list(names=[name]):
            self.client.networks.create(name, driver="bridge", labels={"mlstudio.network": name})

    def remove_network(self, name: str) -> None:
        for network in self.client.networks.list(names=[name]):
            # Still in use by a container that is going away: a later call retries.
            with contextlib.suppress(APIError):
                network.remove()

    def start(self, spec: ContainerSpec) -> str:
        try:
            existing = self.client.containers.list(all=True, filters={"name": f"^{spec.name}$"})
            for container in existing:
                container.remove(force=True)
            kwargs: dict[str, Any] = {
                "image": spec.image,
                "command": spec.command or None,
                "name": spec.name,
                "detach": True,
                "environment": spec.env,
                "labels": spec.labels,
                "working_dir": spec.workdir,
                "volumes": {
                    mount.source: {"bind": mount.target, "mode": "ro" if mount.read_only else "rw"}
                    for mount in spec.mounts
                },
                "nano_cpus": int(spec.resources.cpus * 1e9),
                "init": True,
            }
            if spec.resources.cpu_set:
                kwargs["cpuset_cpus"] = ",".join(str(cpu) for cpu in spec.resources.cpu_set)
            user = spec.user
            if user is None:
                chosen = self.user_for()
                if chosen is not None:
                    user = f"{chosen[0]}:{chosen[1]}"
                    # An id without a passwd entry in the image gets HOME=/, unwritable.
                    if "HOME" not in spec.env:
                        kwargs["environment"] = {**spec.env, "HOME": "/tmp"}
            if user:
                kwargs["user"] = user
            if spec.entrypoint is not None:
                kwargs["entrypoint"] = spec.entrypoint
            if spec.resources.memory_bytes:
                kwargs["mem_limit"] = spec.resources.memory_bytes
                kwargs["memswap_limit"] = spec.resources.memory_bytes
            if spec.resources.gpus:
                kwargs["device_requests"] = [
                    DeviceRequest(
                        device_ids=[str(gpu) for gpu in spec.resources.gpus], capabilities=[["gpu"]]
                    )
                ]
            if spec.network == "host":
                kwargs["network_mode"] = "host"
                kwargs["extra_hosts"] = spec.extra_hosts or None
            elif spec.network:
                kwargs["network"] = spec.network
                kwargs["hostname"] = spec.hostname
            if spec.ports:
                kwargs["ports"] = {
                    f"{inside}/tcp": ("127.0.0.1", outside)
                    for inside, outside in spec.ports.items()
                }
            container = self.client.containers.run(**kwargs)
            if spec.network not in (None, "host") and spec.hostname:
                # Let the other hosts of the job find this one by its SageMaker host name.
                network = self.client.networks.get(spec.network)
                network.disconnect(container)
                network.connect(container, aliases=[spec.hostname])
        except ImageNotFound as error:
            raise UnitError(f"Image {spec.image} is not present in the Docker engine") from error
        except DockerException as error:
            raise UnitError(
                f"Docker could not start {spec.name}. {docker_problem(error, self.base_url)}"
            ) from error
        return spec.name

    def _container(self, unit: str) -> Any:
        try:
            return self.client.containers.get(unit)
        except NotFound:
            return None

    def status(self, unit: str) -> UnitStatus:
        try:
            container = self._container(unit)
        except DockerException as error:
            return UnitStatus(
                unit=unit, state=UnitState.RUNNING, error=f"engine unreachable: {error}"
            )
        if container is None:
            return UnitStatus(
                unit=unit,
                state=UnitState.LOST,
                error="the container is gone (removed from outside?)",
            )
        state = container.attrs.get("State", {})
        if state.get("Status") in ("created", "running", "restarting", "paused"):
            return UnitStatus(unit=unit, state=UnitState.RUNNING)
        code = state.get("ExitCode")
        return UnitStatus(
            unit=unit,
            state=UnitState.EXITED,
            exit_code=code if code is None or code < 128 else None,
            signal=code - 128 if code is not None and code >= 128 else None,
            oom_killed=bool(state.get("OOMKilled")),
            error=state.get("Error") or None,
        )

    def read_logs(self, unit: str, cursor: Any = None, limit: int = 5000) -> LogRead:
        container = self._container(unit)
        if container is None:
            return LogRead(lines=[], cursor=cursor, complete=True)
        after = int(cursor or 0)
        kwargs: dict[str, Any] = {"stdout": True, "stderr": True, "timestamps": True}
        if after:
            kwargs["since"] = after / 1e9 - 1  # whole seconds on some engines: filter below
        raw = container.logs(**kwargs)
        lines: list[tuple[int, str]] = []
        last = after
        for entry in raw.decode("utf-8", "replace").splitlines():
            stamp, _, text = entry.partition(" ")
            try:
                nanos = _nanoseconds(stamp)
            except ValueError:
                continue
            if nanos <= after:
                continue
            lines.append((nanos // 1_000_000, text.rstrip("\r")))
            last = nanos
            if len(lines) >= limit:
                break
        return LogRead(lines=lines, cursor=last)

    def stop(self, unit: str, grace_seconds: float) -> None:
        container = self._container(unit)
        if container is None:
            return
        try:
            container.kill(signal="SIGTERM")
        except APIError:
            return  # not running any more

        def escalate() -> None:
            current = self._container(unit)
            if current is not None and current.attrs.get("State", {}).get("Running"):
                with contextlib.suppress(APIError):
                    current.kill(signal="SIGKILL")

        timer = threading.Timer(grace_seconds, escalate)
        timer.daemon = True
        timer.start()

    def list(self, labels: dict[str, str]) -> list[str]:
        filters = {"label": [f"{key}={value}" for key, value in labels.items()]}
        return sorted(
            container.name for container in self.client.containers.list(all=True, filters=filters)
        )

    def remove(self, unit: str) -> None:
        container = self._container(unit)
        if container is not None:
            container.remove(force=True)
