"""Processing jobs as a job kind: their table, machine, runner and event, and what runners
need."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..awsenv.environment import StudioAws
from ..compute.capacity import CapacityLedger
from ..compute.catalogue import InstanceTypeCatalogue
from ..core.context import RequestContext
from ..core.events import EventBus
from ..jobs.runner import JobRunner
from ..jobs.supervisor import JobKind, JobRef, JobSupervisor
from ..logs.service import LogService
from ..objects import ObjectStores
from ..runtime.base import RuntimeBackend
from ..store import Database
from .orm import ProcessingJobRecord
from .states import MACHINE

#: The kind's name in job keys, unit labels and capacity reservations.
PROCESSING_JOB = "processing-job"
#: Where processing jobs' unit logs go, as on SageMaker (one stream per instance).
LOG_GROUP = "/aws/sagemaker/ProcessingJobs"


@dataclass
class ProcessingDeps:
    """What processing runners need; built once by the server."""

    database: Database
    objects: ObjectStores
    logs: LogService
    catalogue: InstanceTypeCatalogue
    capacity: CapacityLedger
    backends: dict[str, RuntimeBackend]
    events: EventBus
    jobs_root: Path
    supervisor_id: str
    stop_grace_seconds: float = 120.0
    poll_interval: float = 0.2
    #: Seconds between uploads of ``Continuous`` outputs while the job runs.
    upload_interval: float = 2.0
    docker_network: str = "host"
    keep_job_folders: bool = False
    #: The AWS that code in jobs gets (None: none).
    aws: StudioAws | None = None


def processing_ref(context: RequestContext, name: str) -> JobRef:
    return JobRef(PROCESSING_JOB, name, context)


class ProcessingJobs(JobKind[ProcessingJobRecord]):
    """Processing jobs: SageMaker's ProcessingJobStatus, a runner per job, ``processing-job``
    events on every move."""

    name = PROCESSING_JOB
    record = ProcessingJobRecord
    machine = MACHINE
    event = "processing-job"

    def __init__(self, deps: ProcessingDeps) -> None:
        self.deps = deps

    def runner(self, supervisor: JobSupervisor, ref: JobRef) -> JobRunner:
        from .runner import ProcessingRunner

        return ProcessingRunner(supervisor, self, ref)

    def snapshot(self, ref: JobRef, record: Any, message: str) -> dict[str, Any]:
        return {
            "name": record.name,
            "status": record.status,
            "message": message,
            "failure_reason": record.failure_reason,
        }
