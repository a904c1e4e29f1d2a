"""``LIKE`` that tells capitals from small letters on every database, as MLflow's search does.

PostgreSQL's ``LIKE`` already does; SQLite's ignores case (for ASCII), so there the pattern is
rewritten for ``GLOB``, which matches case-sensitively: ``%`` becomes ``*``, ``_`` becomes
``?`` and GLOB's own special characters are bracketed to stand for themselves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement

_GLOB = {"%": "*", "_": "?", "*": "[*]", "?": "[?]", "[": "[[]"}


def like_to_glob(pattern: str) -> str:
    """A SQL ``LIKE`` pattern (no escape character) as the ``GLOB`` pattern that matches the
    same strings."""
    return "".join(_GLOB.get(char, char) for char in pattern)


class CaseSensitiveLike(ColumnElement[bool]):
    """``column LIKE pattern``, case-sensitive whatever the database."""

    type = Boolean()
    inherit_cache = False  # the pattern is rewritten at compile time, per dialect

    def __init__(self, column: Any, pattern: str) -> None:
        self.column = column
        self.pattern = pattern


@compiles(CaseSensitiveLike)
def _like(element: CaseSensitiveLike, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column.like(element.pattern), **kw))


@compiles(CaseSensitiveLike, "sqlite")
def _glob(element: CaseSensitiveLike, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column.op("GLOB")(like_to_glob(element.pattern)), **kw))


def like(column: Any, pattern: str) -> CaseSensitiveLike:
    """``column LIKE pattern`` as MLflow means it: ``'Vision%'`` does not match ``vision``."""
    return CaseSensitiveLike(column, pattern)
