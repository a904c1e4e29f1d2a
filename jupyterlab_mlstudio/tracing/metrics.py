"""Aggregate metrics over an experiment's traces, spans or assessments (MLflow's trace metrics
query): a count, a latency, token usage or an assessment's value, reduced by COUNT, SUM, AVG,
MIN, MAX or a percentile, grouped by dimensions and, optionally, by time buckets.

The database selects and filters the rows (one per trace, span or assessment, with its time,
its dimensions and its value); grouping and the reductions are done here, so that SQLite and
PostgreSQL give the same figures (percentiles interpolate linearly, as PostgreSQL's
``percentile_cont``). No Tornado, no wire format.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import ColumnElement, exists, select

from ..core.context import RequestContext, visible
from ..core.errors import InvalidInput
from ..core.paging import decode_offset, encode_token
from ..experiments.search import Comparison, check_comparison, compare, parse_filter
from .models import TRACE_NAME_TAG
from .orm import AssessmentRecord, SpanRecord, TraceMetadataRecord, TraceRecord, TraceTagRecord

TOKEN_USAGE = "mlflow.trace.tokenUsage"
TIME_BUCKET = "time_bucket"
MAX_RESULTS = 1000
REDUCTIONS = ("COUNT", "SUM", "AVG", "MIN", "MAX", "PERCENTILE")
_STATS = {"SUM", "AVG", "MIN", "MAX", "PERCENTILE"}
_TOKENS = ("input_tokens", "output_tokens", "total_tokens")

#: view -> metric -> (the reductions it allows, the dimensions it groups by).
METRICS: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "TRACES": {
        "trace_count": ({"COUNT"}, {"trace_name", "trace_status"}),
        "latency": ({"AVG", "MIN", "MAX", "PERCENTILE"}, {"trace_name"}),
        **{name: (_STATS, {"trace_name"}) for name in _TOKENS},
    },
    "SPANS": {
        "span_count": ({"COUNT"}, {"span_name", "span_type", "span_status"}),
        "latency": ({"AVG", "MIN", "MAX", "PERCENTILE"}, {"span_name", "span_status"}),
    },
    "ASSESSMENTS": {
        "assessment_count": ({"COUNT"}, {"assessment_name", "assessment_value"}),
        "assessment_value": ({"AVG", "MIN", "MAX", "PERCENTILE"}, {"assessment_name"}),
    },
}
#: What a filter may name in each view: ``trace.status``, ``trace.tag.<key>``,
#: ``trace.metadata.<key>`` everywhere; ``span.name|type|status`` over spans;
#: ``assessment.name|type`` over assessments.
SPAN_FILTERS = {
    "name": SpanRecord.name,
    "type": SpanRecord.span_type,
    "status": SpanRecord.status_code,
}
ASSESSMENT_FILTERS = {"name": AssessmentRecord.name, "type": AssessmentRecord.kind}


@dataclass(frozen=True)
class Reduction:
    kind: str
    percentile: float | None = None

    @property
    def label(self) -> str:
        return f"P{self.percentile}" if self.kind == "PERCENTILE" else self.kind


@dataclass
class DataPoint:
    metric_name: str
    dimensions: dict[str, str]
    values: dict[str, float]


def reduction(kind: Any, percentile: Any) -> Reduction:
    if kind not in REDUCTIONS:
        raise InvalidInput(
            f"Invalid aggregation_type {kind!r}: use one of {', '.join(REDUCTIONS)}",
            field="aggregations",
        )
    if kind == "PERCENTILE":
        if not isinstance(percentile, int | float) or not 0 <= percentile <= 100:
            raise InvalidInput(
                "A PERCENTILE aggregation needs a percentile_value from 0 to 100",
                field="aggregations",
            )
        return Reduction(kind, float(percentile))
    if percentile is not None:
        raise InvalidInput(
            f"percentile_value applies to PERCENTILE only, not {kind}", field="aggregations"
        )
    return Reduction(kind)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * share / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _reduce(item: Reduction, values: list[float]) -> float:
    if item.kind == "COUNT":
        return float(len(values))
    if item.kind == "SUM":
        return float(sum(values))
    if item.kind == "AVG":
        return sum(values) / len(values)
    if item.kind == "MIN":
        return float(min(values))
    if item.kind == "MAX":
        return float(max(values))
    return _percentile(values, item.percentile or 0.0)


def _checked_filter(view: str):
    def check(comparison: Comparison, text: str) -> Comparison:
        kind, key = comparison.kind, comparison.key
        allowed = (
            (kind == "trace" and (key == "status" or key.startswith(("tag.", "metadata."))))
            or (kind == "span" and view == "SPANS" and key in SPAN_FILTERS)
            or (kind == "assessment" and view == "ASSESSMENTS" and key in ASSESSMENT_FILTERS)
        )
        if not allowed:
            raise InvalidInput(
                f"Invalid filter {text!r} for {view}: use trace.status, trace.tag.<key>, "
                "trace.metadata.<key>"
                + {
                    "SPANS": ", span.name, span.type, span.status",
                    "ASSESSMENTS": ", assessment.name, assessment.type",
                }.get(view, ""),
                field="filters",
            )
        if comparison.operator not in ("=", "!="):
            raise InvalidInput(
                f"Invalid comparator {comparison.operator!r} in {text!r}: use = or !=",
                field="filters",
            )
        check_comparison(comparison, text, numeric=False)
        return comparison

    return check


def _filter_condition(item: Comparison) -> ColumnElement[bool]:
    if item.kind == "span":
        return compare(SPAN_FILTERS[item.key], item.operator, item.value)
    if item.kind == "assessment":
        return compare(ASSESSMENT_FILTERS[item.key], item.operator, item.value)
    if item.key == "status":
        return compare(TraceRecord.state, item.operator, item.value)
    table = TraceTagRecord if item.key.startswith("tag.") else TraceMetadataRecord
    return exists().where(
        table.trace_id == TraceRecord.trace_id,
        table.key == item.key.split(".", 1)[1],
        compare(table.value, item.operator, item.value),
    )


def _named(table: Any, key: str) -> Any:
    return (
        select(table.value)
        .where(table.trace_id == TraceRecord.trace_id, table.key == key)
        .scalar_subquery()
    )


def _rows_query(view: str, metric: str) -> Any:
    """(time in ms, dimensions by name, value) for each trace, span or assessment."""
    if view == "TRACES":
        return select(
            TraceRecord.request_time,
            _named(TraceTagRecord, TRACE_NAME_TAG).label("trace_name"),
            TraceRecord.state.label("trace_status"),
            (
                _named(TraceMetadataRecord, TOKEN_USAGE)
                if metric in _TOKENS
                else TraceRecord.execution_duration
            ).label("value"),
        )
    if view == "SPANS":
        return select(
            TraceRecord.request_time,
            SpanRecord.name.label("span_name"),
            SpanRecord.span_type.label("span_type"),
            SpanRecord.status_code.label("span_status"),
            SpanRecord.start_time_ns,
            SpanRecord.end_time_ns,
        ).join(SpanRecord, SpanRecord.trace_id == TraceRecord.trace_id)
    return (
        select(
            TraceRecord.request_time,
            AssessmentRecord.name.label("assessment_name"),
            AssessmentRecord.value_text.label("assessment_value"),
            AssessmentRecord.value_number.label("value"),
        )
        .join(AssessmentRecord, AssessmentRecord.trace_id == TraceRecord.trace_id)
        .where(
            AssessmentRecord.valid.is_(True),
            AssessmentRecord.kind.in_(("feedback", "expectation")),
        )
    )


def _value(view: str, metric: str, row: Any) -> float | None:
    if metric in ("trace_count", "span_count", "assessment_count"):
        return 1.0
    if view == "SPANS":
        if row.end_time_ns is None:
            return None
        return float((row.end_time_ns - row.start_time_ns) // 1_000_000)
    if metric in _TOKENS:
        try:
            usage = json.loads(row.value) if row.value else {}
        except ValueError:
            return None
        found = usage.get(metric) if isinstance(usage, dict) else None
        return float(found) if isinstance(found, int | float) else None
    return None if row.value is None else float(row.value)


def _bucket(time_ms: int, interval_s: int) -> str:
    size = interval_s * 1000
    start = (time_ms // size) * size
    return datetime.fromtimestamp(start / 1000, tz=timezone.utc).isoformat()


class TraceMetrics:
    """The trace metrics query over the experiments a caller sees."""

    def __init__(self, traces: Any) -> None:
        self.database = traces.database
        self.experiments = traces.experiments

    def query(
        self,
        context: RequestContext,
        experiment_ids: list[str],
        view: str,
        metric: str,
        reductions: list[Reduction],
        dimensions: list[str],
        filters: list[str],
        interval_s: int | None = None,
        start_ms: int | None = None,
        end_ms: int | None = None,
        max_results: int = MAX_RESULTS,
        page_token: str | None = None,
    ) -> tuple[list[DataPoint], str | None]:
        catalogue = METRICS.get(view)
        if catalogue is None:
            raise InvalidInput(
                f"view_type must be one of {', '.join(METRICS)}, got {view!r}", field="view_type"
            )
        if metric not in catalogue:
            raise InvalidInput(
                f"metric_name must be one of {', '.join(catalogue)} for {view}, got {metric!r}",
                field="metric_name",
            )
        allowed, groups = catalogue[metric]
        if not reductions:
            raise InvalidInput("Name at least one aggregation", field="aggregations")
        if bad := sorted({item.kind for item in reductions} - allowed):
            raise InvalidInput(
                f"Found invalid aggregation_type(s): {bad}. Supported aggregation types: "
                f"{sorted(allowed)}",
                field="aggregations",
            )
        if bad := sorted(set(dimensions) - groups):
            raise InvalidInput(
                f"Found invalid dimension(s): {bad}. Supported dimensions: {sorted(groups)}",
                field="dimensions",
            )
        if interval_s is not None and interval_s <= 0:
            raise InvalidInput(
                "time_interval_seconds must be positive", field="time_interval_seconds"
            )
        if interval_s and (start_ms is None or end_ms is None):
            raise InvalidInput(
                "start_time_ms and end_time_ms are required if time_interval_seconds is set",
                field="time_interval_seconds",
            )
        if not 0 < max_results <= MAX_RESULTS:
            raise InvalidInput(
                f"max_results must be between 1 and {MAX_RESULTS}", field="max_results"
            )
        if not experiment_ids:
            raise InvalidInput("Name at least one experiment_id", field="experiment_ids")
        owned_ids = [
            self.experiments.get_experiment(context, item).experiment_id for item in experiment_ids
        ]
        comparisons = [
            item
            for text in filters
            for item in parse_filter(
                text,
                None,
                {"trace": "trace", "span": "span", "assessment": "assessment"},
                _checked_filter(view),
            )
        ]
        query = _rows_query(view, metric).where(
            TraceRecord.experiment_id.in_(owned_ids), visible(TraceRecord, context)
        )
        if start_ms is not None:
            query = query.where(TraceRecord.request_time >= start_ms)
        if end_ms is not None:
            query = query.where(TraceRecord.request_time <= end_ms)
        for item in comparisons:
            query = query.where(_filter_condition(item))
        groups_of: dict[tuple[str, ...], list[float]] = {}
        with self.database.session() as session:
            for row in session.execute(query):
                value = _value(view, metric, row)
                keys = [getattr(row, name) for name in dimensions]
                if value is None or any(key is None for key in keys):
                    continue
                if interval_s:
                    keys.insert(0, _bucket(row.request_time, interval_s))
                groups_of.setdefault(tuple(str(key) for key in keys), []).append(value)
        names = ([TIME_BUCKET] if interval_s else []) + list(dimensions)
        points = [
            DataPoint(
                metric,
                dict(zip(names, key, strict=True)),
                {item.label: _reduce(item, values) for item in reductions},
            )
            for key, values in sorted(groups_of.items())
        ]
        fingerprint = {
            "trace_metrics": [
                sorted(owned_ids),
                view,
                metric,
                [item.label for item in reductions],
                dimensions,
                filters,
                interval_s,
                start_ms,
                end_ms,
            ]
        }
        offset = decode_offset(page_token, "page_token", fingerprint)
        page = points[offset : offset + max_results]
        more = offset + max_results < len(points)
        token = encode_token({"offset": offset + max_results}, fingerprint) if more else None
        return page, token
