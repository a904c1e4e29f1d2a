"""Logged models: models saved from code (``mlflow.<flavor>.log_model``), with their files in
the artifact store and a link to the run that made them."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.clock import now_ms
from ..core.context import RequestContext, owned, visible
from ..core.errors import InvalidInput, NotFound
from ..core.models import ApiModel
from ..core.paging import decode_offset, encode_token
from ..store import Database
from ..store.lookup import one_in_domain
from . import logged_model_search
from .model_metrics import ModelMetric, log_model_metrics, measured_on, metrics_of
from .models import MetricPoint
from .orm import LoggedModelRecord
from .records import experiment_record, run_record

#: The registered versions of a logged model, as MLflow tags it.
MODEL_VERSIONS_TAG = "mlflow.modelVersions"
STATUSES = ("LOGGED_MODEL_PENDING", "LOGGED_MODEL_READY", "LOGGED_MODEL_UPLOAD_FAILED")


class LoggedModel(ApiModel):
    model_id: str
    experiment_id: str
    name: str
    artifact_uri: str
    creation_time: int
    last_updated_time: int
    status: str
    status_message: str | None = None
    model_type: str | None = None
    source_run_id: str | None = None
    creator: str
    params: dict[str, str] = {}
    tags: dict[str, str] = {}
    metrics: list[ModelMetric] = []


class LoggedModelService:
    """Create, finalize, tag and find logged models."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def create(
        self,
        context: RequestContext,
        experiment_id: str,
        name: str | None = None,
        *,
        model_type: str | None = None,
        source_run_id: str | None = None,
        params: dict[str, str] | None = None,
        tags: dict[str, str] | None = None,
    ) -> LoggedModel:
        model_id = f"m-{uuid.uuid4().hex}"
        now = now_ms()
        with self.database.session() as session:
            experiment = experiment_record(session, context, experiment_id)
            if source_run_id:
                run_record(session, context, source_run_id)
            record = LoggedModelRecord(
                model_id=model_id,
                experiment_id=experiment_id,
                name=name or f"model-{model_id[2:10]}",
                artifact_location=f"{experiment.artifact_location.rstrip('/')}/models/{model_id}/artifacts",
                creation_time=now,
                last_updated_time=now,
                status="LOGGED_MODEL_PENDING",
                model_type=model_type,
                source_run_id=source_run_id,
                params=dict(params or {}),
                tags=dict(tags or {}),
                **owned(context),
            )
            session.add(record)
            return _model(record)

    def get(
        self, context: RequestContext, model_id: str, allow_deleted: bool = False
    ) -> LoggedModel:
        with self.database.session() as session:
            record = self._record(session, context, model_id)
            if record.lifecycle_stage != "active" and not allow_deleted:
                raise NotFound(f"Logged model with ID '{model_id}' not found")
            return _model(record, metrics_of(session, [model_id])[model_id])

    def finalize(self, context: RequestContext, model_id: str, status: str) -> LoggedModel:
        if status not in STATUSES:
            raise InvalidInput(f"Invalid logged model status {status!r}", field="status")
        return self._change(context, model_id, lambda record: setattr(record, "status", status))

    def set_tags(self, context: RequestContext, model_id: str, tags: dict[str, str]) -> LoggedModel:
        return self._change(
            context, model_id, lambda record: setattr(record, "tags", {**record.tags, **tags})
        )

    def delete_tag(self, context: RequestContext, model_id: str, key: str) -> None:
        def drop(record: LoggedModelRecord) -> None:
            if key not in record.tags:
                raise NotFound(f"No tag with key {key!r} on logged model {model_id}")
            record.tags = {name: value for name, value in record.tags.items() if name != key}

        self._change(context, model_id, drop)

    def log_params(self, context: RequestContext, model_id: str, params: dict[str, str]) -> None:
        self._change(
            context, model_id, lambda record: setattr(record, "params", {**record.params, **params})
        )

    def log_metrics(
        self,
        context: RequestContext,
        run_id: str,
        points: list[tuple[str, MetricPoint, str | None, str | None]],
    ) -> None:
        """Attach points a run logged with a ``model_id`` to those models."""
        if points:
            with self.database.session() as session:
                log_model_metrics(session, context, run_id, points)

    def link_version(self, context: RequestContext, model_id: str, name: str, version: int) -> None:
        """Note on the model that registered model ``name`` holds it as ``version`` (MLflow's
        ``mlflow.modelVersions`` tag: a JSON list of ``{"name", "version"}``)."""
        entry = {"name": name, "version": version}

        def add(record: LoggedModelRecord) -> None:
            try:
                linked = json.loads(record.tags.get(MODEL_VERSIONS_TAG, "[]"))
            except ValueError:
                linked = []
            if not isinstance(linked, list):
                linked = []
            if entry not in linked:
                linked.append(entry)
            record.tags = {**record.tags, MODEL_VERSIONS_TAG: json.dumps(linked)}

        self._change(context, model_id, add)

    def delete(self, context: RequestContext, model_id: str) -> None:
        self._change(
            context, model_id, lambda record: setattr(record, "lifecycle_stage", "deleted")
        )

    def search(
        self,
        context: RequestContext,
        experiment_ids: list[str],
        max_results: int = 100,
        page_token: str | None = None,
        source_run_id: str | None = None,
        datasets: list[dict[str, Any]] | None = None,
        filter: str | None = None,
        order_by: list[dict[str, Any]] | None = None,
    ) -> tuple[list[LoggedModel], str | None]:
        """Active models of ``experiment_ids`` that match ``filter`` (MLflow's syntax), in
        ``order_by``'s order, else newest first; with ``datasets``, only those with a metric
        measured on one of them."""
        if not 1 <= max_results <= 50000:
            raise InvalidInput("max_results must be between 1 and 50000", field="max_results")
        query = [sorted(experiment_ids), source_run_id, datasets or [], filter, order_by or []]
        offset = decode_offset(page_token, "page_token", query)
        statement = select(LoggedModelRecord).where(
            visible(LoggedModelRecord, context),
            LoggedModelRecord.experiment_id.in_(experiment_ids),
            LoggedModelRecord.lifecycle_stage == "active",
        )
        if source_run_id:
            statement = statement.where(LoggedModelRecord.source_run_id == source_run_id)
        if datasets:
            statement = statement.where(measured_on(datasets))
        statement = (
            statement.where(*logged_model_search.conditions(filter))
            .order_by(*logged_model_search.ordering(order_by or []))
            .offset(offset)
            .limit(max_results + 1)
        )
        with self.database.session() as session:
            records = list(session.scalars(statement))
            page = records[:max_results]
            metrics = metrics_of(session, [record.model_id for record in page])
        more = len(records) > max_results
        return [_model(record, metrics[record.model_id]) for record in page], (
            encode_token({"offset": offset + max_results}, query) if more else None
        )

    def _change(self, context: RequestContext, model_id: str, change: Any) -> LoggedModel:
        with self.database.session() as session:
            record = self._record(session, context, model_id)
            change(record)
            record.last_updated_time = now_ms()
            return _model(record, metrics_of(session, [model_id])[model_id])

    @staticmethod
    def _record(session: Session, context: RequestContext, model_id: str) -> LoggedModelRecord:
        return one_in_domain(
            session,
            LoggedModelRecord,
            context,
            f"Logged model with ID '{model_id}' not found",
            model_id=model_id,
        )


def _model(record: LoggedModelRecord, metrics: list[ModelMetric] | None = None) -> LoggedModel:
    return LoggedModel(
        model_id=record.model_id,
        experiment_id=record.experiment_id,
        name=record.name,
        artifact_uri=record.artifact_location,
        creation_time=record.creation_time,
        last_updated_time=record.last_updated_time,
        status=record.status,
        status_message=record.status_message,
        model_type=record.model_type,
        source_run_id=record.source_run_id,
        creator=record.owner,
        params=dict(record.params or {}),
        tags=dict(record.tags or {}),
        metrics=list(metrics or []),
    )
