"""Tuning jobs as a job kind: their table, machine, runner and event.

A tuning job's runner drives training jobs (its trials) through the training service and
waits for their moves: the kind listens to the supervisor's moves and wakes the runners of
running tuning jobs whenever a training job moves, so a trial's end is seen at once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..compute.capacity import CapacityLedger
from ..compute.catalogue import InstanceTypeCatalogue
from ..core.context import RequestContext
from ..core.events import EventBus
from ..experiments.service import ExperimentService
from ..jobs.runner import JobRunner
from ..jobs.supervisor import JobKind, JobRef, JobSupervisor
from ..store import Database
from ..training.jobs import TRAINING_JOB
from .orm import TuningJobRecord
from .states import MACHINE

if TYPE_CHECKING:
    from ..training.service import TrainingJobService

#: The kind's name in job keys and events.
TUNING_JOB = "tuning-job"
EVENT = "tuning-job"


@dataclass
class TuningDeps:
    """What tuning runners need; built once by the server."""

    database: Database
    training: TrainingJobService
    experiments: ExperimentService
    catalogue: InstanceTypeCatalogue
    capacity: CapacityLedger
    events: EventBus
    #: Seconds between reads of running trials' objective series while a pruner watches them.
    metric_interval: float = 0.2
    #: The longest the driver sleeps when nothing wakes it.
    idle_interval: float = 2.0


def tuning_ref(context: RequestContext, name: str) -> JobRef:
    return JobRef(TUNING_JOB, name, context)


class TuningJobs(JobKind[TuningJobRecord]):
    """Hyperparameter tuning jobs: a driver per job over training jobs; ``tuning-job`` events."""

    name = TUNING_JOB
    record = TuningJobRecord
    machine = MACHINE
    event = EVENT

    def __init__(self, deps: TuningDeps) -> None:
        self.deps = deps
        self._driving: set[JobRunner] = set()
        self._lock = threading.Lock()

    def runner(self, supervisor: JobSupervisor, ref: JobRef) -> JobRunner:
        from .runner import TuningRunner

        return TuningRunner(supervisor, self, ref)

    def snapshot(self, ref: JobRef, record: Any, message: str) -> dict[str, Any]:
        return {
            "name": record.name,
            "status": record.status,
            "message": message,
            "failure_reason": record.failure_reason,
            "trial": None,
        }

    # -- hearing of trials -----------------------------------------------------------------

    def driving(self, runner: JobRunner, active: bool) -> None:
        with self._lock:
            if active:
                self._driving.add(runner)
            else:
                self._driving.discard(runner)

    def job_moved(self, ref: JobRef, snapshot: dict[str, Any]) -> None:
        """A supervisor listener: a training job moved, so a tuning job may have work."""
        if ref.kind != TRAINING_JOB:
            return
        with self._lock:
            runners = list(self._driving)
        for runner in runners:
            runner.wake.set()
