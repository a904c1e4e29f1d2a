"""Getting a training job's hosts going: their /opt/ml folders, then one unit per host."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..awsenv.environment import placement_for
from ..compute.models import InstanceType
from ..images.frameworks import framework_specs
from ..objects import ObjectStores
from ..runtime.base import UnitError
from . import contract, staging
from .jobs import TrainingDeps
from .models import CreateTrainingJobRequest
from .orm import TrainingJobRecord
from .units import UnitSettings, unit_specs


def prepare_folders(
    objects: ObjectStores,
    request: CreateTrainingJobRequest,
    instance: InstanceType,
    folder: Path,
    hosts: list[str],
    check_detached: Callable[[], None],
) -> None:
    """Each host's /opt/ml: config files, input channels, code and restored checkpoints, plus
    an /etc/hosts that names every host."""
    if folder.exists():
        shutil.rmtree(folder)
    script = contract.script_mode(request)
    for index, host in enumerate(hosts):
        layout = contract.Layout(str(folder / host))
        layout.make([channel.channel_name for channel in request.input_data_config])
        contract.write_config(layout, request, hosts, host, instance.name)
        for channel in request.input_data_config:
            check_detached()
            staging.stage_channel(
                objects, channel, Path(layout.channel(channel.channel_name)), index, len(hosts)
            )
        if script is not None:
            staging.stage_code(objects, script[1], Path(layout.code))
        if request.checkpoint_config is not None:
            staging.restore_checkpoints(
                objects, request.checkpoint_config.s3_uri, Path(layout.checkpoints)
            )
    hosts_file = folder / "hosts"
    original = Path("/etc/hosts").read_text() if Path("/etc/hosts").exists() else ""
    hosts_file.write_text(f"127.0.0.1 localhost {' '.join(hosts)}\n{original}")


def start_units(
    deps: TrainingDeps,
    job: str,
    record: TrainingJobRecord,
    request: CreateTrainingJobRequest,
    instance: InstanceType,
    folder: Path,
    hosts: list[str],
    runtime: dict[str, Any],
    backend: Any,
) -> tuple[dict[str, str], dict[str, str]]:
    """Start one unit per host; returns (host -> unit, host -> log stream). A host that
    cannot start stops the ones already started."""
    docker = backend.name == "docker"
    remote = backend.name == "ray"
    network = deps.docker_network if docker else None
    if docker and network == "bridge":
        network = f"mlstudio-{job}"
        backend.ensure_network(network)
    private_mounts = getattr(backend, "private_mounts", False)
    aws = (
        deps.aws.setup(
            record.owner,
            # A remote unit gets the files, like a container, at the container's paths.
            placement_for(container=docker or remote, private_mounts=private_mounts),
        )
        if deps.aws is not None
        else None
    )
    specs = unit_specs(
        job=job,
        arn=record.arn,
        run_id=record.run_id,
        request=request,
        instance=instance,
        folder=folder,
        hosts=hosts,
        image=runtime["image"],
        docker=docker,
        private_mounts=private_mounts,
        gpus=list((runtime.get("reservation") or {}).get("gpus") or []),
        settings=UnitSettings(
            server_url=deps.server_url,
            server_token=deps.server_token,
            supervisor_id=deps.supervisor_id,
            stop_grace_seconds=deps.stop_grace_seconds,
            network=network,
        ),
        aws=aws,
        remote=remote,
    )
    specs = framework_specs(
        specs,
        request.algorithm_specification.training_image,
        docker=docker or remote,
        gpus=len((runtime.get("reservation") or {}).get("gpus") or []),
    )
    started = int(time.time())
    units: dict[str, str] = {}
    for host, spec in specs.items():
        try:
            units[host] = backend.start(spec)
        except UnitError as error:
            for unit in units.values():
                backend.stop(unit, 0)
            raise RuntimeError(f"could not start {host}: {error}") from error
    return units, {host: f"{job}/{host}-{started}" for host in hosts}


def training_message(backend: str) -> str:
    """The status message once the hosts run. Only a container backend has an image to
    download; a process-backend job runs a Python of this host."""
    if backend == "process":
        return "Training in progress."
    if backend == "ray":
        return "Training submitted to the Ray cluster. Training in progress."
    return "Training image download completed. Training in progress."
