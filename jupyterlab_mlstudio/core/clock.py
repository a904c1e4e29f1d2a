"""Time as the store keeps it: integer UTC milliseconds."""

from __future__ import annotations

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
