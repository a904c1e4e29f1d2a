"""The one supervisor of a server: every job kind's runners, records and status moves."""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.context import RequestContext, visible
from ..core.errors import NotFound
from ..core.events import EventBus
from ..store import Database
from .machine import StateMachine
from .runner import JobRunner

log = logging.getLogger(__name__)

R = TypeVar("R")


@dataclass(frozen=True)
class JobRef:
    """One job: its kind, its name within the kind, and whose request it runs for."""

    kind: str
    name: str
    context: RequestContext

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.context.domain}:{self.name}"


class JobKind(ABC, Generic[R]):
    """What a job kind declares: its table, its machine, its runner, its event.

    The defaults fit a table with ``name``, ``domain``, ``space``, ``owner`` and ``supervisor``
    columns (training jobs); a kind whose records are named otherwise overrides ``find`` and
    ``adoptable``.
    """

    #: The kind's name: in job keys, logs and capacity reservations (``training-job``).
    name: ClassVar[str]
    #: The ORM class of its records.
    record: ClassVar[type]
    #: Its state machine (guarding the record's status columns).
    machine: ClassVar[StateMachine[Any]]
    #: The jupyter_events schema emitted after every move, if any.
    event: ClassVar[str | None] = None

    @abstractmethod
    def runner(self, supervisor: JobSupervisor, ref: JobRef) -> JobRunner:
        """A runner for the job (not started)."""

    def snapshot(self, ref: JobRef, record: Any, message: str) -> dict[str, Any]:
        """The event payload after a move."""
        return {
            "name": ref.name,
            "status": getattr(record, self.machine.column),
            "message": message,
        }

    def moved(self, ref: JobRef, snapshot: dict[str, Any]) -> None:
        """Called after a move is committed, before its event (e.g. to refresh kernel specs)."""

    def find(self, session: Session, context: RequestContext, name: str) -> int | None:
        """The record id of job ``name`` in the caller's domain."""
        record = self.record
        found = session.scalar(
            select(record.id).where(  # type: ignore[attr-defined]
                visible(record, context),
                record.name == name,  # type: ignore[attr-defined]
            )
        )
        return None if found is None else int(found)

    def adoptable(self, session: Session, supervisor_id: str) -> list[JobRef]:
        """Jobs in an active state that this server (same supervisor id) left behind."""
        record: Any = self.record
        rows = session.execute(
            select(record.name, record.domain, record.space, record.owner).where(
                getattr(record, self.machine.column).in_(self.machine.active_values()),
                record.supervisor == supervisor_id,
            )
        ).all()
        return [
            JobRef(self.name, name, RequestContext(owner=owner, domain=domain, space=space))
            for name, domain, space, owner in rows
        ]


