"""Experiment-tracking tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import ID_TYPE, Base, Owned


class ExperimentRecord(Owned, Base):
    """A named group of runs."""

    __tablename__ = "experiments"
    __table_args__ = (UniqueConstraint("domain", "name"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    experiment_id: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(256))
    artifact_location: Mapped[str] = mapped_column(String(1024))
    lifecycle_stage: Mapped[str] = mapped_column(String(16), default="active")
    creation_time: Mapped[int]
    last_update_time: Mapped[int]


class RunRecord(Owned, Base):
    """One run: status, times and where its artifacts live; lineage to the job that made it."""

    __tablename__ = "runs"
    __table_args__ = (Index("ix_runs_experiment_start", "experiment_id", "start_time"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(String(32), unique=True)
    experiment_id: Mapped[str] = mapped_column(ForeignKey("experiments.experiment_id"))
    name: Mapped[str] = mapped_column(String(256))
    status: Mapped[str] = mapped_column(String(16))
    start_time: Mapped[int]
    end_time: Mapped[int | None] = mapped_column(default=None)
    lifecycle_stage: Mapped[str] = mapped_column(String(16), default="active")
    artifact_uri: Mapped[str] = mapped_column(String(1024))
    source_job: Mapped[str | None] = mapped_column(String(256), default=None)


class ParamRecord(Owned, Base):
    """A run's parameter: written once, never changed."""

    __tablename__ = "params"

    run_id: Mapped[str] = mapped_column(
        ForeignKey("runs.run_id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(250), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class TagRecord(Owned, Base):
    """A run's tag."""

    __tablename__ = "run_tags"

    run_id: Mapped[str] = mapped_column(
        ForeignKey("runs.run_id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(250), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class MetricRecord(Owned, Base):
    """One point of a metric series. ``value`` NULL with ``is_nan`` keeps NaN (SQLite has none)."""

    __tablename__ = "metrics"
    __table_args__ = (Index("ix_metrics_run_key_step", "run_id", "key", "step"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.run_id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(250))
    value: Mapped[float | None] = mapped_column(Float, default=None)
    is_nan: Mapped[bool] = mapped_column(Boolean, default=False)
    step: Mapped[int] = mapped_column(default=0)
    timestamp: Mapped[int]


class LatestMetricRecord(Owned, Base):
    """The last point of each series (highest step, then latest time), plus min and max."""

    __tablename__ = "latest_metrics"

    run_id: Mapped[str] = mapped_column(
        ForeignKey("runs.run_id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(250), primary_key=True)
    value: Mapped[float | None] = mapped_column(Float, default=None)
    is_nan: Mapped[bool] = mapped_column(Boolean, default=False)
    step: Mapped[int]
    timestamp: Mapped[int]
    min_value: Mapped[float | None] = mapped_column(Float, default=None)
    max_value: Mapped[float | None] = mapped_column(Float, default=None)
    count: Mapped[int] = mapped_column(default=0)


class AppliedBatchRecord(Owned, Base):
    """Batches of a run already applied, so a client that retries never duplicates points."""

    __tablename__ = "applied_batches"

    run_id: Mapped[str] = mapped_column(
        ForeignKey("runs.run_id", ondelete="CASCADE"), primary_key=True
    )
    batch_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    applied_time: Mapped[int]


class ExperimentTagRecord(Owned, Base):
    """An experiment's tag."""

    __tablename__ = "experiment_tags"

    experiment_id: Mapped[str] = mapped_column(
        ForeignKey("experiments.experiment_id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(250), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RunInputRecord(Owned, Base):
    """What a run consumed: a dataset (with its source, digest, schema) or a logged model."""

    __tablename__ = "run_inputs"

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.run_id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]]


class RunOutputRecord(Owned, Base):
    """A logged model a run produced, at a step."""

    __tablename__ = "run_outputs"

    run_id: Mapped[str] = mapped_column(
        ForeignKey("runs.run_id", ondelete="CASCADE"), primary_key=True
    )
    model_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    step: Mapped[int] = mapped_column(default=0)


class LoggedModelRecord(Owned, Base):
    """A model logged from code (MLflow 3's LoggedModel), before or apart from registration."""

    __tablename__ = "logged_models"

    model_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    experiment_id: Mapped[str] = mapped_column(ForeignKey("experiments.experiment_id"))
    name: Mapped[str] = mapped_column(String(256))
    artifact_location: Mapped[str] = mapped_column(String(1024))
    creation_time: Mapped[int]
    last_updated_time: Mapped[int]
    status: Mapped[str] = mapped_column(String(32))
    status_message: Mapped[str | None] = mapped_column(Text, default=None)
    lifecycle_stage: Mapped[str] = mapped_column(String(16), default="active")
    model_type: Mapped[str | None] = mapped_column(String(256), default=None)
    source_run_id: Mapped[str | None] = mapped_column(String(32), default=None)
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    tags: Mapped[dict[str, Any]] = mapped_column(default=dict)


class LoggedModelMetricRecord(Owned, Base):
    """A metric point logged for a logged model (``log_metric(..., model_id=)``), with the run
    and the dataset it was measured on."""

    __tablename__ = "logged_model_metrics"
    __table_args__ = (Index("ix_logged_model_metrics_model_key", "model_id", "key"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    model_id: Mapped[str] = mapped_column(ForeignKey("logged_models.model_id", ondelete="CASCADE"))
    run_id: Mapped[str | None] = mapped_column(String(32), default=None)
    key: Mapped[str] = mapped_column(String(250))
    value: Mapped[float | None] = mapped_column(Float, default=None)
    is_nan: Mapped[bool] = mapped_column(Boolean, default=False)
    step: Mapped[int] = mapped_column(default=0)
    timestamp: Mapped[int]
    dataset_name: Mapped[str | None] = mapped_column(String(500), default=None)
    dataset_digest: Mapped[str | None] = mapped_column(String(36), default=None)
