"""MLflow's ``search_traces`` filter and order syntax, compiled to SQL over ``traces``::

    attributes.status = 'OK' AND attributes.timestamp_ms > 1700000000000
    AND tags.topic = 'billing' AND metadata.`mlflow.sourceRun` = '<run id>'
    AND trace.name LIKE 'chat%' AND attributes.run_id = '<run id>'

``order_by`` items read ``timestamp_ms DESC``, ``execution_time_ms``, ``tags.topic``; the
default order is newest first. The tokenizer is the one runs and experiments use.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, select

from ..core.errors import InvalidInput
from ..experiments.search import (
    Comparison,
    Order,
    check_comparison,
    compare,
    parse_filter,
    parse_order_by,
)
from .models import SOURCE_RUN, TRACE_NAME_TAG
from .orm import TraceMetadataRecord, TraceRecord, TraceTagRecord

ENTITIES = {
    "tag": "tag",
    "tags": "tag",
    "metadata": "metadata",
    "request_metadata": "metadata",
    "attribute": "attribute",
    "attributes": "attribute",
    "attr": "attribute",
    "trace": "attribute",
}
#: Attributes stored as columns of ``traces``.
COLUMNS: dict[str, Any] = {
    "trace_id": TraceRecord.trace_id,
    "request_id": TraceRecord.trace_id,
    "status": TraceRecord.state,
    "state": TraceRecord.state,
    "timestamp_ms": TraceRecord.request_time,
    "timestamp": TraceRecord.request_time,
    "request_time": TraceRecord.request_time,
    "execution_time_ms": TraceRecord.execution_duration,
    "execution_time": TraceRecord.execution_duration,
    "execution_duration": TraceRecord.execution_duration,
    "client_request_id": TraceRecord.client_request_id,
}
NUMERIC = {
    "timestamp_ms",
    "timestamp",
    "request_time",
    "execution_time_ms",
    "execution_time",
    "execution_duration",
}
#: Attributes MLflow keeps in a tag or a metadata entry.
ALIASES = {"run_id": ("metadata", SOURCE_RUN), "name": ("tag", TRACE_NAME_TAG)}


def _resolved(kind: str, key: str) -> tuple[str, str]:
    if kind == "attribute" and key in ALIASES:
        return ALIASES[key]
    if kind == "attribute" and key not in COLUMNS:
        names = ", ".join(sorted([*COLUMNS, *ALIASES]))
        raise InvalidInput(f"Invalid attribute key {key!r}: use one of {names}", field="filter")
    return kind, key


def _checked(comparison: Comparison, text: str) -> Comparison:
    kind, key = _resolved(comparison.kind, comparison.key)
    numeric = kind == "attribute" and key in NUMERIC
    check_comparison(comparison, text, numeric)
    value = int(comparison.value) if numeric else comparison.value
    return Comparison(kind, key, comparison.operator, value)


def _valued(kind: str) -> Any:
    return TraceTagRecord if kind == "tag" else TraceMetadataRecord


def conditions(text: str | None) -> list[ColumnElement[bool]]:
    """SQL conditions on ``traces`` for a filter string."""
    out: list[ColumnElement[bool]] = []
    for item in parse_filter(text, "attribute", ENTITIES, _checked):
        if item.kind == "attribute":
            out.append(compare(COLUMNS[item.key], item.operator, item.value))
            continue
        table = _valued(item.kind)
        out.append(
            exists().where(
                table.trace_id == TraceRecord.trace_id,
                table.key == item.key,
                compare(table.value, item.operator, item.value),
            )
        )
    return out


def ordering(items: list[str]) -> list[Any]:
    """ORDER BY clauses for ``order_by`` items, then newest first and the id as tie-breakers."""
    clauses: list[Any] = []
    for raw in items:
        order: Order = parse_order_by(raw, "attribute", ENTITIES)
        kind, key = _resolved(order.kind, order.key)
        if kind == "attribute":
            column: Any = COLUMNS[key]
        else:
            table = _valued(kind)
            column = (
                select(table.value)
                .where(table.trace_id == TraceRecord.trace_id, table.key == key)
                .scalar_subquery()
            )
        clauses.append(column.asc() if order.ascending else column.desc())
    return [*clauses, TraceRecord.request_time.desc(), TraceRecord.trace_id]
