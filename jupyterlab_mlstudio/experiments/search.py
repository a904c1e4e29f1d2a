"""MLflow's search syntax for runs and experiments, compiled to SQL.

A filter is comparisons joined by AND::

    metrics.accuracy > 0.9 and params.optimizer = 'adam' and tags.`team name` LIKE 'vision%'
    and attributes.status IN ('FINISHED', 'RUNNING') and attributes.start_time >= 1700000000000

``order_by`` items look like ``metrics.accuracy DESC`` or ``attributes.start_time``. Mistakes are
``InvalidInput`` with a message that says where the filter went wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, not_, select
from sqlalchemy.orm import aliased

from ..core.errors import InvalidInput
from ..store.like import like
from .orm import (
    ExperimentRecord,
    ExperimentTagRecord,
    LatestMetricRecord,
    ParamRecord,
    RunRecord,
    TagRecord,
)
from .writes import USER_TAG

ENTITIES = {
    "metric": "metric",
    "metrics": "metric",
    "param": "param",
    "params": "param",
    "parameter": "param",
    "parameters": "param",
    "tag": "tag",
    "tags": "tag",
    "attribute": "attribute",
    "attributes": "attribute",
    "attr": "attribute",
    "run": "attribute",
}
NUMERIC_OPERATORS = ("=", "!=", ">", ">=", "<", "<=")
STRING_OPERATORS = ("=", "!=", "LIKE", "ILIKE", "IN", "NOT IN")

_TOKEN = re.compile(
    r"""
    \s*(?:
        (?P<word>[A-Za-z_]\w*(?:\.(?:`(?:[^`]|``)*`|"(?:[^"\\]|\\.)*"|[^\s=!<>(),'"`]+))?)
      | (?P<squote>'(?:[^'\\]|\\.|'')*')
      | (?P<dquote>"(?:[^"\\]|\\.)*")
      | (?P<number>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)
      | (?P<op>!=|>=|<=|<>|=|<|>|\(|\)|,)
    )""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Comparison:
    kind: str  # metric | param | tag | attribute
    key: str
    operator: str
    value: Any


@dataclass(frozen=True)
class Order:
    kind: str
    key: str
    ascending: bool


def _number(raw: str, text: str) -> float:
    value = float(raw)
    if not -1e300 < value < 1e300:  # also refuses inf, which "1e999" reads as
        raise InvalidInput(
            f"Error on parsing filter {text!r}: {raw} is out of range", field="filter"
        )
    return value


def _unquote(text: str) -> str:
    if text[:1] == "`":
        return text[1:-1].replace("``", "`")
    if text[:1] in "\"'":
        body = text[1:-1]
        return body.replace("''", "'") if text[0] == "'" else body.replace('\\"', '"')
    return text


def _identifier(
    word: str, bare_kind: str | None, text: str, entities: dict[str, str] = ENTITIES
) -> tuple[str, str]:
    entity, dot, key = word.partition(".")
    if not dot:
        if bare_kind is None:
            raise InvalidInput(
                f"Invalid identifier {word!r} in {text!r}: expected metrics.<key>, params.<key>, "
                "tags.<key> or attributes.<key>",
                field="filter",
            )
        return bare_kind, word
    kind = entities.get(entity.lower())
    if kind is None:
        names = ", ".join(sorted(set(entities.values())))
        raise InvalidInput(
            f"Invalid entity type {entity!r} in {text!r}: use one of {names}",
            field="filter",
        )
    key = _unquote(key.strip())
    if not key:
        raise InvalidInput(f"Missing key after {entity}. in {text!r}", field="filter")
    return kind, key


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise InvalidInput(
                f"Error on parsing filter {text!r} at {text[position : position + 20]!r}",
                field="filter",
            )
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind).strip() if kind == "word" else match.group(kind)))
        position = match.end()
    # Keywords arrive as words: AND, LIKE, ILIKE, RLIKE, IN, NOT, IS, NULL.
    merged: list[tuple[str, str]] = []
    for kind, value in tokens:
        upper = value.upper() if kind == "word" else value
        if kind == "word" and upper == "NOT" and merged and merged[-1] == ("op", "IS"):
            merged[-1] = ("op", "IS NOT")
            continue
        if kind == "word" and upper == "NULL" and merged and merged[-1][1] in ("IS", "IS NOT"):
            merged.append(("null", "NULL"))
            continue
        if kind == "word" and upper in ("AND", "LIKE", "ILIKE", "RLIKE", "IN", "NOT", "IS"):
            if upper == "IN" and merged and merged[-1] == ("keyword", "NOT"):
                merged[-1] = ("op", "NOT IN")
                continue
            word_kind = "keyword" if upper in ("AND", "NOT") else "op"
            merged.append((word_kind, upper))
        else:
            merged.append((kind, "!=" if value == "<>" else value))
    return merged


