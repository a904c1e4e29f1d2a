"""Log streams: append lines durably, read them back by position, time or token."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..core.clock import now_ms
from ..core.context import RequestContext, visible
from ..core.errors import InvalidInput, NotFound
from ..core.models import INT64_MAX
from ..store import Database
from ..store.lookup import one_in_domain
from . import blocks
from .orm import LogBlockRecord, LogStreamRecord

#: A forward or backward token: direction and a sequence number within 64 bits.
_TOKEN = re.compile(r"^([fb])/(\d{1,20})$")


class LogLine(NamedTuple):
    """One line as a unit wrote it (a tuple: cheap to make by the hundred thousand)."""

    timestamp: int
    message: str


@dataclass(frozen=True)
class LogEvent:
    seq: int
    timestamp: int
    ingestion_time: int
    message: str


@dataclass(frozen=True)
class StreamInfo:
    log_group: str
    name: str
    creation_time: int
    first_event_time: int | None
    last_event_time: int | None
    last_ingestion_time: int | None
    event_count: int
    stored_bytes: int


@dataclass(frozen=True)
class EventPage:
    events: list[LogEvent]
    next_forward_token: str
    next_backward_token: str


class LogService:
    """Durable log streams in the record store, in CloudWatch Logs' terms (group, stream)."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def append(
        self,
        session: Session,
        context: RequestContext,
        log_group: str,
        stream: str,
        lines: Sequence[tuple[int, str]],
    ) -> int:
        """Add ``lines`` (:class:`LogLine` or plain ``(timestamp, message)`` pairs) to a
        stream (made on first use) inside the caller's transaction.

        Returns the sequence number of the first line added.
        """
        record = session.scalar(
            select(LogStreamRecord).where(
                visible(LogStreamRecord, context),
                LogStreamRecord.log_group == log_group,
                LogStreamRecord.name == stream,
            )
        )
        now = now_ms()
        if record is None:
            record = LogStreamRecord(
                log_group=log_group,
                name=stream,
                creation_time=now,
                event_count=0,
                stored_bytes=0,
                domain=context.domain,
                space=context.space,
                owner=context.owner,
            )
            session.add(record)
            session.flush()
        first = record.event_count
        if not lines:
            return first
        stamps, messages = zip(*lines, strict=True)
        text = "".join(messages)
        if "\x00" in text:  # PostgreSQL's text refuses NUL; every store stores the same
            messages = tuple(message.replace("\x00", "\ufffd") for message in messages)
            text = "".join(messages)
        owned = {"domain": context.domain, "space": context.space, "owner": context.owner}
        session.execute(
            insert(LogBlockRecord),
            [
                {**block, **owned, "stream_id": record.id, "ingestion_time": now}
                for block in blocks.encode(first, stamps, messages)
            ],
        )
        record.event_count = first + len(lines)
        record.stored_bytes = (record.stored_bytes or 0) + len(text.encode())
        record.first_event_time = record.first_event_time or lines[0][0]
        record.last_event_time = max(record.last_event_time or 0, lines[-1][0])
        record.last_ingestion_time = now
        return first

    def streams(
        self,
        context: RequestContext,
        log_group: str,
        prefix: str = "",
        order_by_last_event: bool = False,
        descending: bool = False,
    ) -> list[StreamInfo]:
        with self.database.session() as session:
            statement = select(LogStreamRecord).where(
                visible(LogStreamRecord, context), LogStreamRecord.log_group == log_group
            )
            if prefix:
                statement = statement.where(
                    LogStreamRecord.name.startswith(prefix, autoescape=True)
                )
            column = (
                LogStreamRecord.last_event_time if order_by_last_event else LogStreamRecord.name
            )
            statement = statement.order_by(
                column.desc() if descending else column, LogStreamRecord.id
            )
            return [_info(record) for record in session.scalars(statement)]

    def events(
        self,
        context: RequestContext,
        log_group: str,
        stream: str,
        *,
        token: str | None = None,
        start_from_head: bool = False,
        start_time: int | None = None,
        end_time: int | None = None,
        limit: int = 10000,
    ) -> EventPage:
        """A page of events, with CloudWatch's forward (``f/N``) and backward (``b/N``) tokens."""
        direction, position = _parse(token)
        with self.database.session() as session:
            record = self._stream(session, context, log_group, stream)
            if direction == "f" or (direction is None and start_from_head):
                start = position or 0
                events = _read(
                    session, record.id, start, None, start_time, end_time, limit, forward=True
                )
            else:
                end = position if position is not None else record.event_count
                events = _read(
                    session, record.id, None, end, start_time, end_time, limit, forward=False
                )
                start = events[0].seq if events else end
        if events:
            forward, backward = events[-1].seq + 1, events[0].seq
        else:
            forward = backward = start
        return EventPage(events, f"f/{forward:020d}", f"b/{backward:020d}")

    def tail(
        self,
        context: RequestContext,
        log_group: str,
        stream: str,
        after: int = -1,
        limit: int = 1000,
    ) -> list[LogEvent]:
        """Up to ``limit`` events with ``seq > after`` (for live views)."""
        page = self.events(context, log_group, stream, token=f"f/{after + 1}", limit=limit)
        return page.events

    def exists(self, context: RequestContext, log_group: str, stream: str) -> bool:
        """Whether a stream has been written to (a unit's stream appears with its first line)."""
        try:
            with self.database.session() as session:
                self._stream(session, context, log_group, stream)
        except NotFound:
            return False
        return True

    def count(self, context: RequestContext, log_group: str, stream: str) -> int:
        """Lines stored in the stream (kept on the stream, not counted row by row)."""
        with self.database.session() as session:
            return int(self._stream(session, context, log_group, stream).event_count or 0)

    @staticmethod
    def _stream(
        session: Session, context: RequestContext, log_group: str, stream: str
    ) -> LogStreamRecord:
        return one_in_domain(
            session,
            LogStreamRecord,
            context,
            f"The specified log stream does not exist: {log_group} {stream}",
            log_group=log_group,
            name=stream,
        )


