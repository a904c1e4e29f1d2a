"""The one place that changes training-job state: a runner thread per active job.

On start it adopts the jobs this server left in progress (their units kept running); on
shutdown it detaches from them without stopping them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..compute.capacity import CapacityPool
from ..compute.catalogue import InstanceTypeCatalogue
from ..core.context import RequestContext
from ..core.errors import NotFound
from ..core.events import EventBus
from ..experiments.service import ExperimentService
from ..logs.service import LogService
from ..objects import ObjectStores
from ..runtime.base import RuntimeBackend
from ..store import Database
from .orm import TrainingJobRecord
from .runner import TrainingRunner
from .states import SecondaryStatus, transition

log = logging.getLogger(__name__)


@dataclass
class TrainingDeps:
    """What runners need; built once by the server."""

    database: Database
    objects: ObjectStores
    logs: LogService
    experiments: ExperimentService
    catalogue: InstanceTypeCatalogue
    capacity: CapacityPool
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


class TrainingSupervisor:
    """Owns every runner and every write of a training job's state."""

    def __init__(self, deps: TrainingDeps) -> None:
        self.deps = deps
        self._runners: dict[str, TrainingRunner] = {}
        self._locks: dict[str, threading.RLock] = {}
        self._ids: dict[str, int] = {}
        self._guard = threading.Lock()
        self._closing = False

    # -- records ---------------------------------------------------------------------------

    @contextmanager
    def locked(self, name: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(name, threading.RLock())
        with lock:
            yield

    def record_id(self, context: RequestContext, name: str) -> int:
        key = f"{context.domain}/{name}"
        if key not in self._ids:
            with self.deps.database.session() as session:
                found = session.scalar(
                    select(TrainingJobRecord.id).where(
                        TrainingJobRecord.domain == context.domain, TrainingJobRecord.name == name
                    )
                )
            if found is None:
                raise NotFound(f"No training job named {name}")
            self._ids[key] = int(found)
        return self._ids[key]

    def load(self, context: RequestContext, name: str) -> TrainingJobRecord:
        with self.deps.database.session() as session:
            record = session.get(TrainingJobRecord, self.record_id(context, name))
            if record is None:
                raise NotFound(f"No training job named {name}")
            session.expunge(record)
            return record

    def update(
        self, context: RequestContext, name: str, change: Callable[[TrainingJobRecord], Any]
    ) -> Any:
        """Apply ``change`` to the job's record in one transaction, under the job's lock."""
        with self.locked(name), self.deps.database.session() as session:
            record = session.get(
                TrainingJobRecord, self.record_id(context, name), with_for_update=True
            )
            if record is None:
                raise NotFound(f"No training job named {name}")
            return change(record)

    def move(
        self,
        context: RequestContext,
        name: str,
        to: SecondaryStatus,
        message: str,
        failure_reason: str | None = None,
    ) -> None:
        """The one writer of job status: a transition, then an event for the front end."""
        snapshot: dict[str, Any] = {}

        def apply(record: TrainingJobRecord) -> None:
            transition(record, to, message, failure_reason=failure_reason)
            snapshot.update(
                name=record.name,
                status=record.status,
                secondary_status=record.secondary_status,
                message=message,
                failure_reason=record.failure_reason,
            )

        self.update(context, name, apply)
        self.deps.events.emit("training-job", snapshot)

    # -- runners ---------------------------------------------------------------------------

    def submit(self, context: RequestContext, name: str) -> None:
        """Start running a job that was just created (or adopted)."""
        with self._guard:
            if self._closing or name in self._runners:
                return
            runner = TrainingRunner(self, name, context)
            self._runners[name] = runner
        runner.start()

    def forget(self, name: str, runner: TrainingRunner) -> None:
        with self._guard:
            if self._runners.get(name) is runner:
                del self._runners[name]

    def wake(self, name: str) -> None:
        with self._guard:
            runner = self._runners.get(name)
        if runner is not None:
            runner.wake.set()

    def wake_all(self) -> None:
        with self._guard:
            runners = list(self._runners.values())
        for runner in runners:
            runner.wake.set()

    def request_stop(self, context: RequestContext, name: str) -> None:
        """StopTrainingJob: Stopping now; the runner stops the units and records Stopped."""
        self.move(context, name, SecondaryStatus.STOPPING, "Stopping the training job")
        with self._guard:
            runner = self._runners.get(name)
        if runner is not None:
            runner.stop_requested.set()
            runner.wake.set()

    def adopt(self) -> list[str]:
        """Carry on with the jobs this server (same supervisor id) left in progress."""
        with self.deps.database.session() as session:
            rows = session.execute(
                select(
                    TrainingJobRecord.name,
                    TrainingJobRecord.domain,
                    TrainingJobRecord.space,
                    TrainingJobRecord.owner,
                ).where(
                    TrainingJobRecord.status.in_(["InProgress", "Stopping"]),
                    TrainingJobRecord.supervisor == self.deps.supervisor_id,
                )
            ).all()
        for name, domain, space, owner in rows:
            log.info("Adopting training job %s", name)
            self.submit(RequestContext(owner=owner, domain=domain, space=space), name)
        return [row[0] for row in rows]

    def active(self) -> list[str]:
        with self._guard:
            return sorted(self._runners)

    def shutdown(self, timeout: float = 10.0) -> None:
        """Detach from every job; units keep running for the next server to adopt."""
        with self._guard:
            self._closing = True
            runners = list(self._runners.values())
        for runner in runners:
            runner.detached.set()
            runner.wake.set()
        for runner in runners:
            runner.join(timeout)
