"""Training-job logic: no Tornado, no wire formats; records in, SageMaker shapes out."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, or_, select

from ..core.clock import datetime_to_ms, ms_to_datetime
from ..core.context import RequestContext
from ..core.paging import decode_token, encode_token
from ..store import Database
from .models import (
    SortBy,
    SortOrder,
    TrainingJobPage,
    TrainingJobQuery,
    TrainingJobStatus,
    TrainingJobSummary,
)
from .orm import TrainingJobRecord

_SORT_COLUMNS = {
    SortBy.NAME: TrainingJobRecord.name,
    SortBy.CREATION_TIME: TrainingJobRecord.creation_time,
    SortBy.STATUS: TrainingJobRecord.status,
}


class TrainingJobService:
    """Creates, lists, describes and stops training jobs in one domain-aware store."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def list(self, context: RequestContext, query: TrainingJobQuery) -> TrainingJobPage:
        """One page of the caller's domain's jobs, filtered and ordered as asked."""
        column = _SORT_COLUMNS[query.sort_by]
        descending = query.sort_order == SortOrder.DESCENDING
        statement: Select[Any] = select(TrainingJobRecord).where(
            TrainingJobRecord.domain == context.domain
        )
        statement = statement.where(*_filters(query))
        position = decode_token(query.next_token, field="NextToken")
        if position is not None:
            after, last_id = position.get("k"), position.get("id")
            if descending:
                statement = statement.where(
                    or_(column < after, and_(column == after, TrainingJobRecord.id < last_id))
                )
            else:
                statement = statement.where(
                    or_(column > after, and_(column == after, TrainingJobRecord.id > last_id))
                )
        order = (
            (column.desc(), TrainingJobRecord.id.desc())
            if descending
            else (column, TrainingJobRecord.id)
        )
        statement = statement.order_by(*order).limit(query.max_results + 1)
        with self.database.session() as session:
            rows = list(session.scalars(statement))
        token = None
        if len(rows) > query.max_results:
            rows = rows[: query.max_results]
            last = rows[-1]
            token = encode_token({"k": getattr(last, column.key), "id": last.id})
        return TrainingJobPage(
            training_job_summaries=[_summary(row) for row in rows], next_token=token
        )


def _filters(query: TrainingJobQuery) -> list[Any]:
    record = TrainingJobRecord
    filters: list[Any] = []
    if query.name_contains:
        filters.append(record.name.contains(query.name_contains, autoescape=True))
    if query.status_equals:
        filters.append(record.status == query.status_equals.value)
    bounds = [
        (query.creation_time_after, record.creation_time, True),
        (query.creation_time_before, record.creation_time, False),
        (query.last_modified_time_after, record.last_modified_time, True),
        (query.last_modified_time_before, record.last_modified_time, False),
    ]
    for value, column, after in bounds:
        if value is not None:
            filters.append(
                column > datetime_to_ms(value) if after else column < datetime_to_ms(value)
            )
    return filters


def _summary(row: TrainingJobRecord) -> TrainingJobSummary:
    return TrainingJobSummary(
        training_job_name=row.name,
        training_job_arn=row.arn,
        creation_time=ms_to_datetime(row.creation_time),
        training_end_time=ms_to_datetime(row.training_end_time),
        last_modified_time=ms_to_datetime(row.last_modified_time),
        training_job_status=TrainingJobStatus(row.status),
        secondary_status=row.secondary_status,
    )
