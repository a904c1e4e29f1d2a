"""MLflow's ``search_traces`` filter and order syntax, compiled to SQL over ``traces``::

    attributes.status = 'OK' AND attributes.timestamp_ms > 1700000000000
    AND tags.topic = 'billing' AND metadata.`mlflow.sourceRun` = '<run id>'
    AND trace.name LIKE 'chat%' AND attributes.run_id = '<run id>'
    AND span.name = 'retrieve' AND span.type = 'LLM' AND span.status = 'ERROR'
    AND trace.text ILIKE '%refund%' AND feedback.correct = 'yes' AND feedback.score >= 0.8

A span filter (``span.attributes.<key>`` too) matches a trace with at least one such span;
``span.content`` and ``trace.text`` search the spans' whole JSON (inputs, outputs, attributes)
with LIKE or ILIKE. ``feedback.<name>`` and ``expectation.<name>`` compare the trace's valid
assessments of that name: strings as they are, other values as JSON text, numbers with the
numeric operators. ``run_id`` matches a trace's source run and every run it was linked to;
``prompt = 'name/version'`` the traces linked to that prompt version; ``issue.id = '<id>'`` the
traces a valid issue assessment links to that issue.

``order_by`` items read ``timestamp_ms DESC``, ``execution_time_ms``, ``tags.topic``; the
default order is newest first. The tokenizer is the one runs and experiments use.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Text, cast, exists, or_, select

from ..core.errors import InvalidInput
from ..experiments.search import (
    NUMERIC_OPERATORS,
    STRING_OPERATORS,
    Comparison,
    Order,
    check_comparison,
    compare,
    parse_filter,
    parse_order_by,
)
from .models import SOURCE_RUN, TRACE_NAME_TAG
from .orm import (
    AssessmentRecord,
    SpanAttributeRecord,
    SpanRecord,
    TraceMetadataRecord,
    TracePromptLinkRecord,
    TraceRecord,
    TraceRunLinkRecord,
    TraceTagRecord,
)

ENTITIES = {
    "tag": "tag",
    "tags": "tag",
    "metadata": "metadata",
    "request_metadata": "metadata",
    "attribute": "attribute",
    "attributes": "attribute",
    "attr": "attribute",
    "trace": "attribute",
    "span": "span",
    "feedback": "feedback",
    "expectation": "expectation",
    "issue": "issue",
}
#: Span keys stored as columns of ``trace_spans``; ``content`` is the span's whole JSON.
SPAN_COLUMNS: dict[str, Any] = {
    "name": SpanRecord.name,
    "type": SpanRecord.span_type,
    "status": SpanRecord.status_code,
    "content": cast(SpanRecord.content, Text),
}
TEXT_OPERATORS = ("LIKE", "ILIKE")
ASSESSMENT_OPERATORS = ("=", "!=", "LIKE", "ILIKE", ">", ">=", "<", "<=")
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
ALIASES = {
    "run_id": ("metadata", SOURCE_RUN),
    "name": ("tag", TRACE_NAME_TAG),
    "text": ("span", "content"),
    "prompt": ("prompt", "version"),
}


def _resolved(kind: str, key: str) -> tuple[str, str]:
    if kind == "attribute" and key in ALIASES:
        return ALIASES[key]
    if kind == "attribute" and key not in COLUMNS:
        names = ", ".join(sorted([*COLUMNS, *ALIASES]))
        raise InvalidInput(f"Invalid attribute key {key!r}: use one of {names}", field="filter")
    return kind, key


def _refuse(comparison: Comparison, allowed: tuple[str, ...], text: str) -> None:
    if comparison.operator not in allowed:
        raise InvalidInput(
            f"Invalid comparator {comparison.operator!r} for {comparison.kind}."
            f"{comparison.key} in {text!r}; use one of {', '.join(allowed)}",
            field="filter",
        )


def _checked_span(comparison: Comparison, text: str) -> Comparison:
    key = comparison.key
    if key.startswith("attributes.") and len(key) > len("attributes."):
        _refuse(comparison, STRING_OPERATORS, text)
        check_comparison(comparison, text, numeric=False)
        return comparison
    if key not in SPAN_COLUMNS:
        raise InvalidInput(
            f"Invalid span attribute {key!r} in {text!r}: use one of "
            f"{', '.join(sorted(SPAN_COLUMNS))}, attributes.<key>",
            field="filter",
        )
    _refuse(comparison, TEXT_OPERATORS if key == "content" else STRING_OPERATORS, text)
    check_comparison(comparison, text, numeric=False)
    return comparison


def _checked_assessment(comparison: Comparison, text: str) -> Comparison:
    _refuse(comparison, ASSESSMENT_OPERATORS, text)
    numeric = isinstance(comparison.value, float)
    if comparison.operator in NUMERIC_OPERATORS[2:] and not numeric:
        raise InvalidInput(
            f"{comparison.operator} needs a number for {comparison.kind}.{comparison.key} "
            f"in {text!r}",
            field="filter",
        )
    if comparison.operator in TEXT_OPERATORS and numeric:
        raise InvalidInput(
            f"{comparison.operator} needs a quoted string in {text!r}", field="filter"
        )
    return comparison


#: Operators beyond each kind's own: a regular expression, and absence or presence.
EXTRA_OPERATORS = ("RLIKE", "IS NULL", "IS NOT NULL")
#: Attribute columns that may be empty (``IS NULL`` applies to them).
NULLABLE = {"execution_time_ms", "execution_time", "execution_duration", "client_request_id"}


def _checked_extra(kind: str, key: str, comparison: Comparison, text: str) -> Comparison:
    """``RLIKE`` on text, ``IS [NOT] NULL`` on what a trace may lack (a tag, metadata, an
    assessment, an optional column)."""
    where = f"{comparison.kind}.{comparison.key}"
    if comparison.operator == "RLIKE":
        if kind == "prompt" or (kind == "attribute" and key in NUMERIC):
            raise InvalidInput(f"RLIKE applies to text, not {where} in {text!r}", field="filter")
        if kind == "span" and not key.startswith("attributes.") and key not in SPAN_COLUMNS:
            _checked_span(Comparison(kind, key, "=", ""), text)
        if not isinstance(comparison.value, str):
            raise InvalidInput(f"RLIKE needs a quoted pattern in {text!r}", field="filter")
        try:
            re.compile(comparison.value)
        except re.error as error:
            raise InvalidInput(
                f"Invalid regular expression {comparison.value!r} in {text!r}: {error}",
                field="filter",
            ) from error
        return Comparison(kind, key, comparison.operator, comparison.value)
    if kind in ("tag", "metadata", "feedback", "expectation") or (
        kind == "attribute" and key in NULLABLE
    ):
        return Comparison(kind, key, comparison.operator, None)
    raise InvalidInput(
        f"{comparison.operator} applies to tags, metadata, assessments and "
        f"{', '.join(sorted(NULLABLE))}, not {where} in {text!r}",
        field="filter",
    )


def _checked(comparison: Comparison, text: str) -> Comparison:
    kind, key = _resolved(comparison.kind, comparison.key)
    if kind == "issue":
        if key != "id":
            raise InvalidInput(
                f"Invalid issue key {key!r} in {text!r}: use issue.id", field="filter"
            )
        _refuse(comparison, ("=",), text)
        check_comparison(comparison, text, numeric=False)
        return Comparison(kind, key, comparison.operator, comparison.value)
    if comparison.operator in EXTRA_OPERATORS:
        return _checked_extra(kind, key, comparison, text)
    if kind == "span":
        return _checked_span(Comparison(kind, key, comparison.operator, comparison.value), text)
    if kind in ("feedback", "expectation"):
        return _checked_assessment(comparison, text)
    if kind == "prompt":
        _refuse(comparison, ("=",), text)
        if not isinstance(comparison.value, str) or comparison.value.count("/") != 1:
            raise InvalidInput(
                f"Invalid prompt filter in {text!r}: use prompt = 'name/version'", field="filter"
            )
        return Comparison(kind, key, comparison.operator, comparison.value)
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
        if item.operator in ("IS NULL", "IS NOT NULL") and item.kind != "attribute":
            found = _presence(item)
            out.append(found if item.operator == "IS NOT NULL" else ~found)
            continue
        if item.kind == "attribute":
            out.append(compare(COLUMNS[item.key], item.operator, item.value))
            continue
        if item.kind == "span":
            out.append(_span_condition(item))
            continue
        if item.kind in ("feedback", "expectation"):
            out.append(_assessment_condition(item))
            continue
        if item.kind == "issue":
            out.append(
                exists().where(
                    AssessmentRecord.trace_id == TraceRecord.trace_id,
                    AssessmentRecord.kind == "issue",
                    AssessmentRecord.name == item.value,
                    AssessmentRecord.valid.is_(True),
                )
            )
            continue
        if item.kind == "prompt":
            out.append(
                exists().where(
                    TracePromptLinkRecord.trace_id == TraceRecord.trace_id,
                    TracePromptLinkRecord.prompt == item.value,
                )
            )
            continue
        if item.kind == "metadata" and item.key == SOURCE_RUN and item.operator == "=":
            out.append(_run_condition(item.value))
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


def _presence(item: Comparison) -> ColumnElement[bool]:
    """That the trace has the tag, metadata entry or valid assessment ``item`` names."""
    if item.kind in ("feedback", "expectation"):
        return exists().where(
            AssessmentRecord.trace_id == TraceRecord.trace_id,
            AssessmentRecord.kind == item.kind,
            AssessmentRecord.name == item.key,
            AssessmentRecord.valid.is_(True),
        )
    if item.kind == "metadata" and item.key == SOURCE_RUN:
        return or_(
            exists().where(
                TraceMetadataRecord.trace_id == TraceRecord.trace_id,
                TraceMetadataRecord.key == SOURCE_RUN,
            ),
            exists().where(TraceRunLinkRecord.trace_id == TraceRecord.trace_id),
        )
    table = _valued(item.kind)
    return exists().where(table.trace_id == TraceRecord.trace_id, table.key == item.key)


def _span_condition(item: Comparison) -> ColumnElement[bool]:
    if item.key.startswith("attributes."):
        return exists().where(
            SpanAttributeRecord.trace_id == TraceRecord.trace_id,
            SpanAttributeRecord.key == item.key.removeprefix("attributes."),
            compare(SpanAttributeRecord.value, item.operator, item.value),
        )
    return exists().where(
        SpanRecord.trace_id == TraceRecord.trace_id,
        compare(SPAN_COLUMNS[item.key], item.operator, item.value),
    )


def _assessment_condition(item: Comparison) -> ColumnElement[bool]:
    if isinstance(item.value, float):
        value = compare(AssessmentRecord.value_number, item.operator, item.value)
    else:
        value = compare(AssessmentRecord.value_text, item.operator, item.value)
    return exists().where(
        AssessmentRecord.trace_id == TraceRecord.trace_id,
        AssessmentRecord.kind == item.kind,
        AssessmentRecord.name == item.key,
        AssessmentRecord.valid.is_(True),
        value,
    )


def _run_condition(run_id: str) -> ColumnElement[bool]:
    """The run's traces: those it is the source of and those linked to it."""
    return or_(
        exists().where(
            TraceMetadataRecord.trace_id == TraceRecord.trace_id,
            TraceMetadataRecord.key == SOURCE_RUN,
            TraceMetadataRecord.value == run_id,
        ),
        exists().where(
            TraceRunLinkRecord.trace_id == TraceRecord.trace_id,
            TraceRunLinkRecord.run_id == run_id,
        ),
    )


def ordering(items: list[str]) -> list[Any]:
    """ORDER BY clauses for ``order_by`` items, then newest first and the id as tie-breakers."""
    clauses: list[Any] = []
    for raw in items:
        order: Order = parse_order_by(raw, "attribute", ENTITIES)
        kind, key = _resolved(order.kind, order.key)
        if kind not in ("attribute", "tag", "metadata"):
            raise InvalidInput(
                f"Invalid order_by clause {raw!r}: order by an attribute, a tag or metadata",
                field="order_by",
            )
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
