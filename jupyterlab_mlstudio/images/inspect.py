"""What is inside an image version, and exactly what is wrong with it if it cannot run kernels.

A local environment is an interpreter path, a venv or a conda environment folder; a Docker
image is a reference the local engine has. Either is asked, by running its Python, for its
version, architecture, ipykernel and kernel specs.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..runtime.base import UnitError

log = logging.getLogger(__name__)

PROBE = (
    "import json, platform, sys\n"
    "found = {'python': platform.python_version(), 'arch': platform.machine(),"
    " 'executable': sys.executable}\n"
    "try:\n"
    "    import ipykernel\n"
    "    found['ipykernel'] = ipykernel.__version__\n"
    "except Exception:\n"
    "    found['ipykernel'] = None\n"
    "found['kernel_argv'] = {}\n"
    "try:\n"
    "    from jupyter_client.kernelspec import KernelSpecManager\n"
    "    specs = KernelSpecManager().get_all_specs()\n"
    "    found['kernel_argv'] = {k: v['spec']['argv'] for k, v in specs.items()}\n"
    "except Exception:\n"
    "    if found['ipykernel']:\n"
    "        found['kernel_argv'] = {'python3': ['python', '-m', 'ipykernel_launcher',"
    " '-f', '{connection_file}']}\n"
    "found['kernel_specs'] = sorted(found['kernel_argv'])\n"
    "print(json.dumps(found))\n"
)
ARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}
ALLOWED_UIDS = (0, 1000)
ALLOWED_GIDS = (0, 100)


@dataclass
class Inspection:
    """The result: ``problems`` empty means the version can run kernels."""

    kind: str
    interpreter: str | None = None
    python: str | None = None
    arch: str | None = None
    ipykernel: str | None = None
    kernel_specs: list[str] = field(default_factory=list)
    kernel_argv: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def details(self) -> dict[str, Any]:
        return {
            "interpreter": self.interpreter,
            "python": self.python,
            "arch": self.arch,
            "ipykernel": self.ipykernel,
            "kernel_specs": self.kernel_specs,
            "kernel_argv": self.kernel_argv,
        }


def kind_of(base_image: str) -> str:
    """``local`` for file:// URIs and absolute paths (a Docker reference never starts with
    ``/``), ``docker`` for image references."""
    return "local" if base_image.startswith(("file://", "/")) else "docker"


def local_interpreter(base_image: str) -> Path | None:
    """The Python of a local environment: the path itself, or bin/python(3) inside a folder."""
    path = Path(base_image.removeprefix("file://"))
    if path.is_file():
        return path
    for candidate in ("bin/python3", "bin/python", "python.exe"):
        if (path / candidate).is_file():
            return path / candidate
    return None


def foreign_env() -> dict[str, str]:
    """This process's environment without what would make another Python see this one's
    packages."""
    return {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONUSERBASE")
    }


def _probe_output(output: str, inspection: Inspection) -> dict[str, Any]:
    try:
        found = json.loads(output.strip().splitlines()[-1])
    except (ValueError, IndexError):
        inspection.problems.append(
            f"its Python did not answer the probe: {output.strip()[-300:]!r}"
        )
        return {}
    inspection.python = found.get("python")
    inspection.arch = found.get("arch")
    inspection.ipykernel = found.get("ipykernel")
    inspection.kernel_specs = list(found.get("kernel_specs") or [])
    inspection.kernel_argv = {
        str(name): [str(part) for part in argv]
        for name, argv in (found.get("kernel_argv") or {}).items()
    }
    return found


def inspect_self() -> Inspection:
    """This server's own Python, read in-process (no probe process to wait for)."""
    inspection = Inspection(
        kind="local",
        interpreter=sys.executable,
        python=platform.python_version(),
        arch=platform.machine(),
    )
    try:
        import ipykernel
        from jupyter_client.kernelspec import KernelSpecManager
    except ImportError:
        return inspect_local(f"file://{sys.executable}")
    inspection.ipykernel = ipykernel.__version__
    specs = KernelSpecManager().get_all_specs()
    inspection.kernel_argv = {name: list(item["spec"]["argv"]) for name, item in specs.items()}
    inspection.kernel_specs = sorted(inspection.kernel_argv)
    return inspection


