"""A training job's output: stored in its log streams, searched for metrics, its tail kept.

Two readers follow each host's output, each with its own cursor in the job's runtime record:

- the log ingest (``logs/ingest.py``) stores every line, in large batches on its own thread,
  committing the ``cursors`` entry of the host with the lines;
- the runner scans the same lines for ``MetricDefinitions`` and keeps the last few for the
  failure reason, committing metric points with the ``scan_cursors`` entry and the step counts.

So the job's status follows its processes: when they have exited the runner scans what is left
(fast: nothing is written), records metrics that are complete, and ends the job, while the tail
of a large log is still being stored. ``logs_pending`` in the runtime record says the store is
not done; a restarted server finishes it (see ``TrainingJobs.adoptable``) before the units and
their folders are removed.
"""

from __future__ import annotations

import functools
import logging
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..logs.ingest import LogFeed
from ..logs.service import LogLine
from ..runtime.base import UnitStatus
from .metric_extraction import MetricExtractor

if TYPE_CHECKING:
    from .runner import TrainingRunner

log = logging.getLogger(__name__)

LOG_GROUP = "/aws/sagemaker/TrainingJobs"
#: Lines of a batch sent to the front end in its event (the view fetches the rest).
EVENT_LINES = 200
#: Lines the runner scans per read.
SCAN_LINES = 50_000
#: Seconds between checks, while waiting for the store, that the server is not shutting down.
DRAIN_CHECK_SECONDS = 0.2


@dataclass
class HostState:
    """One host of the job: its unit, stream, read positions, last lines and status."""

    host: str
    unit: str
    stream: str
    cursor: Any = None  # after the last stored line
    scan_cursor: Any = None  # after the last line searched for metrics
    tail: deque[str] = field(default_factory=lambda: deque(maxlen=5))
    status: UnitStatus | None = None
    feed: LogFeed | None = None


class JobOutput:
    """The output of one job's hosts, for its runner."""

    def __init__(
        self, runner: TrainingRunner, hosts: dict[str, HostState], metrics: MetricExtractor
    ) -> None:
        self.runner = runner
        self.deps = runner.deps
        self.hosts = hosts
        self.metrics = metrics

    # -- storing every line (the log ingest's thread) --------------------------------------

    def follow(self, backend: Any, ended: bool = False) -> None:
        """Hand every host's output to the log ingest, from its stored cursor."""
        for state in self.hosts.values():
            feed = LogFeed(
                name=f"{self.runner.job}/{state.host}",
                read=functools.partial(backend.read_logs, state.unit),
                store=functools.partial(self._store, state),
                cursor=state.cursor,
            )
            if ended:
                feed.end()
            state.feed = self.deps.ingest.follow(feed)

    def _store(self, state: HostState, lines: list[tuple[int, str]], cursor: Any) -> None:
        """Lines and the cursor after them commit together: a restart resumes exactly after
        the last stored line."""
        runner, deps = self.runner, self.deps
        with runner.supervisor.transaction(runner.ref) as (session, record):
            first = deps.logs.append(session, runner.context, LOG_GROUP, state.stream, lines)
            runtime = dict(record.runtime or {})
            runtime["cursors"] = {**(runtime.get("cursors") or {}), state.host: cursor}
            record.runtime = runtime
        state.cursor = cursor
        deps.events.emit(
            "training-logs",
            {
                "name": runner.job,
                "host": state.host,
                "first_seq": first,
                "count": len(lines),
                "lines": [
                    {"timestamp": stamp, "message": message}
                    for stamp, message in lines[-EVENT_LINES:]
                ],
            },
            where=(runner.context.domain, runner.context.space),
        )

    def end(self) -> None:
        """The units have exited: the ingest stores what is left, then lets go."""
        for state in self.hosts.values():
            if state.feed is not None:
                state.feed.end()
        self.deps.ingest.nudge()

    def wait_stored(self) -> None:
        """Until every line is stored (raises ``Detached`` if the server shuts down first)."""
        for state in self.hosts.values():
            feed = state.feed
            while feed is not None and not feed.drained.wait(DRAIN_CHECK_SECONDS):
                self.runner.check_detached()

    def forget(self) -> None:
        """Stop storing (the job failed inside the server); what is not stored stays unread."""
        for state in self.hosts.values():
            if state.feed is not None:
                self.deps.ingest.forget(state.feed)

    # -- metrics and the tail (the runner's thread) ----------------------------------------

    def scan(self, backend: Any) -> int:
        """Read what each host wrote since the last scan: keep its last lines, record the
        metric points found (with the scan cursor and step counts, in one transaction).
        Returns the number of lines read."""
        runner, deps = self.runner, self.deps
        total = 0
        for state in self.hosts.values():
            read = backend.read_logs(state.unit, state.scan_cursor, SCAN_LINES)
            if not read.lines:
                continue
            total += len(read.lines)
            state.tail.extend(text for _stamp, text in read.lines[-5:])
            steps = runner.metric_steps
            points, notices = (
                self.metrics.extract(list(map(LogLine._make, read.lines)), steps)
                if self.metrics.patterns
                else ([], [])
            )
            if points or notices:
                run_id = None
                with runner.supervisor.transaction(runner.ref) as (session, record):
                    if notices:  # a skipped metric says so in the log, where it was found
                        deps.logs.append(session, runner.context, LOG_GROUP, state.stream, notices)
                    run_id = record.run_id
                    if points and run_id:
                        deps.experiments.log_batch(
                            runner.context, run_id, metrics=points, session=session, job=runner.job
                        )
                    runtime = dict(record.runtime or {})
                    runtime["scan_cursors"] = {
                        **(runtime.get("scan_cursors") or {}),
                        state.host: read.cursor,
                    }
                    runtime["steps"] = dict(steps)
                    record.runtime = runtime
            state.scan_cursor = read.cursor
        if total:
            deps.ingest.nudge()
        return total
