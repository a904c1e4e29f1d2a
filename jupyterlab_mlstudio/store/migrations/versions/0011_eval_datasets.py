"""Evaluation datasets (the dataset, its tags, its experiments, its records), the online
scoring configuration of registered scorers, and label schemas.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
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


def _dataset_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["dataset_id"],
        ["eval_datasets.dataset_id"],
        name=op.f(f"fk_{table}_dataset_id_eval_datasets"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "eval_datasets",
        sa.Column("dataset_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=256), nullable=False),
        sa.Column("schema", sa.Text(), nullable=True),
        sa.Column("profile", sa.Text(), nullable=True),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("created_time", sa.BigInteger(), nullable=False),
        sa.Column("last_update_time", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.String(length=256), nullable=True),
        sa.Column("last_updated_by", sa.String(length=256), nullable=True),
        *_owned(),
        sa.PrimaryKeyConstraint("dataset_id", name=op.f("pk_eval_datasets")),
    )
    op.create_table(
        "eval_dataset_tags",
        sa.Column("dataset_id", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=250), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        *_owned(),
        _dataset_key("eval_dataset_tags"),
        sa.PrimaryKeyConstraint("dataset_id", "key", name=op.f("pk_eval_dataset_tags")),
    )
    op.create_table(
        "eval_dataset_experiments",
        sa.Column("dataset_id", sa.String(length=64), nullable=False),
        sa.Column("experiment_id", sa.String(length=32), nullable=False),
        *_owned(),
        _dataset_key("eval_dataset_experiments"),
        _experiment_key("eval_dataset_experiments"),
        sa.PrimaryKeyConstraint(
            "dataset_id", "experiment_id", name=op.f("pk_eval_dataset_experiments")
        ),
    )
    op.create_table(
        "eval_dataset_records",
        sa.Column("dataset_record_id", sa.String(length=64), nullable=False),
        sa.Column("dataset_id", sa.String(length=64), nullable=False),
        sa.Column("inputs_key", sa.String(length=64), nullable=False),
        sa.Column("inputs", sa.Text(), nullable=False),
        sa.Column("expectations", sa.Text(), nullable=True),
        sa.Column("outputs", sa.Text(), nullable=True),
        sa.Column("tags", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("source_id", sa.String(length=256), nullable=True),
        sa.Column("source_type", sa.String(length=32), nullable=True),
        sa.Column("created_time", sa.BigInteger(), nullable=False),
        sa.Column("last_update_time", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.String(length=256), nullable=True),
        sa.Column("last_updated_by", sa.String(length=256), nullable=True),
        *_owned(),
        _dataset_key("eval_dataset_records"),
        sa.PrimaryKeyConstraint("dataset_record_id", name=op.f("pk_eval_dataset_records")),
        sa.UniqueConstraint(
            "dataset_id", "inputs_key", name=op.f("uq_eval_dataset_records_dataset_id_inputs_key")
        ),
    )
    op.create_index(
        "ix_eval_dataset_records_dataset_time",
        "eval_dataset_records",
        ["dataset_id", "created_time"],
    )
    op.create_table(
        "scorer_online_configs",
        sa.Column("experiment_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=256), nullable=False),
        sa.Column("config_id", sa.String(length=64), nullable=False),
        sa.Column("sample_rate", sa.Float(), nullable=False),
        sa.Column("filter_string", sa.Text(), nullable=True),
        sa.Column("last_update_time", sa.BigInteger(), nullable=False),
        *_owned(),
        _experiment_key("scorer_online_configs"),
        sa.PrimaryKeyConstraint("experiment_id", "name", name=op.f("pk_scorer_online_configs")),
        sa.UniqueConstraint("config_id", name=op.f("uq_scorer_online_configs_config_id")),
    )

    op.create_table(
        "label_schemas",
        sa.Column("schema_id", sa.String(length=64), nullable=False),
        sa.Column("experiment_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=256), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("instruction", sa.Text(), nullable=True),
        sa.Column("enable_comment", sa.Boolean(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("last_updated_at", sa.BigInteger(), nullable=False),
        *_owned(),
        _experiment_key("label_schemas"),
        sa.PrimaryKeyConstraint("schema_id", name=op.f("pk_label_schemas")),
        sa.UniqueConstraint(
            "experiment_id", "name", name=op.f("uq_label_schemas_experiment_id_name")
        ),
    )


def downgrade() -> None:
    op.drop_table("label_schemas")
    op.drop_table("scorer_online_configs")
    op.drop_index("ix_eval_dataset_records_dataset_time", table_name="eval_dataset_records")
    op.drop_table("eval_dataset_records")
    op.drop_table("eval_dataset_experiments")
    op.drop_table("eval_dataset_tags")
    op.drop_table("eval_datasets")
