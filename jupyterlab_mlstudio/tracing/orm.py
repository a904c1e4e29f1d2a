"""Trace tables: one row per trace, its tags and metadata, its spans (each an OTLP span as JSON),
its assessments and the runs it is linked to.

Spans and assessments keep a few facts of their JSON content in columns of their own (a span's
type and status, an assessment's kind and value) so that ``search_traces`` filters on them in
SQL on every database; the ORM derives them whenever the content is set, so no writer can forget.
"""

from __future__ import annotations

import contextlib
import json
import math
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, validates

from ..store.orm import Base, Owned
from .otlp import attribute, decode_value


class TraceRecord(Owned, Base):
    """One trace of an experiment: when it started, how long it took, how it ended."""

    __tablename__ = "traces"
    __table_args__ = (Index("ix_traces_experiment_time", "experiment_id", "request_time"),)

    trace_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    experiment_id: Mapped[str] = mapped_column(
        ForeignKey("experiments.experiment_id", ondelete="CASCADE")
    )
    request_time: Mapped[int]
    execution_duration: Mapped[int | None] = mapped_column(default=None)
    state: Mapped[str] = mapped_column(String(32))
    client_request_id: Mapped[str | None] = mapped_column(String(256), default=None)
    request_preview: Mapped[str | None] = mapped_column(Text, default=None)
    response_preview: Mapped[str | None] = mapped_column(Text, default=None)
    #: Whether the client's own trace info arrived (spans alone make a provisional row).
    finalized: Mapped[bool] = mapped_column(default=False)


