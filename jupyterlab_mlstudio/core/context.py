"""Who is asking, and in which domain and space: carried from the face down to every record."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_DOMAIN = "d-default"
DEFAULT_SPACE = "default"


@dataclass(frozen=True)
class RequestContext:
    """The caller of a service method: every record it writes carries these three values."""

    owner: str
    domain: str = DEFAULT_DOMAIN
    space: str = DEFAULT_SPACE


def owned(context: RequestContext) -> dict[str, str]:
    """The ``domain``, ``space`` and ``owner`` columns of a record ``context`` writes."""
    return {"domain": context.domain, "space": context.space, "owner": context.owner}
