"""The audit log: who created, stopped, deployed, shared or deleted what, when, through which
face.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("time", sa.BigInteger(), nullable=False),
        sa.Column("face", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("operation", sa.String(length=128), nullable=False),
        sa.Column("resource_type", sa.String(length=64), nullable=False),
        sa.Column("resource_name", sa.String(length=256), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index(
        op.f("ix_audit_events_domain_time"), "audit_events", ["domain", "time"], unique=False
    )
    op.create_index(
        op.f("ix_audit_events_domain_owner_time"),
        "audit_events",
        ["domain", "owner", "time"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_events_domain_owner_time"), table_name="audit_events")
    op.drop_index(op.f("ix_audit_events_domain_time"), table_name="audit_events")
    op.drop_table("audit_events")
