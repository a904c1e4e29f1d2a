"""Log lines stored in blocks read back as lines: pages by token in both directions across
block boundaries, time ranges, messages with newlines or NUL, and the lines of a store made
before blocks moved over by migration 0012."""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from jupyterlab_mlstudio.core.context import RequestContext
from jupyterlab_mlstudio.logs import blocks
from jupyterlab_mlstudio.logs.service import LogService
from jupyterlab_mlstudio.store import Database, migrations

from .postgres_helpers import new_database

CONTEXT = RequestContext(owner="me", domain="d", space="s")


@pytest.fixture(params=["sqlite", "postgresql"])
def service(request, tmp_path) -> Iterator[LogService]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'logs.db'}"
        context = contextlib.nullcontext(url)
    else:
        context = new_database(request.getfixturevalue("postgres_url"), "logs")
    with context as url:
        database = Database(url)
        database.upgrade()
        yield LogService(database)
        database.dispose()


def _append(service: LogService, lines) -> int:
    with service.database.session() as session:
        return service.append(session, CONTEXT, "g", "s", lines)


def test_a_block_round_trips_its_lines_and_a_slice_of_them():
    stamps = [5, 3, 9, 9]
    messages = ["a", "", "line\nwith a newline", "é∂"]
    (block,) = blocks.encode(40, stamps, messages)
    assert (block["first_seq"], block["line_count"]) == (40, 4)
    assert (block["first_time"], block["last_time"]) == (3, 9)
    packed = (block["timestamps"], block["lengths"], block["messages"])
    assert blocks.decode(40, *packed) == list(zip(range(40, 44), stamps, messages, strict=True))
    assert blocks.decode(40, *packed, 1, 3) == [(41, 3, ""), (42, 9, "line\nwith a newline")]
    assert blocks.decode(40, *packed, 3, 99) == [(43, 9, "é∂")]


def test_appends_larger_than_a_block_are_split_and_numbered_on(service):
    count = blocks.BLOCK_LINES * 2 + 10
    assert _append(service, [(1000 + i, f"line {i}") for i in range(count)]) == 0
    assert _append(service, [(9, "late"), (8, "and\x00nul")]) == count
    with service.database.engine.connect() as connection:
        counts = connection.execute(
            sa.text("SELECT line_count FROM log_blocks ORDER BY first_seq")
        ).scalars()
        assert list(counts) == [blocks.BLOCK_LINES, blocks.BLOCK_LINES, 10, 2]
    assert service.count(CONTEXT, "g", "s") == count + 2
    tail = service.tail(CONTEXT, "g", "s", after=count - 2)
    assert [(e.seq, e.timestamp, e.message) for e in tail] == [
        (count - 1, 1000 + count - 1, f"line {count - 1}"),
        (count, 9, "late"),
        (count + 1, 8, "and\ufffdnul"),
    ]
    stream = service.streams(CONTEXT, "g")[0]
    expected = (
        sum(len(f"line {i}") for i in range(count)) + len("late") + len("and\ufffdnul".encode())
    )
    assert stream.stored_bytes == expected


def test_pages_follow_tokens_forward_and_backward_across_blocks(service):
    count = blocks.BLOCK_LINES + 500
    for offset in range(0, count, 700):  # blocks of several sizes
        _append(service, [(i, f"m{i}") for i in range(offset, min(count, offset + 700))])
    seen, token = [], None
    while True:
        page = service.events(CONTEXT, "g", "s", token=token, start_from_head=True, limit=333)
        if not page.events:
            break
        seen += [event.seq for event in page.events]
        token = page.next_forward_token
    assert seen == list(range(count))
    backward, token = [], None
    while True:
        page = service.events(CONTEXT, "g", "s", token=token, limit=1000)
        if not page.events:
            break
        backward = [event.seq for event in page.events] + backward
        assert page.events == sorted(page.events, key=lambda event: event.seq)
        token = page.next_backward_token
    assert backward == list(range(count))
    assert service.events(CONTEXT, "g", "s", limit=2).events[-1].message == f"m{count - 1}"


def test_a_time_range_keeps_only_lines_stamped_within_it(service):
    _append(service, [(i % 50, f"m{i}") for i in range(blocks.BLOCK_LINES + 100)])
    page = service.events(
        CONTEXT, "g", "s", start_from_head=True, start_time=10, end_time=12, limit=10_000
    )
    assert {event.timestamp for event in page.events} == {10, 11}
    assert len(page.events) == sum(i % 50 in (10, 11) for i in range(blocks.BLOCK_LINES + 100))
    last = service.events(CONTEXT, "g", "s", start_time=49, limit=3)
    assert [event.timestamp for event in last.events] == [49, 49, 49]
    assert last.events[-1].seq == max(i for i in range(blocks.BLOCK_LINES + 100) if i % 50 == 49)


def test_upgrading_to_0012_moves_stored_lines_into_blocks(tmp_path):
    # Given a store at 0011 holding lines of two streams, ingested at two moments
    database = Database(f"sqlite:///{tmp_path / 'old.db'}")
    database.upgrade("0011")
    owned = {"domain": "d", "space": "s", "owner": "me"}
    with database.engine.begin() as connection:
        meta = sa.MetaData()
        streams = sa.Table("log_streams", meta, autoload_with=connection)
        events = sa.Table("log_events", meta, autoload_with=connection)
        for stream_id, name, lines in ((1, "s", 5000), (2, "t", 3)):
            connection.execute(
                sa.insert(streams).values(
                    id=stream_id,
                    log_group="g",
                    name=name,
                    creation_time=0,
                    event_count=lines,
                    stored_bytes=0,
                    **owned,
                )
            )
            connection.execute(
                sa.insert(events),
                [
                    {
                        "stream_id": stream_id,
                        "seq": i,
                        "timestamp": 100 + i,
                        "ingestion_time": 7 if i < 10 else 8,
                        "message": f"{name} {i}",
                        **owned,
                    }
                    for i in range(lines)
                ],
            )
    # When it is upgraded
    database.upgrade()
    # Then every line reads back in order, with its time stamp and ingestion time
    service = LogService(database)
    page = service.events(CONTEXT, "g", "s", start_from_head=True, limit=10_000)
    assert [(e.seq, e.timestamp, e.message) for e in page.events] == [
        (i, 100 + i, f"s {i}") for i in range(5000)
    ]
    assert [e.ingestion_time for e in page.events[9:11]] == [7, 8]
    assert [e.message for e in service.tail(CONTEXT, "g", "t")] == ["t 0", "t 1", "t 2"]
    assert "log_events" not in sa.inspect(database.engine).get_table_names()
    database.dispose()


def test_migration_0012_keeps_its_own_copy_of_the_block_format_the_live_code_reads():
    # Given the migration's frozen encoder and decoder (it imports nothing of the package)
    path = Path(migrations.__file__).parent / "versions" / "0012_log_blocks.py"
    assert "jupyterlab_mlstudio" not in path.read_text()
    spec = importlib.util.spec_from_file_location("migration_0012", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    stamps, messages = [5, 3, 9], ["a", "two\nlines", "nul\0é"]
    # When the migration writes a block, the live code reads it; and the other way round
    written = migration._encode(7, stamps, messages)
    live = blocks.decode(7, written["timestamps"], written["lengths"], written["messages"])
    (block,) = blocks.encode(7, stamps, messages)
    back = migration._decode(7, block["timestamps"], block["lengths"], block["messages"])
    # Then both read the same lines
    expected = [(7, 5, "a"), (8, 3, "two\nlines"), (9, 9, "nul\0é")]
    assert live == back == expected
    assert written == block