class JobSupervisor:
    """Owns every runner of every kind, and every write of a job's status (``move``).

    On start (``adopt``) it carries on with the jobs this server left in an active state; on
    shutdown it detaches from them without stopping their units.
    """

    def __init__(self, database: Database, events: EventBus, supervisor_id: str) -> None:
        self.database = database
        self.events = events
        self.supervisor_id = supervisor_id
        self.kinds: dict[str, JobKind[Any]] = {}
        self._runners: dict[str, JobRunner] = {}
        self._locks: dict[str, threading.RLock] = {}
        self._ids: dict[str, int] = {}
        self._guard = threading.Lock()
        self._closing = False
        #: Called with (ref, snapshot) after every committed move of any kind: a kind that
        #: drives another (tuning jobs over training jobs) hears of its jobs' moves so.
        self.listeners: list[Callable[[JobRef, dict[str, Any]], None]] = []

    def register(self, kind: JobKind[Any]) -> None:
        self.kinds[kind.name] = kind

    def kind(self, name: str) -> JobKind[Any]:
        return self.kinds[name]

    # -- records ---------------------------------------------------------------------------

    @contextmanager
    def locked(self, ref: JobRef) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(ref.key, threading.RLock())
        with lock:
            yield

    def record_id(self, ref: JobRef) -> int:
        if ref.key not in self._ids:
            with self.database.session() as session:
                found = self.kind(ref.kind).find(session, ref.context, ref.name)
            if found is None:
                raise NotFound(f"No {ref.kind} named {ref.name}")
            self._ids[ref.key] = found
        return self._ids[ref.key]

    def load(self, ref: JobRef) -> Any:
        """A detached copy of the job's record."""
        with self.database.session() as session:
            record = session.get(self.kind(ref.kind).record, self.record_id(ref))
            if record is None:
                raise NotFound(f"No {ref.kind} named {ref.name}")
            session.expunge(record)
            return record

    @contextmanager
    def transaction(self, ref: JobRef) -> Iterator[tuple[Session, Any]]:
        """The job's record in one transaction under its lock, for writes that must commit
        together with other rows (log lines with their read cursor). Status stays out of
        reach: its columns refuse any assignment but the machine's."""
        with self.locked(ref), self.database.session() as session:
            record = session.get(
                self.kind(ref.kind).record, self.record_id(ref), with_for_update=True
            )
            if record is None:
                raise NotFound(f"No {ref.kind} named {ref.name}")
            yield session, record

    def write(self, ref: JobRef, change: Callable[[Any], Any]) -> Any:
        """Apply ``change`` to the job's record (anything but its status) in one transaction."""
        with self.transaction(ref) as (_session, record):
            return change(record)

    def remove(self, ref: JobRef, message: str) -> None:
        """Delete the job's record: the end of a kind whose jobs leave no record behind (an
        endpoint is gone once deleted, and its name is free again). The kind's event says so
        with the status ``Deleted``."""
        kind = self.kind(ref.kind)
        with self.transaction(ref) as (session, record):
            session.delete(record)
        with self._guard:
            self._ids.pop(ref.key, None)
        if kind.event:
            self.events.emit(
                kind.event,
                {"name": ref.name, "status": "Deleted", "message": message},
                where=(ref.context.domain, ref.context.space),
            )

    def move(
        self,
        ref: JobRef,
        to: Enum,
        message: str,
        failure_reason: str | None = None,
        changes: Callable[[Any], None] | None = None,
    ) -> None:
        """The one writer of a job's status: ``changes`` (if any) and the transition commit
        together, then the kind hears of it, then the front end (the kind's event)."""
        kind = self.kind(ref.kind)
        snapshot: dict[str, Any] = {}
        with self.transaction(ref) as (_session, record):
            if changes is not None:
                changes(record)
            kind.machine.transition(record, to, message, failure_reason=failure_reason)
            snapshot.update(kind.snapshot(ref, record, message))
        kind.moved(ref, snapshot)
        for listener in list(self.listeners):
            try:
                listener(ref, snapshot)
            except Exception:  # a listener's failure must not undo or hide the move
                log.exception("A listener failed on the move of %s %s", ref.kind, ref.name)
        if kind.event:
            self.events.emit(kind.event, snapshot, where=(ref.context.domain, ref.context.space))

    # -- runners ---------------------------------------------------------------------------

    def submit(self, ref: JobRef) -> JobRunner | None:
        """Start driving a job that was just created (or adopted); its runner, or ``None``
        while the server shuts down or when no runner could be made for it (the job is then
        Failed with the reason, rather than left in progress with nothing driving it)."""
        with self._guard:
            if self._closing:
                return None
            if ref.key in self._runners:
                return self._runners[ref.key]
            failure: Exception | None = None
            try:
                runner = self.kind(ref.kind).runner(self, ref)
            except Exception as error:  # a missing package, a broken registered image, ...
                log.exception("No runner could be made for %s %s", ref.kind, ref.name)
                failure = error
            else:
                self._runners[ref.key] = runner
        if failure is not None:
            self._fail_unstarted(ref, failure)
            return None
        runner.start()
        return runner

    def _fail_unstarted(self, ref: JobRef, error: Exception) -> None:
        machine = self.kind(ref.kind).machine
        if machine.failed is None:
            raise error
        reason = f"The job could not start: {type(error).__name__}: {error}"
        record = self.load(ref)
        if machine.failed in machine.transitions[machine.state(record)]:
            self.move(ref, machine.failed, reason, failure_reason=reason)

    def forget(self, runner: JobRunner) -> None:
        with self._guard:
            if self._runners.get(runner.ref.key) is runner:
                del self._runners[runner.ref.key]

    def runner(self, ref: JobRef) -> JobRunner | None:
        with self._guard:
            return self._runners.get(ref.key)

    def wake(self, ref: JobRef) -> None:
        runner = self.runner(ref)
        if runner is not None:
            runner.wake.set()

    def wake_all(self) -> None:
        """Wake every runner (capacity was freed: a waiting job may fit now)."""
        with self._guard:
            runners = list(self._runners.values())
        for runner in runners:
            runner.wake.set()

    def request_stop(self, ref: JobRef, to: Enum, message: str) -> None:
        """Move the job to its stopping state now; its runner stops the work and ends it."""
        self.move(ref, to, message)
        runner = self.runner(ref)
        if runner is not None:
            runner.stop_requested.set()
            runner.wake.set()

    def adopt(self) -> list[str]:
        """Carry on with every kind's jobs this server left active; returns their keys."""
        adopted = []
        for kind in self.kinds.values():
            with self.database.session() as session:
                refs = kind.adoptable(session, self.supervisor_id)
            for ref in refs:
                log.info("Adopting %s %s", ref.kind, ref.name)
                self.submit(ref)
                adopted.append(ref.key)
        return adopted

    def active(self) -> list[str]:
        """Keys of the jobs a runner drives now."""
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
