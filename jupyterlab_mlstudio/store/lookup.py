"""Finding one record or saying it is missing: the lookup every service makes."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.context import RequestContext, visible
from ..core.errors import NotFound
from .orm import Owned

RecordT = TypeVar("RecordT", bound=Owned)
FoundT = TypeVar("FoundT")


def one_in_domain(
    session: Session,
    record_type: type[RecordT],
    context: RequestContext,
    missing: str,
    **columns: Any,
) -> RecordT:
    """The record of ``record_type`` in the caller's domain whose ``columns`` have the given
    values; ``NotFound(missing)`` when there is none (a record of another domain is missing
    too: domains never see each other's records)."""
    statement = select(record_type).where(
        visible(record_type, context),
        *(getattr(record_type, name) == value for name, value in columns.items()),
    )
    return required(session.scalar(statement), missing)


def required(found: FoundT | None, missing: str) -> FoundT:
    """``found``, or ``NotFound(missing)`` when it is None (e.g. ``session.get`` of a key)."""
    if found is None:
        raise NotFound(missing)
    return found
