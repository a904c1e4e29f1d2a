"""Runs: start, read, end, delete; log metrics, params, tags, inputs and outputs; search.

Whatever face logs a point (the REST face, the MLflow face, the tracking client, a training
job's metric regexes), the ``run-metrics`` event announcing it is emitted here, once, when the
points are committed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from contextlib import nullcontext
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..core.clock import now_ms
from ..core.context import RequestContext, owned, visible
from ..core.errors import InvalidInput
from ..core.events import EventBus
from ..core.paging import decode_offset, encode_token
from ..store import Database
from ..store.database import after_commit
from ..store.lookup import required
from . import search
from .models import (
    LatestMetric,
    MetricHistory,
    MetricPoint,
    Param,
    Run,
    RunStatus,
    Tag,
    ViewType,
    loaded_value,
)
from .orm import (
    AppliedBatchRecord,
    MetricRecord,
    RunInputRecord,
    RunOutputRecord,
    RunRecord,
    TagRecord,
)
from .reads import runs_of
from .records import check_active, experiment_record, run_record, stages
from .series import kept_indices
from .validation import check_key
from .writes import RUN_NAME_TAG, write_metrics, write_params, write_tags

FINISHED_STATES = (RunStatus.FINISHED, RunStatus.FAILED, RunStatus.KILLED)
#: The most points one ``run-metrics`` event carries (the newest of a batch).
EVENT_POINTS = 500

PointLike = MetricPoint | tuple[str, float, int, int]


class RunService:
    """The runs of the tracking store (the experiment service builds on it)."""

    def __init__(self, database: Database, events: EventBus | None = None) -> None:
        self.database = database
        self.events = events

    def create_run(
        self,
        context: RequestContext,
        experiment_id: str,
        name: str | None = None,
        *,
        params: dict[str, str] | None = None,
        tags: dict[str, str] | None = None,
        source_job: str | None = None,
        status: RunStatus = RunStatus.RUNNING,
        start_time: int | None = None,
        session: Session | None = None,
    ) -> Run:
        """A new run; within ``session`` when given (the caller's transaction: a job and its
        run are stored together or not at all), else in a transaction of its own."""
        run_id = uuid.uuid4().hex
        tags = dict(tags or {})
        name = name or tags.get(RUN_NAME_TAG) or f"run-{run_id[:8]}"
        tags[RUN_NAME_TAG] = name
        with self.database.session() if session is None else nullcontext(session) as session:
            experiment = experiment_record(session, context, experiment_id)
            if experiment.lifecycle_stage != "active":
                raise InvalidInput(
                    f"The experiment {experiment_id} must be in the 'active' state. "
                    f"Current state is {experiment.lifecycle_stage}."
                )
            run = RunRecord(
                run_id=run_id,
                experiment_id=experiment_id,
                name=name,
                status=status.value,
                start_time=start_time or now_ms(),
                lifecycle_stage="active",
                artifact_uri=f"{experiment.artifact_location.rstrip('/')}/{run_id}/artifacts",
                source_job=source_job,
                **owned(context),
            )
            session.add(run)
            session.flush()
            write_params(
                session,
                context,
                run_id,
                [Param(key=check_key(k, "param"), value=v) for k, v in (params or {}).items()],
            )
            write_tags(
                session,
                context,
                run,
                [Tag(key=check_key(k, "tag"), value=v) for k, v in tags.items()],
            )
            created = runs_of(session, [run])[0]
            where = (run.domain, run.space)
            after_commit(session, lambda: self._announce(created, "created", where))
        return created

    def get_run(self, context: RequestContext, run_id: str) -> Run:
        with self.database.session() as session:
            return runs_of(session, [run_record(session, context, run_id)], details=True)[0]

    def update_run(
        self,
        context: RequestContext,
        run_id: str,
        status: RunStatus | None = None,
        end_time: int | None = None,
        name: str | None = None,
    ) -> Run:
        with self.database.session() as session:
            record = run_record(session, context, run_id)
            check_active(record)
            if status is not None:
                record.status = status.value
                if status in FINISHED_STATES:
                    record.end_time = end_time or now_ms()
            elif end_time is not None:
                record.end_time = end_time
            if name:
                write_tags(session, context, record, [Tag(key=RUN_NAME_TAG, value=name)])
            updated = runs_of(session, [record])[0]
            where = (record.domain, record.space)
        self._announce(updated, "updated", where)
        return updated

    def set_run_stage(self, context: RequestContext, run_id: str, stage: str) -> None:
        with self.database.session() as session:
            record = run_record(session, context, run_id)
            record.lifecycle_stage = stage
            changed = runs_of(session, [record])[0]
            where = (record.domain, record.space)
        self._announce(changed, "deleted" if stage == "deleted" else "restored", where)

    def delete_tag(self, context: RequestContext, run_id: str, key: str) -> None:
        with self.database.session() as session:
            check_active(run_record(session, context, run_id))
            tag = required(
                session.get(TagRecord, (run_id, key)),
                f"No tag with name: {key} in run with id {run_id}",
            )
            session.delete(tag)

    # -- logging ---------------------------------------------------------------------------

    def log_batch(
        self,
        context: RequestContext,
        run_id: str,
        metrics: Iterable[PointLike] = (),
        params: Iterable[Param] = (),
        tags: Iterable[Tag] = (),
        session: Session | None = None,
        batch_id: str | None = None,
        job: str | None = None,
    ) -> bool:
        """Record metrics, params and tags of one run in one transaction (or in ``session``).

        With a ``batch_id``, a batch that was applied before is skipped (returns False), so a
        client may resend a batch whose answer it never got. Once the points are committed,
        a ``run-metrics`` event announces them (naming ``job`` if a training job made them).
        """
        points, batch = list(metrics), (list(params), list(tags))
        if session is not None:
            return self._log(session, context, run_id, points, *batch, batch_id, job)
        try:
            with self.database.session() as own:
                return self._log(own, context, run_id, points, *batch, batch_id, job)
        except IntegrityError:
            if batch_id is None:
                raise
            return False  # the same batch, resent while its first copy was being applied

    def log_io(
        self,
        context: RequestContext,
        run_id: str,
        inputs: list[dict[str, Any]],
        outputs: list[dict[str, Any]],
    ) -> None:
        """Record what a run read (datasets, models) and which logged models it produced."""
        with self.database.session() as session:
            check_active(run_record(session, context, run_id))
            for item in inputs:
                session.add(
                    RunInputRecord(run_id=run_id, kind=item["kind"], payload=item, **owned(context))
                )
            for item in outputs:
                session.merge(
                    RunOutputRecord(
                        run_id=run_id,
                        model_id=item["model_id"],
                        step=int(item.get("step", 0)),
                        **owned(context),
                    )
                )

    # -- reading ---------------------------------------------------------------------------

    def metric_history(
        self,
        context: RequestContext,
        run_id: str,
        key: str,
        max_results: int | None = None,
        page_token: str | None = None,
    ) -> tuple[list[MetricPoint], str | None]:
        """A page of a metric's points by step, then time."""
        if max_results is not None and not 1 <= max_results <= 50000:
            raise InvalidInput("max_results must be between 1 and 50000", field="max_results")
        query = [run_id, key]
        offset = decode_offset(page_token, "page_token", query)
        with self.database.session() as session:
            run_record(session, context, run_id)
            statement = (
                select(
                    MetricRecord.value,
                    MetricRecord.is_nan,
                    MetricRecord.step,
                    MetricRecord.timestamp,
                )
                .where(MetricRecord.run_id == run_id, MetricRecord.key == key)
                .order_by(MetricRecord.step, MetricRecord.timestamp, MetricRecord.id)
                .offset(offset)
            )
            if max_results is not None:
                statement = statement.limit(max_results + 1)
            rows = session.execute(statement).all()
        token = None
        if max_results is not None and len(rows) > max_results:
            rows = rows[:max_results]
            token = encode_token({"offset": offset + max_results}, query)
        points = [
            MetricPoint(key=key, value=loaded_value(value, is_nan), step=step, timestamp=timestamp)
            for value, is_nan, step, timestamp in rows
        ]
        return points, token

    def metric_series(
        self, context: RequestContext, run_id: str, key: str, max_points: int | None = None
    ) -> MetricHistory:
        """A metric's whole series, downsampled to about ``max_points`` when it has more
        (each stretch's first, lowest and highest point survive, and the last point)."""
        points, _ = self.metric_history(context, run_id, key)
        total = len(points)
        if max_points is not None and total > max_points:
            values = [point.value for point in points]
            points = [points[index] for index in kept_indices(values, max_points)]
        return MetricHistory(run_id=run_id, key=key, points=points, total=total)

    def latest_metrics(self, context: RequestContext, run_id: str) -> list[LatestMetric]:
        return self.get_run(context, run_id).metrics

    def search_runs(
        self,
        context: RequestContext,
        experiment_ids: list[str],
        *,
        filter: str | None = None,
        view: ViewType = ViewType.ACTIVE_ONLY,
        max_results: int = 1000,
        order_by: Iterable[str] = (),
        page_token: str | None = None,
    ) -> tuple[list[Run], str | None]:
        """A page of runs matching MLflow's search syntax, in the asked order."""
        if not 1 <= max_results <= 50000:
            raise InvalidInput(
                "Invalid value for max_results: it must be between 1 and 50000", field="max_results"
            )
        conditions = search.run_conditions(search.parse_filter(filter))
        orders = [search.parse_order_by(item) for item in order_by]
        query = [sorted(experiment_ids), filter, view, list(order_by)]
        offset = decode_offset(page_token, "page_token", query)
        statement = select(RunRecord).where(
            visible(RunRecord, context),
            RunRecord.experiment_id.in_(experiment_ids),
            RunRecord.lifecycle_stage.in_(stages(view)),
            *conditions,
        )
        statement = search.run_ordering(statement, orders).offset(offset).limit(max_results + 1)
        with self.database.session() as session:
            records = list(session.scalars(statement))
            more = len(records) > max_results
            runs = runs_of(session, records[:max_results])
        return runs, encode_token({"offset": offset + max_results}, query) if more else None

    # -- internals -------------------------------------------------------------------------

    def _log(
        self,
        session: Session,
        context: RequestContext,
        run_id: str,
        metrics: list[PointLike],
        params: list[Param],
        tags: list[Tag],
        batch_id: str | None,
        job: str | None,
    ) -> bool:
        record = run_record(session, context, run_id)
        check_active(record)
        if batch_id is not None:
            if session.get(AppliedBatchRecord, (run_id, batch_id)) is not None:
                return False
            session.add(
                AppliedBatchRecord(
                    run_id=run_id, batch_id=batch_id, applied_time=now_ms(), **owned(context)
                )
            )
        write_params(session, context, run_id, params)
        write_tags(session, context, record, tags)
        write_metrics(session, context, run_id, metrics)
        if metrics and self.events is not None:
            where = (record.domain, record.space)
            after_commit(session, lambda: self._announce_points(run_id, metrics, job, where))
        return True

    def _announce_points(
        self,
        run_id: str,
        points: list[PointLike],
        job: str | None,
        where: tuple[str, str] | None = None,
    ) -> None:
        """Tell the front ends about new points, so open charts grow without polling."""
        assert self.events is not None
        self.events.emit(
            "run-metrics",
            {
                "run_id": run_id,
                "job": job,
                "points": [_point(point) for point in points[-EVENT_POINTS:]],
            },
            where=where,
        )

    def _announce(self, run: Run, action: str, where: tuple[str, str] | None = None) -> None:
        """Tell the front ends a run appeared, changed status, or left or came back."""
        if self.events is None:
            return
        self.events.emit(
            "run",
            {
                "run_id": run.run_id,
                "experiment_id": run.experiment_id,
                "action": action,
                "name": run.name,
                "status": run.status.value,
                "end_time": run.end_time,
            },
            where=where,
        )


def _point(point: PointLike) -> dict[str, Any]:
    if isinstance(point, MetricPoint):
        return point.model_dump()
    key, value, step, timestamp = point
    return {"key": key, "value": value, "step": step, "timestamp": timestamp}
