"""Issues found in an experiment's traces, and review queues with their items (the MLflow
face's issues and review queue APIs).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _owned() -> list[sa.Column]:
    return [
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
    ]


def _experiment_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["experiment_id"],
        ["experiments.experiment_id"],
        name=op.f(f"fk_{table}_experiment_id_experiments"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "issues",
        sa.Column("issue_id", sa.String(length=64), nullable=False),
        sa.Column("experiment_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=256), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=True),
        sa.Column("root_causes", sa.JSON(), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("source_run_id", sa.String(length=32), nullable=True),
        sa.Column("created_by", sa.String(length=256), nullable=True),
        sa.Column("created_timestamp", sa.BigInteger(), nullable=False),
        sa.Column("last_updated_timestamp", sa.BigInteger(), nullable=False),
        *_owned(),
        _experiment_key("issues"),
        sa.PrimaryKeyConstraint("issue_id", name=op.f("pk_issues")),
    )
    op.create_index("ix_issues_experiment", "issues", ["experiment_id"], unique=False)
    op.create_table(
        "review_queues",
        sa.Column("queue_id", sa.String(length=64), nullable=False),
        sa.Column("experiment_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=256), nullable=False),
        sa.Column("name_key", sa.String(length=256), nullable=False),
        sa.Column("queue_type", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=256), nullable=True),
        sa.Column("users", sa.JSON(), nullable=False),
        sa.Column("schema_ids", sa.JSON(), nullable=False),
        sa.Column("creation_time_ms", sa.BigInteger(), nullable=False),
        sa.Column("last_update_time_ms", sa.BigInteger(), nullable=False),
        *_owned(),
        _experiment_key("review_queues"),
        sa.PrimaryKeyConstraint("queue_id", name=op.f("pk_review_queues")),
        sa.UniqueConstraint(
            "experiment_id", "name_key", name=op.f("uq_review_queues_experiment_id_name_key")
        ),
    )
    op.create_table(
        "review_queue_items",
        sa.Column("queue_id", sa.String(length=64), nullable=False),
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("item_type", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("completed_by", sa.String(length=256), nullable=True),
        sa.Column("completed_time_ms", sa.BigInteger(), nullable=True),
        sa.Column("creation_time_ms", sa.BigInteger(), nullable=False),
        sa.Column("last_update_time_ms", sa.BigInteger(), nullable=False),
        *_owned(),
        sa.ForeignKeyConstraint(
            ["queue_id"],
            ["review_queues.queue_id"],
            name=op.f("fk_review_queue_items_queue_id_review_queues"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("queue_id", "item_id", name=op.f("pk_review_queue_items")),
    )


def downgrade() -> None:
    op.drop_table("review_queue_items")
    op.drop_table("review_queues")
    op.drop_index("ix_issues_experiment", table_name="issues")
    op.drop_table("issues")
