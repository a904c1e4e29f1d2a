"""Tokens of user profiles for the MLflow face: what ``MLFLOW_TRACKING_TOKEN`` carries.

A token reads ``mlst_<id>_<secret>``: the id (in the clear) finds its record, the secret is
kept encrypted with the same key file as access keys' secrets (so the server can hand a
profile's kernels their token) and compared in constant time. A token is shown to its user
once, when it is made; revoking (``Inactive``) or deleting it stops it at once, since every
request looks it up in the store.
"""

from __future__ import annotations

import hmac
import re
import secrets
import string
from dataclasses import dataclass
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import func, select, update

from ..core.clock import now_ms
from ..core.context import RequestContext
from ..core.errors import InvalidInput, LimitExceeded, NotFound
from ..store import Database
from .keys import may_manage
from .orm import MlflowTokenRecord, UserProfileRecord

#: Tokens a profile may make for itself (the kernels' own is counted apart).
MAX_TOKENS_PER_PROFILE = 5
PREFIX = "mlst_"
_ID_ALPHABET = string.ascii_uppercase + "234567"
_TOKEN = re.compile(r"^mlst_([A-Z2-7]{16})_([A-Za-z0-9]{40})$")


def is_profile_token(value: str) -> bool:
    """Whether ``value`` has the shape of a profile's MLflow token."""
    return _TOKEN.match(value or "") is not None


@dataclass(frozen=True)
class NewToken:
    """A token just made: the only time it is shown."""

    token_id: str
    token: str
    user_profile: str
    domain: str
    status: str
    creation_time: int
    purpose: str = "user"

    def __repr__(self) -> str:
        return f"NewToken({self.token_id!r}, user_profile={self.user_profile!r})"


@dataclass(frozen=True)
class TokenMetadata:
    """A token as listed: its id, never its secret."""

    token_id: str
    user_profile: str
    domain: str
    status: str
    creation_time: int
    purpose: str
    last_used_time: int | None


@dataclass(frozen=True)
class TokenHolder:
    """Whom a verified token speaks for."""

    domain: str
    user_profile: str
    space: str


