"""MLflow's ``search_logged_models`` filter and order, compiled to SQL over ``logged_models``::

    name = 'classifier' AND attributes.status = 'READY' AND metrics.accuracy > 0.9
    AND params.alpha = '0.1' AND tags.team = 'cv' AND creation_time > 1700000000000

``order_by`` entries are ``{"field_name", "ascending", "dataset_name"?, "dataset_digest"?}``;
``field_name`` is an attribute or ``metrics.<key>`` (a metric's latest value, on the named
dataset when one is given; models without it come last). The tokenizer is the runs' one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import aliased

from ..core.errors import InvalidInput
from .orm import LoggedModelMetricRecord, LoggedModelRecord
from .search import (
    Comparison,
    check_comparison,
    compare,
    parse_filter,
)

ENTITIES = {
    "metric": "metric",
    "metrics": "metric",
    "param": "param",
    "params": "param",
    "tag": "tag",
    "tags": "tag",
    "attribute": "attribute",
    "attributes": "attribute",
    "attr": "attribute",
}
COLUMNS: dict[str, Any] = {
    "model_id": LoggedModelRecord.model_id,
    "name": LoggedModelRecord.name,
    "status": LoggedModelRecord.status,
    "model_type": LoggedModelRecord.model_type,
    "source_run_id": LoggedModelRecord.source_run_id,
    "creation_time": LoggedModelRecord.creation_time,
    "creation_timestamp": LoggedModelRecord.creation_time,
    "last_updated_time": LoggedModelRecord.last_updated_time,
    "last_updated_timestamp": LoggedModelRecord.last_updated_time,
}
NUMERIC = {"creation_time", "creation_timestamp", "last_updated_time", "last_updated_timestamp"}
#: A later point of the same metric (a value counts only while it is the latest).
_Later = aliased(LoggedModelMetricRecord)


def _checked(comparison: Comparison, text: str) -> Comparison:
    if comparison.kind == "attribute" and comparison.key not in COLUMNS:
        names = ", ".join(sorted(COLUMNS))
        raise InvalidInput(
            f"Invalid attribute key {comparison.key!r}: use one of {names}", field="filter"
        )
    numeric = comparison.kind == "metric" or comparison.key in NUMERIC
    check_comparison(comparison, text, numeric)
    return comparison


def _latest_metric(key: str, dataset_name: str | None = None, digest: str | None = None) -> Any:
    """The latest value of a model's metric ``key`` (on the dataset when named)."""
    statement = select(LoggedModelMetricRecord.value).where(
        LoggedModelMetricRecord.model_id == LoggedModelRecord.model_id,
        LoggedModelMetricRecord.key == key,
    )
    if dataset_name:
        statement = statement.where(LoggedModelMetricRecord.dataset_name == dataset_name)
    if digest:
        statement = statement.where(LoggedModelMetricRecord.dataset_digest == digest)
    return (
        statement.order_by(
            LoggedModelMetricRecord.timestamp.desc(),
            LoggedModelMetricRecord.step.desc(),
            LoggedModelMetricRecord.id.desc(),
        )
        .limit(1)
        .scalar_subquery()
    )


def conditions(text: str | None) -> list[ColumnElement[bool]]:
    """SQL conditions on ``logged_models`` for a filter string."""
    out: list[ColumnElement[bool]] = []
    for item in parse_filter(text, "attribute", ENTITIES, _checked):
        if item.kind == "attribute":
            value = int(item.value) if item.key in NUMERIC else item.value
            out.append(compare(COLUMNS[item.key], item.operator, value))
        elif item.kind == "metric":
            # A model matches when some dataset's latest value of the metric does.
            out.append(
                exists().where(
                    LoggedModelMetricRecord.model_id == LoggedModelRecord.model_id,
                    LoggedModelMetricRecord.key == item.key,
                    compare(LoggedModelMetricRecord.value, item.operator, item.value),
                    ~exists().where(
                        _Later.model_id == LoggedModelMetricRecord.model_id,
                        _Later.key == LoggedModelMetricRecord.key,
                        _Later.dataset_name.is_not_distinct_from(
                            LoggedModelMetricRecord.dataset_name
                        ),
                        _Later.timestamp > LoggedModelMetricRecord.timestamp,
                    ),
                )
            )
        else:
            column = LoggedModelRecord.params if item.kind == "param" else LoggedModelRecord.tags
            out.append(compare(column[item.key].as_string(), item.operator, item.value))
    return out


def ordering(entries: list[dict[str, Any]]) -> list[Any]:
    """ORDER BY clauses for ``order_by`` entries, then newest first and the id."""
    clauses: list[Any] = []
    for entry in entries:
        field = entry.get("field_name")
        if not isinstance(field, str) or not field:
            raise InvalidInput("Each order_by entry needs a field_name", field="order_by")
        ascending = entry.get("ascending", True) is not False
        entity, dot, key = field.partition(".")
        if dot and entity.lower() in ("metric", "metrics"):
            column: Any = _latest_metric(
                key, entry.get("dataset_name"), entry.get("dataset_digest")
            )
        else:
            name = key if dot and entity.lower() in ("attribute", "attributes", "attr") else field
            column = COLUMNS.get(name)
            if column is None:
                raise InvalidInput(
                    f"Invalid order_by field {field!r}: use metrics.<key> or one of "
                    f"{', '.join(sorted(COLUMNS))}",
                    field="order_by",
                )
        clauses.append(column.is_(None))  # models without the value come last either way
        clauses.append(column.asc() if ascending else column.desc())
    return [*clauses, LoggedModelRecord.creation_time.desc(), LoggedModelRecord.model_id]
