"""Domains, user profiles, spaces, apps and access keys.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
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
        "domains",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("auth_mode", sa.String(length=8), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("implicit", sa.Boolean(), nullable=False),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("last_modified_time", sa.BigInteger(), nullable=False),
        *_owned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_domains")),
        sa.UniqueConstraint("domain", name=op.f("uq_domains_domain")),
        sa.UniqueConstraint("name", name=op.f("uq_domains_name")),
    )
    op.create_table(
        "user_profiles",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("user_settings", sa.JSON(), nullable=False),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("last_modified_time", sa.BigInteger(), nullable=False),
        *_owned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_profiles")),
        sa.UniqueConstraint("domain", "name", name=op.f("uq_user_profiles_domain_name")),
    )
    op.create_table(
        "spaces",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("display_name", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("sharing_type", sa.String(length=8), nullable=False),
        sa.Column("owner_profile", sa.String(length=63), nullable=False),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("space_settings", sa.JSON(), nullable=False),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("last_modified_time", sa.BigInteger(), nullable=False),
        *_owned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spaces")),
        sa.UniqueConstraint("domain", "name", name=op.f("uq_spaces_domain_name")),
    )
    op.create_table(
        "apps",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=63), nullable=False),
        sa.Column("app_type", sa.String(length=32), nullable=False),
        sa.Column("arn", sa.String(length=256), nullable=False),
        sa.Column("user_profile", sa.String(length=63), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("resource_spec", sa.JSON(), nullable=False),
        sa.Column("url", sa.String(length=1024), nullable=True),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("last_modified_time", sa.BigInteger(), nullable=False),
        *_owned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_apps")),
    )
    op.create_index(
        "ix_apps_domain_space_app_type_name",
        "apps",
        ["domain", "space", "app_type", "name"],
        unique=False,
    )
    op.create_table(
        "access_keys",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("access_key_id", sa.String(length=32), nullable=False),
        sa.Column("secret_ciphertext", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("last_used_time", sa.BigInteger(), nullable=True),
        *_owned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_keys")),
        sa.UniqueConstraint("access_key_id", name=op.f("uq_access_keys_access_key_id")),
    )


def downgrade() -> None:
    op.drop_table("access_keys")
    op.drop_index("ix_apps_domain_space_app_type_name", table_name="apps")
    op.drop_table("apps")
    op.drop_table("spaces")
    op.drop_table("user_profiles")
    op.drop_table("domains")
