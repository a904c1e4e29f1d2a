"""The tag table: one row per key of a resource, the resource named by its ARN."""

from __future__ import annotations

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import ID_TYPE, Base, Owned


class TagRecord(Owned, Base):
    """``key`` = ``value`` on the resource ``arn`` (of any kind), in the resource's domain."""

    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("domain", "arn", "key"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    arn: Mapped[str] = mapped_column(String(256))
    key: Mapped[str] = mapped_column(String(128))
    value: Mapped[str] = mapped_column(String(256), default="")
