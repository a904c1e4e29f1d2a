"""Image tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKeyConstraint, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import ID_TYPE, Base, Owned
from .states import MACHINE


class ImageRecord(Owned, Base):
    """A named image; its versions hold the actual environments."""

    __tablename__ = "images"
    __table_args__ = (UniqueConstraint("domain", "name"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(63))
    arn: Mapped[str] = mapped_column(String(256))
    display_name: Mapped[str | None] = mapped_column(String(128), default=None)
    description: Mapped[str | None] = mapped_column(Text, default=None)
    status: Mapped[str] = mapped_column(String(16), default="CREATED")
    creation_time: Mapped[int]
    last_modified_time: Mapped[int]


class ImageVersionRecord(Owned, Base):
    """Version N of an image: a Docker image reference or a local Python environment.

    ``status`` changes only through the version's state machine (``states.py``).
    """

    __tablename__ = "image_versions"
    __table_args__ = (
        ForeignKeyConstraint(["image_id"], ["images.id"], ondelete="CASCADE"),
        UniqueConstraint("image_id", "version"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    image_id: Mapped[int] = mapped_column(ID_TYPE)
    version: Mapped[int]
    arn: Mapped[str] = mapped_column(String(256))
    base_image: Mapped[str] = mapped_column(String(1024))
    kind: Mapped[str] = mapped_column(String(16))
    container_image: Mapped[str | None] = mapped_column(String(1024), default=None)
    status: Mapped[str] = mapped_column(String(16))
    failure_reason: Mapped[str | None] = mapped_column(Text, default=None)
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    creation_time: Mapped[int]
    last_modified_time: Mapped[int]


class AppImageConfigRecord(Owned, Base):
    """Which kernel specs an image offers and how the workspace appears inside it."""

    __tablename__ = "app_image_configs"
    __table_args__ = (UniqueConstraint("domain", "name"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(63))
    arn: Mapped[str] = mapped_column(String(256))
    kernel_specs: Mapped[list[Any]] = mapped_column(default=list)
    file_system: Mapped[dict[str, Any]] = mapped_column(default=dict)
    creation_time: Mapped[int]
    last_modified_time: Mapped[int]


MACHINE.guard(ImageVersionRecord)
