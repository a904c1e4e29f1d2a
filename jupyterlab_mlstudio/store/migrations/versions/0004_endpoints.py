"""Endpoints: endpoint configurations, endpoints and the autoscaling of their variants.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
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
        "endpoint_configs",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("arn", sa.String(length=256), nullable=False),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("request", sa.JSON(), nullable=False),
        *_owned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_endpoint_configs")),
        sa.UniqueConstraint("domain", "name", name=op.f("uq_endpoint_configs_domain_name")),
    )
    op.create_index(
        "ix_endpoint_configs_domain_creation_time",
        "endpoint_configs",
        ["domain", "creation_time"],
    )
    op.create_table(
        "endpoints",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("arn", sa.String(length=256), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("last_modified_time", sa.BigInteger(), nullable=False),
        sa.Column("config_name", sa.String(length=63), nullable=False),
        sa.Column("deployed", sa.JSON(), nullable=False),
        sa.Column("pending", sa.JSON(), nullable=True),
        sa.Column("runtime", sa.JSON(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("supervisor", sa.String(length=256), nullable=True),
        *_owned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_endpoints")),
        sa.UniqueConstraint("domain", "name", name=op.f("uq_endpoints_domain_name")),
    )
    op.create_index("ix_endpoints_domain_creation_time", "endpoints", ["domain", "creation_time"])
    op.create_index("ix_endpoints_domain_status", "endpoints", ["domain", "status"])
    op.create_table(
        "endpoint_scalable_targets",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("resource_id", sa.String(length=1600), nullable=False),
        sa.Column("endpoint_name", sa.String(length=63), nullable=False),
        sa.Column("variant_name", sa.String(length=63), nullable=False),
        sa.Column("min_capacity", sa.BigInteger(), nullable=False),
        sa.Column("max_capacity", sa.BigInteger(), nullable=False),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("policy", sa.JSON(), nullable=True),
        *_owned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_endpoint_scalable_targets")),
        sa.UniqueConstraint(
            "domain", "resource_id", name=op.f("uq_endpoint_scalable_targets_domain_resource_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("endpoint_scalable_targets")
    op.drop_index("ix_endpoints_domain_status", table_name="endpoints")
    op.drop_index("ix_endpoints_domain_creation_time", table_name="endpoints")
    op.drop_table("endpoints")
    op.drop_index("ix_endpoint_configs_domain_creation_time", table_name="endpoint_configs")
    op.drop_table("endpoint_configs")
