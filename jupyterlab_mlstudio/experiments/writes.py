"""Writing params, tags and metric points of one run inside a caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..core.context import RequestContext
from ..core.errors import InvalidInput
from .models import MetricPoint, Param, Tag, stored_value
from .orm import LatestMetricRecord, MetricRecord, ParamRecord, RunRecord, TagRecord
from .validation import (
    MAX_PARAM_VALUE_LENGTH,
    MAX_TAG_VALUE_LENGTH,
    check_key,
    check_value,
)

RUN_NAME_TAG = "mlflow.runName"


def owned(context: RequestContext) -> dict[str, str]:
    return {"domain": context.domain, "space": context.space, "owner": context.owner}


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
    session: Session, context: RequestContext, run_id: str, metrics: list[MetricPoint]
) -> None:
    """Append points and keep each series' latest point, minimum, maximum and count."""
    if not metrics:
        return
    owner = owned(context)
    rows: list[dict[str, Any]] = []
    for point in metrics:
        check_key(point.key, "metric")
        value, is_nan = stored_value(point.value)
        rows.append(
            {
                "run_id": run_id,
                "key": point.key,
                "value": value,
                "is_nan": is_nan,
                "step": point.step,
                "timestamp": point.timestamp,
                **owner,
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
                **owner,
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
