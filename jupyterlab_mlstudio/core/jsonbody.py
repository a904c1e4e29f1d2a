"""Request bodies as JSON, refused before they can hurt the server: one loader for every face.

Python's parser recurses once per nesting level, so ``[[[[...]]]]`` a few thousand deep ended
a request in ``RecursionError`` (a 500), and text that JSON allows but nothing downstream can
hold (a lone UTF-16 surrogate such as ``"\\ud800"``, which cannot be encoded as UTF-8; a NUL,
which PostgreSQL cannot store) failed deep in a service. :func:`parse_json` refuses all of these
with :class:`InvalidInput` (a 400 in each face's own error shape) before any service sees them.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .errors import InvalidInput

#: How deeply objects and arrays may nest in a request body; no API shape of the server comes
#: near it (SageMaker's deepest request shapes nest about a dozen levels).
MAX_DEPTH = 64

#: A JSON string (with its escapes) or a bracket: what a depth count must look at.
_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
#: Escapes that may hide a lone surrogate or a NUL.
_SUSPECT = re.compile(rb"\\u(?:[dD][89a-fA-F][0-9a-fA-F]{2}|0000)")
_OPEN = frozenset(b"[{")


def check_depth(raw: bytes, limit: int = MAX_DEPTH) -> None:
    """Refuse ``raw`` if its objects and arrays nest deeper than ``limit``."""
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return
    depth = 0
    for match in _TOKEN.finditer(raw):
        first = match.group()[0]
        if first in _OPEN:
            depth += 1
            if depth > limit:
                raise InvalidInput(
                    f"The request body nests objects and arrays deeper than {limit} levels.",
                    field="body",
                )
        elif first != 0x22:  # a closing bracket; strings are skipped whole
            depth -= 1


def _check_text(value: Any, path: str) -> None:
    if isinstance(value, str):
        if "\x00" in value:
            raise InvalidInput(f"{path}: text may not contain NUL characters.", field=path)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise InvalidInput(
                f"{path}: not valid Unicode text (a lone UTF-16 surrogate such as "
                f"\\u{ord(value[error.start]):04x}).",
                field=path,
            ) from error
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key, path)
            _check_text(item, f"{path}.{key}" if path != "body" else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_text(item, f"{path}.{index}")


def parse_json(raw: bytes | str, limit: int = MAX_DEPTH) -> Any:
    """``raw`` parsed as JSON; malformed, too deep or not valid text is :class:`InvalidInput`."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    check_depth(data, limit)
    try:
        value = json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise InvalidInput(f"The request body is not valid JSON: {error}", field="body") from error
    if _SUSPECT.search(data):
        _check_text(value, "body")
    return value
