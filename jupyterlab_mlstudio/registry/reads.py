"""Registry records read back as API models, and registry filters as SQL conditions."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from ..core.errors import InvalidInput
from ..experiments.search import parse_filter
from .models import ModelVersion, RegisteredModel
from .orm import (
    ModelAliasRecord,
    ModelVersionRecord,
    ModelVersionTagRecord,
    RegisteredModelRecord,
    RegisteredModelTagRecord,
)


def filter_conditions(
    text: str | None, columns: dict[str, Any], tag_table: Any, tag_owner: Any, owner: Any
) -> list[Any]:
    """SQL conditions for a registry filter: attributes by bare name, tags as ``tags.<key>``.

    ``tags.k != 'v'`` also matches entities without the tag (how MLflow hides prompts).
    """
    conditions = []
    for item in parse_filter(text, bare_kind="attribute"):
        if item.kind == "tag":
            operator = "=" if item.operator == "!=" else item.operator
            same = exists().where(
                tag_owner == owner,
                tag_table.key == item.key,
                compare(tag_table.value, operator, item.value),
            )
            conditions.append(~same if item.operator == "!=" else same)
            continue
        column = columns.get(item.key) if item.kind == "attribute" else None
        if column is None:
            names = ", ".join(sorted(columns))
            raise InvalidInput(
                f"Invalid filter key {item.key!r}: use {names} or tags.<key>", field="filter"
            )
        value = int(item.value) if isinstance(item.value, float) else item.value
        conditions.append(compare(column, item.operator, value))
    return conditions


def compare(column: Any, op: str, value: Any) -> Any:
    return {
        "=": lambda: column == value,
        "!=": lambda: column != value,
        "LIKE": lambda: column.like(value),
        "ILIKE": lambda: func.lower(column).like(str(value).lower()),
        "IN": lambda: column.in_(value),
        "NOT IN": lambda: ~column.in_(value),
        ">": lambda: column > value,
        ">=": lambda: column >= value,
        "<": lambda: column < value,
        "<=": lambda: column <= value,
    }[op]()


def models_of(session: Session, records: list[RegisteredModelRecord]) -> list[RegisteredModel]:
    """Registered models with their tags, aliases and newest version per stage."""
    ids = [record.id for record in records]
    tags: dict[int, dict[str, str]] = defaultdict(dict)
    aliases: dict[int, dict[str, int]] = defaultdict(dict)
    latest: dict[int, dict[str, ModelVersionRecord]] = defaultdict(dict)
    if ids:
        for tag in session.scalars(
            select(RegisteredModelTagRecord).where(RegisteredModelTagRecord.model.in_(ids))
        ):
            tags[tag.model][tag.key] = tag.value
        for alias in session.scalars(
            select(ModelAliasRecord).where(ModelAliasRecord.model.in_(ids))
        ):
            aliases[alias.model][alias.alias] = alias.version
        for version in session.scalars(
            select(ModelVersionRecord)
            .where(ModelVersionRecord.model.in_(ids))
            .order_by(ModelVersionRecord.version)
        ):
            latest[version.model][version.stage] = version
    return [
        RegisteredModel(
            name=record.name,
            creation_time=record.creation_time,
            last_updated_time=record.last_updated_time,
            description=record.description,
            tags=tags[record.id],
            aliases=aliases[record.id],
            latest_versions=versions_of(
                session, sorted(latest[record.id].values(), key=lambda v: v.version)
            ),
        )
        for record in records
    ]


def versions_of(session: Session, records: list[ModelVersionRecord]) -> list[ModelVersion]:
    """Model versions with their model's name, tags and aliases."""
    ids = [record.id for record in records]
    names = {
        model_id: name
        for model_id, name in session.execute(
            select(RegisteredModelRecord.id, RegisteredModelRecord.name).where(
                RegisteredModelRecord.id.in_({record.model for record in records})
            )
        ).all()
    }
    tags: dict[int, dict[str, str]] = defaultdict(dict)
    aliases: dict[tuple[int, int], list[str]] = defaultdict(list)
    if ids:
        for tag in session.scalars(
            select(ModelVersionTagRecord).where(ModelVersionTagRecord.version_id.in_(ids))
        ):
            tags[tag.version_id][tag.key] = tag.value
        for alias in session.scalars(
            select(ModelAliasRecord).where(
                ModelAliasRecord.model.in_({record.model for record in records})
            )
        ):
            aliases[(alias.model, alias.version)].append(alias.alias)
    return [
        ModelVersion(
            name=names[record.model],
            version=record.version,
            creation_time=record.creation_time,
            last_updated_time=record.last_updated_time,
            description=record.description,
            source=record.source,
            run_id=record.run_id,
            run_link=record.run_link,
            model_id=record.model_id,
            status=record.status,
            status_message=record.status_message,
            stage=record.stage,
            tags=tags[record.id],
            aliases=sorted(aliases[(record.model, record.version)]),
        )
        for record in records
    ]
