"""Experiments, runs, parameters, tags and metric series: no Tornado, no wire formats."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..core.clock import now_ms
from ..core.context import RequestContext
from ..core.errors import Conflict, InvalidInput, NotFound
from ..objects.router import join_uri
from ..store import Database
from .models import (
    Experiment,
    LatestMetric,
    MetricPoint,
    Param,
    Run,
    RunStatus,
    Tag,
    loaded_value,
    stored_value,
)
from .orm import (
    AppliedBatchRecord,
    ExperimentRecord,
    LatestMetricRecord,
    MetricRecord,
    ParamRecord,
    RunRecord,
    TagRecord,
)


def _owned(context: RequestContext) -> dict[str, str]:
    return {"domain": context.domain, "space": context.space, "owner": context.owner}


class ExperimentService:
    """The tracking store. Artifacts of run R of experiment E live under
    ``<artifact_root>/experiments/E/R/artifacts``."""

    def __init__(self, database: Database, artifact_root: str) -> None:
        self.database = database
        self.artifact_root = artifact_root

    # -- experiments -----------------------------------------------------------------------

    def create_experiment(
        self, context: RequestContext, name: str, artifact_location: str | None = None
    ) -> Experiment:
        name = name.strip()
        if not name:
            raise InvalidInput("An experiment needs a name.", field="name")
        experiment_id = uuid.uuid4().hex[:16]
        now = now_ms()
        record = ExperimentRecord(
            experiment_id=experiment_id,
            name=name,
            artifact_location=artifact_location
            or join_uri(self.artifact_root, "experiments", experiment_id),
            lifecycle_stage="active",
            creation_time=now,
            last_update_time=now,
            **_owned(context),
        )
        try:
            with self.database.session() as session:
                session.add(record)
        except IntegrityError as error:
            raise Conflict(f"An experiment named {name!r} exists already.", field="name") from error
        return _experiment(record)

    def experiment_by_name(self, context: RequestContext, name: str) -> Experiment | None:
        with self.database.session() as session:
            record = session.scalar(
                select(ExperimentRecord).where(
                    ExperimentRecord.domain == context.domain, ExperimentRecord.name == name
                )
            )
            return _experiment(record) if record else None

    def ensure_experiment(self, context: RequestContext, name: str) -> Experiment:
        """The experiment called ``name``, made if missing (safe against concurrent makers)."""
        found = self.experiment_by_name(context, name)
        if found is not None:
            return found
        try:
            return self.create_experiment(context, name)
        except Conflict:
            found = self.experiment_by_name(context, name)
            assert found is not None
            return found

    # -- runs ------------------------------------------------------------------------------

    def create_run(
        self,
        context: RequestContext,
        experiment_id: str,
        name: str,
        *,
        params: dict[str, str] | None = None,
        tags: dict[str, str] | None = None,
        source_job: str | None = None,
        status: RunStatus = RunStatus.RUNNING,
        start_time: int | None = None,
    ) -> Run:
        run_id = uuid.uuid4().hex
        with self.database.session() as session:
            experiment = session.scalar(
                select(ExperimentRecord).where(ExperimentRecord.experiment_id == experiment_id)
            )
            if experiment is None or experiment.domain != context.domain:
                raise NotFound(f"No experiment with id {experiment_id}")
            session.add(
                RunRecord(
                    run_id=run_id,
                    experiment_id=experiment_id,
                    name=name,
                    status=status.value,
                    start_time=start_time or now_ms(),
                    lifecycle_stage="active",
                    artifact_uri=join_uri(experiment.artifact_location, run_id, "artifacts"),
                    source_job=source_job,
                    **_owned(context),
                )
            )
            session.flush()
            self._write_params(
                session, context, run_id, [Param(key=k, value=v) for k, v in (params or {}).items()]
            )
            self._write_tags(
                session, context, run_id, [Tag(key=k, value=v) for k, v in (tags or {}).items()]
            )
        return self.get_run(context, run_id)

    def get_run(self, context: RequestContext, run_id: str) -> Run:
        with self.database.session() as session:
            record = self._run(session, context, run_id)
            params = session.scalars(select(ParamRecord).where(ParamRecord.run_id == run_id))
            tags = session.scalars(select(TagRecord).where(TagRecord.run_id == run_id))
            latest = session.scalars(
                select(LatestMetricRecord)
                .where(LatestMetricRecord.run_id == run_id)
                .order_by(LatestMetricRecord.key)
            )
            return Run(
                run_id=record.run_id,
                experiment_id=record.experiment_id,
                name=record.name,
                status=RunStatus(record.status),
                start_time=record.start_time,
                end_time=record.end_time,
                lifecycle_stage=record.lifecycle_stage,
                artifact_uri=record.artifact_uri,
                source_job=record.source_job,
                params={item.key: item.value for item in params},
                tags={item.key: item.value for item in tags},
                metrics=[_latest(item) for item in latest],
            )

    def update_run(
        self, context: RequestContext, run_id: str, status: RunStatus, end_time: int | None = None
    ) -> None:
        with self.database.session() as session:
            record = self._run(session, context, run_id)
            record.status = status.value
            if status in (RunStatus.FINISHED, RunStatus.FAILED, RunStatus.KILLED):
                record.end_time = end_time or now_ms()

    # -- logging ---------------------------------------------------------------------------

    def log_batch(
        self,
        context: RequestContext,
        run_id: str,
        metrics: Iterable[MetricPoint] = (),
        params: Iterable[Param] = (),
        tags: Iterable[Tag] = (),
        session: Session | None = None,
        batch_id: str | None = None,
    ) -> bool:
        """Record metrics, params and tags of one run in one transaction (or in ``session``).

        With a ``batch_id``, a batch that was applied before is skipped (returns False), so a
        client may resend a batch whose answer it never got.
        """
        if session is not None:
            return self._log(
                session, context, run_id, list(metrics), list(params), list(tags), batch_id
            )
        try:
            with self.database.session() as own:
                return self._log(
                    own, context, run_id, list(metrics), list(params), list(tags), batch_id
                )
        except IntegrityError:
            if batch_id is None:
                raise
            return False  # the same batch, resent while its first copy was being applied

    def metric_history(self, context: RequestContext, run_id: str, key: str) -> list[MetricPoint]:
        with self.database.session() as session:
            self._run(session, context, run_id)
            rows = session.execute(
                select(
                    MetricRecord.value,
                    MetricRecord.is_nan,
                    MetricRecord.step,
                    MetricRecord.timestamp,
                )
                .where(MetricRecord.run_id == run_id, MetricRecord.key == key)
                .order_by(MetricRecord.step, MetricRecord.timestamp, MetricRecord.id)
            ).all()
        return [
            MetricPoint(key=key, value=loaded_value(value, is_nan), step=step, timestamp=timestamp)
            for value, is_nan, step, timestamp in rows
        ]

    def latest_metrics(self, context: RequestContext, run_id: str) -> list[LatestMetric]:
        return self.get_run(context, run_id).metrics

    # -- internals -------------------------------------------------------------------------

    def _run(self, session: Session, context: RequestContext, run_id: str) -> RunRecord:
        record = session.scalar(select(RunRecord).where(RunRecord.run_id == run_id))
        if record is None or record.domain != context.domain:
            raise NotFound(f"No run with id {run_id}")
        return record

    def _log(
        self,
        session: Session,
        context: RequestContext,
        run_id: str,
        metrics: list[MetricPoint],
        params: list[Param],
        tags: list[Tag],
        batch_id: str | None = None,
    ) -> bool:
        record = self._run(session, context, run_id)
        if record.lifecycle_stage != "active":
            raise InvalidInput(f"Run {run_id} is deleted; it cannot be logged to.")
        if batch_id is not None:
            seen = session.get(AppliedBatchRecord, (run_id, batch_id))
            if seen is not None:
                return False
            session.add(
                AppliedBatchRecord(
                    run_id=run_id, batch_id=batch_id, applied_time=now_ms(), **_owned(context)
                )
            )
        self._write_params(session, context, run_id, params)
        self._write_tags(session, context, run_id, tags)
        if metrics:
            self._write_metrics(session, context, run_id, metrics)
        return True

    def _write_params(
        self, session: Session, context: RequestContext, run_id: str, params: list[Param]
    ) -> None:
        if not params:
            return
        existing = {
            item.key: item.value
            for item in session.scalars(
                select(ParamRecord).where(
                    ParamRecord.run_id == run_id, ParamRecord.key.in_([p.key for p in params])
                )
            )
        }
        new: dict[str, str] = {}
        for param in params:
            old = existing.get(param.key, new.get(param.key))
            if old is not None and old != param.value:
                raise InvalidInput(
                    "Changing param values is not allowed. "
                    f"Param with key={param.key!r} was already logged with value={old!r} "
                    f"for run ID={run_id!r}. Attempted logging new value {param.value!r}.",
                    field=f"params.{param.key}",
                )
            if old is None:
                new[param.key] = param.value
        if new:
            session.execute(
                insert(ParamRecord),
                [
                    {"run_id": run_id, "key": key, "value": value, **_owned(context)}
                    for key, value in new.items()
                ],
            )

    def _write_tags(
        self, session: Session, context: RequestContext, run_id: str, tags: list[Tag]
    ) -> None:
        for tag in tags:
            session.merge(TagRecord(run_id=run_id, key=tag.key, value=tag.value, **_owned(context)))

    def _write_metrics(
        self, session: Session, context: RequestContext, run_id: str, metrics: list[MetricPoint]
    ) -> None:
        owned = _owned(context)
        rows: list[dict[str, Any]] = []
        for point in metrics:
            value, is_nan = stored_value(point.value)
            rows.append(
                {
                    "run_id": run_id,
                    "key": point.key,
                    "value": value,
                    "is_nan": is_nan,
                    "step": point.step,
                    "timestamp": point.timestamp,
                    **owned,
                }
            )
        session.execute(insert(MetricRecord), rows)
        keys = {point.key for point in metrics}
        latest = {
            item.key: item
            for item in session.scalars(
                select(LatestMetricRecord).where(
                    LatestMetricRecord.run_id == run_id, LatestMetricRecord.key.in_(keys)
                )
            )
        }
        for point in metrics:
            value, is_nan = stored_value(point.value)
            current = latest.get(point.key)
            if current is None:
                current = LatestMetricRecord(
                    run_id=run_id,
                    key=point.key,
                    value=value,
                    is_nan=is_nan,
                    step=point.step,
                    timestamp=point.timestamp,
                    min_value=value,
                    max_value=value,
                    count=0,
                    **owned,
                )
                session.add(current)
                latest[point.key] = current
            elif (point.step, point.timestamp) >= (current.step, current.timestamp):
                current.value, current.is_nan = value, is_nan
                current.step, current.timestamp = point.step, point.timestamp
            if value is not None:
                current.min_value = (
                    value if current.min_value is None else min(current.min_value, value)
                )
                current.max_value = (
                    value if current.max_value is None else max(current.max_value, value)
                )
            current.count = (current.count or 0) + 1


def _experiment(record: ExperimentRecord) -> Experiment:
    return Experiment(
        experiment_id=record.experiment_id,
        name=record.name,
        artifact_location=record.artifact_location,
        lifecycle_stage=record.lifecycle_stage,
        creation_time=record.creation_time,
        last_update_time=record.last_update_time,
    )


def _latest(record: LatestMetricRecord) -> LatestMetric:
    return LatestMetric(
        key=record.key,
        value=loaded_value(record.value, record.is_nan),
        step=record.step,
        timestamp=record.timestamp,
        min=record.min_value,
        max=record.max_value,
        count=record.count,
    )
