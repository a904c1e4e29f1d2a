"""Who is asking, and in which domain and space: carried from the face down to every record.

A caller sees the records of the spaces they are a member of (``RequestContext.spaces``) and no
others; every service filters its reads with :func:`visible` (a query's clause) or
:func:`sees` (a loaded record), so a record of another space is missing on every face alike.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import and_

DEFAULT_DOMAIN = "d-default"
DEFAULT_SPACE = "default"
#: Where a handler keeps the caller's request context once looked up (the authorizer and the
#: face share it; the AWS and S3 faces set it from the access key that signed).
CONTEXT_ATTRIBUTE = "mlstudio_context"


@dataclass(frozen=True)
class RequestContext:
    """The caller of a service method: every record it writes carries ``domain``, ``space`` and
    ``owner``.

    ``spaces`` are the spaces whose records the caller sees (their private space and the shared
    spaces that list them); ``None`` is the server's own work (a supervisor re-adopting a job,
    start-up), which acts on a record it already holds and needs no membership.
    """

    owner: str
    domain: str = DEFAULT_DOMAIN
    space: str = DEFAULT_SPACE
    spaces: tuple[str, ...] | None = None
    #: The caller's role in ``domain`` (``admin``, ``member`` or ``viewer``).
    role: str = "admin"
    #: The face the request came through (``rest``, ``aws``, ``mlflow``, ``s3``), for the audit
    #: log; empty for the server's own work.
    face: str = ""


def owned(context: RequestContext) -> dict[str, str]:
    """The ``domain``, ``space`` and ``owner`` columns of a record ``context`` writes."""
    return {"domain": context.domain, "space": context.space, "owner": context.owner}


def visible(record_type: Any, context: RequestContext) -> Any:
    """The SQL clause of ``record_type`` rows the caller sees: their domain's, in their
    spaces."""
    clause = record_type.domain == context.domain
    if context.spaces is None:
        return clause
    return and_(clause, record_type.space.in_(context.spaces))


def sees(context: RequestContext, record: Any) -> bool:
    """Whether the caller sees ``record`` (a loaded row with ``domain`` and ``space``)."""
    return record is not None and member_of(context, record.domain, record.space)


def domain_wide(context: RequestContext) -> RequestContext:
    """``context`` seeing every space of its domain: for what a domain shares (its kernel
    images and their configs, as SageMaker attaches images to a domain)."""
    return replace(context, spaces=None)


def member_of(context: RequestContext, domain: str, space: str) -> bool:
    """Whether the caller sees the records of ``space`` in ``domain``."""
    if domain != context.domain:
        return False
    return context.spaces is None or space in context.spaces
