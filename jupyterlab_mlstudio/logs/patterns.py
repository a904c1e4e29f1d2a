"""CloudWatch Logs filter patterns for unstructured events (``FilterLogEvents``'s
``filterPattern``): the term syntax.

- ``ERROR`` matches events that contain the term (case-sensitive); several terms must all be
  there (``ERROR Exception``).
- ``"Out of memory"`` is one term with its spaces (and any character but ``"``).
- ``?ERROR ?WARN`` matches events with any of the ``?`` terms (with plain terms as well, the
  plain ones must all be there and at least one ``?`` term).
- ``-Exiting`` excludes events that contain the term (``ERROR -Exiting``; alone, every event
  without it).
- An empty pattern, or ``""``, matches every event.

JSON patterns (``{ $.level = "ERROR" }``), space-delimited ones (``[ip, user, ...]``) and
regular expressions (``%...%``) are refused with a message that says so, never ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.errors import InvalidInput

FIELD = "filterPattern"
#: CloudWatch's limit on a pattern's length.
MAX_LENGTH = 1024
#: What an unquoted term may hold; anything else must be inside double quotes.
_BARE = re.compile(r"[A-Za-z0-9_]+")
_UNSUPPORTED = {
    "{": "JSON filter patterns ({ $.field = value }) are not supported by this server",
    "[": "space-delimited filter patterns ([field, ...]) are not supported by this server",
    "%": "regular-expression filter patterns (%...%) are not supported by this server",
}


@dataclass(frozen=True)
class FilterPattern:
    """A parsed term pattern: ``matches(message)``."""

    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    excluded: tuple[str, ...] = field(default=())

    def matches(self, message: str) -> bool:
        if any(term in message for term in self.excluded):
            return False
        if not all(term in message for term in self.required):
            return False
        return not self.optional or any(term in message for term in self.optional)


def parse(pattern: str | None) -> FilterPattern | None:
    """The pattern, or ``None`` when it matches everything; InvalidInput (CloudWatch's
    InvalidParameterException) naming what is wrong or unsupported."""
    text = (pattern or "").strip()
    if len(text) > MAX_LENGTH:
        raise InvalidInput(f"filterPattern is longer than {MAX_LENGTH} characters", field=FIELD)
    if not text or text == '""':
        return None
    refusal = _UNSUPPORTED.get(text[0])
    if refusal:
        raise InvalidInput(f"{refusal}; use terms, quoted phrases, ?term or -term", field=FIELD)
    required: list[str] = []
    optional: list[str] = []
    excluded: list[str] = []
    position = 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        kind = text[position] if text[position] in "?-" else ""
        start = position + len(kind)
        if start < len(text) and text[start] == '"':
            end = text.find('"', start + 1)
            if end < 0:
                raise InvalidInput(
                    f"filterPattern has an unclosed quote at character {start + 1}", field=FIELD
                )
            term = text[start + 1 : end]
            position = end + 1
            if position < len(text) and not text[position].isspace():
                raise InvalidInput(
                    f"filterPattern needs a space after the quoted term {text[start : end + 1]}",
                    field=FIELD,
                )
        else:
            end = start
            while end < len(text) and not text[end].isspace():
                end += 1
            term = text[start:end]
            position = end
            if not term:
                raise InvalidInput(
                    f"filterPattern has {kind!r} without a term after it", field=FIELD
                )
            if not _BARE.fullmatch(term):
                raise InvalidInput(
                    f"filterPattern term {term!r} holds characters that must be inside double "
                    'quotes (for example "' + term.replace('"', "") + '")',
                    field=FIELD,
                )
        if not term:
            continue
        {"": required, "?": optional, "-": excluded}[kind].append(term)
    return FilterPattern(tuple(required), tuple(optional), tuple(excluded))
