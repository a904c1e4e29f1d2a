"""The replica watcher: one thread that keeps every endpoint's replicas serving.

Four times a second it looks at each replica in rotation (the unit's state, from its backend);
a unit that ended is taken out of rotation, noted in the endpoint's recent errors, and
restarted: at once the first time, then after a backoff that doubles with each failure in a
row (0.5 s, 1 s, 2 s, ... up to 30 s) and resets once the replica has served for a minute.
A restarting replica is pinged every look until it answers. A replica the router could not
reach is checked at once: back in rotation if it answers ``/ping``, restarted if its unit
died or hangs. Once a second it stores what each unit printed in the endpoint's log group
(``/aws/sagemaker/Endpoints/<name>``, stream ``<variant>/<instance id>``), with the read
cursor, in one transaction, so a restart neither loses nor repeats a line.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from typing import Any

from ..core.context import RequestContext
from ..core.errors import NotFound
from ..jobs.supervisor import JobSupervisor
from ..logs.service import LogLine
from ..serving.health import exit_reason, ping
from ..serving.units import unit_url
from . import replicas as units
from .fleet import LiveEndpoint, Replica, ReplicaState
from .jobs import LOG_GROUP, EndpointDeps, endpoint_ref

log = logging.getLogger(__name__)

#: Seconds a replica must serve before its restart backoff starts again from the beginning.
STABLE_SECONDS = 60.0
#: Seconds a running unit may fail to answer /ping before it is taken for hung and replaced.
HUNG_SECONDS = 10.0
#: Seconds between status looks at a Docker unit (each is a call to the engine).
DOCKER_INTERVAL = 1.0
#: Seconds between looks while a replica is restarting (a ping each: it serves sooner).
RESTARTING_INTERVAL = 0.05


class ReplicaWatcher:
    """Watches, restarts and reads the output of every replica of every endpoint."""

    def __init__(
        self,
        deps: EndpointDeps,
        supervisor: JobSupervisor,
        interval: float = 0.25,
        log_interval: float = 1.0,
    ) -> None:
        self.deps = deps
        self.supervisor = supervisor
        self.interval = interval
        self.log_interval = log_interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._looked: dict[str, float] = {}
        self._unanswered: dict[str, float] = {}
        self._restarting_now = False

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="mlstudio-replica-watcher", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(5)

    def wake(self, _replica: Replica | None = None) -> None:
        """Look now (the router could not reach a replica)."""
        self._wake.set()

    # -- the loop --------------------------------------------------------------------------

    def _run(self) -> None:
        next_logs = 0.0
        while not self._stop.is_set():
            self._restarting_now = False
            for live in self.deps.fleet.all():
                if live.status == "Deleting":
                    continue
                try:
                    self._watch(live)
                except Exception:
                    log.exception("Could not check the replicas of endpoint %s", live.name)
            if time.monotonic() >= next_logs:
                next_logs = time.monotonic() + self.log_interval
                for live in self.deps.fleet.all():
                    try:
                        self.collect_logs(live)
                    except NotFound:
                        pass  # deleted meanwhile
                    except Exception:
                        log.exception("Could not store the output of endpoint %s", live.name)
            # A replica coming back is looked at often, so that it serves as soon as it can.
            self._wake.wait(RESTARTING_INTERVAL if self._restarting_now else self.interval)
            self._wake.clear()

    def _watch(self, live: LiveEndpoint) -> None:
        now = time.monotonic()
        for variant in list(live.variants.values()):
            for replica in list(variant.replicas):
                state = replica.state
                if state is ReplicaState.IN_SERVICE:
                    if replica.backoff and now - replica.healthy_since > STABLE_SECONDS:
                        replica.backoff = 0.0
                    reason = self._ended(replica, now)
                    if reason:
                        self._failed(live, replica, reason)
                elif state is ReplicaState.FAILED:
                    self._recover(live, replica, now)
                elif state is ReplicaState.RESTARTING:
                    self._restarting_now = True
                    self._restarting(live, replica, now)

    def _ended(self, replica: Replica, now: float) -> str | None:
        """Why the replica's unit is no longer running (``None`` while it runs)."""
        if replica.backend == "docker":
            if now - self._looked.get(replica.unit, 0.0) < DOCKER_INTERVAL:
                return None
            self._looked[replica.unit] = now
        backend = self.deps.backends.get(replica.backend)
        if backend is None:
            return f"the {replica.backend} backend is gone"
        return exit_reason(backend, replica.unit)

    def _failed(self, live: LiveEndpoint, replica: Replica, reason: str) -> None:
        deps = self.deps
        replica.state = ReplicaState.FAILED
        replica.last_error = reason
        # The first failure in a row restarts at once; each further one waits twice as long.
        delay = replica.backoff
        replica.backoff = min(
            deps.restart_backoff_max_seconds, max(deps.restart_backoff_seconds, delay * 2)
        )
        replica.restart_at = time.monotonic() + delay
        live.note_error(
            replica.variant,
            "InstanceFailed",
            f"Instance {replica.instance_id}: {reason}; restarting in {delay:g} s.",
        )
        self._wake.set()  # restart now, not at the next look

    def _recover(self, live: LiveEndpoint, replica: Replica, now: float) -> None:
        if replica.restart_at == 0.0:
            # The router could not reach it: find out why before deciding.
            reason = self._ended(replica, float("inf"))
            if reason:
                self._failed(live, replica, reason)
            elif ping(unit_url(replica.port, replica.host), 1.0) == 200:
                self._unanswered.pop(replica.unit, None)
                replica.state = ReplicaState.IN_SERVICE
            elif now - self._unanswered.setdefault(replica.unit, now) > HUNG_SECONDS:
                self._unanswered.pop(replica.unit, None)
                self._failed(live, replica, f"it did not answer /ping for {HUNG_SECONDS:g} s")
            return
        if now < replica.restart_at:
            return
        variant = self._variant_snapshot(live, replica)
        if variant is None:
            return
        try:
            units.restart(self.deps, live.name, variant, replica)
        except Exception as error:
            log.warning("Could not restart %s: %s", replica.unit, error)
            self._failed(live, replica, f"it could not be restarted: {error}")
            return
        replica.health_deadline = now + float(
            variant.get("StartupTimeout") or self.deps.serving.health_timeout_seconds
        )
        self._save(live)

    def _restarting(self, live: LiveEndpoint, replica: Replica, now: float) -> None:
        backend = self.deps.backends.get(replica.backend)
        if backend is None:
            return
        if ping(unit_url(replica.port, replica.host), 0.5) == 200:
            replica.state = ReplicaState.IN_SERVICE
            replica.healthy_since = time.monotonic()
            live.note_error(
                replica.variant,
                "InstanceRestarted",
                f"Instance {replica.instance_id} is back in service (restart {replica.restarts}).",
            )
            self._save(live)
            return
        reason = exit_reason(backend, replica.unit)
        if reason:
            self._failed(live, replica, reason + " while restarting")
        elif now > replica.health_deadline:
            self._failed(live, replica, "it did not pass its health check after a restart")

    # -- records ---------------------------------------------------------------------------

    def _ref(self, live: LiveEndpoint) -> Any:
        return endpoint_ref(
            RequestContext(owner=live.owner, domain=live.domain, space=live.space), live.name
        )

    def _variant_snapshot(self, live: LiveEndpoint, replica: Replica) -> dict[str, Any] | None:
        try:
            record = self.supervisor.load(self._ref(live))
        except NotFound:
            return None
        for variant in record.deployed["Variants"]:
            if variant["VariantName"] == replica.variant:
                return dict(variant)
        return None

    def _save(self, live: LiveEndpoint) -> None:
        serving = [replica.describe() for replica in live.replicas()]

        def merge(record: Any) -> None:
            record.runtime = {**(record.runtime or {}), "replicas": serving}

        with contextlib.suppress(NotFound):
            self.supervisor.write(self._ref(live), merge)

    def collect_logs(self, live: LiveEndpoint) -> int:
        """Store what every replica printed since the last look; the number of lines."""
        everyone = [
            *live.replicas(),
            *(replica for variant in live.pending.values() for replica in variant.replicas),
        ]
        read: list[tuple[Replica, list[LogLine], Any]] = []
        for replica in everyone:
            if replica.state is ReplicaState.STOPPED or not replica.port:
                continue
            backend = self.deps.backends.get(replica.backend)
            if backend is None:
                continue
            got = backend.read_logs(replica.unit, replica.log_cursor, limit=2000)
            if got.lines:
                lines = [LogLine(stamp, text) for stamp, text in got.lines]
                read.append((replica, lines, got.cursor))
        if not read:
            return 0
        ref = self._ref(live)
        group = LOG_GROUP.format(name=live.name)
        cursors = {replica.unit: cursor for replica, _, cursor in read}
        with self.supervisor.transaction(ref) as (session, record):
            for replica, lines, _ in read:
                self.deps.logs.append(session, ref.context, group, replica.log_stream, lines)
            runtime = dict(record.runtime or {})
            for key in ("replicas", "pending"):
                runtime[key] = [
                    {**item, "log_cursor": cursors.get(item["unit"], item.get("log_cursor"))}
                    for item in runtime.get(key, [])
                ]
            record.runtime = runtime
        for replica, _, cursor in read:
            replica.log_cursor = cursor
        return sum(len(lines) for _, lines, _ in read)
