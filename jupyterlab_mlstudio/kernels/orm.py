"""Kernel tables: idle timeouts per instance type, set from the UI or the REST API."""

from __future__ import annotations

from sqlalchemy import Float, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import ID_TYPE, Base, Owned


class IdleTimeoutRecord(Owned, Base):
    """Minutes of idleness after which kernels of an instance type stop (0: never), for the
    whole domain; ``owner`` is who set it last."""

    __tablename__ = "kernel_idle_timeouts"
    __table_args__ = (UniqueConstraint("domain", "instance_type"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    instance_type: Mapped[str] = mapped_column(String(64))
    minutes: Mapped[float] = mapped_column(Float)
