"""Endpoint deployments as a job kind: their table, machine, runner and event.

An endpoint is driven by a runner while Creating, Updating, SystemUpdating, RollingBack or
Deleting, and rests InService or Failed. Resting InService endpoints still have units that
serve, so after a restart they are adopted too: their runner re-attaches the units to the
router (replacing any that died meanwhile) and ends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..compute.capacity import CapacityLedger
from ..compute.catalogue import InstanceTypeCatalogue
from ..core.context import RequestContext
from ..core.events import EventBus
from ..jobs.runner import JobRunner
from ..jobs.supervisor import JobKind, JobRef, JobSupervisor
from ..logs.service import LogService
from ..objects import ObjectStores
from ..runtime.base import RuntimeBackend
from ..serving.units import ServingSettings
from ..store import Database
from .fleet import Fleet
from .orm import EndpointRecord
from .states import MACHINE, EndpointStatus

if TYPE_CHECKING:
    from .capture import CaptureWriter

#: The kind's name in job keys, events and capacity reservations.
ENDPOINT = "endpoint"
#: CloudWatch log group of an endpoint's units (streams ``<variant>/<instance id>``).
LOG_GROUP = "/aws/sagemaker/Endpoints/{name}"


@dataclass
class EndpointDeps:
    """What endpoint runners and the replica watcher need; built once by the server."""

    database: Database
    objects: ObjectStores
    logs: LogService
    catalogue: InstanceTypeCatalogue
    capacity: CapacityLedger
    backends: dict[str, RuntimeBackend]
    events: EventBus
    fleet: Fleet
    capture: CaptureWriter
    serving: ServingSettings
    root: Path
    region: str = "us-east-1"
    account: str = "000000000000"
    #: Seconds a replacement waits after a replica died, doubling per failure up to the max.
    restart_backoff_seconds: float = 0.5
    restart_backoff_max_seconds: float = 30.0
    #: Seconds old replicas may take to finish their requests after an update switched away.
    drain_seconds: float = 60.0
    #: Called with (context, name) once a deleted endpoint's record is gone.
    on_deleted: list[Callable[[RequestContext, str], None]] = field(default_factory=list)


def endpoint_ref(context: RequestContext, name: str) -> JobRef:
    return JobRef(ENDPOINT, name, context)


class EndpointDeployments(JobKind[EndpointRecord]):
    """Endpoints: SageMaker's EndpointStatus, a runner per change, ``endpoint`` events."""

    name = ENDPOINT
    record = EndpointRecord
    machine = MACHINE
    event = "endpoint"

    def __init__(self, deps: EndpointDeps) -> None:
        self.deps = deps

    def runner(self, supervisor: JobSupervisor, ref: JobRef) -> JobRunner:
        from .runner import EndpointRunner

        return EndpointRunner(supervisor, self, ref)

    def snapshot(self, ref: JobRef, record: Any, message: str) -> dict[str, Any]:
        return {
            "name": record.name,
            "status": record.status,
            "message": message,
            "failure_reason": record.failure_reason,
        }

    def moved(self, ref: JobRef, snapshot: dict[str, Any]) -> None:
        """The router learns every move at once (it refuses invocations while Creating)."""
        live = self.deps.fleet.get(ref.context.domain, ref.name)
        if live is not None:
            live.status = str(snapshot["status"])

    def adoptable(self, session: Session, supervisor_id: str) -> list[JobRef]:
        """Endpoints this server drove or served: active ones and InService ones."""
        states = [*MACHINE.active_values(), EndpointStatus.IN_SERVICE.value]
        rows = session.execute(
            select(
                EndpointRecord.name,
                EndpointRecord.domain,
                EndpointRecord.space,
                EndpointRecord.owner,
            ).where(EndpointRecord.status.in_(states), EndpointRecord.supervisor == supervisor_id)
        ).all()
        return [
            JobRef(self.name, name, RequestContext(owner=owner, domain=domain, space=space))
            for name, domain, space, owner in rows
        ]
