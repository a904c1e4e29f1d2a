"""Identity on a hub: which access keys the server made for kernels, users' MLflow tokens,
one-time login links and notebook instances.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
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
    with op.batch_alter_table("access_keys") as batch:
        batch.add_column(
            sa.Column("purpose", sa.String(length=16), nullable=False, server_default="user")
        )
    op.create_table(
        "mlflow_tokens",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("token_id", sa.String(length=32), nullable=False),
        sa.Column("secret_ciphertext", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("last_used_time", sa.BigInteger(), nullable=True),
        *_owned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mlflow_tokens")),
        sa.UniqueConstraint("token_id", name=op.f("uq_mlflow_tokens_token_id")),
    )
    op.create_table(
        "login_links",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("user_name", sa.String(length=128), nullable=False),
        sa.Column("target", sa.String(length=1024), nullable=False),
        sa.Column("expires_time", sa.BigInteger(), nullable=False),
        sa.Column("used_time", sa.BigInteger(), nullable=True),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        *_owned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_links")),
        sa.UniqueConstraint("digest", name=op.f("uq_login_links_digest")),
    )
    op.create_table(
        "notebook_instances",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("arn", sa.String(length=256), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("instance_type", sa.String(length=64), nullable=False),
        sa.Column("user_profile", sa.String(length=63), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("url", sa.String(length=1024), nullable=True),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("last_modified_time", sa.BigInteger(), nullable=False),
        *_owned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notebook_instances")),
        sa.UniqueConstraint("name", name=op.f("uq_notebook_instances_name")),
    )


def downgrade() -> None:
    op.drop_table("notebook_instances")
    op.drop_table("login_links")
    op.drop_table("mlflow_tokens")
    with op.batch_alter_table("access_keys") as batch:
        batch.drop_column("purpose")
