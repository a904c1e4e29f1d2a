"""Registry search filters (``name LIKE 'iris%'``, ``tags.task = 'x'``) as SQL conditions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, func

from ..core.errors import InvalidInput
from ..core.models import INT64_MAX, INT64_MIN
from ..experiments.search import parse_filter
from ..store.like import like


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
        "LIKE": lambda: like(column, value),
        "ILIKE": lambda: func.lower(column).like(str(value).lower()),
        "IN": lambda: column.in_(value),
        "NOT IN": lambda: ~column.in_(value),
        ">": lambda: column > value,
        ">=": lambda: column >= value,
        "<": lambda: column < value,
        "<=": lambda: column <= value,
    }[op]()


def ordering(order_by: list[str], columns: dict[str, Any]) -> tuple[list[Any], set[str]]:
    """SQL ``ORDER BY`` clauses for MLflow ``order_by`` items (``<key> [ASC|DESC]``) over
    ``columns``, and the keys they name; an unknown or repeated key is refused."""
    clauses: list[Any] = []
    seen: set[str] = set()
    for item in order_by:
        if not isinstance(item, str):
            raise InvalidInput(f"Invalid order_by {item!r}", field="order_by")
        key, _, direction = item.strip().partition(" ")
        direction = direction.strip().upper()
        column = columns.get(key)
        if column is None or direction not in ("", "ASC", "DESC"):
            valid = ", ".join(sorted(columns))
            raise InvalidInput(
                f"Invalid order by key '{key}' specified. Valid keys are {valid}",
                field="order_by",
            )
        if key in seen:
            raise InvalidInput(
                f"`order_by` contains duplicate fields: {order_by}", field="order_by"
            )
        seen.add(key)
        clauses.append(column.desc() if direction == "DESC" else column.asc())
    return clauses, seen
