"""Model-registry tables."""

from __future__ import annotations

from sqlalchemy import ForeignKeyConstraint, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import ID_TYPE, Base, Owned


class RegisteredModelRecord(Owned, Base):
    """A named model whose versions come from runs."""

    __tablename__ = "registered_models"
    __table_args__ = (UniqueConstraint("domain", "name"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(256))
    description: Mapped[str | None] = mapped_column(Text, default=None)
    creation_time: Mapped[int]
    last_updated_time: Mapped[int]


class RegisteredModelTagRecord(Owned, Base):
    __tablename__ = "registered_model_tags"
    __table_args__ = (
        ForeignKeyConstraint(["model"], ["registered_models.id"], ondelete="CASCADE"),
    )

    model: Mapped[int] = mapped_column(ID_TYPE, primary_key=True)
    key: Mapped[str] = mapped_column(String(250), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ModelVersionRecord(Owned, Base):
    """Version N of a registered model: where its files are and which run made them."""

    __tablename__ = "model_versions"
    __table_args__ = (
        ForeignKeyConstraint(["model"], ["registered_models.id"], ondelete="CASCADE"),
        UniqueConstraint("model", "version"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    model: Mapped[int] = mapped_column(ID_TYPE)
    version: Mapped[int]
    description: Mapped[str | None] = mapped_column(Text, default=None)
    source: Mapped[str] = mapped_column(String(1024))
    storage_location: Mapped[str | None] = mapped_column(String(1024), default=None)
    run_id: Mapped[str | None] = mapped_column(String(32), default=None)
    run_link: Mapped[str | None] = mapped_column(String(1024), default=None)
    model_id: Mapped[str | None] = mapped_column(String(64), default=None)
    status: Mapped[str] = mapped_column(String(32), default="READY")
    status_message: Mapped[str | None] = mapped_column(Text, default=None)
    stage: Mapped[str] = mapped_column(String(32), default="None")
    creation_time: Mapped[int]
    last_updated_time: Mapped[int]


class ModelVersionTagRecord(Owned, Base):
    __tablename__ = "model_version_tags"
    __table_args__ = (
        ForeignKeyConstraint(["version_id"], ["model_versions.id"], ondelete="CASCADE"),
    )

    version_id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True)
    key: Mapped[str] = mapped_column(String(250), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ModelAliasRecord(Owned, Base):
    """A name pointing at one version of a registered model (``champion`` → 3)."""

    __tablename__ = "model_aliases"
    __table_args__ = (
        ForeignKeyConstraint(["model"], ["registered_models.id"], ondelete="CASCADE"),
    )

    model: Mapped[int] = mapped_column(ID_TYPE, primary_key=True)
    alias: Mapped[str] = mapped_column(String(256), primary_key=True)
    version: Mapped[int]
