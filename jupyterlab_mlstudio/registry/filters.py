"""Registry search filters (``name LIKE 'iris%'``, ``tags.task = 'x'``) as SQL conditions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, func

from ..core.errors import InvalidInput
from ..core.models import INT64_MAX, INT64_MIN
from ..experiments.search import parse_filter


def conditions(
    text: str | None, columns: dict[str, Any], tag_table: Any, tag_owner: Any, owner: Any
) -> list[Any]:
    """SQL conditions for a registry filter: attributes by bare name, tags as ``tags.<key>``.

    ``tags.k != 'v'`` also matches entities without the tag (how MLflow hides prompts).
    """
    conditions = []
    for item in parse_filter(text, bare_kind="attribute"):
        if item.kind == "tag":
            operator = "=" if item.operator == "!=" else item.operator
            same = exists().where(
                tag_owner == owner,
                tag_table.key == item.key,
                compare(tag_table.value, operator, item.value),
            )
            conditions.append(~same if item.operator == "!=" else same)
            continue
        column = columns.get(item.key) if item.kind == "attribute" else None
        if column is None:
            names = ", ".join(sorted(columns))
            raise InvalidInput(
                f"Invalid filter key {item.key!r}: use {names} or tags.<key>", field="filter"
            )
        value = item.value
        if isinstance(value, float):
            if not INT64_MIN <= value <= INT64_MAX:
                raise InvalidInput(f"Filter value {value:g} is out of range", field="filter")
            value = int(value)
        conditions.append(compare(column, item.operator, value))
    return conditions


def compare(column: Any, op: str, value: Any) -> Any:
    return {
        "=": lambda: column == value,
        "!=": lambda: column != value,
        "LIKE": lambda: column.like(value),
        "ILIKE": lambda: func.lower(column).like(str(value).lower()),
        "IN": lambda: column.in_(value),
        "NOT IN": lambda: ~column.in_(value),
        ">": lambda: column > value,
        ">=": lambda: column >= value,
        "<": lambda: column < value,
        "<=": lambda: column <= value,
    }[op]()
