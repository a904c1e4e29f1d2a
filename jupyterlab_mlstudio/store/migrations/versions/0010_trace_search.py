"""Trace search and links: a span's type and status and an assessment's kind, value and validity
as columns and a span's attributes as rows (``search_traces`` filters on them), and the runs
and prompt versions a trace is linked to; and the experiments' registered scorers.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import contextlib
import json
import math
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _string_attribute(content: dict[str, Any], key: str) -> str | None:
    for item in content.get("attributes", []) or []:
        if isinstance(item, dict) and item.get("key") == key:
            value = (item.get("value") or {}).get("string_value")
            return value if isinstance(value, str) else None
    return None


def _span_facts(content: dict[str, Any]) -> dict[str, Any]:
    raw = _string_attribute(content, "mlflow.spanType")
    span_type = None
    if raw is not None:
        try:
            span_type = str(json.loads(raw))[:500]
        except ValueError:
            span_type = raw[:500]
    code = str((content.get("status") or {}).get("code") or "STATUS_CODE_UNSET")
    return {"span_type": span_type, "status_code": code.removeprefix("STATUS_CODE_")[:16]}


def _assessment_facts(content: dict[str, Any]) -> dict[str, Any]:
    facts: dict[str, Any] = {"kind": None, "value_text": None, "value_number": None}
    for kind in ("feedback", "expectation"):
        body = content.get(kind)
        if isinstance(body, dict):
            value = body.get("value")
            number = float(value) if isinstance(value, (int, float)) else None
            facts = {
                "kind": kind,
                "value_text": value if isinstance(value, str) else json.dumps(value),
                "value_number": number if number is not None and math.isfinite(number) else None,
            }
            break
    facts["valid"] = content.get("valid", True) is not False
    return facts


def _backfill(table: str, keys: list[str], facts: Any) -> None:
    """Derive the new columns of rows written before this revision."""
    bind = op.get_bind()
    meta = sa.MetaData()
    rows = sa.Table(table, meta, autoload_with=bind)
    for row in bind.execute(sa.select(*(rows.c[key] for key in keys), rows.c.content)):
        content = row.content if isinstance(row.content, dict) else json.loads(row.content or "{}")
        where = [rows.c[key] == getattr(row, key) for key in keys]
        bind.execute(sa.update(rows).where(*where).values(**facts(content)))


#: Attributes the store does not copy (large; full-text search reads them).
UNINDEXED = ("mlflow.spanInputs", "mlflow.spanOutputs")


def _backfill_attributes() -> None:
    """One row per attribute of each span written before this revision."""
    bind = op.get_bind()
    meta = sa.MetaData()
    spans = sa.Table("trace_spans", meta, autoload_with=bind)
    attributes = sa.Table("trace_span_attributes", meta, autoload_with=bind)
    query = sa.select(
        spans.c.trace_id,
        spans.c.span_id,
        spans.c.content,
        spans.c.domain,
        spans.c.space,
        spans.c.owner,
    )
    for row in bind.execute(query):
        content = row.content if isinstance(row.content, dict) else json.loads(row.content or "{}")
        values: dict[str, str] = {}
        for item in content.get("attributes", []) or []:
            key = item.get("key") if isinstance(item, dict) else None
            if not isinstance(key, str) or not key or len(key) > 250 or key in UNINDEXED:
                continue
            value: Any = (item.get("value") or {}).get("string_value")
            if value is None:
                continue
            with contextlib.suppress(ValueError):
                value = json.loads(value)
            values[key] = value if isinstance(value, str) else json.dumps(value)
        for key, value in values.items():
            bind.execute(
                sa.insert(attributes).values(
                    trace_id=row.trace_id,
                    span_id=row.span_id,
                    key=key,
                    value=value,
                    domain=row.domain,
                    space=row.space,
                    owner=row.owner,
                )
            )


def upgrade() -> None:
    with op.batch_alter_table("trace_spans") as batch:
        batch.add_column(sa.Column("span_type", sa.String(length=500), nullable=True))
        batch.add_column(sa.Column("status_code", sa.String(length=16), nullable=True))
    with op.batch_alter_table("trace_assessments") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("value_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("value_number", sa.Float(), nullable=True))
        batch.add_column(sa.Column("valid", sa.Boolean(), nullable=False, server_default=sa.true()))
    _backfill("trace_spans", ["trace_id", "span_id"], _span_facts)
    _backfill("trace_assessments", ["assessment_id"], _assessment_facts)
    op.create_table(
        "trace_span_attributes",
        sa.Column("trace_id", sa.String(length=64), nullable=False),
        sa.Column("span_id", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=250), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["trace_id"],
            ["traces.trace_id"],
            name=op.f("fk_trace_span_attributes_trace_id_traces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "trace_id", "span_id", "key", name=op.f("pk_trace_span_attributes")
        ),
    )
    _backfill_attributes()
    op.create_table(
        "trace_run_links",
        sa.Column("trace_id", sa.String(length=64), nullable=False),
        sa.Column("run_id", sa.String(length=32), nullable=False),
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["trace_id"],
            ["traces.trace_id"],
            name=op.f("fk_trace_run_links_trace_id_traces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("trace_id", "run_id", name=op.f("pk_trace_run_links")),
    )
    op.create_index("ix_trace_run_links_run", "trace_run_links", ["run_id"], unique=False)
    op.create_table(
        "trace_prompt_links",
        sa.Column("trace_id", sa.String(length=64), nullable=False),
        sa.Column("prompt", sa.String(length=512), nullable=False),
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["trace_id"],
            ["traces.trace_id"],
            name=op.f("fk_trace_prompt_links_trace_id_traces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("trace_id", "prompt", name=op.f("pk_trace_prompt_links")),
    )

    op.create_table(
        "scorer_versions",
        sa.Column("scorer_id", sa.String(length=64), nullable=False),
        sa.Column("experiment_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=256), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("serialized", sa.Text(), nullable=False),
        sa.Column("creation_time", sa.BigInteger(), nullable=False),
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["experiment_id"],
            ["experiments.experiment_id"],
            name=op.f("fk_scorer_versions_experiment_id_experiments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("scorer_id", name=op.f("pk_scorer_versions")),
        sa.UniqueConstraint(
            "experiment_id",
            "name",
            "version",
            name=op.f("uq_scorer_versions_experiment_id_name_version"),
        ),
    )


def downgrade() -> None:
    op.drop_table("scorer_versions")
    op.drop_table("trace_prompt_links")
    op.drop_table("trace_span_attributes")
    op.drop_index("ix_trace_run_links_run", table_name="trace_run_links")
    op.drop_table("trace_run_links")
    with op.batch_alter_table("trace_assessments") as batch:
        for column in ("valid", "value_number", "value_text", "kind"):
            batch.drop_column(column)
    with op.batch_alter_table("trace_spans") as batch:
        batch.drop_column("status_code")
        batch.drop_column("span_type")