def _read(
    session: Session,
    stream_id: int,
    start: int | None,
    end: int | None,
    start_time: int | None,
    end_time: int | None,
    limit: int,
    *,
    forward: bool,
) -> list[LogEvent]:
    """Up to ``limit`` events of a stream: from line ``start`` on (forward), or the last ones
    before line ``end`` (backward, returned oldest first), within the time range."""
    start, end = start or 0, end or 0  # forward reads give ``start``, backward ones ``end``
    columns = (
        LogBlockRecord.first_seq,
        LogBlockRecord.ingestion_time,
        LogBlockRecord.timestamps,
        LogBlockRecord.lengths,
        LogBlockRecord.messages,
    )
    statement = select(*columns).where(LogBlockRecord.stream_id == stream_id)
    if forward:
        # A block holds at most BLOCK_LINES lines: the bound keeps the index range short.
        statement = statement.where(
            LogBlockRecord.first_seq > start - blocks.BLOCK_LINES,
            LogBlockRecord.first_seq + LogBlockRecord.line_count > start,
        ).order_by(LogBlockRecord.first_seq)
    else:
        statement = statement.where(LogBlockRecord.first_seq < end).order_by(
            LogBlockRecord.first_seq.desc()
        )
    if start_time is not None:
        statement = statement.where(LogBlockRecord.last_time >= start_time)
    if end_time is not None:
        statement = statement.where(LogBlockRecord.first_time < end_time)
    events: list[LogEvent] = []
    if limit <= 0:
        return events
    for first_seq, ingested, stamps, lengths, messages in session.execute(
        statement.execution_options(yield_per=16)
    ):
        if forward:
            lines = blocks.decode(first_seq, stamps, lengths, messages, start - first_seq)
        else:
            lines = blocks.decode(first_seq, stamps, lengths, messages, 0, end - first_seq)
            lines.reverse()
        for seq, stamp, message in lines:
            if (start_time is None or stamp >= start_time) and (
                end_time is None or stamp < end_time
            ):
                events.append(LogEvent(seq, stamp, ingested, message))
                if len(events) >= limit:
                    break
        if len(events) >= limit:
            break
    if not forward:
        events.reverse()
    return events


def _parse(token: str | None) -> tuple[str | None, int | None]:
    if not token:
        return None, None
    match = _TOKEN.match(token)
    if not match or int(match.group(2)) > INT64_MAX:
        raise InvalidInput("The specified nextToken is invalid.", field="nextToken")
    return match.group(1), int(match.group(2))


def _info(record: LogStreamRecord) -> StreamInfo:
    return StreamInfo(
        log_group=record.log_group,
        name=record.name,
        creation_time=record.creation_time,
        first_event_time=record.first_event_time,
        last_event_time=record.last_event_time,
        last_ingestion_time=record.last_ingestion_time,
        event_count=record.event_count,
        stored_bytes=record.stored_bytes,
    )