#: The most comparisons one filter may join, and values one IN list may hold: far beyond what a
#: person writes, well within what the database can compile (SQLite refuses expressions deeper
#: than 1000, so 2,000 AND-ed clauses failed there as an unavailable backend).
MAX_FILTER_CLAUSES = 100
MAX_IN_VALUES = 10_000


def parse_filter(
    text: str | None,
    bare_kind: str | None = None,
    entities: dict[str, str] = ENTITIES,
    check: Callable[[Comparison, str], Comparison] | None = None,
) -> list[Comparison]:
    """The comparisons of a filter (an empty filter matches everything); ``entities`` names the
    prefixes a key may carry, ``check`` vets each comparison (runs' rules by default)."""
    check = check or _checked
    if not text or not text.strip():
        return []
    tokens = _tokens(text)
    comparisons = []
    index = 0

    def take() -> tuple[str, str]:
        nonlocal index
        if index >= len(tokens):
            raise InvalidInput(
                f"Error on parsing filter {text!r}: it ends too early", field="filter"
            )
        token = tokens[index]
        index += 1
        return token

    while True:
        kind, word = take()
        if kind != "word":
            raise InvalidInput(
                f"Error on parsing filter {text!r}: expected an identifier, got {word!r}",
                field="filter",
            )
        entity, key = _identifier(word, bare_kind, text, entities)
        _, operator = take()
        operator = operator.upper()
        value: Any
        if operator in ("IS", "IS NOT"):
            if take() != ("null", "NULL"):
                raise InvalidInput(
                    f"Error on parsing filter {text!r}: {operator} must be followed by NULL",
                    field="filter",
                )
            operator, value = f"{operator} NULL", None
        elif operator in ("IN", "NOT IN"):
            if take() != ("op", "("):
                raise InvalidInput(
                    f"{operator} needs a parenthesised list in {text!r}", field="filter"
                )
            values = []
            while True:
                kind, item = take()
                if kind not in ("squote", "dquote", "number"):
                    raise InvalidInput(
                        f"Error on parsing filter {text!r}: {item!r} in a list", field="filter"
                    )
                values.append(_unquote(item))
                if len(values) > MAX_IN_VALUES:
                    raise InvalidInput(
                        f"An IN list holds at most {MAX_IN_VALUES} values.", field="filter"
                    )
                _, separator = take()
                if separator == ")":
                    break
                if separator != ",":
                    raise InvalidInput(
                        f"Error on parsing filter {text!r}: expected ',' or ')'", field="filter"
                    )
            value = values
        else:
            kind, raw = take()
            if kind == "number":
                value = _number(raw, text)
            elif kind in ("squote", "dquote"):
                value = _unquote(raw)
            else:
                raise InvalidInput(
                    f"Error on parsing filter {text!r}: expected a value after {operator}",
                    field="filter",
                )
        comparisons.append(check(Comparison(entity, key, operator, value), text))
        if len(comparisons) > MAX_FILTER_CLAUSES:
            raise InvalidInput(
                f"A filter joins at most {MAX_FILTER_CLAUSES} comparisons with AND.",
                field="filter",
            )
        if index >= len(tokens):
            return comparisons
        if take() != ("keyword", "AND"):
            raise InvalidInput(
                f"Error on parsing filter {text!r}: comparisons are joined with AND only",
                field="filter",
            )


