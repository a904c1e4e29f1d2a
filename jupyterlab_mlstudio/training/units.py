"""One ContainerSpec per host of a training job: command, SM_* environment, mounts, limits."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..algorithms.jobs import runs_algorithm
from ..algorithms.serving import ENVIRONMENT_KEY as ALGORITHM_KEY
from ..awsenv.environment import AwsSetup, merged
from ..compute.models import GIB, InstanceType
from ..runtime.base import ContainerSpec, Mount, Resources
from . import contract
from .models import CreateTrainingJobRequest

PACKAGE = Path(__file__).resolve().parent.parent
CONTAINER_LIB = "/opt/mlstudio/python"


@dataclass(frozen=True)
class UnitSettings:
    """What every unit of this server gets: where to call back, how to stop, which network."""

    server_url: str
    server_token: str
    supervisor_id: str
    stop_grace_seconds: float
    network: str | None  # None (process), "host", or a Docker network name


def unit_specs(
    *,
    job: str,
    arn: str,
    run_id: str | None,
    request: CreateTrainingJobRequest,
    instance: InstanceType,
    folder: Path,
    hosts: list[str],
    image: str,
    docker: bool,
    private_mounts: bool,
    gpus: list[int],
    settings: UnitSettings,
    aws: AwsSetup | None = None,
    remote: bool = False,
) -> dict[str, ContainerSpec]:
    """The spec of each host's unit. ``folder/<host>`` is the host's /opt/ml on this machine.
    ``aws``: the job owner's AWS (variables and mounts); the job's own ``Environment`` wins
    over its variables. ``remote``: the unit runs on another machine (a cluster), which gets
    its mounts' contents, none of this server's environment, and GPUs by count."""
    private = docker or private_mounts
    code_uri = (contract.script_mode(request) or (None, None))[1]
    algorithm = runs_algorithm(request)
    specs = {}
    for index, host in enumerate(hosts):
        server_root = str(folder / host)
        layout = contract.Layout(contract.ML_ROOT if private else server_root)
        cmd = contract.command(
            request, layout, has_own_entrypoint=docker, interpreter=None if docker else image
        )
        env = {} if docker or remote else dict(os.environ)
        if aws is not None:
            env = merged(env, aws)
        env.update(
            contract.environment(
                request,
                layout=layout,
                hosts=hosts,
                host=host,
                instance_type=instance,
                job_arn=arn,
                code_uri=code_uri,
            )
        )
        if algorithm is not None:
            # Which algorithm the image's own `train` runs (one image holds them all).
            env[ALGORITHM_KEY] = algorithm.name
        env.update(
            {
                "MLSTUDIO_URL": settings.server_url,
                "MLSTUDIO_TOKEN": settings.server_token,
                "MLSTUDIO_RUN_ID": run_id or "",
                "MLSTUDIO_TRAINING_JOB": job,
            }
        )
        mounts: list[Mount] = []
        if docker:
            # The tracking client (standard library only) for code in the container.
            mounts.append(Mount(str(PACKAGE), f"{CONTAINER_LIB}/{PACKAGE.name}", read_only=True))
            env["PYTHONPATH"] = CONTAINER_LIB
        if private:
            mounts.append(Mount(server_root, contract.ML_ROOT))
            checkpoint_path = (
                request.checkpoint_config.local_path if request.checkpoint_config else None
            )
            if checkpoint_path and not checkpoint_path.startswith(contract.ML_ROOT + "/"):
                mounts.append(Mount(f"{server_root}/checkpoints", checkpoint_path))
            if not docker and not remote:
                mounts.append(Mount(str(folder / "hosts"), "/etc/hosts", read_only=True))
        if aws is not None:
            # After /opt/ml: the resource metadata goes inside the host's own /opt/ml.
            mounts.extend(aws.mounts)
        per_host = instance.gpus
        if remote:
            gpus = list(range(per_host * len(hosts)))  # the cluster places them: a count
        specs[host] = ContainerSpec(
            name=f"mlstudio-train-{job}-{host}",
            image=image,
            command=cmd.args,
            entrypoint=cmd.entrypoint,
            env=env,
            workdir=cmd.workdir,
            mounts=mounts,
            resources=Resources(
                cpus=instance.effective_vcpus,
                memory_bytes=None if instance.local else int(instance.memory_gib * GIB),
                gpus=gpus[index * per_host : (index + 1) * per_host],
            ),
            labels={
                "mlstudio.kind": "training-job",
                "mlstudio.job": job,
                "mlstudio.host": host,
                "mlstudio.supervisor": settings.supervisor_id,
                # The image by the name it was asked for (per-image warm-start settings).
                "mlstudio.image": request.algorithm_specification.training_image,
                "mlstudio.instance_type": instance.name,
            },
            network=settings.network,
            hostname=host,
            extra_hosts={name: "127.0.0.1" for name in hosts} if settings.network == "host" else {},
            stop_grace_seconds=settings.stop_grace_seconds,
            opt_ml_fallback=not private,
        )
    return specs
