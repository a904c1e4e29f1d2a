"""Notebook snapshots: read-only copies of a notebook shared with a member or the domain.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notebook_snapshots",
        sa.Column("snapshot_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("source_path", sa.String(length=1024), nullable=False),
        sa.Column("audience", sa.String(length=8), nullable=False),
        sa.Column("recipients", sa.String(length=4096), nullable=False),
        sa.Column("sender_profile", sa.String(length=63), nullable=False),
        sa.Column("image", sa.String(length=255), nullable=False),
        sa.Column("instance_type", sa.String(length=64), nullable=False),
        sa.Column("content_uri", sa.String(length=1024), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("cell_count", sa.BigInteger(), nullable=False),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("snapshot_id", name=op.f("pk_notebook_snapshots")),
    )
    op.create_index(
        "ix_notebook_snapshots_domain_creation_time",
        "notebook_snapshots",
        ["domain", "creation_time"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_notebook_snapshots_domain_creation_time", table_name="notebook_snapshots")
    op.drop_table("notebook_snapshots")
