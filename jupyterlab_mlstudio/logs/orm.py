"""Log tables."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
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


class LogBlockRecord(Owned, Base):
    """Up to ``BLOCK_LINES`` consecutive lines of a stream (``blocks.py`` packs and unpacks
    them): lines ``first_seq`` to ``first_seq + line_count - 1``, stamped between
    ``first_time`` and ``last_time``."""

    __tablename__ = "log_blocks"
    __table_args__ = (Index("ix_log_blocks_stream_seq", "stream_id", "first_seq", unique=True),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    stream_id: Mapped[int] = mapped_column(ForeignKey("log_streams.id", ondelete="CASCADE"))
    first_seq: Mapped[int]
    line_count: Mapped[int] = mapped_column(Integer)
    first_time: Mapped[int]
    last_time: Mapped[int]
    ingestion_time: Mapped[int]
    #: The lines' time stamps and lengths (characters), each a packed little-endian int64 array.
    timestamps: Mapped[bytes] = mapped_column(LargeBinary)
    lengths: Mapped[bytes] = mapped_column(LargeBinary)
    #: The lines' messages, one after the other.
    messages: Mapped[str] = mapped_column(Text)
