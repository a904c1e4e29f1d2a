"""The filter and order syntax of ``search_datasets``, compiled to SQL over ``eval_datasets``::

    name LIKE 'qa%' AND tags.split = 'gold' AND created_time > 1700000000000
    AND created_by = 'ana'

``order_by`` items read ``name``, ``created_time DESC``, ``last_update_time``; the default order
is newest first. The tokenizer is the one runs and experiments use.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists

from ..core.errors import InvalidInput
from ..experiments.search import (
    Comparison,
    check_comparison,
    compare,
    parse_filter,
    parse_order_by,
)
from .orm import EvalDatasetRecord, EvalDatasetTagRecord

ENTITIES = {
    "attribute": "attribute",
    "attributes": "attribute",
    "dataset": "attribute",
    "tag": "tag",
    "tags": "tag",
}
COLUMNS: dict[str, Any] = {
    "name": EvalDatasetRecord.name,
    "dataset_id": EvalDatasetRecord.dataset_id,
    "digest": EvalDatasetRecord.digest,
    "created_by": EvalDatasetRecord.created_by,
    "last_updated_by": EvalDatasetRecord.last_updated_by,
    "created_time": EvalDatasetRecord.created_time,
    "last_update_time": EvalDatasetRecord.last_update_time,
}
NUMERIC = {"created_time", "last_update_time"}


def _checked(comparison: Comparison, text: str) -> Comparison:
    if comparison.kind == "attribute" and comparison.key not in COLUMNS:
        raise InvalidInput(
            f"Invalid attribute key {comparison.key!r} in {text!r}: use one of "
            f"{', '.join(sorted(COLUMNS))} or tags.<key>",
            field="filter_string",
        )
    numeric = comparison.kind == "attribute" and comparison.key in NUMERIC
    check_comparison(comparison, text, numeric)
    value = int(comparison.value) if numeric else comparison.value
    return Comparison(comparison.kind, comparison.key, comparison.operator, value)


def conditions(text: str | None) -> list[ColumnElement[bool]]:
    """SQL conditions on ``eval_datasets`` for a filter string."""
    out: list[ColumnElement[bool]] = []
    for item in parse_filter(text, "attribute", ENTITIES, _checked):
        if item.kind == "attribute":
            out.append(compare(COLUMNS[item.key], item.operator, item.value))
        else:
            out.append(
                exists().where(
                    EvalDatasetTagRecord.dataset_id == EvalDatasetRecord.dataset_id,
                    EvalDatasetTagRecord.key == item.key,
                    compare(EvalDatasetTagRecord.value, item.operator, item.value),
                )
            )
    return out


def ordering(items: list[str]) -> list[Any]:
    """ORDER BY clauses for ``order_by`` items, then newest first and the id as tie-breakers."""
    clauses: list[Any] = []
    for raw in items:
        order = parse_order_by(raw, "attribute", ENTITIES)
        if order.kind != "attribute" or order.key not in COLUMNS:
            raise InvalidInput(
                f"Invalid order_by clause {raw!r}: order by one of {', '.join(sorted(COLUMNS))}",
                field="order_by",
            )
        column = COLUMNS[order.key]
        clauses.append(column.asc() if order.ascending else column.desc())
    return [*clauses, EvalDatasetRecord.created_time.desc(), EvalDatasetRecord.dataset_id]
