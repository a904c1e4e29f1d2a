"""The request context of a user of any face: their role in a domain, the spaces they are a
member of and the space they write in, from their (remembered) membership."""

from __future__ import annotations

from ..core.context import RequestContext
from ..core.identity import local_user
from .membership import Membership, Memberships, Unknown
from .service import profile_name_for


class Contexts:
    """Makes request contexts for the server of ``default_domain`` / ``default_space``."""

    def __init__(self, memberships: Memberships, default_domain: str, default_space: str) -> None:
        self.memberships = memberships
        self.default_domain = default_domain
        self.default_space = default_space

    def context_for(self, owner: str, domain: str | None = None, face: str = "") -> RequestContext:
        """The request context of ``owner`` (a user of a face) in ``domain`` (default: the
        server's): their role, the spaces they are a member of, and the space they write in
        (the server's own space when they are a member of it, else their private space).

        A user with no profile in the domain sees nothing, except the server's own user (a hub
        user whose profile is not made yet), who works in the server's space as a member.
        Memberships are remembered (``domains/membership.py``): this may read the store.
        """
        domain = domain or self.default_domain
        found = self.memberships.get(domain, profile_name_for(owner))
        return self._context(owner, domain, face, found)

    def known_context(
        self, owner: str, domain: str | None = None, face: str = ""
    ) -> RequestContext | None:
        """:meth:`context_for` when the membership is remembered (no store access, so a handler
        may call it on the event loop); ``None`` when only the store can tell."""
        domain = domain or self.default_domain
        found = self.memberships.known(domain, profile_name_for(owner))
        if isinstance(found, Unknown):
            return None
        return self._context(owner, domain, face, found)

    def _context(
        self, owner: str, domain: str, face: str, found: Membership | None
    ) -> RequestContext:
        if found is None:
            own = owner == local_user() and domain == self.default_domain
            return RequestContext(
                owner=owner,
                domain=domain,
                space=self.default_space,
                spaces=(self.default_space,) if own else (),
                role="member" if own else "",
                face=face,
            )
        space = self.default_space if self.default_space in found.spaces else found.private_space
        return RequestContext(
            owner=owner,
            domain=domain,
            space=space,
            spaces=found.spaces,
            role=found.role,
            face=face,
        )

    def server_context(self) -> RequestContext:
        """The server's own work (start-up, kernels' profiles): its user, every space of its
        domain."""
        return RequestContext(
            owner=local_user(), domain=self.default_domain, space=self.default_space
        )
