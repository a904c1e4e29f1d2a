"""The model table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import ID_TYPE, Base, Owned


class ModelRecord(Owned, Base):
    """One model: the CreateModel request as given (its containers, role and tags)."""

    __tablename__ = "models"
    __table_args__ = (
        UniqueConstraint("domain", "name"),
        Index("ix_models_domain_creation_time", "domain", "creation_time"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(63))
    arn: Mapped[str] = mapped_column(String(256))
    creation_time: Mapped[int]
    request: Mapped[dict[str, Any]]
