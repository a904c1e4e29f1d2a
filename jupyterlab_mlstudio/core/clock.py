"""Time as the store keeps it: integer UTC milliseconds."""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from typing import overload


def now_ms() -> int:
    """The current time in integer UTC milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


@overload
def ms_to_datetime(value: int) -> datetime: ...
@overload
def ms_to_datetime(value: None) -> None: ...
@overload
def ms_to_datetime(value: int | None) -> datetime | None: ...


def ms_to_datetime(value: int | None) -> datetime | None:
    """Milliseconds to an aware UTC datetime (``None`` stays ``None``)."""
    if value is None:
        return None
    return datetime.fromtimestamp(value / 1000, tz=timezone.utc)


def datetime_to_ms(value: datetime) -> int:
    """An aware or naive-UTC datetime to integer milliseconds."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return int(value.timestamp() * 1000)


_FRACTION = re.compile(r"(?<=T\d\d:\d\d:\d\d)\.(\d+)")


def parse_iso8601(text: str) -> datetime:
    """An ISO 8601 date-time (``Z`` or an offset, any number of fractional digits) as an aware
    datetime; a time without zone is UTC. The same answer on every supported Python: before
    3.11, ``datetime.fromisoformat`` takes neither ``Z`` nor fractions other than 3 or 6
    digits. Raises ``ValueError`` for anything else."""
    value = text.strip()
    if value[-1:] in ("Z", "z"):
        value = value[:-1] + "+00:00"
    value = _FRACTION.sub(lambda match: "." + (match.group(1) + "000000")[:6], value, count=1)
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
