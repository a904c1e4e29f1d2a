"""Writing params, tags and metric points of one run inside a caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..core.context import RequestContext, owned
from ..core.errors import InvalidInput
from ..store.orm import Base
from .models import MetricPoint, Param, Tag, stored_value
from .orm import LatestMetricRecord, ParamRecord, RunRecord, TagRecord
from .validation import (
    MAX_PARAM_VALUE_LENGTH,
    MAX_TAG_VALUE_LENGTH,
    check_key,
    check_value,
)

RUN_NAME_TAG = "mlflow.runName"
METRICS_TABLE = Base.metadata.tables["metrics"]


def write_params(
    session: Session, context: RequestContext, run_id: str, params: list[Param]
) -> None:
    """New params are stored; an existing param may be logged again only with the same value."""
    if not params:
        return
    for param in params:
        check_key(param.key, "param")
        check_value(param.value, MAX_PARAM_VALUE_LENGTH, "param", param.key)
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
                f"Param with key='{param.key}' was already logged with value='{old}' "
                f"for run ID='{run_id}'. Attempted logging new value '{param.value}'.",
                field=f"params.{param.key}",
            )
        if old is None:
            new[param.key] = param.value
    if new:
        session.execute(
            insert(ParamRecord),
            [
                {"run_id": run_id, "key": key, "value": value, **owned(context)}
                for key, value in new.items()
            ],
        )


def write_tags(session: Session, context: RequestContext, run: RunRecord, tags: list[Tag]) -> None:
    for tag in tags:
        check_key(tag.key, "tag")
        check_value(tag.value, MAX_TAG_VALUE_LENGTH, "tag", tag.key)
        session.merge(TagRecord(run_id=run.run_id, key=tag.key, value=tag.value, **owned(context)))
        if tag.key == RUN_NAME_TAG:
            run.name = tag.value


def write_metrics(
    session: Session,
    context: RequestContext,
    run_id: str,
    metrics: list[MetricPoint] | list[MetricPoint | tuple[str, float, int, int]],
) -> None:
    """Append points and keep each series' latest point, minimum, maximum and count.

    Hot path (a training loop logs through here): one executemany for the points, then one
    update per series, not per point.
    """
    if not metrics:
        return
    owner = owned(context)
    rows: list[dict[str, Any]] = []
    series: dict[str, list[tuple[int, int, float | None, bool]]] = {}
    for point in metrics:
        if isinstance(point, MetricPoint):
            key, raw, step, timestamp = point.key, point.value, point.step, point.timestamp
        else:
            key, raw, step, timestamp = point
        value, is_nan = stored_value(raw)
        rows.append(
            {
                "run_id": run_id,
                "key": key,
                "value": value,
                "is_nan": is_nan,
                "step": step,
                "timestamp": timestamp,
                **owner,
            }
        )
        series.setdefault(key, []).append((step, timestamp, value, is_nan))
    for key in series:
        check_key(key, "metric")
    session.execute(insert(METRICS_TABLE), rows)  # Core executemany: no ORM work per row
    latest = {
        item.key: item
        for item in session.scalars(
            select(LatestMetricRecord).where(
                LatestMetricRecord.run_id == run_id, LatestMetricRecord.key.in_(series)
            )
        )
    }
    for key, points in series.items():
        step, timestamp, value, is_nan = max(points, key=lambda item: (item[0], item[1]))
        values = [item[2] for item in points if item[2] is not None]
        low = min(values) if values else None
        high = max(values) if values else None
        current = latest.get(key)
        if current is None:
            session.add(
                LatestMetricRecord(
                    run_id=run_id,
                    key=key,
                    value=value,
                    is_nan=is_nan,
                    step=step,
                    timestamp=timestamp,
                    min_value=low,
                    max_value=high,
                    count=len(points),
                    **owner,
                )
            )
            continue
        if (step, timestamp) >= (current.step, current.timestamp):
            current.value, current.is_nan = value, is_nan
            current.step, current.timestamp = step, timestamp
        if low is not None:
            current.min_value = low if current.min_value is None else min(current.min_value, low)
            current.max_value = high if current.max_value is None else max(current.max_value, high)  # type: ignore[type-var]
        current.count = (current.count or 0) + len(points)
