"""The declarative base and the columns every record carries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, BigInteger, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ..core.context import DEFAULT_DOMAIN, DEFAULT_SPACE

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: Primary keys: 64-bit everywhere, but SQLite only auto-increments a plain INTEGER key.
ID_TYPE = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    """Declarative base of all tables; JSON columns for nested SageMaker shapes."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, int: BigInteger}


class Owned:
    """Domain, space and owner: on every record from the first migration on."""

    domain: Mapped[str] = mapped_column(String(64), default=DEFAULT_DOMAIN)
    space: Mapped[str] = mapped_column(String(64), default=DEFAULT_SPACE)
    owner: Mapped[str] = mapped_column(String(128))
