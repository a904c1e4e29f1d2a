"""Evaluation dataset tables: the dataset, the experiments it belongs to, and its records.

A record's inputs, expectations, outputs, tags and source are JSON text as the client sent them;
``inputs_key`` is a digest of the inputs' canonical JSON, so an upsert finds the record with the
same inputs in SQL on every database.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import Base, Owned


class EvalDatasetRecord(Owned, Base):
    """One evaluation dataset: its name, schema and profile (JSON), digest."""

    __tablename__ = "eval_datasets"

    dataset_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(256))
    schema: Mapped[str | None] = mapped_column(Text, default=None)
    profile: Mapped[str | None] = mapped_column(Text, default=None)
    digest: Mapped[str] = mapped_column(String(64))
    created_time: Mapped[int]
    last_update_time: Mapped[int]
    created_by: Mapped[str | None] = mapped_column(String(256), default=None)
    last_updated_by: Mapped[str | None] = mapped_column(String(256), default=None)


class EvalDatasetTagRecord(Owned, Base):
    """A dataset's tag (searchable as ``tags.<key>``)."""

    __tablename__ = "eval_dataset_tags"

    dataset_id: Mapped[str] = mapped_column(
        ForeignKey("eval_datasets.dataset_id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(250), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class EvalDatasetExperimentRecord(Owned, Base):
    """That a dataset belongs to an experiment (a dataset may belong to several)."""

    __tablename__ = "eval_dataset_experiments"

    dataset_id: Mapped[str] = mapped_column(
        ForeignKey("eval_datasets.dataset_id", ondelete="CASCADE"), primary_key=True
    )
    experiment_id: Mapped[str] = mapped_column(
        ForeignKey("experiments.experiment_id", ondelete="CASCADE"), primary_key=True
    )


class EvalDatasetRowRecord(Owned, Base):
    """One record of a dataset; unique by its inputs."""

    __tablename__ = "eval_dataset_records"
    __table_args__ = (
        UniqueConstraint("dataset_id", "inputs_key"),
        Index("ix_eval_dataset_records_dataset_time", "dataset_id", "created_time"),
    )

    dataset_record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    dataset_id: Mapped[str] = mapped_column(
        ForeignKey("eval_datasets.dataset_id", ondelete="CASCADE")
    )
    inputs_key: Mapped[str] = mapped_column(String(64))
    inputs: Mapped[str] = mapped_column(Text)
    expectations: Mapped[str | None] = mapped_column(Text, default=None)
    outputs: Mapped[str | None] = mapped_column(Text, default=None)
    tags: Mapped[str | None] = mapped_column(Text, default=None)
    source: Mapped[str | None] = mapped_column(Text, default=None)
    source_id: Mapped[str | None] = mapped_column(String(256), default=None)
    source_type: Mapped[str | None] = mapped_column(String(32), default=None)
    created_time: Mapped[int]
    last_update_time: Mapped[int]
    created_by: Mapped[str | None] = mapped_column(String(256), default=None)
    last_updated_by: Mapped[str | None] = mapped_column(String(256), default=None)
