"""Which of a domain's own records (user profiles, spaces, apps, notebook instances) a caller
sees and may change: the domain's counterpart of ``core.context``'s ``visible``/``sees``.

- An admin sees every profile, space and app of their domain; the admin of the server's own
  domain (the one it made with no set-up, whose admin makes the other domains) sees those of
  every domain. The server's own work (``spaces`` None) sees everything.
- A member or viewer sees their own profile, the spaces they are a member of (their private
  space, shared spaces that list them or are open to the domain) and the apps and notebook
  instances of those spaces.

What a caller does not see answers exactly as what does not exist (``NotFound``), on every
face; what they see but may not change answers ``Forbidden``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, select, true
from sqlalchemy.orm import Session

from ..core.context import RequestContext
from ..core.errors import Forbidden
from .orm import DomainRecord


@dataclass(frozen=True)
class Scope:
    """What one caller sees of the domains' records."""

    #: The caller's domain, profile name and role there, and the spaces they are a member of.
    domain: str
    profile: str
    role: str
    spaces: tuple[str, ...]
    #: Sees every record of every domain (the server's own work, the account's admin).
    everything: bool

    def wide(self, domain: str) -> bool:
        """Whether the caller sees (and, by role, manages) all of ``domain``."""
        return self.everything or (self.role == "admin" and domain == self.domain)

    def sees_space(self, domain: str, space: str) -> bool:
        return self.wide(domain) or (domain == self.domain and space in self.spaces)

    def sees_profile(self, domain: str, name: str) -> bool:
        return self.wide(domain) or (domain == self.domain and name == self.profile)

    def space_clause(self, record_type: Any, column: Any) -> Any:
        """The SQL clause of ``record_type`` rows whose space (``column``) the caller sees."""
        if self.everything:
            return true()
        if self.role == "admin":
            return record_type.domain == self.domain
        return and_(record_type.domain == self.domain, column.in_(self.spaces))

    def profile_clause(self, record_type: Any) -> Any:
        """The SQL clause of the user-profile rows the caller sees."""
        if self.everything:
            return true()
        if self.role == "admin":
            return record_type.domain == self.domain
        return and_(record_type.domain == self.domain, record_type.name == self.profile)

    def require_manager(self, domain: str, what: str) -> None:
        """Refuse unless the caller manages all of ``domain`` (an admin of it)."""
        if not self.wide(domain):
            raise Forbidden(f"Only an admin of domain {domain} may {what}")


def scope_of(session: Session, context: RequestContext) -> Scope:
    """The caller's scope, read with ``session`` (the role and spaces come with ``context``)."""
    from .service import profile_name_for  # service.py builds on this module

    profile = profile_name_for(context.owner)
    if context.spaces is None:
        return Scope(context.domain, profile, context.role, (), everything=True)
    account_admin = False
    if context.role == "admin":
        account_admin = bool(
            session.scalar(
                select(DomainRecord.implicit).where(DomainRecord.domain == context.domain)
            )
        )
    return Scope(
        context.domain, profile, context.role, tuple(context.spaces), everything=account_admin
    )
