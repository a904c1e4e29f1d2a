"""Log lines in blocks: ``log_blocks`` holds up to 4096 consecutive lines of a stream a row
(``logs/blocks.py``), in place of ``log_events``' row a line; stored lines move over.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
OWNED = ("domain", "space", "owner")

# The block format as this revision wrote it, kept here so that the migration reads and writes
# the same bytes whatever later becomes of ``logs/blocks.py`` (the live reader must still read
# these blocks: ``tests/test_log_blocks.py`` upgrades an old store and reads it back).

#: Lines in one block, at most.
BLOCK_LINES = 4096


def _pack(values: Any) -> bytes:
    packed = array("q", values)
    if sys.byteorder != "little":  # stored little-endian on every host
        packed.byteswap()
    return packed.tobytes()


def _unpack(data: bytes) -> array:
    packed = array("q")
    packed.frombytes(data)
    if sys.byteorder != "little":
        packed.byteswap()
    return packed


def _encode(first_seq: int, stamps: Sequence[int], messages: Sequence[str]) -> dict[str, Any]:
    """One block's columns for at most ``BLOCK_LINES`` lines numbered from ``first_seq``."""
    return {
        "first_seq": first_seq,
        "line_count": len(messages),
        "first_time": min(stamps),
        "last_time": max(stamps),
        "timestamps": _pack(stamps),
        "lengths": _pack(map(len, messages)),
        "messages": "".join(messages),
    }


def _decode(
    first_seq: int, timestamps: bytes, lengths: bytes, messages: str
) -> list[tuple[int, int, str]]:
    """``(seq, timestamp, message)`` of every line of a block."""
    stamps = _unpack(timestamps)
    rows = []
    begin = 0
    for place, end in enumerate(accumulate(_unpack(lengths))):
        rows.append((first_seq + place, stamps[place], messages[begin:end]))
        begin = end
    return rows


def _events_table() -> sa.TableClause:
    return sa.table(
        "log_events",
        *(sa.column(name) for name in ("stream_id", "seq", "timestamp", "ingestion_time")),
        sa.column("message"),
        *(sa.column(name) for name in OWNED),
    )


def _blocks_table() -> sa.TableClause:
    names = ("stream_id", "first_seq", "line_count", "first_time", "last_time")
    return sa.table(
        "log_blocks",
        *(sa.column(name) for name in names),
        sa.column("ingestion_time"),
        sa.column("timestamps", sa.LargeBinary()),
        sa.column("lengths", sa.LargeBinary()),
        sa.column("messages"),
        *(sa.column(name) for name in OWNED),
    )


def upgrade() -> None:
    op.create_table(
        "log_blocks",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("stream_id", ID, nullable=False),
        sa.Column("first_seq", sa.BigInteger(), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("first_time", sa.BigInteger(), nullable=False),
        sa.Column("last_time", sa.BigInteger(), nullable=False),
        sa.Column("ingestion_time", sa.BigInteger(), nullable=False),
        sa.Column("timestamps", sa.LargeBinary(), nullable=False),
        sa.Column("lengths", sa.LargeBinary(), nullable=False),
        sa.Column("messages", sa.Text(), nullable=False),
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["stream_id"],
            ["log_streams.id"],
            name=op.f("fk_log_blocks_stream_id_log_streams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_blocks")),
    )
    op.create_index(
        "ix_log_blocks_stream_seq", "log_blocks", ["stream_id", "first_seq"], unique=True
    )
    _move_lines_into_blocks()
    op.drop_index("ix_log_events_stream_seq", table_name="log_events")
    op.drop_table("log_events")


def _move_lines_into_blocks() -> None:
    """Each stream's stored lines, in order, into blocks; a block's lines share one ingestion
    time, so lines ingested at different times go to different blocks."""
    connection = op.get_bind()
    events, target = _events_table(), _blocks_table()
    streams = connection.execute(sa.select(events.c.stream_id).distinct()).scalars().all()
    for stream in streams:
        rows = connection.execute(
            sa.select(events).where(events.c.stream_id == stream).order_by(events.c.seq)
        ).all()
        run: list = []
        for row in rows:
            if run and (
                row.ingestion_time != run[0].ingestion_time
                or row.seq != run[-1].seq + 1
                or len(run) == BLOCK_LINES
            ):
                _insert_run(connection, target, run)
                run = []
            run.append(row)
        if run:
            _insert_run(connection, target, run)


def _insert_run(connection: sa.Connection, target: sa.TableClause, run: list) -> None:
    block = _encode(run[0].seq, [row.timestamp for row in run], [row.message for row in run])
    first = run[0]
    owned = {name: getattr(first, name) for name in OWNED}
    connection.execute(
        target.insert(),
        [{**block, **owned, "stream_id": first.stream_id, "ingestion_time": first.ingestion_time}],
    )


def downgrade() -> None:
    op.create_table(
        "log_events",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("stream_id", ID, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("timestamp", sa.BigInteger(), nullable=False),
        sa.Column("ingestion_time", sa.BigInteger(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("domain", sa.String(length=64), nullable=False),
        sa.Column("space", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["stream_id"],
            ["log_streams.id"],
            name=op.f("fk_log_events_stream_id_log_streams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_events")),
    )
    op.create_index("ix_log_events_stream_seq", "log_events", ["stream_id", "seq"], unique=True)
    connection = op.get_bind()
    events, source = _events_table(), _blocks_table()
    for row in connection.execute(
        sa.select(source).order_by(source.c.stream_id, source.c.first_seq)
    ):
        lines = _decode(row.first_seq, row.timestamps, row.lengths, row.messages)
        owned = {name: getattr(row, name) for name in OWNED}
        connection.execute(
            events.insert(),
            [
                {
                    "stream_id": row.stream_id,
                    "seq": seq,
                    "timestamp": stamp,
                    "ingestion_time": row.ingestion_time,
                    "message": message,
                    **owned,
                }
                for seq, stamp, message in lines
            ],
        )
    op.drop_index("ix_log_blocks_stream_seq", table_name="log_blocks")
    op.drop_table("log_blocks")
