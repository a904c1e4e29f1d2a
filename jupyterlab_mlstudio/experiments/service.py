"""Experiments and runs: create, read, search, log, delete. No Tornado, no wire formats."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..core.clock import now_ms
from ..core.context import DEFAULT_DOMAIN, RequestContext
from ..core.errors import Conflict, InvalidInput, NotFound
from ..core.events import EventBus
from ..core.paging import decode_offset, encode_token
from ..store import Database
from . import search
from .artifacts import SCHEME
from .models import (
    Experiment,
    LatestMetric,
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
    ExperimentRecord,
    ExperimentTagRecord,
    LatestMetricRecord,
    MetricRecord,
    ParamRecord,
    RunInputRecord,
    RunOutputRecord,
    RunRecord,
    TagRecord,
)
from .reads import experiments_of, runs_of
from .validation import check_experiment_name, check_key
from .writes import RUN_NAME_TAG, owned, write_metrics, write_params, write_tags

DEFAULT_EXPERIMENT = "Default"
FINISHED_STATES = (RunStatus.FINISHED, RunStatus.FAILED, RunStatus.KILLED)


def _stages(view: ViewType) -> tuple[str, ...]:
    return {"ACTIVE_ONLY": ("active",), "DELETED_ONLY": ("deleted",), "ALL": ("active", "deleted")}[
        view.value
    ]


class ExperimentService:
    """The tracking store. New experiments keep their artifacts at ``mlflow-artifacts:/<id>``,
    served by the artifact store, so MLflow clients and ours find them the same way."""

    def __init__(
        self, database: Database, artifact_root: str = "", events: EventBus | None = None
    ) -> None:
        self.database = database
        self.artifact_root = artifact_root
        self.events = events
        self._defaults: dict[str, Experiment] = {}

    # -- experiments -----------------------------------------------------------------------

    def create_experiment(
        self,
        context: RequestContext,
        name: str,
        artifact_location: str | None = None,
        tags: dict[str, str] | None = None,
    ) -> Experiment:
        name = check_experiment_name(name)
        experiment_id = uuid.uuid4().hex[:16]
        now = now_ms()
        try:
            with self.database.session() as session:
                session.add(
                    ExperimentRecord(
                        experiment_id=experiment_id,
                        name=name,
                        artifact_location=artifact_location or f"{SCHEME}/{experiment_id}",
                        lifecycle_stage="active",
                        creation_time=now,
                        last_update_time=now,
                        **owned(context),
                    )
                )
                session.flush()
                for key, value in (tags or {}).items():
                    check_key(key, "tag")
                    session.add(
                        ExperimentTagRecord(
                            experiment_id=experiment_id, key=key, value=value, **owned(context)
                        )
                    )
        except IntegrityError as error:
            raise Conflict(f"Experiment '{name}' already exists.", field="name") from error
        return self.get_experiment(context, experiment_id)

    def get_experiment(self, context: RequestContext, experiment_id: str) -> Experiment:
        with self.database.session() as session:
            return experiments_of(session, [self._experiment(session, context, experiment_id)])[0]

    def experiment_by_name(self, context: RequestContext, name: str) -> Experiment | None:
        with self.database.session() as session:
            record = session.scalar(
                select(ExperimentRecord).where(
                    ExperimentRecord.domain == context.domain, ExperimentRecord.name == name
                )
            )
            return experiments_of(session, [record])[0] if record else None

    def default_experiment(self, context: RequestContext) -> Experiment:
        """MLflow's experiment "0" ("Default") of the caller's domain, made on first use."""
        known = self._defaults.get(context.domain)
        if known is not None:
            return known
        experiment_id = "0" if context.domain == DEFAULT_DOMAIN else f"0-{context.domain}"
        with self.database.session() as session:
            record = session.scalar(
                select(ExperimentRecord).where(ExperimentRecord.experiment_id == experiment_id)
            )
        if record is None:
            now = now_ms()
            try:
                with self.database.session() as session:
                    session.add(
                        ExperimentRecord(
                            experiment_id=experiment_id,
                            name=DEFAULT_EXPERIMENT,
                            artifact_location=f"{SCHEME}/{experiment_id}",
                            lifecycle_stage="active",
                            creation_time=now,
                            last_update_time=now,
                            **owned(context),
                        )
                    )
            except IntegrityError:
                pass  # made meanwhile by another request
        found = self.get_experiment(context, experiment_id)
        self._defaults[context.domain] = found
        return found

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

    def search_experiments(
        self,
        context: RequestContext,
        *,
        view: ViewType = ViewType.ACTIVE_ONLY,
        filter: str | None = None,
        order_by: Iterable[str] = (),
        max_results: int = 1000,
        page_token: str | None = None,
        with_counts: bool = False,
    ) -> tuple[list[Experiment], str | None]:
        if not 1 <= max_results <= 50000:
            raise InvalidInput("max_results must be between 1 and 50000", field="max_results")
        conditions = search.experiment_conditions(
            search.parse_filter(filter, bare_kind="attribute")
        )
        orders = [search.parse_order_by(item, bare_kind="attribute") for item in order_by]
        query = [view, filter, list(order_by)]
        offset = decode_offset(page_token, "page_token", query)
        statement = (
            select(ExperimentRecord)
            .where(
                ExperimentRecord.domain == context.domain,
                ExperimentRecord.lifecycle_stage.in_(_stages(view)),
            )
            .where(*conditions)
            .order_by(*search.experiment_ordering(orders))
            .offset(offset)
            .limit(max_results + 1)
        )
        with self.database.session() as session:
            records = list(session.scalars(statement))
            more = len(records) > max_results
            experiments = experiments_of(session, records[:max_results], with_counts)
        return experiments, encode_token({"offset": offset + max_results}, query) if more else None

    def rename_experiment(self, context: RequestContext, experiment_id: str, name: str) -> None:
        name = check_experiment_name(name)
        self._defaults.pop(context.domain, None)
        try:
            with self.database.session() as session:
                record = self._experiment(session, context, experiment_id)
                record.name = name
                record.last_update_time = now_ms()
        except IntegrityError as error:
            raise Conflict(f"Experiment '{name}' already exists.", field="new_name") from error

    def set_experiment_stage(self, context: RequestContext, experiment_id: str, stage: str) -> None:
        """Delete (``deleted``) or restore (``active``) an experiment and its runs."""
        self._defaults.pop(context.domain, None)
        with self.database.session() as session:
            record = self._experiment(session, context, experiment_id)
            if stage == "active" and record.lifecycle_stage == "active":
                raise InvalidInput(f"Cannot restore an active experiment {experiment_id}")
            record.lifecycle_stage = stage
            record.last_update_time = now_ms()
            for run in session.scalars(
                select(RunRecord).where(RunRecord.experiment_id == experiment_id)
            ):
                run.lifecycle_stage = stage

    def set_experiment_tag(
        self, context: RequestContext, experiment_id: str, key: str, value: str
    ) -> None:
        check_key(key, "tag")
        with self.database.session() as session:
            self._experiment(session, context, experiment_id)
            session.merge(
                ExperimentTagRecord(
                    experiment_id=experiment_id, key=key, value=value, **owned(context)
                )
            )

    def delete_experiment_tag(self, context: RequestContext, experiment_id: str, key: str) -> None:
        with self.database.session() as session:
            self._experiment(session, context, experiment_id)
            record = session.get(ExperimentTagRecord, (experiment_id, key))
            if record is None:
                raise NotFound(f"No tag with name: {key} in experiment with id {experiment_id}")
            session.delete(record)

    # -- runs ------------------------------------------------------------------------------

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
    ) -> Run:
        run_id = uuid.uuid4().hex
        tags = dict(tags or {})
        name = name or tags.get(RUN_NAME_TAG) or f"run-{run_id[:8]}"
        tags[RUN_NAME_TAG] = name
        with self.database.session() as session:
            experiment = self._experiment(session, context, experiment_id)
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
        self._announce(created, "created")
        return created

    def get_run(self, context: RequestContext, run_id: str) -> Run:
        with self.database.session() as session:
            return runs_of(session, [self._run(session, context, run_id)], details=True)[0]

    def update_run(
        self,
        context: RequestContext,
        run_id: str,
        status: RunStatus | None = None,
        end_time: int | None = None,
        name: str | None = None,
    ) -> Run:
        with self.database.session() as session:
            record = self._run(session, context, run_id)
            self._check_active(record)
            if status is not None:
                record.status = status.value
                if status in FINISHED_STATES:
                    record.end_time = end_time or now_ms()
            elif end_time is not None:
                record.end_time = end_time
            if name:
                write_tags(session, context, record, [Tag(key=RUN_NAME_TAG, value=name)])
            updated = runs_of(session, [record])[0]
        self._announce(updated, "updated")
        return updated

    def set_run_stage(self, context: RequestContext, run_id: str, stage: str) -> None:
        with self.database.session() as session:
            record = self._run(session, context, run_id)
            record.lifecycle_stage = stage
            changed = runs_of(session, [record])[0]
        self._announce(changed, "deleted" if stage == "deleted" else "restored")

    def _announce(self, run: Run, action: str) -> None:
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
        )

    def delete_tag(self, context: RequestContext, run_id: str, key: str) -> None:
        with self.database.session() as session:
            record = self._run(session, context, run_id)
            self._check_active(record)
            tag = session.get(TagRecord, (run_id, key))
            if tag is None:
                raise NotFound(f"No tag with name: {key} in run with id {run_id}")
            session.delete(tag)

    def log_batch(
        self,
        context: RequestContext,
        run_id: str,
        metrics: Iterable[MetricPoint | tuple[str, float, int, int]] = (),
        params: Iterable[Param] = (),
        tags: Iterable[Tag] = (),
        session: Session | None = None,
        batch_id: str | None = None,
    ) -> bool:
        """Record metrics, params and tags of one run in one transaction (or in ``session``).

        With a ``batch_id``, a batch that was applied before is skipped (returns False), so a
        client may resend a batch whose answer it never got.
        """
        batch = (list(metrics), list(params), list(tags))
        if session is not None:
            return self._log(session, context, run_id, *batch, batch_id)
        try:
            with self.database.session() as own:
                return self._log(own, context, run_id, *batch, batch_id)
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
            self._check_active(self._run(session, context, run_id))
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

    def metric_history(
        self,
        context: RequestContext,
        run_id: str,
        key: str,
        max_results: int | None = None,
        page_token: str | None = None,
    ) -> tuple[list[MetricPoint], str | None]:
        if max_results is not None and not 1 <= max_results <= 50000:
            raise InvalidInput("max_results must be between 1 and 50000", field="max_results")
        query = [run_id, key]
        offset = decode_offset(page_token, "page_token", query)
        with self.database.session() as session:
            self._run(session, context, run_id)
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

    def keys(self, context: RequestContext, experiment_id: str) -> dict[str, list[str]]:
        """Every param, metric and tag name the experiment's runs use."""
        with self.database.session() as session:
            self._experiment(session, context, experiment_id)
            runs = select(RunRecord.run_id).where(RunRecord.experiment_id == experiment_id)
            found = {}
            tables: dict[str, Any] = {
                "params": ParamRecord,
                "metrics": LatestMetricRecord,
                "tags": TagRecord,
            }
            for name, table in tables.items():
                column = table.key
                found[name] = list(
                    session.scalars(
                        select(column).where(table.run_id.in_(runs)).distinct().order_by(column)
                    )
                )
            return found

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
            RunRecord.domain == context.domain,
            RunRecord.experiment_id.in_(experiment_ids),
            RunRecord.lifecycle_stage.in_(_stages(view)),
            *conditions,
        )
        statement = search.run_ordering(statement, orders).offset(offset).limit(max_results + 1)
        with self.database.session() as session:
            records = list(session.scalars(statement))
            more = len(records) > max_results
            runs = runs_of(session, records[:max_results])
        return runs, encode_token({"offset": offset + max_results}, query) if more else None

    # -- internals -------------------------------------------------------------------------

    @staticmethod
    def _experiment(
        session: Session, context: RequestContext, experiment_id: str
    ) -> ExperimentRecord:
        record = session.scalar(
            select(ExperimentRecord).where(ExperimentRecord.experiment_id == str(experiment_id))
        )
        if record is None or record.domain != context.domain:
            raise NotFound(f"No Experiment with id={experiment_id} exists")
        return record

    @staticmethod
    def _run(session: Session, context: RequestContext, run_id: str) -> RunRecord:
        record = session.scalar(select(RunRecord).where(RunRecord.run_id == run_id))
        if record is None or record.domain != context.domain:
            raise NotFound(f"Run with id={run_id} not found")
        return record

    @staticmethod
    def _check_active(record: RunRecord) -> None:
        if record.lifecycle_stage != "active":
            raise InvalidInput(
                f"The run {record.run_id} must be in the 'active' state. Current state is "
                f"{record.lifecycle_stage}."
            )

    def _log(
        self,
        session: Session,
        context: RequestContext,
        run_id: str,
        metrics: list[MetricPoint | tuple[str, float, int, int]],
        params: list[Param],
        tags: list[Tag],
        batch_id: str | None = None,
    ) -> bool:
        record = self._run(session, context, run_id)
        self._check_active(record)
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
        return True
