"""Starting and stopping one replica of a variant: capacity, staging, the unit, its health.

A variant's snapshot (``deployed["Variants"][i]``, made when the endpoint was created or
updated) holds everything needed to start a replica again, even after its model or config
was deleted: the model as serving units run it, the instance type and the startup timeout.
"""

from __future__ import annotations

import logging
import shutil
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..compute.capacity import Claim, Reservation, Shortfall
from ..compute.models import GIB
from ..core.clock import now_ms
from ..runtime.base import UnitError, UnitState
from ..serving.health import exit_reason, wait_healthy
from ..serving.staging import stage_model
from ..serving.units import (
    ModelSpec,
    allocate_port,
    serving_unit_spec,
    unit_host,
    unit_name,
    unit_url,
)
from .fleet import LiveEndpoint, Replica, ReplicaState
from .jobs import ENDPOINT, EndpointDeps

log = logging.getLogger(__name__)

#: Lines of a failed unit's output quoted in the endpoint's FailureReason.
TAIL_LINES = 10


def model_of(variant: dict[str, Any]) -> ModelSpec:
    """The variant's model as its snapshot keeps it."""
    model = variant["Model"]
    return ModelSpec(
        name=model["name"],
        backend=model["backend"],
        image=model["image"],
        model_data_url=model.get("model_data_url"),
        environment=dict(model.get("environment") or {}),
    )


def model_snapshot(model: ModelSpec) -> dict[str, Any]:
    return {
        "name": model.name,
        "backend": model.backend,
        "image": model.image,
        "model_data_url": model.model_data_url,
        "environment": dict(model.environment),
    }


def holder(endpoint_key: str, variant: str, generation: int, index: int) -> str:
    """The capacity-ledger key of one replica."""
    return f"{endpoint_key}/{variant}/g{generation}/{index}"


def claim_for(
    deps: EndpointDeps,
    endpoint_key: str,
    endpoint: str,
    owner: str,
    variant: dict[str, Any],
    generation: int,
    index: int,
) -> Claim:
    instance = deps.catalogue.get(variant["InstanceType"])
    # On the Ray cluster its scheduler holds the resources, not this host.
    here = 0 if variant["Model"]["backend"] == "ray" else 1
    return Claim(
        kind=ENDPOINT,
        name=f"{endpoint}/{variant['VariantName']}/{index}",
        holder=holder(endpoint_key, variant["VariantName"], generation, index),
        owner=owner,
        instance_type=instance.name,
        memory_bytes=0 if instance.local else int(instance.memory_gib * GIB) * here,
        gpus=instance.gpus * here,
        vcpus=instance.effective_vcpus * here,
    )


def reserve(deps: EndpointDeps, claim: Claim) -> Reservation | Shortfall:
    return deps.capacity.try_reserve(claim)


def held(reservation: Reservation) -> dict[str, Any]:
    """A reservation as the runtime column keeps it."""
    return {
        "holder": reservation.holder,
        "name": reservation.name,
        "instance_type": reservation.instance_type,
        "memory_bytes": reservation.memory_bytes,
        "gpus": list(reservation.gpus),
        "vcpus": reservation.vcpus,
    }


def readopt(deps: EndpointDeps, owner: str, replica: Replica) -> None:
    """Take back a replica's reservation after a restart of the server."""
    kept = replica.reservation
    if not kept:
        return
    deps.capacity.adopt(
        Reservation(
            holder=kept["holder"],
            kind=ENDPOINT,
            name=kept["name"],
            owner=owner,
            instance_type=kept["instance_type"],
            memory_bytes=int(kept["memory_bytes"]),
            gpus=list(kept.get("gpus") or []),
            vcpus=float(kept.get("vcpus", 0.0)),
            since=now_ms(),
        )
    )


def folder_for(deps: EndpointDeps, endpoint: str, generation: int, variant: str) -> Path:
    """The /opt/ml of a variant's units in one generation (shared by its replicas)."""
    return deps.root / endpoint / f"g{generation}" / variant


def new_replica(
    endpoint: str, variant: dict[str, Any], generation: int, index: int, backend: str
) -> Replica:
    """A replica not yet started (its port is picked when it starts)."""
    instance_id = f"i-{uuid.uuid4().hex[:17]}"
    return Replica(
        unit=unit_name(ENDPOINT, endpoint, variant["VariantName"], index, f"g{generation}"),
        backend=backend,
        variant=variant["VariantName"],
        index=index,
        generation=generation,
        port=0,
        instance_id=instance_id,
        log_stream=f"{variant['VariantName']}/{instance_id}",
    )


def start(deps: EndpointDeps, endpoint: str, variant: dict[str, Any], replica: Replica) -> None:
    """Stage the model (once per variant and generation) and start the replica's unit on a
    fresh loopback port. Raises ``UnitError`` (or the staging's NotFound/InvalidInput)."""
    model = model_of(variant)
    backend = deps.backends.get(model.backend)
    if backend is None:
        raise UnitError(f"the {model.backend} backend is not enabled on this server")
    instance = deps.catalogue.get(variant["InstanceType"])
    folder = stage_model(
        deps.objects, model, folder_for(deps, endpoint, replica.generation, replica.variant)
    )
    remove_quietly(deps, replica)
    replica.port = allocate_port()
    spec = serving_unit_spec(
        model,
        backend=backend,
        instance_type=instance,
        name=unit_name(
            ENDPOINT, endpoint, replica.variant, replica.index, f"g{replica.generation}"
        ),
        group=endpoint,
        variant=replica.variant,
        index=replica.index,
        port=replica.port,
        folder=folder,
        settings=deps.serving,
        gpus=list((replica.reservation or {}).get("gpus") or []),
    )
    # A cluster names the unit itself (the name and a suffix), and places it on a node.
    replica.unit = backend.start(spec)
    replica.host = unit_host(backend, replica.unit)
    replica.log_cursor = None


