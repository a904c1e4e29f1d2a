"""A training job's log, a page at a time, as every face reads it.

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
        if host not in detail.hosts:
            raise InvalidInput(f"host: {name} has hosts {', '.join(detail.hosts)}", field="host")
        stream = detail.log_streams.get(host)
        if stream is None or not self.logs.exists(context, LOG_GROUP, stream):
            return LogPage(host=host, stream=stream, lines=[], total=0)
        events = self.logs.tail(context, LOG_GROUP, stream, after, limit)
        return LogPage(
            host=host,
            stream=stream,
            lines=[LogLineOut(seq=e.seq, timestamp=e.timestamp, message=e.message) for e in events],
            total=self.logs.count(context, LOG_GROUP, stream),
        )
