"""The review queue tables: a queue of an experiment (its reviewers and label schemas kept as
JSON lists) and the items (traces) in it with their review status."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import Base, Owned


class ReviewQueueRecord(Owned, Base):
    """A queue: a reviewer's own (``USER``, named after them) or a named one (``CUSTOM``)."""

    __tablename__ = "review_queues"
    __table_args__ = (UniqueConstraint("experiment_id", "name_key"),)

    queue_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    experiment_id: Mapped[str] = mapped_column(
        ForeignKey("experiments.experiment_id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(256))
    #: The name case-folded: names are unique in an experiment regardless of case.
    name_key: Mapped[str] = mapped_column(String(256))
    queue_type: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str | None] = mapped_column(String(256), default=None)
    users: Mapped[list[Any]]
    schema_ids: Mapped[list[Any]]
    creation_time_ms: Mapped[int]
    last_update_time_ms: Mapped[int]


class ReviewQueueItemRecord(Owned, Base):
    """A trace in a queue: ``PENDING`` until a reviewer marks it ``COMPLETE`` or ``DECLINED``."""

    __tablename__ = "review_queue_items"

    queue_id: Mapped[str] = mapped_column(
        ForeignKey("review_queues.queue_id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_type: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    completed_by: Mapped[str | None] = mapped_column(String(256), default=None)
    completed_time_ms: Mapped[int | None] = mapped_column(default=None)
    creation_time_ms: Mapped[int]
    last_update_time_ms: Mapped[int]
