"""The audit log's table: one row per change a user made (``owner`` is who, ``space`` where)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import ID_TYPE, Base, Owned


class AuditRecord(Owned, Base):
    """Who (``owner``) did what (``action`` on ``resource_type`` ``resource_name``), when
    (``time``, UTC milliseconds), through which face, and how it ended (``outcome``)."""

    __tablename__ = "audit_events"
    __table_args__ = (Index(None, "domain", "time"), Index(None, "domain", "owner", "time"))

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    time: Mapped[int]
    face: Mapped[str] = mapped_column(String(16))
    #: ``create``, ``update``, ``start``, ``stop``, ``deploy``, ``share``, ``delete``, ...
    action: Mapped[str] = mapped_column(String(32))
    #: The face's own name of the call (``CreateTrainingJob``, ``POST /training-jobs``).
    operation: Mapped[str] = mapped_column(String(128))
    resource_type: Mapped[str] = mapped_column(String(64))
    resource_name: Mapped[str] = mapped_column(String(256))
    #: ``succeeded``, or ``denied`` when the caller's role did not allow it.
    outcome: Mapped[str] = mapped_column(String(16))
    #: What else identifies the change (never a secret: names and ids only).
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