def restart(deps: EndpointDeps, endpoint: str, variant: dict[str, Any], replica: Replica) -> None:
    """Replace a replica's unit (stopped at once if it still runs, hung) with a fresh one."""
    backend = deps.backends.get(replica.backend)
    if backend is not None and backend.status(replica.unit).state == UnitState.RUNNING:
        backend.stop(replica.unit, 0)
        backend.wait(replica.unit, 10)
    replica.restarts += 1
    replica.state = ReplicaState.RESTARTING
    start(deps, endpoint, variant, replica)


def wait_ready(
    deps: EndpointDeps,
    replica: Replica,
    timeout: float,
    stopped: Callable[[], bool] | None = None,
) -> None:
    """Block until the replica answers /ping (``UnitNotHealthy`` otherwise), then put it in
    service."""
    backend = deps.backends[replica.backend]
    wait_healthy(
        unit_url(replica.port, replica.host),
        timeout,
        alive=lambda: exit_reason(backend, replica.unit),
        stopped=stopped,
    )
    replica.state = ReplicaState.IN_SERVICE


def tail(deps: EndpointDeps, replica: Replica, lines: int = TAIL_LINES) -> list[str]:
    """The last lines the replica's unit wrote."""
    backend = deps.backends.get(replica.backend)
    if backend is None:
        return []
    found: list[str] = []
    cursor = None
    try:
        while True:
            read = backend.read_logs(replica.unit, cursor)
            found = (found + [text for _, text in read.lines])[-lines:]
            if not read.lines or read.cursor == cursor:
                break
            cursor = read.cursor
    except Exception:
        log.exception("Could not read the output of %s", replica.unit)
    return found


def stop(deps: EndpointDeps, replica: Replica, grace: float | None = None) -> None:
    """SIGTERM the unit (SIGKILL after the grace period); it is removed once it exited."""
    backend = deps.backends.get(replica.backend)
    replica.state = ReplicaState.STOPPED
    if backend is None:
        return
    try:
        backend.stop(replica.unit, deps.serving.stop_grace_seconds if grace is None else grace)
    except UnitError:
        log.info("Unit %s was already gone", replica.unit)


def remove_quietly(deps: EndpointDeps, replica: Replica) -> None:
    """Forget an exited unit (before its name is used again); a missing one is fine."""
    backend = deps.backends.get(replica.backend)
    if backend is None:
        return
    try:
        backend.remove(replica.unit)
    except Exception:  # not there, or still running (start then says so)
        log.debug("Unit %s not removed", replica.unit, exc_info=True)


def release(deps: EndpointDeps, replica: Replica) -> None:
    if replica.reservation:
        deps.capacity.release(replica.reservation["holder"])


def stop_all(deps: EndpointDeps, replicas: Iterable[Replica]) -> None:
    """Stop replicas, wait for their units to end, forget them, return their capacity."""
    replicas = list(replicas)
    for replica in replicas:
        stop(deps, replica)
    grace = deps.serving.stop_grace_seconds + 5
    for replica in replicas:
        backend = deps.backends.get(replica.backend)
        if backend is not None:
            try:
                backend.wait(replica.unit, grace)
            except Exception:
                log.debug("Waiting for %s failed", replica.unit, exc_info=True)
        remove_quietly(deps, replica)
        release(deps, replica)


def drain(deps: EndpointDeps, replicas: list[Replica]) -> None:
    """Let replicas that left rotation finish their requests (up to ``deps.drain_seconds``),
    then stop them."""
    for replica in replicas:
        replica.state = ReplicaState.DRAINING
    deadline = time.monotonic() + deps.drain_seconds
    while any(replica.outstanding for replica in replicas) and time.monotonic() < deadline:
        time.sleep(0.01)
    stop_all(deps, replicas)


def stop_everything(deps: EndpointDeps, live: LiveEndpoint | None, record: Any) -> None:
    """Every replica an endpoint has: in its record, serving, or starting for an update."""
    found: dict[str, Replica] = {}
    runtime = record.runtime or {}
    for item in [*runtime.get("replicas", []), *runtime.get("pending", [])]:
        found[item["unit"]] = Replica.from_record(item)
    if live is not None:
        for replica in live.replicas():
            found[replica.unit] = replica
        for variant in live.pending.values():
            for replica in variant.replicas:
                found[replica.unit] = replica
    stop_all(deps, found.values())


def forget_generations(deps: EndpointDeps, endpoint: str, keep: int) -> None:
    """Staged folders of generations the endpoint no longer serves."""
    folder = deps.root / endpoint
    if folder.is_dir():
        for path in folder.iterdir():
            if path.name != f"g{keep}":
                shutil.rmtree(path, ignore_errors=True)
