"""Models and batch transform jobs.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
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
        "models",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("arn", sa.String(length=256), nullable=False),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("request", sa.JSON(), nullable=False),
        *_owned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_models")),
        sa.UniqueConstraint("domain", "name", name=op.f("uq_models_domain_name")),
    )
    op.create_index(
        "ix_models_domain_creation_time", "models", ["domain", "creation_time"], unique=False
    )
    op.create_table(
        "transform_jobs",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("arn", sa.String(length=256), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("last_modified_time", sa.BigInteger(), nullable=False),
        sa.Column("transform_start_time", sa.BigInteger(), nullable=True),
        sa.Column("transform_end_time", sa.BigInteger(), nullable=True),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("model", sa.JSON(), nullable=False),
        sa.Column("transitions", sa.JSON(), nullable=False),
        sa.Column("progress", sa.JSON(), nullable=False),
        sa.Column("runtime", sa.JSON(), nullable=False),
        sa.Column("supervisor", sa.String(length=256), nullable=True),
        *_owned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transform_jobs")),
        sa.UniqueConstraint("domain", "name", name=op.f("uq_transform_jobs_domain_name")),
    )
    op.create_index(
        "ix_transform_jobs_domain_creation_time",
        "transform_jobs",
        ["domain", "creation_time"],
        unique=False,
    )
    op.create_index(
        "ix_transform_jobs_domain_status", "transform_jobs", ["domain", "status"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_transform_jobs_domain_status", table_name="transform_jobs")
    op.drop_index("ix_transform_jobs_domain_creation_time", table_name="transform_jobs")
    op.drop_table("transform_jobs")
    op.drop_index("ix_models_domain_creation_time", table_name="models")
    op.drop_table("models")
