"""The processing-job table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import ID_TYPE, Base, Owned
from .states import MACHINE


class ProcessingJobRecord(Owned, Base):
    """One processing job: the request, how it ended, and what its runner keeps to carry on
    after a restart (``runtime``: backend, image, reservation, units, log cursors).

    ``status`` changes only through the state machine (``states.py``).
    """

    __tablename__ = "processing_jobs"
    __table_args__ = (
        UniqueConstraint("domain", "name"),
        Index("ix_processing_jobs_domain_creation_time", "domain", "creation_time"),
        Index("ix_processing_jobs_domain_status", "domain", "status"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(63))
    arn: Mapped[str] = mapped_column(String(256))
    status: Mapped[str] = mapped_column(String(16))
    failure_reason: Mapped[str | None] = mapped_column(Text, default=None)
    exit_message: Mapped[str | None] = mapped_column(Text, default=None)
    creation_time: Mapped[int]
    last_modified_time: Mapped[int]
    processing_start_time: Mapped[int | None] = mapped_column(default=None)
    processing_end_time: Mapped[int | None] = mapped_column(default=None)
    request: Mapped[dict[str, Any]]
    transitions: Mapped[list[Any]] = mapped_column(default=list)
    runtime: Mapped[dict[str, Any]] = mapped_column(default=dict)
    supervisor: Mapped[str | None] = mapped_column(String(256), default=None)


MACHINE.guard(ProcessingJobRecord)