RUN_ATTRIBUTES = {
    "run_id": RunRecord.run_id,
    "run_name": RunRecord.name,
    "status": RunRecord.status,
    "artifact_uri": RunRecord.artifact_uri,
    # The client's user (the run's mlflow.user tag), else the owner, as get_run shows it.
    "user_id": func.coalesce(
        select(TagRecord.value)
        .where(TagRecord.run_id == RunRecord.run_id, TagRecord.key == USER_TAG)
        .scalar_subquery(),
        RunRecord.owner,
    ),
    "start_time": RunRecord.start_time,
    "created": RunRecord.start_time,
    "Created": RunRecord.start_time,
    "end_time": RunRecord.end_time,
    "lifecycle_stage": RunRecord.lifecycle_stage,
    "source_job": RunRecord.source_job,
}
NUMERIC_ATTRIBUTES = {
    "start_time",
    "created",
    "Created",
    "end_time",
    "creation_time",
    "last_update_time",
}


def _checked(comparison: Comparison, text: str) -> Comparison:
    numeric = comparison.kind == "metric" or (
        comparison.kind == "attribute" and comparison.key in NUMERIC_ATTRIBUTES
    )
    allowed = NUMERIC_OPERATORS if numeric else STRING_OPERATORS
    if comparison.operator not in allowed:
        raise InvalidInput(
            f"Invalid comparator {comparison.operator!r} for {comparison.kind} {comparison.key!r} "
            f"in {text!r}; use one of {', '.join(allowed)}",
            field="filter",
        )
    if numeric and not isinstance(comparison.value, float):
        raise InvalidInput(
            f"Expected a number for {comparison.kind} {comparison.key!r} in {text!r}",
            field="filter",
        )
    if not numeric and isinstance(comparison.value, float):
        raise InvalidInput(
            f"Expected a quoted string for {comparison.kind} {comparison.key!r} in {text!r}",
            field="filter",
        )
    return comparison


def check_comparison(comparison: Comparison, text: str, numeric: bool) -> None:
    """Refuse an operator or a value that does not suit a numeric (or a text) key."""
    allowed = NUMERIC_OPERATORS if numeric else STRING_OPERATORS
    if comparison.operator not in allowed:
        raise InvalidInput(
            f"Invalid comparator {comparison.operator!r} for {comparison.kind} "
            f"{comparison.key!r} in {text!r}; use one of {', '.join(allowed)}",
            field="filter",
        )
    if numeric != isinstance(comparison.value, float):
        wanted = "a number" if numeric else "a quoted string"
        raise InvalidInput(
            f"Expected {wanted} for {comparison.kind} {comparison.key!r} in {text!r}",
            field="filter",
        )


def parse_order_by(
    item: str, bare_kind: str | None = None, entities: dict[str, str] = ENTITIES
) -> Order:
    """``metrics.acc DESC`` → Order(metric, acc, ascending=False)."""
    text = item.strip()
    ascending = True
    match = re.search(r"\s+(ASC|DESC)\s*$", text, re.IGNORECASE)
    if match:
        ascending = match.group(1).upper() == "ASC"
        text = text[: match.start()]
    if not text:
        raise InvalidInput(f"Invalid order_by clause {item!r}", field="order_by")
    kind, key = _identifier(text.strip(), bare_kind, item, entities)
    return Order(kind, key, ascending)


def compare(column: Any, operator: str, value: Any) -> ColumnElement[bool]:
    if operator == "=":
        return column == value
    if operator == "!=":
        return column != value
    if operator == ">":
        return column > value
    if operator == ">=":
        return column >= value
    if operator == "<":
        return column < value
    if operator == "<=":
        return column <= value
    if operator == "LIKE":
        return like(column, value)
    if operator == "ILIKE":
        return func.lower(column).like(func.lower(value))
    if operator == "RLIKE":
        return column.regexp_match(value)
    if operator == "IS NULL":
        return column.is_(None)
    if operator == "IS NOT NULL":
        return column.is_not(None)
    if operator == "IN":
        return column.in_(value)
    return not_(column.in_(value))