class TraceTagRecord(Owned, Base):
    """A trace's tag: changeable after the trace ended."""

    __tablename__ = "trace_tags"

    trace_id: Mapped[str] = mapped_column(
        ForeignKey("traces.trace_id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(250), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class TraceMetadataRecord(Owned, Base):
    """A trace's request metadata (the run it belongs to, its sizes, its source): set once."""

    __tablename__ = "trace_metadata"

    trace_id: Mapped[str] = mapped_column(
        ForeignKey("traces.trace_id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(250), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SpanRecord(Owned, Base):
    """One span of a trace, kept as the OTLP span it arrived as (protobuf JSON field names)."""

    __tablename__ = "trace_spans"

    trace_id: Mapped[str] = mapped_column(
        ForeignKey("traces.trace_id", ondelete="CASCADE"), primary_key=True
    )
    span_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    parent_span_id: Mapped[str | None] = mapped_column(String(32), default=None)
    name: Mapped[str] = mapped_column(Text)
    start_time_ns: Mapped[int]
    end_time_ns: Mapped[int | None] = mapped_column(default=None)
    content: Mapped[dict[str, Any]]
    #: The span's MLflow type (``LLM``, ``TOOL``...) and status (``OK``, ``ERROR``, ``UNSET``).
    span_type: Mapped[str | None] = mapped_column(String(500), default=None)
    status_code: Mapped[str | None] = mapped_column(String(16), default=None)

    @validates("content")
    def _derive(self, _key: str, content: dict[str, Any]) -> dict[str, Any]:
        self.span_type = span_type_of(content)
        self.status_code = span_status_of(content)
        return content


class SpanAttributeRecord(Owned, Base):
    """One attribute of a span as text (``span.attributes.<key>`` filters read it). A span's
    inputs and outputs are left out: ``span.content`` and ``trace.text`` search them."""

    __tablename__ = "trace_span_attributes"

    trace_id: Mapped[str] = mapped_column(
        ForeignKey("traces.trace_id", ondelete="CASCADE"), primary_key=True
    )
    span_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(250), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AssessmentRecord(Owned, Base):
    """Feedback or an expectation on a trace, kept as the assessment it was logged as."""

    __tablename__ = "trace_assessments"
    __table_args__ = (Index("ix_trace_assessments_trace", "trace_id"),)

    assessment_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    trace_id: Mapped[str] = mapped_column(ForeignKey("traces.trace_id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(250))
    create_time: Mapped[int]
    last_update_time: Mapped[int]
    content: Mapped[dict[str, Any]]
    #: ``feedback``, ``expectation`` or ``issue``; its value as text and, when it is a number,
    #: as one (an issue reference's value is the issue's name).
    kind: Mapped[str | None] = mapped_column(String(16), default=None)
    value_text: Mapped[str | None] = mapped_column(Text, default=None)
    value_number: Mapped[float | None] = mapped_column(Float, default=None)
    #: False while another assessment overrides this one.
    valid: Mapped[bool] = mapped_column(default=True)

    @validates("content")
    def _derive(self, _key: str, content: dict[str, Any]) -> dict[str, Any]:
        self.kind, self.value_text, self.value_number = assessment_value_of(content)
        self.valid = content.get("valid", True) is not False
        return content


class TraceRunLinkRecord(Owned, Base):
    """A trace linked to a run; a trace may be linked to many runs (besides its source run)."""

    __tablename__ = "trace_run_links"
    __table_args__ = (Index("ix_trace_run_links_run", "run_id"),)

    trace_id: Mapped[str] = mapped_column(
        ForeignKey("traces.trace_id", ondelete="CASCADE"), primary_key=True
    )
    run_id: Mapped[str] = mapped_column(String(32), primary_key=True)


class TracePromptLinkRecord(Owned, Base):
    """A prompt version a trace used (``name/version``), as ``link_prompt_versions_to_trace``
    records it; only the name and version are kept, as MLflow's server keeps them."""

    __tablename__ = "trace_prompt_links"

    trace_id: Mapped[str] = mapped_column(
        ForeignKey("traces.trace_id", ondelete="CASCADE"), primary_key=True
    )
    prompt: Mapped[str] = mapped_column(String(512), primary_key=True)


#: Attributes not copied into ``trace_span_attributes`` (they can be large; full text finds them).
UNINDEXED_ATTRIBUTES = ("mlflow.spanInputs", "mlflow.spanOutputs")


def span_attributes_of(content: dict[str, Any]) -> dict[str, str]:
    """A span's attributes as text: MLflow's JSON-encoded strings decoded (``"\\"LLM\\""`` reads
    ``LLM``), other values as JSON."""
    found: dict[str, str] = {}
    for item in content.get("attributes", []) or []:
        key = item.get("key") if isinstance(item, dict) else None
        if not isinstance(key, str) or not key or len(key) > 250 or key in UNINDEXED_ATTRIBUTES:
            continue
        value = decode_value(item.get("value") or {})
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = json.loads(value)
        found[key] = value if isinstance(value, str) else json.dumps(value)
    return found


def span_type_of(content: dict[str, Any]) -> str | None:
    """The span's type: MLflow keeps it JSON-encoded in the ``mlflow.spanType`` attribute."""
    raw = attribute(content, "mlflow.spanType")
    if not isinstance(raw, str):
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    return str(value)[:500] if value is not None else None


def span_status_of(content: dict[str, Any]) -> str:
    """``OK``, ``ERROR`` or ``UNSET``, from the OTLP status code."""
    code = str((content.get("status") or {}).get("code") or "STATUS_CODE_UNSET")
    return code.removeprefix("STATUS_CODE_")[:16]


def assessment_value_of(content: dict[str, Any]) -> tuple[str | None, str | None, float | None]:
    """An assessment's kind, its value as text (strings as they are, anything else as JSON)
    and its value as a number when it is one (booleans count as 1 and 0, as MLflow's do)."""
    for kind in ("feedback", "expectation"):
        body = content.get(kind)
        if isinstance(body, dict):
            value = body.get("value")
            # A feedback that holds an error instead of a value has no value to compare.
            text = value if isinstance(value, str) or value is None else json.dumps(value)
            number = float(value) if isinstance(value, (int, float)) else None
            if number is not None and not math.isfinite(number):
                number = None
            return kind, text, number
    issue = content.get("issue")
    if isinstance(issue, dict):
        name = issue.get("issue_name")
        return "issue", name if isinstance(name, str) else None, None
    return None, None, None
