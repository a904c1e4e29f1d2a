"""The training-job table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import ID_TYPE, Base, Owned
from .states import MACHINE


class TrainingJobRecord(Owned, Base):
    """One training job: the request as submitted plus everything its run produced.

    ``status`` and ``secondary_status`` change only through the state machine (``states.py``).
    """

    __tablename__ = "training_jobs"
    __table_args__ = (
        UniqueConstraint("domain", "name"),
        Index("ix_training_jobs_domain_creation_time", "domain", "creation_time"),
        Index("ix_training_jobs_domain_status", "domain", "status"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(63))
    arn: Mapped[str] = mapped_column(String(256))
    status: Mapped[str] = mapped_column(String(16))
    secondary_status: Mapped[str] = mapped_column(String(32))
    failure_reason: Mapped[str | None] = mapped_column(Text, default=None)
    creation_time: Mapped[int]
    last_modified_time: Mapped[int]
    training_start_time: Mapped[int | None] = mapped_column(default=None)
    training_end_time: Mapped[int | None] = mapped_column(default=None)
    request: Mapped[dict[str, Any]]
    transitions: Mapped[list[Any]] = mapped_column(default=list)
    model_artifacts: Mapped[str | None] = mapped_column(String(1024), default=None)
    final_metrics: Mapped[list[Any]] = mapped_column(default=list)
    runtime: Mapped[dict[str, Any]] = mapped_column(default=dict)
    run_id: Mapped[str | None] = mapped_column(String(32), default=None)
    supervisor: Mapped[str | None] = mapped_column(String(256), default=None)


MACHINE.guard(TrainingJobRecord)
