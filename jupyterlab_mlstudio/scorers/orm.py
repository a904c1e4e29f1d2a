"""The scorer table: one row per registered version of a named scorer of an experiment."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import Base, Owned


class ScorerVersionRecord(Owned, Base):
    """A scorer as the client serialized it (JSON), kept as registered."""

    __tablename__ = "scorer_versions"
    __table_args__ = (UniqueConstraint("experiment_id", "name", "version"),)

    scorer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    experiment_id: Mapped[str] = mapped_column(
        ForeignKey("experiments.experiment_id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(256))
    version: Mapped[int]
    serialized: Mapped[str] = mapped_column(Text)
    creation_time: Mapped[int]


class ScorerOnlineConfigRecord(Owned, Base):
    """How a named scorer samples an experiment's incoming traces: the share of traces it is to
    judge (0 stops it) and which traces qualify (a ``search_traces`` filter)."""

    __tablename__ = "scorer_online_configs"

    experiment_id: Mapped[str] = mapped_column(
        ForeignKey("experiments.experiment_id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(256), primary_key=True)
    config_id: Mapped[str] = mapped_column(String(64), unique=True)
    sample_rate: Mapped[float] = mapped_column(Float)
    filter_string: Mapped[str | None] = mapped_column(Text, default=None)
    last_update_time: Mapped[int]
