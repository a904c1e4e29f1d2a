"""Log lines kept in blocks: one row holds up to :data:`BLOCK_LINES` consecutive lines of a
stream, their messages as one text and their time stamps and lengths as packed integers.

A job can print hundreds of thousands of lines a second; a row, an index entry and a handful
of Python objects per line made storing them cost more than printing them. A block costs one row
for thousands of lines, and building one is a join and two packed arrays, all at C speed.
Reading decodes only the blocks a page touches.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import Any

#: Lines in one block, at most (a page read decodes whole blocks, so not too many).
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


def encode(
    first_seq: int, stamps: Sequence[int], messages: Sequence[str]
) -> Iterator[dict[str, Any]]:
    """The blocks' columns for lines numbered from ``first_seq`` (messages free of NUL)."""
    for offset in range(0, len(messages), BLOCK_LINES):
        part = stamps[offset : offset + BLOCK_LINES]
        texts = messages[offset : offset + BLOCK_LINES]
        yield {
            "first_seq": first_seq + offset,
            "line_count": len(texts),
            "first_time": min(part),
            "last_time": max(part),
            "timestamps": _pack(part),
            "lengths": _pack(map(len, texts)),
            "messages": "".join(texts),
        }


def decode(
    first_seq: int, timestamps: bytes, lengths: bytes, messages: str, start: int = 0, stop: int = -1
) -> list[tuple[int, int, str]]:
    """``(seq, timestamp, message)`` of the block's lines whose place is in ``[start, stop)``
    (``stop`` -1: to the end)."""
    stamps = _unpack(timestamps)
    ends = list(accumulate(_unpack(lengths)))
    stop = len(ends) if stop < 0 else min(stop, len(ends))
    start = max(0, start)
    rows = []
    begin = ends[start - 1] if start > 0 else 0
    for place in range(start, stop):
        end = ends[place]
        rows.append((first_seq + place, stamps[place], messages[begin:end]))
        begin = end
    return rows
