"""Asks each runtime backend whether it can run units on this host."""

from __future__ import annotations

import platform
import sys

import docker
from docker.errors import DockerException

from .engine_errors import docker_problem
from .models import BackendStatus

NO_OPT_ML = "jobs have no private /opt/ml (scripts must use the SM_* paths)"

#: Host settings that forbid unprivileged user namespaces: (file, value that forbids, the fix).
USERNS_SETTINGS = (
    (
        "/proc/sys/kernel/unprivileged_userns_clone",
        "0",
        "sysctl -w kernel.unprivileged_userns_clone=1",
    ),
    (
        "/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
        "1",
        "sysctl -w kernel.apparmor_restrict_unprivileged_userns=0",
    ),
    ("/proc/sys/user/max_user_namespaces", "0", "sysctl -w user.max_user_namespaces=15000"),
)


def userns_setting(settings: tuple[tuple[str, str, str], ...] | None = None) -> str | None:
    """The one-line host setting that would allow unprivileged user namespaces here, or None
    when no known setting forbids them (a container's seccomp profile, for example)."""
    for path, forbidding, fix in USERNS_SETTINGS if settings is None else settings:
        try:
            with open(path) as handle:
                value = handle.read().strip()
        except OSError:
            continue
        if value == forbidding:
            return fix
    return None


def probe_process() -> BackendStatus:
    """The process backend needs nothing but this Python: always available."""
    return BackendStatus(
        name="process",
        available=True,
        detail=f"Python {platform.python_version()} at {sys.executable}",
    )


def probe_docker(base_url: str | None = None, timeout: float = 3.0) -> BackendStatus:
    """The Docker backend is available when an engine answers at ``base_url`` (or DOCKER_HOST)."""
    try:
        client = (
            docker.DockerClient(base_url=base_url, timeout=timeout)
            if base_url
            else docker.from_env(timeout=timeout)
        )
    except DockerException as error:
        return BackendStatus(name="docker", available=False, reason=docker_problem(error, base_url))
    try:
        version = client.version()
    except Exception as error:  # requests' connection errors surface unwrapped on some versions
        return BackendStatus(name="docker", available=False, reason=docker_problem(error, base_url))
    finally:
        client.close()
    return BackendStatus(
        name="docker",
        available=True,
        detail=f"Docker Engine {version.get('Version', '?')} "
        f"({version.get('Os', '?')}/{version.get('Arch', '?')})",
    )
