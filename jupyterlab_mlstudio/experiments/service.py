"""Experiments: create, read, rename, delete, tag, search; where a new run goes. No Tornado,
no wire formats. Runs and their metrics are in ``runs.py``."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..core.clock import now_ms
from ..core.context import RequestContext, owned, visible
from ..core.errors import Conflict, InvalidInput
from ..core.events import EventBus
from ..core.paging import decode_offset, encode_token
from ..store import Database
from ..store.lookup import required
from . import search
from .artifacts import SCHEME
from .models import Experiment, Run, ViewType
from .orm import (
    ExperimentRecord,
    ExperimentTagRecord,
    LatestMetricRecord,
    ParamRecord,
    RunRecord,
    TagRecord,
)
from .reads import experiments_of
from .records import default_experiment_id, domain_experiments, experiment_record, stages
from .runs import RunService
from .validation import check_experiment_name, check_key

DEFAULT_EXPERIMENT = "Default"


class ExperimentService(RunService):
    """The tracking store. New experiments keep their artifacts at ``mlflow-artifacts:/<id>``,
    served by the artifact store, so MLflow clients and ours find them the same way."""

    def __init__(
        self, database: Database, artifact_root: str = "", events: EventBus | None = None
    ) -> None:
        super().__init__(database, events)
        self.artifact_root = artifact_root
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
        try:
            self._add(context, experiment_id, name, artifact_location, tags)
        except IntegrityError as error:
            raise Conflict(f"Experiment '{name}' already exists.", field="name") from error
        return self.get_experiment(context, experiment_id)

    def _add(
        self,
        context: RequestContext,
        experiment_id: str,
        name: str,
        artifact_location: str | None = None,
        tags: dict[str, str] | None = None,
    ) -> None:
        """Record a new experiment; IntegrityError when its id or its name is taken."""
        now = now_ms()
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

    def get_experiment(self, context: RequestContext, experiment_id: str) -> Experiment:
        with self.database.session() as session:
            return experiments_of(session, [experiment_record(session, context, experiment_id)])[0]

    def experiment_by_name(self, context: RequestContext, name: str) -> Experiment | None:
        """The experiment called ``name``; the Default one is made when first asked for."""
        with self.database.session() as session:
            record = session.scalar(
                select(ExperimentRecord).where(
                    visible(ExperimentRecord, context), ExperimentRecord.name == name
                )
            )
            if record is not None:
                return experiments_of(session, [record])[0]
        return self.default_experiment(context) if name == DEFAULT_EXPERIMENT else None

    def default_experiment(self, context: RequestContext) -> Experiment:
        """MLflow's experiment "0" ("Default") of the caller's domain, made on first use."""
        known = self._defaults.get(context.domain)
        if known is not None:
            return known
        experiment_id = default_experiment_id(context.domain)
        with self.database.session() as session:
            record = session.scalar(
                select(ExperimentRecord).where(ExperimentRecord.experiment_id == experiment_id)
            )
        if record is None:
            with contextlib.suppress(IntegrityError):  # made meanwhile by another request
                self._add(context, experiment_id, DEFAULT_EXPERIMENT)
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
        """A page of the domain's experiments (its Default experiment made first, as MLflow
        lists it even before anything was logged)."""
        if not 1 <= max_results <= 50000:
            raise InvalidInput("max_results must be between 1 and 50000", field="max_results")
        conditions = search.experiment_conditions(
            search.parse_filter(filter, bare_kind="attribute")
        )
        self.default_experiment(context)
        orders = [search.parse_order_by(item, bare_kind="attribute") for item in order_by]
        query = [view, filter, list(order_by)]
        offset = decode_offset(page_token, "page_token", query)
        statement = (
            select(ExperimentRecord)
            .where(
                domain_experiments(context),
                ExperimentRecord.lifecycle_stage.in_(stages(view)),
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
                record = experiment_record(session, context, experiment_id)
                record.name = name
                record.last_update_time = now_ms()
        except IntegrityError as error:
            raise Conflict(f"Experiment '{name}' already exists.", field="new_name") from error

    def set_experiment_stage(self, context: RequestContext, experiment_id: str, stage: str) -> None:
        """Delete (``deleted``) or restore (``active``) an experiment and its runs."""
        self._defaults.pop(context.domain, None)
        with self.database.session() as session:
            record = experiment_record(session, context, experiment_id)
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
            experiment_record(session, context, experiment_id)
            session.merge(
                ExperimentTagRecord(
                    experiment_id=experiment_id, key=key, value=value, **owned(context)
                )
            )

    def delete_experiment_tag(self, context: RequestContext, experiment_id: str, key: str) -> None:
        with self.database.session() as session:
            experiment_record(session, context, experiment_id)
            record = required(
                session.get(ExperimentTagRecord, (experiment_id, key)),
                f"No tag with name: {key} in experiment with id {experiment_id}",
            )
            session.delete(record)

    def start_run(
        self,
        context: RequestContext,
        *,
        experiment_id: str | None = None,
        experiment_name: str | None = None,
        name: str | None = None,
        params: dict[str, str] | None = None,
        tags: dict[str, str] | None = None,
        start_time: int | None = None,
    ) -> Run:
        """A new run in the experiment ``experiment_id`` names, else in the one called
        ``experiment_name`` (made if missing), else in the domain's Default experiment."""
        if experiment_id:
            chosen = experiment_id
        elif experiment_name:
            chosen = self.ensure_experiment(context, experiment_name).experiment_id
        else:
            chosen = self.default_experiment(context).experiment_id
        return self.create_run(
            context, chosen, name, params=params, tags=tags, start_time=start_time
        )

    def keys(self, context: RequestContext, experiment_id: str) -> dict[str, list[str]]:
        """Every param, metric and tag name the experiment's runs use."""
        with self.database.session() as session:
            experiment_record(session, context, experiment_id)
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
