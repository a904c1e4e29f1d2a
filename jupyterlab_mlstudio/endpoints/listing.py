"""One page of a domain's records, in a stable order, for ListEndpoints and ListEndpointConfigs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, or_, select

from ..core.clock import datetime_to_ms
from ..core.context import RequestContext
from ..core.paging import decode_token, encode_token
from ..store import Database


def time_bounds(column: Any, after: datetime | None, before: datetime | None) -> list[Any]:
    """Filters for a time column strictly between ``after`` and ``before`` (either optional)."""
    found = []
    if after is not None:
        found.append(column > datetime_to_ms(after))
    if before is not None:
        found.append(column < datetime_to_ms(before))
    return found


def page(
    database: Database,
    context: RequestContext,
    record: Any,
    column: Any,
    descending: bool,
    filters: Sequence[Any],
    query: Any,
) -> tuple[list[Any], str | None]:
    """Up to ``query.max_results`` records of the caller's domain ordered by ``column`` (ties
    by id), after the position in ``query.next_token``; and the token of the next page."""
    statement: Select[Any] = select(record).where(record.domain == context.domain, *filters)
    listing = query.model_dump(mode="json", exclude={"next_token", "max_results"})
    position = decode_token(query.next_token, "NextToken", listing)
    if position is not None:
        after, last_id = position.get("k"), position.get("id")
        if descending:
            statement = statement.where(
                or_(column < after, and_(column == after, record.id < last_id))
            )
        else:
            statement = statement.where(
                or_(column > after, and_(column == after, record.id > last_id))
            )
    order = (column.desc(), record.id.desc()) if descending else (column, record.id)
    statement = statement.order_by(*order).limit(query.max_results + 1)
    with database.session() as session:
        rows = list(session.scalars(statement))
        for row in rows:
            session.expunge(row)
    token = None
    if len(rows) > query.max_results:
        rows = rows[: query.max_results]
        last = rows[-1]
        token = encode_token({"k": getattr(last, column.key), "id": last.id}, listing)
    return rows, token
