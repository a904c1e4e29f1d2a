"""The issue table: one row per issue of an experiment. Traces link to an issue through an
``issue`` assessment named by the issue's id (see ``tracing.assessments``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import Base, Owned


class IssueRecord(Owned, Base):
    """An issue: its name, description, status and severity, and lists kept as JSON."""

    __tablename__ = "issues"
    __table_args__ = (Index("ix_issues_experiment", "experiment_id"),)

    issue_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    experiment_id: Mapped[str] = mapped_column(
        ForeignKey("experiments.experiment_id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(256))
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    severity: Mapped[str | None] = mapped_column(String(16), default=None)
    root_causes: Mapped[list[Any]]
    categories: Mapped[list[Any]]
    source_run_id: Mapped[str | None] = mapped_column(String(32), default=None)
    created_by: Mapped[str | None] = mapped_column(String(256), default=None)
    created_timestamp: Mapped[int]
    last_updated_timestamp: Mapped[int]