def run_conditions(comparisons: list[Comparison]) -> list[ColumnElement[bool]]:
    """SQL conditions on ``runs`` for a parsed filter."""
    conditions: list[ColumnElement[bool]] = []
    for item in comparisons:
        if item.kind == "metric":
            conditions.append(
                exists().where(
                    LatestMetricRecord.run_id == RunRecord.run_id,
                    LatestMetricRecord.key == item.key,
                    compare(LatestMetricRecord.value, item.operator, item.value),
                )
            )
        elif item.kind in ("param", "tag"):
            table: Any = ParamRecord if item.kind == "param" else TagRecord
            conditions.append(
                exists().where(
                    table.run_id == RunRecord.run_id,
                    table.key == item.key,
                    compare(table.value, item.operator, item.value),
                )
            )
        else:
            column = RUN_ATTRIBUTES.get(item.key)
            if column is None:
                names = ", ".join(sorted(RUN_ATTRIBUTES))
                raise InvalidInput(
                    f"Invalid attribute key {item.key!r}: use one of {names}", field="filter"
                )
            value = int(item.value) if isinstance(item.value, float) else item.value
            conditions.append(compare(column, item.operator, value))
    return conditions


def run_ordering(statement: Any, orders: list[Order]) -> Any:
    """Add ORDER BY clauses (runs missing a sorted metric or param come last), then tie-breakers."""
    clauses: list[Any] = []
    for index, order in enumerate(orders):
        if order.kind == "attribute":
            column = RUN_ATTRIBUTES.get(order.key)
            if column is None:
                raise InvalidInput(f"Invalid order_by attribute {order.key!r}", field="order_by")
            clauses.append(column.asc() if order.ascending else column.desc())
            continue
        table: Any = {"metric": LatestMetricRecord, "param": ParamRecord, "tag": TagRecord}[
            order.kind
        ]
        joined = aliased(table, name=f"order_{index}")
        statement = statement.outerjoin(
            joined, and_(joined.run_id == RunRecord.run_id, joined.key == order.key)
        )
        clauses.append(joined.value.is_(None))  # missing values last, in both directions
        clauses.append(joined.value.asc() if order.ascending else joined.value.desc())
    if not any(
        order.kind == "attribute" and order.key in ("start_time", "created") for order in orders
    ):
        clauses.append(RunRecord.start_time.desc())
    clauses.append(RunRecord.run_id.asc())
    return statement.order_by(*clauses)


EXPERIMENT_ATTRIBUTES = {
    "name": ExperimentRecord.name,
    "experiment_id": ExperimentRecord.experiment_id,
    "creation_time": ExperimentRecord.creation_time,
    "last_update_time": ExperimentRecord.last_update_time,
}


def experiment_conditions(comparisons: list[Comparison]) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    for item in comparisons:
        if item.kind == "tag":
            conditions.append(
                exists().where(
                    ExperimentTagRecord.experiment_id == ExperimentRecord.experiment_id,
                    ExperimentTagRecord.key == item.key,
                    compare(ExperimentTagRecord.value, item.operator, item.value),
                )
            )
            continue
        column = EXPERIMENT_ATTRIBUTES.get(item.key) if item.kind == "attribute" else None
        if column is None:
            raise InvalidInput(
                f"Invalid experiment filter key {item.kind}.{item.key}: use name, creation_time, "
                "last_update_time or tags.<key>",
                field="filter",
            )
        value = int(item.value) if isinstance(item.value, float) else item.value
        conditions.append(compare(column, item.operator, value))
    return conditions


def experiment_ordering(orders: list[Order]) -> list[Any]:
    clauses: list[Any] = []
    for order in orders:
        column = EXPERIMENT_ATTRIBUTES.get(order.key) if order.kind == "attribute" else None
        if column is None:
            raise InvalidInput(
                f"Invalid order_by key {order.key!r} for experiments", field="order_by"
            )
        clauses.append(column.asc() if order.ascending else column.desc())
    if not orders:
        clauses.append(ExperimentRecord.creation_time.desc())
    clauses.append(ExperimentRecord.experiment_id.asc())
    return clauses


__all__ = [
    "Comparison",
    "Order",
    "experiment_conditions",
    "experiment_ordering",
    "parse_filter",
    "parse_order_by",
    "run_conditions",
    "run_ordering",
    "select",
]
