"""Transform jobs as a job kind: their table, machine, runner and event."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...awsenv.environment import AwsSetup, StudioAws, placement_for
from ...compute.capacity import CapacityLedger
from ...compute.catalogue import InstanceTypeCatalogue
from ...core.context import RequestContext
from ...core.events import EventBus
from ...jobs.runner import JobRunner
from ...jobs.supervisor import JobKind, JobRef, JobSupervisor
from ...logs.service import LogService
from ...objects import ObjectStores
from ...runtime.base import RuntimeBackend
from ...serving.units import ServingSettings
from ...store import Database
from .orm import TransformJobRecord
from .states import MACHINE

#: The kind's name in job keys, unit labels and capacity reservations.
TRANSFORM_JOB = "transform-job"
#: Where transform jobs' unit logs go, as on SageMaker.
LOG_GROUP = "/aws/sagemaker/TransformJobs"


@dataclass
class TransformDeps:
    """What transform runners need; built once by the server."""

    database: Database
    objects: ObjectStores
    logs: LogService
    catalogue: InstanceTypeCatalogue
    capacity: CapacityLedger
    backends: dict[str, RuntimeBackend]
    events: EventBus
    jobs_root: Path
    serving: ServingSettings
    poll_interval: float = 0.2
    keep_job_folders: bool = False
    #: The kernels' AWS (endpoints, keys, the SDK's defaults), given to every unit.
    aws: StudioAws | None = None

    def aws_for(self, owner: str, backend: RuntimeBackend) -> AwsSetup | None:
        """``owner``'s AWS for a unit on ``backend``, as training units get it: code in the
        container calls boto3 (and the SageMaker SDK) against this server unconfigured."""
        if self.aws is None:
            return None
        placement = placement_for(
            # A unit on a cluster gets the files, like a container, at the container's paths.
            container=backend.name in ("docker", "ray"),
            private_mounts=bool(getattr(backend, "private_mounts", False)),
        )
        return self.aws.setup(owner, placement)


def transform_ref(context: RequestContext, name: str) -> JobRef:
    return JobRef(TRANSFORM_JOB, name, context)


def progress_of(record: Any) -> dict[str, Any]:
    """The progress a record shows (without the list of finished objects)."""
    progress = dict(record.progress or {})
    progress.pop("done", None)
    return progress


class TransformJobs(JobKind[TransformJobRecord]):
    """Transform jobs: SageMaker's TransformJobStatus, a runner per job, ``transform-job``
    events (on every move and as progress is made)."""

    name = TRANSFORM_JOB
    record = TransformJobRecord
    machine = MACHINE
    event = "transform-job"

    def __init__(self, deps: TransformDeps) -> None:
        self.deps = deps

    def runner(self, supervisor: JobSupervisor, ref: JobRef) -> JobRunner:
        from .runner import TransformRunner

        return TransformRunner(supervisor, self, ref)

    def snapshot(self, ref: JobRef, record: Any, message: str) -> dict[str, Any]:
        return {
            "name": record.name,
            "status": record.status,
            "message": message,
            "failure_reason": record.failure_reason,
            "progress": progress_of(record),
        }
