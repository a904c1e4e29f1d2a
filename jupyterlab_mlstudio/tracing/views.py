"""A run's traces as the run view shows them: each trace's spans with their parents, timings
relative to the trace's start, status, inputs and outputs."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from pydantic import Field

from ..core.context import RequestContext
from ..core.models import ApiModel, Int64
from .models import SOURCE_RUN, SPAN_INPUTS, SPAN_OUTPUTS, SPAN_TYPE, TRACE_NAME_TAG, Trace
from .otlp import attribute
from .service import TraceService

#: The most traces the run view lists (newest first).
MAX_RUN_TRACES = 100


class SpanView(ApiModel):
    """One span of a trace, timed from the trace's first span."""

    span_id: str
    parent_span_id: str | None = None
    name: str
    span_type: str | None = None
    status: str = Field(description="OK, ERROR or UNSET")
    start_offset_us: Int64 = Field(description="Microseconds after the trace's first span began")
    duration_us: Int64 | None = Field(default=None, description="None while the span is open")
    inputs: Any = None
    outputs: Any = None


class TraceView(ApiModel):
    """One trace and its spans, in the order they began."""

    trace_id: str
    name: str | None = None
    state: str
    request_time: Int64
    execution_duration: Int64 | None = None
    spans: list[SpanView]


class RunTraceList(ApiModel):
    """A run's traces, newest first."""

    traces: list[TraceView]


class RunTraceQuery(ApiModel):
    max_items: int = Field(default=20, ge=1, le=MAX_RUN_TRACES)


def _hex(value: Any) -> str | None:
    if not value:
        return None
    try:
        return base64.b64decode(value).hex()
    except (binascii.Error, ValueError):
        return str(value)


def _status(span: dict[str, Any]) -> str:
    code = str((span.get("status") or {}).get("code", ""))
    return {"STATUS_CODE_OK": "OK", "STATUS_CODE_ERROR": "ERROR"}.get(code, "UNSET")


def trace_view(trace: Trace) -> TraceView:
    starts = [int(span.get("start_time_unix_nano") or 0) for span in trace.spans]
    origin = min(starts) if starts else 0
    spans = []
    for span in trace.spans:
        start = int(span.get("start_time_unix_nano") or 0)
        end = int(span.get("end_time_unix_nano") or 0)
        spans.append(
            SpanView(
                span_id=_hex(span.get("span_id")) or "",
                parent_span_id=_hex(span.get("parent_span_id")),
                name=str(span.get("name", "")),
                span_type=attribute(span, SPAN_TYPE),
                status=_status(span),
                start_offset_us=(start - origin) // 1000,
                duration_us=(end - start) // 1000 if end else None,
                inputs=attribute(span, SPAN_INPUTS),
                outputs=attribute(span, SPAN_OUTPUTS),
            )
        )
    return TraceView(
        trace_id=trace.info.trace_id,
        name=trace.info.tags.get(TRACE_NAME_TAG),
        state=trace.info.state,
        request_time=trace.info.request_time,
        execution_duration=trace.info.execution_duration,
        spans=spans,
    )


def run_traces(
    traces: TraceService, context: RequestContext, run_id: str, max_items: int = 20
) -> RunTraceList:
    """The traces made inside run ``run_id`` (newest first), with their spans."""
    run = traces.experiments.get_run(context, run_id)
    infos, _ = traces.search(
        context,
        [run.experiment_id],
        filter=f"metadata.`{SOURCE_RUN}` = '{run.run_id}'",
        max_results=max_items,
    )
    found = traces.get_traces(context, [info.trace_id for info in infos])
    return RunTraceList(traces=[trace_view(trace) for trace in found])
