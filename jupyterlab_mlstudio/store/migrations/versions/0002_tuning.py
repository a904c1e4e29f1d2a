"""Hyperparameter tuning jobs and their trials.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _owned() -> list[sa.Column]:
    return [
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "tuning_jobs",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("arn", sa.String(length=256), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("last_modified_time", sa.BigInteger(), nullable=False),
        sa.Column("end_time", sa.BigInteger(), nullable=True),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("completion", sa.JSON(), nullable=False),
        sa.Column("supervisor", sa.String(length=256), nullable=True),
        *_owned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tuning_jobs")),
        sa.UniqueConstraint("domain", "name", name=op.f("uq_tuning_jobs_domain_name")),
    )
    op.create_index(
        "ix_tuning_jobs_domain_creation_time", "tuning_jobs", ["domain", "creation_time"]
    )
    op.create_index("ix_tuning_jobs_domain_status", "tuning_jobs", ["domain", "status"])
    op.create_table(
        "tuning_trials",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("tuning_job_id", ID, nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.Column("training_job_name", sa.String(length=63), nullable=False),
        sa.Column("definition_name", sa.String(length=64), nullable=True),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("hyperparameters", sa.JSON(), nullable=False),
        sa.Column("launched", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("objective", sa.Float(), nullable=True),
        sa.Column("intermediate", sa.JSON(), nullable=False),
        sa.Column("system_attrs", sa.JSON(), nullable=False),
        sa.Column("stop_reason", sa.Text(), nullable=True),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("end_time", sa.BigInteger(), nullable=True),
        *_owned(),
        sa.ForeignKeyConstraint(
            ["tuning_job_id"],
            ["tuning_jobs.id"],
            name=op.f("fk_tuning_trials_tuning_job_id_tuning_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tuning_trials")),
        sa.UniqueConstraint(
            "domain", "training_job_name", name=op.f("uq_tuning_trials_domain_training_job_name")
        ),
        sa.UniqueConstraint(
            "tuning_job_id", "number", name=op.f("uq_tuning_trials_tuning_job_id_number")
        ),
    )
    op.create_index(
        op.f("ix_tuning_trials_tuning_job_id"), "tuning_trials", ["tuning_job_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_tuning_trials_tuning_job_id"), table_name="tuning_trials")
    op.drop_table("tuning_trials")
    op.drop_index("ix_tuning_jobs_domain_status", table_name="tuning_jobs")
    op.drop_index("ix_tuning_jobs_domain_creation_time", table_name="tuning_jobs")
    op.drop_table("tuning_jobs")