class MlflowTokenService:
    """Create, list, revoke and delete profiles' MLflow tokens; find a token's holder."""

    def __init__(self, database: Database, cipher_key: bytes, domains: Any) -> None:
        self.database = database
        self._fernet = Fernet(cipher_key)
        self.domains = domains

    def create(self, context: RequestContext, domain: str, profile: str) -> NewToken:
        may_manage(self.domains, context, domain, profile, "MLflow tokens")
        return self._make(domain, profile, "user")

    def kernel_token(self, domain: str, profile: str) -> str:
        """The token the server gives ``profile``'s kernels: its active kernel token, or a new
        one when it has none."""
        with self.database.session() as session:
            rows = session.scalars(
                select(MlflowTokenRecord)
                .where(
                    MlflowTokenRecord.domain == domain,
                    MlflowTokenRecord.owner == profile,
                    MlflowTokenRecord.purpose == "kernel",
                    MlflowTokenRecord.status == "Active",
                )
                .order_by(MlflowTokenRecord.id.desc())
            ).all()
        for row in rows:
            try:
                secret = self._fernet.decrypt(row.secret_ciphertext.encode()).decode()
            except InvalidToken:
                continue
            return f"{PREFIX}{row.token_id}_{secret}"
        return self._make(domain, profile, "kernel").token

    def list(self, context: RequestContext, domain: str, profile: str) -> list[TokenMetadata]:
        may_manage(self.domains, context, domain, profile, "MLflow tokens")
        with self.database.session() as session:
            self._profile_space(session, domain, profile)
            rows = session.scalars(
                select(MlflowTokenRecord)
                .where(MlflowTokenRecord.domain == domain, MlflowTokenRecord.owner == profile)
                .order_by(MlflowTokenRecord.creation_time, MlflowTokenRecord.id)
            ).all()
        return [
            TokenMetadata(
                row.token_id,
                row.owner,
                row.domain,
                row.status,
                row.creation_time,
                row.purpose,
                row.last_used_time,
            )
            for row in rows
        ]

    def set_status(
        self, context: RequestContext, domain: str, profile: str, token_id: str, status: str
    ) -> None:
        """``Inactive`` revokes the token at once; ``Active`` restores it."""
        if status not in ("Active", "Inactive"):
            raise InvalidInput("Status must be Active or Inactive", field="status")
        may_manage(self.domains, context, domain, profile, "MLflow tokens")
        with self.database.session() as session:
            changed = session.execute(
                update(MlflowTokenRecord)
                .where(
                    MlflowTokenRecord.domain == domain,
                    MlflowTokenRecord.owner == profile,
                    MlflowTokenRecord.token_id == token_id,
                )
                .values(status=status)
            )
            if not changed.rowcount:  # type: ignore[attr-defined]
                raise NotFound(f"MLflow token {token_id} of {profile} does not exist")

    def delete(self, context: RequestContext, domain: str, profile: str, token_id: str) -> None:
        may_manage(self.domains, context, domain, profile, "MLflow tokens")
        with self.database.session() as session:
            record = session.scalar(
                select(MlflowTokenRecord).where(
                    MlflowTokenRecord.domain == domain,
                    MlflowTokenRecord.owner == profile,
                    MlflowTokenRecord.token_id == token_id,
                )
            )
            if record is None:
                raise NotFound(f"MLflow token {token_id} of {profile} does not exist")
            session.delete(record)

    def holder(self, token: str) -> TokenHolder | None:
        """Whom an active ``token`` speaks for; None for anything else (unknown, revoked,
        a wrong secret)."""
        match = _TOKEN.match(token or "")
        if match is None:
            return None
        token_id, secret = match.groups()
        with self.database.session() as session:
            record = session.scalar(
                select(MlflowTokenRecord).where(MlflowTokenRecord.token_id == token_id)
            )
            if record is None or record.status != "Active":
                return None
            try:
                kept = self._fernet.decrypt(record.secret_ciphertext.encode()).decode()
            except InvalidToken:
                return None
            if not hmac.compare_digest(kept.encode(), secret.encode()):  # any text, no TypeError
                return None
            record.last_used_time = now_ms()
            return TokenHolder(record.domain, record.owner, record.space)

    # -- internals --------------------------------------------------------------------------

    def _make(self, domain: str, profile: str, purpose: str) -> NewToken:
        token_id = "".join(secrets.choice(_ID_ALPHABET) for _ in range(16))
        alphabet = string.ascii_letters + string.digits
        secret = "".join(secrets.choice(alphabet) for _ in range(40))
        moment = now_ms()
        with self.database.session() as session:
            space = self._profile_space(session, domain, profile)
            count = session.scalar(
                select(func.count(MlflowTokenRecord.id)).where(
                    MlflowTokenRecord.domain == domain,
                    MlflowTokenRecord.owner == profile,
                    MlflowTokenRecord.purpose == "user",
                )
            )
            if purpose == "user" and (count or 0) >= MAX_TOKENS_PER_PROFILE:
                raise LimitExceeded(
                    f"{profile} already has {MAX_TOKENS_PER_PROFILE} MLflow tokens: delete one "
                    "first"
                )
            session.add(
                MlflowTokenRecord(
                    domain=domain,
                    space=space,
                    owner=profile,
                    token_id=token_id,
                    secret_ciphertext=self._fernet.encrypt(secret.encode()).decode(),
                    status="Active",
                    purpose=purpose,
                    creation_time=moment,
                )
            )
        return NewToken(
            token_id, f"{PREFIX}{token_id}_{secret}", profile, domain, "Active", moment, purpose
        )

    @staticmethod
    def _profile_space(session: Any, domain: str, profile: str) -> str:
        space = session.scalar(
            select(UserProfileRecord.space).where(
                UserProfileRecord.domain == domain, UserProfileRecord.name == profile
            )
        )
        if space is None:
            raise NotFound(f"User profile {profile} does not exist in domain {domain}")
        return str(space)
