"""Initial schema: training jobs, with domain, space and owner on every record.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _owned() -> list[sa.Column]:
    return [
        sa.Column("domain", sa.String(64), nullable=False),
        sa.Column("space", sa.String(64), nullable=False),
        sa.Column("owner", sa.String(128), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "training_jobs",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("name", sa.String(63), nullable=False),
        sa.Column("arn", sa.String(256), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("secondary_status", sa.String(32), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("last_modified_time", sa.BigInteger(), nullable=False),
        sa.Column("training_start_time", sa.BigInteger(), nullable=True),
        sa.Column("training_end_time", sa.BigInteger(), nullable=True),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("transitions", sa.JSON(), nullable=False),
        sa.Column("model_artifacts", sa.String(1024), nullable=True),
        sa.Column("final_metrics", sa.JSON(), nullable=False),
        sa.Column("runtime", sa.JSON(), nullable=False),
        *_owned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_jobs")),
        sa.UniqueConstraint("domain", "name", name=op.f("uq_training_jobs_domain_name")),
    )
    op.create_index(op.f("ix_training_jobs_domain"), "training_jobs", ["domain"])
    op.create_index(
        "ix_training_jobs_domain_creation_time", "training_jobs", ["domain", "creation_time"]
    )
    op.create_index("ix_training_jobs_domain_status", "training_jobs", ["domain", "status"])


def downgrade() -> None:
    op.drop_table("training_jobs")
