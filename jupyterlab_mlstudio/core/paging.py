"""Opaque paging tokens for list calls (``max_items`` / ``next_token``)."""

from __future__ import annotations

import base64
import json
from typing import Any

from .errors import InvalidInput


def encode_token(position: dict[str, Any]) -> str:
    """Encode a list position as an opaque, URL-safe token."""
    raw = json.dumps(position, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str | None, field: str = "next_token") -> dict[str, Any] | None:
    """Decode a token made by :func:`encode_token`; a damaged token is the caller's mistake."""
    if not token:
        return None
    try:
        padded = token + "=" * (-len(token) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidInput(f"{field}: not a token this server issued", field=field) from error
    if not isinstance(value, dict):
        raise InvalidInput(f"{field}: not a token this server issued", field=field)
    return value
