"""Revision 0001: training jobs, kernel idle timeouts and log streams."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


def kernel_idle_timeouts() -> None:
    op.create_table(
        "kernel_idle_timeouts",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("instance_type", sa.String(length=64), nullable=False),
        sa.Column("minutes", sa.Float(), nullable=False),
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kernel_idle_timeouts")),
        sa.UniqueConstraint(
            "domain", "instance_type", name=op.f("uq_kernel_idle_timeouts_domain_instance_type")
        ),
    )


def log_streams() -> None:
    op.create_table(
        "log_streams",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("log_group", sa.String(length=512), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("first_event_time", sa.BigInteger(), nullable=True),
        sa.Column("last_event_time", sa.BigInteger(), nullable=True),
        sa.Column("last_ingestion_time", sa.BigInteger(), nullable=True),
        sa.Column("event_count", sa.BigInteger(), nullable=False),
        sa.Column("stored_bytes", sa.BigInteger(), nullable=False),
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_streams")),
        sa.UniqueConstraint(
            "domain", "log_group", "name", name=op.f("uq_log_streams_domain_log_group_name")
        ),
    )


def training_jobs() -> None:
    op.create_table(
        "training_jobs",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("arn", sa.String(length=256), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("secondary_status", sa.String(length=32), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("last_modified_time", sa.BigInteger(), nullable=False),
        sa.Column("training_start_time", sa.BigInteger(), nullable=True),
        sa.Column("training_end_time", sa.BigInteger(), nullable=True),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("transitions", sa.JSON(), nullable=False),
        sa.Column("model_artifacts", sa.String(length=1024), nullable=True),
        sa.Column("final_metrics", sa.JSON(), nullable=False),
        sa.Column("runtime", sa.JSON(), nullable=False),
        sa.Column("run_id", sa.String(length=32), nullable=True),
        sa.Column("supervisor", sa.String(length=256), nullable=True),
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_jobs")),
        sa.UniqueConstraint("domain", "name", name=op.f("uq_training_jobs_domain_name")),
    )
    op.create_index(
        "ix_training_jobs_domain_creation_time",
        "training_jobs",
        ["domain", "creation_time"],
        unique=False,
    )
    op.create_index(
        "ix_training_jobs_domain_status", "training_jobs", ["domain", "status"], unique=False
    )


def log_events() -> None:
    op.create_table(
        "log_events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "stream_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("timestamp", sa.BigInteger(), nullable=False),
        sa.Column("ingestion_time", sa.BigInteger(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["stream_id"],
            ["log_streams.id"],
            name=op.f("fk_log_events_stream_id_log_streams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_events")),
    )
    op.create_index("ix_log_events_stream_seq", "log_events", ["stream_id", "seq"], unique=True)
