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

from ..core.clock import now_ms
from ..core.context import RequestContext
from .orm import MlflowTokenRecord
from .profile_secrets import ProfileSecretStore

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


class MlflowTokenService(ProfileSecretStore):
    """Create, list, revoke and delete profiles' MLflow tokens; find a token's holder."""

    record = MlflowTokenRecord
    id_column = "token_id"
    what = "MLflow tokens"
    quota = MAX_TOKENS_PER_PROFILE

    def quota_message(self, profile: str) -> str:
        return f"{profile} already has {MAX_TOKENS_PER_PROFILE} MLflow tokens: delete one first"

    def missing_message(self, profile: str, secret_id: str) -> str:
        return f"MLflow token {secret_id} of {profile} does not exist"

    def missing_profile_message(self, domain: str, profile: str) -> str:
        return f"User profile {profile} does not exist in domain {domain}"

    def create(self, context: RequestContext, domain: str, profile: str) -> NewToken:
        self._may_manage(context, domain, profile)
        return self._make(domain, profile, "user")

    def kernel_token(self, domain: str, profile: str) -> str:
        """The token the server gives ``profile``'s kernels: its active kernel token, or a new
        one when it has none."""
        kept = self.kernel_secret(domain, profile)
        if kept is not None:
            token_id, secret = kept
            return f"{PREFIX}{token_id}_{secret}"
        return self._make(domain, profile, "kernel").token

    def list(self, context: RequestContext, domain: str, profile: str) -> list[TokenMetadata]:
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
            for row in self.records(context, domain, profile)
        ]

    def holder(self, token: str) -> TokenHolder | None:
        """Whom an active ``token`` speaks for; None for anything else (unknown, revoked,
        a wrong secret)."""
        match = _TOKEN.match(token or "")
        if match is None:
            return None
        token_id, secret = match.groups()
        with self.database.session() as session:
            record = self.lookup(session, token_id)
            if record is None or record.status != "Active":
                return None
            kept = self.decrypt(record.secret_ciphertext)
            if kept is None:
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
        moment = self.store(domain, profile, purpose, token_id, secret)
        return NewToken(
            token_id, f"{PREFIX}{token_id}_{secret}", profile, domain, "Active", moment, purpose
        )
