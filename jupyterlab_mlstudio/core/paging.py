"""Opaque, tamper-evident paging tokens for list calls (``next_token``, ``NextToken``,
``page_token``).

A token carries the position of the next page and a fingerprint of the query it was issued for,
signed with the server's paging key (HMAC-SHA256). A token a client made up or edited
(``{"offset": "x"}``), or one issued for another query (other filters, another sort order), is
refused as :class:`InvalidToken` (a 400: ``InvalidNextToken`` on the REST face,
``ValidationException`` on SageMaker's, ``INVALID_PARAMETER_VALUE`` on MLflow's) instead of
paging through something else or failing deep in the store.

The key is random per process unless the server gives a lasting one (:func:`use_key`, from a
file in its data folder), so tokens survive a restart.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Any

from .errors import InvalidToken

_key = secrets.token_bytes(32)
#: The largest offset a token may hold (a listing never pages further).
MAX_OFFSET = 2**53


def use_key(key: bytes) -> None:
    """Sign and check tokens with ``key`` from now on."""
    global _key
    if len(key) < 16:
        raise ValueError("a paging key needs at least 16 bytes")
    _key = bytes(key)


def load_key(path: Path) -> bytes:
    """The paging key kept in ``path`` (made, readable by its owner only, when missing)."""
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        key = secrets.token_bytes(32)
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key)
    return key


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode((text + "=" * (-len(text) % 4)).encode("ascii"))


def _fingerprint(query: Any) -> str:
    text = json.dumps(query, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _mac(payload: str) -> str:
    return _b64(hmac.new(_key, payload.encode(), hashlib.sha256).digest()[:18])


def encode_token(position: dict[str, Any], query: Any = None) -> str:
    """A token for ``position`` in the listing that ``query`` (its filters and order) made."""
    body = json.dumps({"p": position, "q": _fingerprint(query)}, separators=(",", ":"))
    payload = _b64(body.encode())
    return f"{payload}.{_mac(payload)}"


def decode_token(
    token: str | None, field: str = "next_token", query: Any = None
) -> dict[str, Any] | None:
    """The position in a token from :func:`encode_token` for the same ``query``; ``None`` for
    no token. Anything else is :class:`InvalidToken` naming ``field``."""
    if not token:
        return None
    payload, _, mac = token.partition(".")
    # compare_digest refuses non-ASCII text (a TypeError): such a token was never issued here.
    if not payload or not mac.isascii() or not hmac.compare_digest(_mac(payload), mac):
        raise InvalidToken(f"{field}: not a token this server issued", field=field)
    try:
        body = json.loads(_unb64(payload))
    except (ValueError, UnicodeDecodeError) as error:  # signed, so only after a key change
        raise InvalidToken(f"{field}: not a token this server issued", field=field) from error
    if body.get("q") != _fingerprint(query):
        raise InvalidToken(
            f"{field}: the token belongs to another query (its filters or order differ)",
            field=field,
        )
    position = body.get("p")
    if not isinstance(position, dict):
        raise InvalidToken(f"{field}: not a token this server issued", field=field)
    return position


def decode_offset(token: str | None, field: str = "next_token", query: Any = None) -> int:
    """The offset a token from ``encode_token({"offset": n}, query)`` holds (0 for none)."""
    position = decode_token(token, field, query) or {}
    offset = position.get("offset", 0)
    if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= MAX_OFFSET:
        raise InvalidToken(f"{field}: not a token this server issued", field=field)
    return offset
