"""Trace tables: one row per trace, its tags and metadata, its spans (each an OTLP span as JSON)
and its assessments."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import Base, Owned


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
