"""Who belongs to which space of a domain, and with which role: what every face's request
context is made of (``Services.context_for``).

A profile is a member of its private space and of every shared space that lists it (a shared
space with no member list is open to the whole domain). Read from the store on each request, so
a profile added to or dropped from a space, or given another role, counts at once.
"""

from __future__ import annotations

from dataclasses import dataclass

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
