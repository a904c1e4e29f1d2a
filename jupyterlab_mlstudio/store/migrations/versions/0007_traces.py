"""Traces of the MLflow face: trace infos, their tags and metadata, spans and assessments.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _owned() -> list[sa.Column]:
    return [
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
    ]


def _of_trace(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["trace_id"],
        ["traces.trace_id"],
        name=op.f(f"fk_{table}_trace_id_traces"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "traces",
        sa.Column("trace_id", sa.String(length=64), nullable=False),
        sa.Column("experiment_id", sa.String(length=32), nullable=False),
        sa.Column("request_time", sa.BigInteger(), nullable=False),
        sa.Column("execution_duration", sa.BigInteger(), nullable=True),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("client_request_id", sa.String(length=256), nullable=True),
        sa.Column("request_preview", sa.Text(), nullable=True),
        sa.Column("response_preview", sa.Text(), nullable=True),
        sa.Column("finalized", sa.Boolean(), nullable=False),
        *_owned(),
        sa.ForeignKeyConstraint(
            ["experiment_id"],
            ["experiments.experiment_id"],
            name=op.f("fk_traces_experiment_id_experiments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("trace_id", name=op.f("pk_traces")),
    )
    op.create_index(
        "ix_traces_experiment_time", "traces", ["experiment_id", "request_time"], unique=False
    )
    for table in ("trace_tags", "trace_metadata"):
        op.create_table(
            table,
            sa.Column("trace_id", sa.String(length=64), nullable=False),
            sa.Column("key", sa.String(length=250), nullable=False),
            sa.Column("value", sa.Text(), nullable=False),
            *_owned(),
            _of_trace(table),
            sa.PrimaryKeyConstraint("trace_id", "key", name=op.f(f"pk_{table}")),
        )
    op.create_table(
        "trace_spans",
        sa.Column("trace_id", sa.String(length=64), nullable=False),
        sa.Column("span_id", sa.String(length=32), nullable=False),
        sa.Column("parent_span_id", sa.String(length=32), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("start_time_ns", sa.BigInteger(), nullable=False),
        sa.Column("end_time_ns", sa.BigInteger(), nullable=True),
        sa.Column("content", sa.JSON(), nullable=False),
        *_owned(),
        _of_trace("trace_spans"),
        sa.PrimaryKeyConstraint("trace_id", "span_id", name=op.f("pk_trace_spans")),
    )
    op.create_table(
        "trace_assessments",
        sa.Column("assessment_id", sa.String(length=64), nullable=False),
        sa.Column("trace_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=250), nullable=False),
        sa.Column("create_time", sa.BigInteger(), nullable=False),
        sa.Column("last_update_time", sa.BigInteger(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        *_owned(),
        _of_trace("trace_assessments"),
        sa.PrimaryKeyConstraint("assessment_id", name=op.f("pk_trace_assessments")),
    )
    op.create_index("ix_trace_assessments_trace", "trace_assessments", ["trace_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_trace_assessments_trace", table_name="trace_assessments")
    op.drop_table("trace_assessments")
    op.drop_table("trace_spans")
    op.drop_table("trace_metadata")
    op.drop_table("trace_tags")
    op.drop_index("ix_traces_experiment_time", table_name="traces")
    op.drop_table("traces")
