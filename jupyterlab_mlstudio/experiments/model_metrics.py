"""Metrics of logged models: points a run logs with a ``model_id`` belong to that model too,
with the dataset they were measured on, so models can be compared and found by dataset."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session

from ..core.context import RequestContext, owned, visible
from ..core.errors import InvalidInput, NotFound
from ..core.models import ApiModel
from .models import MetricPoint, loaded_value, stored_value
from .orm import LoggedModelMetricRecord, LoggedModelRecord


class ModelMetric(ApiModel):
    """One metric point of a logged model."""

    key: str
    value: float
    timestamp: int
    step: int
    run_id: str | None = None
    dataset_name: str | None = None
    dataset_digest: str | None = None


def log_model_metrics(
    session: Session,
    context: RequestContext,
    run_id: str,
    points: list[tuple[str, MetricPoint, str | None, str | None]],
) -> None:
    """Record ``(model_id, point, dataset_name, dataset_digest)`` entries for models of the
    caller's domain; an unknown model is ``NotFound`` and nothing is written."""
    models = {model_id for model_id, *_ in points}
    known = set(
        session.scalars(
            select(LoggedModelRecord.model_id).where(
                visible(LoggedModelRecord, context),
                LoggedModelRecord.model_id.in_(models),
            )
        )
    )
    for missing in sorted(models - known):
        raise NotFound(f"Logged model with ID '{missing}' not found")
    for model_id, point, dataset_name, dataset_digest in points:
        value, is_nan = stored_value(point.value)
        session.add(
            LoggedModelMetricRecord(
                model_id=model_id,
                run_id=run_id,
                key=point.key,
                value=value,
                is_nan=is_nan,
                step=point.step,
                timestamp=point.timestamp,
                dataset_name=dataset_name,
                dataset_digest=dataset_digest,
                **owned(context),
            )
        )


def metrics_of(session: Session, model_ids: list[str]) -> dict[str, list[ModelMetric]]:
    """Every metric point of each model, in the order they were logged."""
    found: dict[str, list[ModelMetric]] = defaultdict(list)
    if not model_ids:
        return found
    for record in session.scalars(
        select(LoggedModelMetricRecord)
        .where(LoggedModelMetricRecord.model_id.in_(model_ids))
        .order_by(LoggedModelMetricRecord.id)
    ):
        found[record.model_id].append(
            ModelMetric(
                key=record.key,
                value=loaded_value(record.value, record.is_nan),
                timestamp=record.timestamp,
                step=record.step,
                run_id=record.run_id,
                dataset_name=record.dataset_name,
                dataset_digest=record.dataset_digest,
            )
        )
    return found


def measured_on(datasets: list[dict[str, Any]]) -> Any:
    """A condition on logged models: some metric of the model was measured on one of
    ``datasets`` (``{"dataset_name", "dataset_digest"?}``); MLflow's ``datasets`` filter."""
    options = []
    for item in datasets:
        name = item.get("dataset_name")
        digest = item.get("dataset_digest")
        if not isinstance(name, str) or not name or not isinstance(digest, str | None):
            raise InvalidInput(
                "Each dataset of the filter needs a dataset_name (and may have a dataset_digest).",
                field="datasets",
            )
        condition = LoggedModelMetricRecord.dataset_name == name
        if digest:
            condition = and_(condition, LoggedModelMetricRecord.dataset_digest == digest)
        options.append(condition)
    return exists().where(
        LoggedModelMetricRecord.model_id == LoggedModelRecord.model_id,
        or_(*options),
    )
