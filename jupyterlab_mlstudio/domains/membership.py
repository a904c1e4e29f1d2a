"""Who belongs to which space of a domain, and with which role: what every face's request
context is made of (``Services.context_for``).

A profile is a member of its private space and of every shared space that lists it (a shared
space with no member list is open to the whole domain).

Every request needs its caller's membership (two queries), so :class:`Memberships` remembers
it. A profile added, dropped or given another role, or a space made, changed or deleted, through
this server counts at once: the store tells the cache after every such commit and the cache
forgets all it holds. Another server of a shared domain (one PostgreSQL store) changes what this
one remembers within :data:`MEMBERSHIP_SECONDS`, after which an entry is read again.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select

from ..store import Database
from .orm import SpaceRecord, UserProfileRecord


@dataclass(frozen=True)
class Membership:
    """A profile's role and the spaces whose records it sees."""

    profile: str
    role: str
    private_space: str
    spaces: tuple[str, ...]


def membership(database: Database, domain: str, profile: str) -> Membership | None:
    """``profile``'s membership in ``domain``; None when the domain has no such profile."""
    with database.session() as session:
        found = session.execute(
            select(UserProfileRecord.role, UserProfileRecord.space).where(
                UserProfileRecord.domain == domain, UserProfileRecord.name == profile
            )
        ).first()
        if found is None:
            return None
        rows = session.execute(
            select(
                SpaceRecord.name,
                SpaceRecord.sharing_type,
                SpaceRecord.owner_profile,
                SpaceRecord.members,
            ).where(SpaceRecord.domain == domain)
        ).all()
    role, private_space = found
    spaces = {private_space}
    for name, sharing_type, owner, members in rows:
        if sharing_type == "Private":
            if owner == profile:
                spaces.add(name)
        elif not members or profile in members:
            spaces.add(name)
    return Membership(profile, role, private_space, tuple(sorted(spaces)))


#: How long a remembered membership is trusted when nothing changed it through this server
#: (what bounds the delay of a change made by another server of the domain).
MEMBERSHIP_SECONDS = 2.0
#: Memberships remembered at most (all are forgotten when there would be more).
MAX_REMEMBERED = 4096


class Unknown:
    """The type of :data:`UNKNOWN`."""

    def __repr__(self) -> str:
        return "UNKNOWN"


#: What :meth:`Memberships.known` answers when only the store can tell.
UNKNOWN: Final = Unknown()


class Memberships:
    """:func:`membership`, remembered per domain and profile; forgotten after every commit that
    changes a profile or a space (``Database.on_change``), and read again after
    ``seconds`` in any case.

    Safe from any thread. A read that raced with a change (it began before the change's commit
    and ended after it) is answered but not remembered.
    """

    def __init__(self, database: Database, seconds: float = MEMBERSHIP_SECONDS) -> None:
        self.database = database
        self.seconds = seconds
        self._lock = threading.Lock()
        #: Bumped by every change; an entry read under an older one is not remembered.
        self._generation = 0
        self._entries: dict[tuple[str, str], tuple[float, Membership | None]] = {}
        database.on_change((UserProfileRecord, SpaceRecord), self.forget)

    def known(self, domain: str, profile: str) -> Membership | Unknown | None:
        """The membership when it is remembered and fresh (no store access: safe on the event
        loop); :data:`UNKNOWN` otherwise."""
        entry = self._entries.get((domain, profile))
        if entry is None or time.monotonic() - entry[0] >= self.seconds:
            return UNKNOWN
        return entry[1]

    def get(self, domain: str, profile: str) -> Membership | None:
        """``profile``'s membership in ``domain``, from memory or else from the store."""
        found = self.known(domain, profile)
        if not isinstance(found, Unknown):
            return found
        generation = self._generation
        moment = time.monotonic()
        found = membership(self.database, domain, profile)
        with self._lock:
            if generation == self._generation:
                if len(self._entries) >= MAX_REMEMBERED:
                    self._entries.clear()
                self._entries[(domain, profile)] = (moment, found)
        return found

    def forget(self) -> None:
        """Forget every membership (a profile or a space changed)."""
        with self._lock:
            self._generation += 1
            self._entries.clear()
