"""A job's log, a page at a time, as every face reads it (training jobs here; other kinds
whose units log into the log service use :func:`read_log_page`).

A job writes one log stream per host into the log service (group ``LOG_GROUP``); its stream
appears with the host's first line, so a job that has not printed yet has an empty page.
"""

from __future__ import annotations

from ..core.context import RequestContext
from ..core.errors import InvalidInput
from ..logs.service import LogService
from .models import LogLineOut, LogPage
from .runner import LOG_GROUP
from .service import TrainingJobService


class TrainingJobLogs:
    """Reads the log lines of a training job's hosts."""

    def __init__(self, training: TrainingJobService, logs: LogService) -> None:
        self.training = training
        self.logs = logs

    def page(
        self,
        context: RequestContext,
        name: str,
        host: str = "algo-1",
        after: int = -1,
        limit: int = 1000,
    ) -> LogPage:
        """Up to ``limit`` lines of ``host`` with a sequence number above ``after``; a host the
        job does not have is invalid input naming the hosts it has."""
        detail = self.training.describe(context, name)
        check_host(name, host, detail.hosts)
        stream = detail.log_streams.get(host)
        return read_log_page(self.logs, context, LOG_GROUP, host, stream, after, limit)


def check_host(job: str, host: str, hosts: list[str]) -> None:
    """Refuse a host the job does not have, naming the hosts it has."""
    if host not in hosts:
        raise InvalidInput(f"host: {job} has hosts {', '.join(hosts)}", field="host")


def read_log_page(
    logs: LogService,
    context: RequestContext,
    group: str,
    host: str,
    stream: str | None,
    after: int,
    limit: int,
) -> LogPage:
    """Up to ``limit`` lines of a host's ``stream`` in ``group`` after sequence ``after``; a
    stream that has not started yet (or a host without one) is an empty page. Every job kind
    whose units log into the log service reads its pages here."""
    if stream is None or not logs.exists(context, group, stream):
        return LogPage(host=host, stream=stream, lines=[], total=0)
    events = logs.tail(context, group, stream, after, limit)
    return LogPage(
        host=host,
        stream=stream,
        lines=[LogLineOut(seq=e.seq, timestamp=e.timestamp, message=e.message) for e in events],
        total=logs.count(context, group, stream),
    )
