"""Processing jobs.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "processing_jobs",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("arn", sa.String(length=256), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("exit_message", sa.Text(), nullable=True),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("last_modified_time", sa.BigInteger(), nullable=False),
        sa.Column("processing_start_time", sa.BigInteger(), nullable=True),
        sa.Column("processing_end_time", sa.BigInteger(), nullable=True),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("transitions", sa.JSON(), nullable=False),
        sa.Column("runtime", sa.JSON(), nullable=False),
        sa.Column("supervisor", sa.String(length=256), nullable=True),
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processing_jobs")),
        sa.UniqueConstraint("domain", "name", name=op.f("uq_processing_jobs_domain_name")),
    )
    op.create_index(
        "ix_processing_jobs_domain_creation_time",
        "processing_jobs",
        ["domain", "creation_time"],
        unique=False,
    )
    op.create_index(
        "ix_processing_jobs_domain_status", "processing_jobs", ["domain", "status"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_processing_jobs_domain_status", table_name="processing_jobs")
    op.drop_index("ix_processing_jobs_domain_creation_time", table_name="processing_jobs")
    op.drop_table("processing_jobs")
