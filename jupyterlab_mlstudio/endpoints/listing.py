"""One page of a domain's records, for ListEndpoints and ListEndpointConfigs (keyset paging
through ``store.listing``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select

from ..core.clock import datetime_to_ms
from ..core.context import RequestContext, visible
from ..store import Database
from ..store.listing import keyset_page


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
    rows, token = keyset_page(
        database,
        select(record).where(visible(record, context), *filters),
        column=column,
        id_column=record.id,
        descending=descending,
        max_results=query.max_results,
        token=query.next_token,
        listing=query.model_dump(mode="json", exclude={"next_token", "max_results"}),
    )
    return list(rows), token
