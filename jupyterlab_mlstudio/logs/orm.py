"""Log tables."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import ID_TYPE, Base, Owned


class LogStreamRecord(Owned, Base):
    """One stream, e.g. ``/aws/sagemaker/TrainingJobs`` / ``my-job/algo-1-1767225600``."""

    __tablename__ = "log_streams"
    __table_args__ = (UniqueConstraint("domain", "log_group", "name"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    log_group: Mapped[str] = mapped_column(String(512))
    name: Mapped[str] = mapped_column(String(512))
    creation_time: Mapped[int]
    first_event_time: Mapped[int | None] = mapped_column(default=None)
    last_event_time: Mapped[int | None] = mapped_column(default=None)
    last_ingestion_time: Mapped[int | None] = mapped_column(default=None)
    event_count: Mapped[int] = mapped_column(default=0)
    stored_bytes: Mapped[int] = mapped_column(default=0)


class LogEventRecord(Owned, Base):
    """One log line; ``seq`` orders lines within a stream."""

    __tablename__ = "log_events"
    __table_args__ = (Index("ix_log_events_stream_seq", "stream_id", "seq", unique=True),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    stream_id: Mapped[int] = mapped_column(ForeignKey("log_streams.id", ondelete="CASCADE"))
    seq: Mapped[int]
    timestamp: Mapped[int]
    ingestion_time: Mapped[int]
    message: Mapped[str] = mapped_column(Text)
