"""Training jobs as a job kind: their table, machine, runner and event, and what runners need."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..awsenv.environment import StudioAws
from ..compute.capacity import CapacityLedger
from ..compute.catalogue import InstanceTypeCatalogue
from ..core.context import RequestContext
from ..core.events import EventBus
from ..experiments.artifacts import ArtifactStore
from ..experiments.service import ExperimentService
from ..jobs.runner import JobRunner
from ..jobs.supervisor import JobKind, JobRef, JobSupervisor
from ..logs.ingest import LogIngest
from ..logs.service import LogService
from ..objects import ObjectStores
from ..runtime.base import RuntimeBackend
from ..store import Database
from .orm import TrainingJobRecord
from .states import MACHINE

#: The kind's name in job keys and capacity reservations.
TRAINING_JOB = "training-job"


@dataclass
class TrainingDeps:
    """What training runners need; built once by the server."""

    database: Database
    objects: ObjectStores
    logs: LogService
    experiments: ExperimentService
    catalogue: InstanceTypeCatalogue
    capacity: CapacityLedger
    backends: dict[str, RuntimeBackend]
    events: EventBus
    jobs_root: Path
    supervisor_id: str
    server_url: str = ""
    server_token: str = ""
    stop_grace_seconds: float = 120.0
    poll_interval: float = 0.1
    checkpoint_interval: float = 10.0
    docker_network: str = "host"
    keep_job_folders: bool = False
    #: Stores units' output in the log streams (one thread for the server's jobs).
    ingest: LogIngest = field(default_factory=LogIngest)
    #: The AWS that code in jobs gets (None: none, as before the AWS environment existed).
    aws: StudioAws | None = None
    #: The run artifacts a finished job's model and output are copied among; none, no copy.
    artifacts: ArtifactStore | None = None


def training_ref(context: RequestContext, name: str) -> JobRef:
    return JobRef(TRAINING_JOB, name, context)


class TrainingJobs(JobKind[TrainingJobRecord]):
    """Training jobs: SageMaker's secondary statuses, a runner per job, ``training-job`` events."""

    name = TRAINING_JOB
    record = TrainingJobRecord
    machine = MACHINE
    event = "training-job"

    def __init__(self, deps: TrainingDeps) -> None:
        self.deps = deps

    def runner(self, supervisor: JobSupervisor, ref: JobRef) -> JobRunner:
        from .runner import TrainingRunner

        return TrainingRunner(supervisor, self, ref)

    def adoptable(self, session: Session, supervisor_id: str) -> list[JobRef]:
        """Active jobs, and ended jobs whose log was still being stored when the server went
        away (their runner stores the rest, then removes their units)."""
        refs = super().adoptable(session, supervisor_id)
        record = TrainingJobRecord
        rows = session.execute(
            select(record.name, record.domain, record.space, record.owner).where(
                record.supervisor == supervisor_id,
                record.runtime["logs_pending"].as_boolean().is_(True),
            )
        ).all()
        known = {ref.key for ref in refs}
        for name, domain, space, owner in rows:
            ref = JobRef(self.name, name, RequestContext(owner=owner, domain=domain, space=space))
            if ref.key not in known:
                refs.append(ref)
        return refs

    def snapshot(self, ref: JobRef, record: Any, message: str) -> dict[str, Any]:
        return {
            "name": record.name,
            "status": record.status,
            "secondary_status": record.secondary_status,
            "message": message,
            "failure_reason": record.failure_reason,
        }
