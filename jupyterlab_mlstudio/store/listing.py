"""One page of a sorted listing, resumed by a signed token: keyset paging over any table.

The token holds the sort key and id of the last row served (signed by ``core.paging``, bound to
the query's filters and order), so a page never repeats or skips rows that stay put, however
many rows are added meanwhile.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, and_, or_

from ..core.clock import datetime_to_ms
from ..core.paging import decode_token, encode_token
from .database import Database


def keyset_page(
    database: Database,
    statement: Select[Any],
    *,
    column: Any,
    id_column: Any,
    descending: bool,
    max_results: int,
    token: str | None,
    listing: Any,
    field: str = "NextToken",
) -> tuple[Sequence[Any], str | None]:
    """Rows of ``statement`` (already filtered) ordered by ``column`` then ``id_column``,
    ``max_results`` of them after the position in ``token``; and the token of the next page.
    ``listing`` is what makes the query (its filters and order), which the token is bound to.
    """
    position = decode_token(token, field, listing)
    if position is not None:
        after, last_id = position.get("k"), position.get("id")
        if descending:
            statement = statement.where(
                or_(column < after, and_(column == after, id_column < last_id))
            )
        else:
            statement = statement.where(
                or_(column > after, and_(column == after, id_column > last_id))
            )
    order = (column.desc(), id_column.desc()) if descending else (column, id_column)
    statement = statement.order_by(*order).limit(max_results + 1)
    with database.session() as session:
        rows = list(session.scalars(statement))
    next_token = None
    if len(rows) > max_results:
        rows = rows[:max_results]
        last = rows[-1]
        next_token = encode_token(
            {"k": getattr(last, column.key), "id": getattr(last, id_column.key)}, listing
        )
    return rows, next_token


def job_filters(record: Any, query: Any) -> list[Any]:
    """The filters every ``List*Jobs`` call shares, as conditions on a job ``record`` class:
    ``NameContains``, ``StatusEquals`` and the four time bounds (``CreationTimeAfter``, ...,
    exclusive), from a query with those fields."""
    filters: list[Any] = []
    if query.name_contains:
        filters.append(record.name.contains(query.name_contains, autoescape=True))
    if query.status_equals is not None:
        filters.append(record.status == query.status_equals.value)
    bounds = [
        (query.creation_time_after, record.creation_time, True),
        (query.creation_time_before, record.creation_time, False),
        (query.last_modified_time_after, record.last_modified_time, True),
        (query.last_modified_time_before, record.last_modified_time, False),
    ]
    for value, column, after in bounds:
        if value is not None:
            moment = datetime_to_ms(value)
            filters.append(column > moment if after else column < moment)
    return filters
