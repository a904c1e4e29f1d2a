"""SageMaker's processing contract: each instance's ``/opt/ml`` (``config/`` with
``processingjobconfig.json`` and ``resourceconfig.json``, inputs and outputs below
``processing/``, ``output/message`` and ``output/failure``) and the spec of its unit.

Identical on every backend: a container gets the host folder mounted as ``/opt/ml``, a process
unit too when the host allows private mounts (otherwise its scripts are told why ``/opt/ml``
is missing). So a script that runs here runs on SageMaker.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..awsenv.environment import AwsSetup, merged
from ..compute.models import GIB, InstanceType
from ..core.errors import InvalidInput
from ..runtime.base import ContainerSpec, Mount, Resources
from ..training.contract import host_names, resource_config
from .models import CreateProcessingJobRequest

ML_ROOT = "/opt/ml"

__all__ = ["host_names", "resource_config"]


def inside(host_root: Path, container_path: str) -> Path:
    """Where ``container_path`` (below ``/opt/ml``) is in a host's folder on this machine."""
    relative = container_path[len(ML_ROOT) :].lstrip("/")
    return host_root / relative


def job_config(request: CreateProcessingJobRequest, arn: str) -> dict[str, Any]:
    """``processingjobconfig.json``: the job as described, without its tags."""
    config = request.model_dump(mode="json", by_alias=True, exclude_none=True)
    config.pop("Tags", None)
    return {**config, "ProcessingJobArn": arn}


def write_config(
    host_root: Path,
    request: CreateProcessingJobRequest,
    arn: str,
    hosts: list[str],
    host: str,
    instance_type: str,
) -> None:
    """One instance's ``/opt/ml/config`` and empty ``/opt/ml/output``."""
    config = host_root / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "processingjobconfig.json").write_text(json.dumps(job_config(request, arn)))
    (config / "resourceconfig.json").write_text(
        json.dumps(resource_config(hosts, host, instance_type))
    )
    (host_root / "output").mkdir(parents=True, exist_ok=True)


def read_exit_message(host_roots: list[Path]) -> tuple[str | None, str | None]:
    """The job's ExitMessage: every host's ``/opt/ml/output/message`` joined, its first KB
    (as SageMaker concatenates its containers' messages); and, when one is not UTF-8 text,
    the ``ClientError`` that fails the job (the message then keeps what could be read)."""
    texts: list[str] = []
    error = None
    for root in host_roots:
        try:
            raw = (root / "output" / "message").read_bytes()
        except OSError:
            continue
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(raw.decode("utf-8", errors="replace"))
            error = error or (
                f"ClientError: {root.name}'s /opt/ml/output/message is not UTF-8 encoded text"
            )
    joined = "".join(texts)
    return (joined[:1024] or None), error


@dataclass(frozen=True)
class UnitSettings:
    """What every unit of this server gets: who runs it, how it stops, which network."""

    supervisor_id: str
    stop_grace_seconds: float
    network: str | None  # None (process), "host", or a Docker network name


def command(
    request: CreateProcessingJobRequest, docker: bool
) -> tuple[list[str] | None, list[str]]:
    """(entry point, arguments). A container without an entry point runs the image's own; a
    process unit has no image entry point, so it needs one."""
    spec = request.app_specification
    entrypoint = list(spec.container_entrypoint) if spec.container_entrypoint else None
    arguments = list(spec.container_arguments or [])
    if entrypoint is None and not docker:
        raise InvalidInput(
            f"Image {spec.image_uri} runs in a local Python environment, which has no entry "
            "point of its own: give AppSpecification.ContainerEntrypoint (for example "
            '["python3", "/opt/ml/processing/input/code/script.py"])',
            field="AppSpecification.ContainerEntrypoint",
        )
    return entrypoint, arguments


def unit_specs(
    *,
    job: str,
    request: CreateProcessingJobRequest,
    instance: InstanceType,
    folder: Path,
    hosts: list[str],
    image: str,
    docker: bool,
    private_mounts: bool,
    gpus: list[int],
    settings: UnitSettings,
    aws: AwsSetup | None,
) -> dict[str, ContainerSpec]:
    """The spec of each instance's unit; ``folder/<host>`` is its ``/opt/ml`` here."""
    private = docker or private_mounts
    entrypoint, arguments = command(request, docker)
    specs = {}
    for index, host in enumerate(hosts):
        server_root = str(folder / host)
        env = {} if docker else dict(os.environ)
        if aws is not None:
            env = merged(env, aws)
        # Lines reach the log as they are printed, not when a buffer fills.
        env["PYTHONUNBUFFERED"] = "1"
        env.update(request.environment)
        mounts: list[Mount] = []
        if private:
            mounts.append(Mount(server_root, ML_ROOT))
            if not docker:
                mounts.append(Mount(str(folder / "hosts"), "/etc/hosts", read_only=True))
        if aws is not None:
            mounts.extend(aws.mounts)
        per_host = instance.gpus
        specs[host] = ContainerSpec(
            name=f"mlstudio-proc-{job}-{host}",
            image=image,
            command=arguments,
            entrypoint=entrypoint,
            env=env,
            workdir=None,
            mounts=mounts,
            resources=Resources(
                cpus=instance.effective_vcpus,
                memory_bytes=None if instance.local else int(instance.memory_gib * GIB),
                gpus=gpus[index * per_host : (index + 1) * per_host],
            ),
            labels={
                "mlstudio.kind": "processing-job",
                "mlstudio.job": job,
                "mlstudio.host": host,
                "mlstudio.supervisor": settings.supervisor_id,
                "mlstudio.image": request.app_specification.image_uri,
            },
            network=settings.network,
            hostname=host,
            extra_hosts={name: "127.0.0.1" for name in hosts} if settings.network == "host" else {},
            stop_grace_seconds=settings.stop_grace_seconds,
            opt_ml_fallback=not private,
        )
    return specs


#: The label that names, for a unit on another machine, the folders under /opt/ml it sends
#: back when it ends (JSON list; the ``ray`` backend's entrypoint packs them).
COLLECT_LABEL = "mlstudio.collect"


def remote_specs(
    specs: dict[str, ContainerSpec],
    request: CreateProcessingJobRequest,
    server_url: str,
    server_token: str,
) -> dict[str, ContainerSpec]:
    """``specs`` for units on a cluster: no /etc/hosts of this host, and each output's
    LocalPath (and output/, for the exit message) sent back to this server (``server_url``,
    which the unit's wrapper uploads them to) when the unit ends."""
    outputs = request.processing_output_config
    collect = ["output"]
    for item in outputs.outputs if outputs else []:
        local = item.s3_output.local_path if item.s3_output else None
        if local and local.startswith(ML_ROOT + "/"):
            collect.append(local[len(ML_ROOT) + 1 :].rstrip("/"))
    return {
        host: replace(
            spec,
            mounts=[mount for mount in spec.mounts if mount.target != "/etc/hosts"],
            labels={**spec.labels, COLLECT_LABEL: json.dumps(collect)},
            env={**spec.env, "MLSTUDIO_URL": server_url, "MLSTUDIO_TOKEN": server_token},
        )
        for host, spec in specs.items()
    }
