"""The tuning tables: one row per tuning job, one per trial the tuner launched.

A trial's status is its training job's (that job's own machine moves it); the trial row keeps
what the tuner decided and learnt: its number, the parameters it asked for, and, once the study
was told, the outcome Optuna recorded (complete, pruned or failed), the objective it used and
the per-epoch objective series that pruners read. The study is rebuilt from these rows after a
restart.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import ID_TYPE, Base, Owned
from .states import MACHINE


class TuningJobRecord(Owned, Base):
    """One hyperparameter tuning job: the request as submitted and how the tuning went.

    ``status`` changes only through the state machine (``states.py``).
    """

    __tablename__ = "tuning_jobs"
    __table_args__ = (
        UniqueConstraint("domain", "name"),
        Index("ix_tuning_jobs_domain_creation_time", "domain", "creation_time"),
        Index("ix_tuning_jobs_domain_status", "domain", "status"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(32))
    arn: Mapped[str] = mapped_column(String(256))
    status: Mapped[str] = mapped_column(String(16))
    failure_reason: Mapped[str | None] = mapped_column(Text, default=None)
    creation_time: Mapped[int]
    last_modified_time: Mapped[int]
    end_time: Mapped[int | None] = mapped_column(default=None)
    request: Mapped[dict[str, Any]]
    #: The seed the samplers derive every trial's seed from (RandomSeed, or one drawn once).
    seed: Mapped[int]
    #: Completion details: trials not improving, when convergence was detected, why it ended.
    completion: Mapped[dict[str, Any]] = mapped_column(default=dict)
    supervisor: Mapped[str | None] = mapped_column(String(256), default=None)


class TuningTrialRecord(Owned, Base):
    """One trial: a training job the tuner launched, and what the study learnt from it."""

    __tablename__ = "tuning_trials"
    __table_args__ = (
        UniqueConstraint("tuning_job_id", "number"),
        UniqueConstraint("domain", "training_job_name"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    tuning_job_id: Mapped[int] = mapped_column(
        ID_TYPE, ForeignKey("tuning_jobs.id", ondelete="CASCADE"), index=True
    )
    #: 1-based, as in the training job's name (``<tuning job>-<NNN>-<hash>``).
    number: Mapped[int]
    training_job_name: Mapped[str] = mapped_column(String(63))
    definition_name: Mapped[str | None] = mapped_column(String(64), default=None)
    #: The study's values (Optuna's internal representation, by parameter name).
    params: Mapped[dict[str, Any]]
    #: The values the training job got, as SageMaker passes them (strings).
    hyperparameters: Mapped[dict[str, Any]]
    #: Whether the training job was created (a restart creates a trial recorded but not yet
    #: launched, and never launches one twice).
    launched: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Optuna's outcome once the study was told: COMPLETE, PRUNED or FAIL; None while it runs.
    outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    objective: Mapped[float | None] = mapped_column(Float, default=None)
    #: The objective by epoch (``{"<step>": value}``), as the pruners saw it.
    intermediate: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: The pruner's own notes on the trial (Hyperband's rungs), kept for the rebuild.
    system_attrs: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: Why the tuner stopped the trial early, if it did.
    stop_reason: Mapped[str | None] = mapped_column(Text, default=None)
    creation_time: Mapped[int]
    end_time: Mapped[int | None] = mapped_column(default=None)


MACHINE.guard(TuningJobRecord)
