"""Training jobs' metrics as CloudWatch serves them: series per job, bucketed into periods.

SageMaker publishes each metric a job's definitions extract under the namespace
``/aws/sagemaker/TrainingJobs`` with the dimension ``Host`` (``<job>/algo-<n>``); the SDK's
``training_job_analytics`` asks for the dimension ``TrainingJobName``. Here the points are the
ones the server already stores in the job's run, every host's lines into one series, so both
dimensions name the same series (a ``Host`` query answers the job's series whichever host it
names).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..core.clock import datetime_to_ms
from ..core.context import RequestContext, visible
from ..core.errors import InvalidInput, NotFound
from ..experiments.service import ExperimentService
from ..store import Database
from . import contract
from .orm import TrainingJobRecord

NAMESPACE = "/aws/sagemaker/TrainingJobs"
JOB_DIMENSION = "TrainingJobName"
HOST_DIMENSION = "Host"
STATISTICS = ("SampleCount", "Average", "Sum", "Minimum", "Maximum")
#: CloudWatch's cap on the data points one GetMetricStatistics answer may hold.
MAX_DATAPOINTS = 1440


@dataclass(frozen=True)
class SeriesKey:
    """One job's metric, as CloudWatch names it."""

    job: str
    metric: str


@dataclass(frozen=True)
class Bucket:
    """The points of one period, summarised."""

    start_ms: int
    count: int
    total: float
    minimum: float
    maximum: float

    def statistic(self, name: str) -> float:
        return {
            "SampleCount": float(self.count),
            "Average": self.total / self.count,
            "Sum": self.total,
            "Minimum": self.minimum,
            "Maximum": self.maximum,
        }[name]


def series_key(namespace: str, metric: str, dimensions: Iterable[tuple[str, str]]) -> SeriesKey:
    """The job series a CloudWatch query names; a query for anything else is refused."""
    if namespace != NAMESPACE:
        raise InvalidInput(f"Only the namespace {NAMESPACE} is served here.", field="Namespace")
    found = dict(dimensions)
    job = found.get(JOB_DIMENSION)
    host = found.get(HOST_DIMENSION)
    if host is not None:
        host_job, _, host_name = host.partition("/")
        if not host_job or not host_name.startswith("algo-") or (job and job != host_job):
            raise InvalidInput(f"Not a training host: {host}", field="Dimensions")
        job = host_job
    if not job or set(found) - {JOB_DIMENSION, HOST_DIMENSION}:
        raise InvalidInput(
            f"Name the job with the dimension {JOB_DIMENSION} or {HOST_DIMENSION}.",
            field="Dimensions",
        )
    return SeriesKey(job, metric)


class TrainingMetrics:
    """Reads the stored metric points of the caller's jobs (no writes: the runner logs them)."""

    def __init__(self, database: Database, experiments: ExperimentService) -> None:
        self.database = database
        self.experiments = experiments

    def _jobs(self, context: RequestContext, name: str | None = None) -> list[TrainingJobRecord]:
        with self.database.session() as session:
            statement = select(TrainingJobRecord).where(
                visible(TrainingJobRecord, context), TrainingJobRecord.run_id.is_not(None)
            )
            if name is not None:
                statement = statement.where(TrainingJobRecord.name == name)
            return list(session.scalars(statement))

    def listing(self, context: RequestContext) -> list[tuple[str, str, list[str]]]:
        """(job, metric, hosts) of every series the caller's jobs have points in."""
        found = []
        for record in self._jobs(context):
            assert record.run_id is not None
            try:
                run = self.experiments.get_run(context, record.run_id)
            except NotFound:  # the run was deleted; the job keeps its name
                continue
            count = int(record.request["ResourceConfig"].get("InstanceCount", 1))
            hosts = contract.host_names(count)
            found += [(record.name, metric.key, hosts) for metric in run.metrics]
        return sorted(found)

    def points(
        self, context: RequestContext, key: SeriesKey, start: datetime, end: datetime
    ) -> list[tuple[int, float]]:
        """(timestamp ms, value) of the series in [start, end); NaN points are left out, as
        CloudWatch never holds one. A job this caller cannot see has no points."""
        records = self._jobs(context, key.job)
        if not records or records[0].run_id is None:
            return []
        low, high = datetime_to_ms(start), datetime_to_ms(end)
        series, _ = self.experiments.metric_history(context, records[0].run_id, key.metric)
        return [
            (point.timestamp, point.value)
            for point in series
            if low <= point.timestamp < high and math.isfinite(point.value)
        ]

    def buckets(
        self,
        context: RequestContext,
        key: SeriesKey,
        start: datetime,
        end: datetime,
        period: int,
    ) -> list[Bucket]:
        """The series summarised per ``period`` seconds, periods aligned on ``start``."""
        if period < 1 or (period >= 60 and period % 60):
            raise InvalidInput("The period must be 1, 5, 10, 30 or a multiple of 60.")
        if end <= start:
            raise InvalidInput("The start time must be before the end time.", field="StartTime")
        origin = datetime_to_ms(start)
        if (datetime_to_ms(end) - origin) // (period * 1000) > MAX_DATAPOINTS * 100:
            raise InvalidInput("Too many periods requested; widen the period.", field="Period")
        grouped: dict[int, list[float]] = {}
        for timestamp, value in self.points(context, key, start, end):
            slot = origin + (timestamp - origin) // (period * 1000) * period * 1000
            grouped.setdefault(slot, []).append(value)
        if len(grouped) > MAX_DATAPOINTS:
            raise InvalidInput(
                f"The request would return more than {MAX_DATAPOINTS} data points; "
                "narrow the time range or widen the period."
            )
        return [
            Bucket(slot, len(values), sum(values), min(values), max(values))
            for slot, values in sorted(grouped.items())
        ]
