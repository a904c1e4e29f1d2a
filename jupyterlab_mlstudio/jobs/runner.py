"""The runner base: one thread drives one job from its current state to a resting one."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any

from ..compute.capacity import CapacityLedger, Claim, Reservation
from ..core.errors import IllegalTransition, MLStudioError

if TYPE_CHECKING:
    from .supervisor import JobKind, JobRef, JobSupervisor

log = logging.getLogger(__name__)


class Detached(Exception):
    """The server is shutting down: leave the job's units running for the next server."""


class JobRunner(threading.Thread):
    """Drives one job; every change of its status goes through ``move`` (the supervisor's).

    A kind's runner implements ``execute`` (the work, from whatever state the record is in, so
    an adopted job carries on) and ``fail`` (record a failure the server itself caused). The
    base turns ``Detached`` into a quiet exit, a refusal of the request's own making (an
    ``MLStudioError`` below 500) into ``fail("ClientError: ...")`` and any other exception into
    ``fail("InternalServerError: ...")``.
    """

    def __init__(self, supervisor: JobSupervisor, kind: JobKind[Any], ref: JobRef) -> None:
        super().__init__(name=f"mlstudio-{ref.kind}-{ref.name}", daemon=True)
        self.supervisor = supervisor
        self.kind = kind
        self.ref = ref
        self.context = ref.context
        self.wake = threading.Event()
        self.stop_requested = threading.Event()
        self.detached = threading.Event()

    # -- what a kind implements -------------------------------------------------------------

    def execute(self) -> None:
        raise NotImplementedError

    def fail(self, reason: str) -> None:
        raise NotImplementedError

    # -- plumbing --------------------------------------------------------------------------

    def run(self) -> None:
        try:
            self.execute()
        except Detached:
            log.info("%s %s left for the next server", self.ref.kind, self.ref.name)
        except Exception as error:
            # A refusal of the request's own making (a channel or code that staging may not
            # read) is the client's error, named as such; anything else is the server's.
            client = (
                isinstance(error, MLStudioError)
                and error.status < 500
                and not isinstance(error, IllegalTransition)
            )
            if not client:
                log.exception("%s %s failed inside the server", self.ref.kind, self.ref.name)
            try:
                self.fail(f"ClientError: {error}" if client else f"InternalServerError: {error}")
            except Exception:
                log.exception("Could not record the failure of %s %s", self.ref.kind, self.ref.name)
        finally:
            self.supervisor.forget(self)

    def record(self) -> Any:
        """A detached copy of the job's record as stored now."""
        return self.supervisor.load(self.ref)

    def move(
        self,
        to: Enum,
        message: str,
        failure_reason: str | None = None,
        changes: Callable[[Any], None] | None = None,
    ) -> None:
        self.supervisor.move(self.ref, to, message, failure_reason, changes)

    def check_detached(self) -> None:
        if self.detached.is_set():
            raise Detached()

    def pause(self, seconds: float) -> None:
        """Wait up to ``seconds``; a wake-up (stop request, freed capacity) ends it early."""
        self.wake.wait(seconds)
        self.wake.clear()

    def wait_for_capacity(
        self,
        ledger: CapacityLedger,
        claim: Claim,
        stopped: Callable[[], bool],
        waiting: Callable[[str], None],
    ) -> Reservation | None:
        """Reserve ``claim``, waiting while it does not fit; ``waiting(reason)`` is called once
        when it has to wait. ``None`` when ``stopped()`` turned true meanwhile."""
        told = False
        while True:
            self.check_detached()
            if stopped():
                return None
            result = ledger.try_reserve(claim)
            if isinstance(result, Reservation):
                return result
            if not told:
                waiting(result.waiting())
                told = True
            self.pause(1.0)