def inspect_local(base_image: str) -> Inspection:
    interpreter = local_interpreter(base_image)
    if interpreter is not None and str(interpreter) == sys.executable:
        return inspect_self()
    inspection = Inspection(kind="local")
    if interpreter is None:
        where = base_image.removeprefix("file://")
        inspection.problems.append(
            f"no Python at {where} (give an interpreter, a venv or a conda env)"
        )
        return inspection
    inspection.interpreter = str(interpreter)
    try:
        done = subprocess.run(
            [str(interpreter), "-c", PROBE],
            capture_output=True,
            text=True,
            timeout=60,
            env=foreign_env(),
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        inspection.problems.append(f"{interpreter} does not run: {error}")
        return inspection
    if done.returncode != 0:
        inspection.problems.append(
            f"{interpreter} failed: {(done.stderr or done.stdout).strip()[-300:]}"
        )
        return inspection
    _probe_output(done.stdout, inspection)
    return inspection


def inspect_docker(reference: str, docker: Any) -> Inspection:
    """``docker`` is the DockerBackend (or None when no engine answers)."""
    inspection = Inspection(kind="docker", interpreter=None)
    if docker is None:
        inspection.problems.append("it is a Docker image, and no Docker engine answers here")
        return inspection
    try:
        if not docker.has_image(reference):
            inspection.problems.append(
                f"the image {reference} is not present in the Docker engine; build or pull it"
            )
            return inspection
        image = docker.client.images.get(reference)
    except UnitError as error:
        inspection.problems.append(str(error))
        return inspection
    image_arch = ARCH.get(str(image.attrs.get("Architecture", "")), image.attrs.get("Architecture"))
    host_arch = ARCH.get(platform.machine(), platform.machine())
    inspection.arch = image_arch
    if image_arch != host_arch:
        inspection.problems.append(
            f"its architecture is {image_arch}, and this host is {host_arch}"
        )
        return inspection
    for python in ("python3", "python"):
        try:
            output = _run_probe(docker, reference, python)
        except Exception as error:  # docker.errors.APIError: this name is missing, or it failed
            last = str(error)
            continue
        inspection.interpreter = python
        found = _probe_output(output.decode("utf-8", "replace"), inspection)
        # Its absolute path: Jupyter would take a bare "python3" for its own interpreter.
        inspection.interpreter = str(found.get("executable") or python)
        return inspection
    inspection.problems.append(f"it has no Python (neither python3 nor python runs: {last[-200:]})")
    return inspection


def _run_probe(docker: Any, reference: str, python: str) -> bytes:
    """Run the probe with ``python`` in a throwaway container, removed whatever happens (a
    container whose entrypoint does not exist never starts, and ``run(remove=True)`` would
    leave it behind)."""
    container = docker.client.containers.create(
        reference, ["-c", PROBE], entrypoint=[python], network_mode="none"
    )
    try:
        container.start()
        code = container.wait(timeout=120).get("StatusCode", 1)
        output = bytes(container.logs(stdout=True, stderr=True))
        if code != 0:
            raise RuntimeError(
                f"{python} exited with {code}: {output[-300:].decode(errors='replace')}"
            )
        return output
    finally:
        try:
            container.remove(force=True)
        except Exception as error:  # already gone, or the engine went away: nothing to keep
            log.debug("could not remove probe container %s: %s", container.id, error)


def check_kernel_support(
    inspection: Inspection, wanted_specs: list[str], uid: int, gid: int
) -> None:
    """Add problems for a missing ipykernel, missing kernel specs and disallowed ids."""
    if inspection.problems:
        return
    if not inspection.ipykernel:
        inspection.problems.append("it has Python but no ipykernel (pip install ipykernel)")
    missing = [name for name in wanted_specs if name not in inspection.kernel_specs]
    if missing and inspection.ipykernel:
        found = ", ".join(inspection.kernel_specs) or "none"
        inspection.problems.append(
            f"the kernel spec {', '.join(missing)} is not in it (found: {found})"
        )
    if uid not in ALLOWED_UIDS or gid not in ALLOWED_GIDS:
        inspection.problems.append(
            f"uid/gid {uid}/{gid} is not allowed: use uid 0 or 1000 and gid 0 or 100"
        )
