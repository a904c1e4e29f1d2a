"""What access keys and MLflow tokens share: a profile's secret kept encrypted in the store.

Both are a public id (in the clear, what a request is looked up by) and a secret encrypted with
the server's key file (Fernet), ``Active`` or ``Inactive``, made by their user (counted against
a quota) or by the server for the profile's kernels (``purpose`` ``kernel``, not counted).
:class:`ProfileSecretStore` holds the storing, listing, revoking and deleting of such a record;
``keys.AccessKeyService`` and ``tokens.MlflowTokenService`` say only what differs: the shape of
the id and secret, the quota and the wording of their errors.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import func, select, update

from ..core.clock import now_ms
from ..core.context import RequestContext
from ..core.errors import Forbidden, InvalidInput, LimitExceeded, NotFound
from ..store import Database
from .orm import UserProfileRecord
from .service import profile_name_for


def may_manage(domains: Any, context: RequestContext, domain: str, profile: str, what: str) -> None:
    """A profile manages its own credentials; an admin of the domain (or of the caller's own
    domain, the server's own user on a single-user server) manages anyone's."""
    caller = profile_name_for(context.owner)
    if context.domain == domain and caller == profile:
        return
    for where in (domain, context.domain):
        if domains.role(where, caller) == "admin":
            return
    raise Forbidden(f"User {context.owner} may not manage the {what} of {profile}")


class ProfileSecretStore:
    """Stores one kind of profile secret: subclasses name the record class, its id column, what
    the secrets are called, the quota, and the messages of their errors."""

    #: The ORM class (``domain``, ``space``, ``owner``, the id column, ``secret_ciphertext``,
    #: ``status``, ``purpose``, ``creation_time``, ``last_used_time``).
    record: Any
    #: The name of the record's public id column.
    id_column: str
    #: What the secrets are called in a refusal ("access keys").
    what: str
    #: How many a profile may make itself.
    quota: int
    #: The field a bad status is reported against.
    status_field = "status"

    def __init__(self, database: Database, cipher_key: bytes, domains: Any) -> None:
        self.database = database
        self._fernet = Fernet(cipher_key)
        self.domains = domains

    # -- what subclasses word for themselves ----------------------------------------------

    def quota_message(self, profile: str) -> str:
        raise NotImplementedError

    def missing_message(self, profile: str, secret_id: str) -> str:
        raise NotImplementedError

    def missing_profile_message(self, domain: str, profile: str) -> str:
        raise NotImplementedError

    # -- shared ---------------------------------------------------------------------------

    def _may_manage(self, context: RequestContext, domain: str, profile: str) -> None:
        may_manage(self.domains, context, domain, profile, self.what)

    def _id(self) -> Any:
        return getattr(self.record, self.id_column)

    def encrypt(self, secret: str) -> str:
        return self._fernet.encrypt(secret.encode()).decode()

    def decrypt(self, ciphertext: str) -> str | None:
        """The secret, or ``None`` when it was encrypted with another key file."""
        try:
            return self._fernet.decrypt(ciphertext.encode()).decode()
        except InvalidToken:
            return None

    def kernel_secret(self, domain: str, profile: str) -> tuple[str, str] | None:
        """(id, secret) of ``profile``'s newest active kernel record that this server can
        decrypt; ``None`` when there is none."""
        record = self.record
        with self.database.session() as session:
            rows = session.scalars(
                select(record)
                .where(
                    record.domain == domain,
                    record.owner == profile,
                    record.purpose == "kernel",
                    record.status == "Active",
                )
                .order_by(record.id.desc())
            ).all()
        for row in rows:
            secret = self.decrypt(row.secret_ciphertext)
            if secret is not None:
                return getattr(row, self.id_column), secret
        return None

    def store(self, domain: str, profile: str, purpose: str, secret_id: str, secret: str) -> int:
        """Keep a new active record (refused past the quota for ``user`` ones); its creation
        time."""
        record = self.record
        moment = now_ms()
        with self.database.session() as session:
            space = self.profile_space(session, domain, profile)
            count = session.scalar(
                select(func.count(record.id)).where(
                    record.domain == domain,
                    record.owner == profile,
                    record.purpose == "user",
                )
            )
            if purpose == "user" and (count or 0) >= self.quota:
                raise LimitExceeded(self.quota_message(profile))
            session.add(
                record(
                    domain=domain,
                    space=space,
                    owner=profile,
                    secret_ciphertext=self.encrypt(secret),
                    status="Active",
                    purpose=purpose,
                    creation_time=moment,
                    **{self.id_column: secret_id},
                )
            )
        return moment

    def records(self, context: RequestContext, domain: str, profile: str) -> list[Any]:
        """``profile``'s records, oldest first (for a caller who may manage them)."""
        self._may_manage(context, domain, profile)
        record = self.record
        with self.database.session() as session:
            self.profile_space(session, domain, profile)
            return list(
                session.scalars(
                    select(record)
                    .where(record.domain == domain, record.owner == profile)
                    .order_by(record.creation_time, record.id)
                ).all()
            )

    def set_status(
        self, context: RequestContext, domain: str, profile: str, secret_id: str, status: str
    ) -> None:
        """``Inactive`` revokes at once, ``Active`` restores."""
        if status not in ("Active", "Inactive"):
            raise InvalidInput("Status must be Active or Inactive", field=self.status_field)
        self._may_manage(context, domain, profile)
        record = self.record
        with self.database.session() as session:
            changed = session.execute(
                update(record)
                .where(record.domain == domain, record.owner == profile, self._id() == secret_id)
                .values(status=status)
            )
            if not changed.rowcount:  # type: ignore[attr-defined]
                raise NotFound(self.missing_message(profile, secret_id))

    def delete(self, context: RequestContext, domain: str, profile: str, secret_id: str) -> None:
        """The record stops authenticating at once and is gone."""
        self._may_manage(context, domain, profile)
        record = self.record
        with self.database.session() as session:
            found = session.scalar(
                select(record).where(
                    record.domain == domain, record.owner == profile, self._id() == secret_id
                )
            )
            if found is None:
                raise NotFound(self.missing_message(profile, secret_id))
            session.delete(found)

    def lookup(self, session: Any, secret_id: str) -> Any:
        """The record of ``secret_id`` in ``session``, or ``None``."""
        return session.scalar(select(self.record).where(self._id() == secret_id))

    def profile_space(self, session: Any, domain: str, profile: str) -> str:
        space = session.scalar(
            select(UserProfileRecord.space).where(
                UserProfileRecord.domain == domain, UserProfileRecord.name == profile
            )
        )
        if space is None:
            raise NotFound(self.missing_profile_message(domain, profile))
        return str(space)
