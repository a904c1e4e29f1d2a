"""One-time login links: ``CreatePresignedDomainUrl`` and ``CreatePresignedNotebookInstanceUrl``.

A link carries a random secret; the store keeps only its SHA-256 digest, the hub user it signs
in, where it lands and when it expires. The deployment's sign-in (the hub's
``/hub/mlstudio-login``, ``hub/login.py``) calls :meth:`LoginLinks.consume`, which marks the
link used in the same statement that checks it is unused and unexpired: two requests racing
with one link cannot both get in, and an expired or used link is refused with the reason.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update

from ..core.clock import now_ms
from ..core.context import RequestContext
from ..core.errors import InvalidInput
from ..store import Database
from .orm import LoginLinkRecord

#: SageMaker's bounds of ``ExpiresInSeconds`` (a link's life before it is used) and default.
MIN_EXPIRY_SECONDS = 5
MAX_EXPIRY_SECONDS = 300
DEFAULT_EXPIRY_SECONDS = 300


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Landing:
    """Where a consumed link signs its user in and sends them."""

    user_name: str
    target: str


class LinkRefused(Exception):
    """A link that cannot be used: ``reason`` says why (shown to the person who opened it)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class LoginLinks:
    """Make and consume one-time login links."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def create(
        self,
        context: RequestContext,
        user_name: str,
        target: str,
        expires_in: int | None,
    ) -> str:
        """A new link's secret, valid once within ``expires_in`` seconds."""
        seconds = DEFAULT_EXPIRY_SECONDS if expires_in is None else int(expires_in)
        if not MIN_EXPIRY_SECONDS <= seconds <= MAX_EXPIRY_SECONDS:
            raise InvalidInput(
                f"ExpiresInSeconds must be between {MIN_EXPIRY_SECONDS} and {MAX_EXPIRY_SECONDS}",
                field="ExpiresInSeconds",
            )
        if not target.startswith("/") or target.startswith("//"):
            raise InvalidInput("A login link lands on a path of the hub", field="LandingUri")
        token = secrets.token_urlsafe(32)
        moment = now_ms()
        with self.database.session() as session:
            session.add(
                LoginLinkRecord(
                    domain=context.domain,
                    space=context.space,
                    owner=context.owner,
                    digest=_digest(token),
                    user_name=user_name,
                    target=target,
                    expires_time=moment + seconds * 1000,
                    creation_time=moment,
                )
            )
        return token

    def consume(self, token: str) -> Landing:
        """Use the link: its landing, or :class:`LinkRefused` (unknown, used, expired)."""
        if not token:
            raise LinkRefused("This login link has no token.")
        digest = _digest(token)
        moment = now_ms()
        with self.database.session() as session:
            claimed = session.execute(
                update(LoginLinkRecord)
                .where(
                    LoginLinkRecord.digest == digest,
                    LoginLinkRecord.used_time.is_(None),
                    LoginLinkRecord.expires_time > moment,
                )
                .values(used_time=moment)
            )
            record = session.scalar(select(LoginLinkRecord).where(LoginLinkRecord.digest == digest))
            if claimed.rowcount == 1 and record is not None:  # type: ignore[attr-defined]
                return Landing(record.user_name, record.target)
        if record is None:
            raise LinkRefused("This login link is not valid.")
        if record.used_time is not None and record.used_time <= moment:
            raise LinkRefused("This login link was already used: ask for a new one.")
        raise LinkRefused("This login link has expired: ask for a new one.")
