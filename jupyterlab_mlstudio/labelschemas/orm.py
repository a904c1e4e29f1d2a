"""The label schema table: one row per named schema of an experiment."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import Base, Owned


class LabelSchemaRecord(Owned, Base):
    """A schema: its kind (FEEDBACK or EXPECTATION), instruction and answer form (JSON)."""

    __tablename__ = "label_schemas"
    __table_args__ = (UniqueConstraint("experiment_id", "name"),)

    schema_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    experiment_id: Mapped[str] = mapped_column(
        ForeignKey("experiments.experiment_id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(256))
    kind: Mapped[str] = mapped_column(String(32))
    instruction: Mapped[str | None] = mapped_column(Text, default=None)
    enable_comment: Mapped[bool] = mapped_column(default=False)
    answer: Mapped[str] = mapped_column(Text)
    created_at: Mapped[int]
    last_updated_at: Mapped[int]
