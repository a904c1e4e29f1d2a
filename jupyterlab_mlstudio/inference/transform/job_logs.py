"""A transform job's log, a page at a time, read as a training job's is."""

from __future__ import annotations

from ...core.context import RequestContext
from ...logs.service import LogService
from ...training.job_logs import check_host, read_log_page
from ...training.models import LogPage
from .jobs import LOG_GROUP
from .service import TransformJobService


class TransformJobLogs:
    """Reads the log lines of a transform job's instances (``algo-1`` ... ``algo-N``)."""

    def __init__(self, transform: TransformJobService, logs: LogService) -> None:
        self.transform = transform
        self.logs = logs

    def page(
        self,
        context: RequestContext,
        name: str,
        host: str = "algo-1",
        after: int = -1,
        limit: int = 1000,
    ) -> LogPage:
        """Up to ``limit`` lines of instance ``host`` after sequence ``after``; an instance the
        job does not have is invalid input naming those it has."""
        detail = self.transform.describe(context, name)
        count = detail.transform_resources.instance_count
        check_host(name, host, [f"algo-{index}" for index in range(1, count + 1)])
        stream = self.transform.log_stream(context, name, host)
        return read_log_page(self.logs, context, LOG_GROUP, host, stream, after, limit)
