"""Access keys of user profiles: what signs a user's requests to the AWS faces.

A key is an IAM-shaped pair (``AKIA…`` id, 40-character secret). The secret is kept encrypted
with the server's key file (Fernet: AES-128-CBC with an HMAC; every server of a domain reads the
same file), given to its user once, when the key is made, and never logged or described again.
SigV4 verification asks :meth:`AccessKeyService.signer` for the secret of the key a request
names, from the store each time: a key made inactive or deleted stops signing at once.

The server's own key (its token, see ``awsenv.keys``) still signs for the server's own user.
"""

from __future__ import annotations

import os
import re
import secrets
import string
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet

from ..core.clock import now_ms
from ..core.context import RequestContext
from .orm import AccessKeyRecord
from .profile_secrets import ProfileSecretStore

#: IAM's limit of access keys per user.
MAX_KEYS_PER_PROFILE = 2
_ID_ALPHABET = string.ascii_uppercase + "234567"
_KEY_ID = re.compile(r"^AKIA[A-Z2-7]{16}$")
_KEY_IN_TEXT = re.compile(r"(?<![A-Z0-9])AKIA[A-Z2-7]{16}(?![A-Z0-9])")
_SECRET_ALPHABET = string.ascii_letters + string.digits + "+/"


def is_profile_key(access_key_id: str) -> bool:
    """Whether ``access_key_id`` has the shape of a profile's key (other names are the server's
    own user signing with its token, and need no look-up in the store)."""
    return _KEY_ID.match(access_key_id) is not None


def keys_named_in(*texts: str) -> set[str]:
    """Profile key ids a request's ``Authorization`` header or query string names (unverified:
    what to look up before verifying the signature)."""
    return {match for text in texts for match in _KEY_IN_TEXT.findall(text or "")}


def load_cipher_key(path: Path) -> bytes:
    """The Fernet key in ``path``: made (readable by its owner only) when missing."""
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        key = Fernet.generate_key()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another server of the domain made it meanwhile
            return path.read_bytes().strip()
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key)
        return key


@dataclass(frozen=True)
class NewAccessKey:
    """A key just made: the only time its secret is shown."""

    access_key_id: str
    secret_access_key: str
    user_profile: str
    domain: str
    status: str
    creation_time: int
    purpose: str = "user"

    def __repr__(self) -> str:  # never show the secret, even in a traceback
        return f"NewAccessKey({self.access_key_id!r}, user_profile={self.user_profile!r})"


@dataclass(frozen=True)
class KeyMetadata:
    """A key as listed: no secret."""

    access_key_id: str
    user_profile: str
    domain: str
    status: str
    creation_time: int
    purpose: str = "user"
    last_used_time: int | None = None


@dataclass(frozen=True)
class Signer:
    """Who a verified access key speaks for, and the secret to verify it with."""

    secret: str
    domain: str
    user_profile: str
    space: str

    def __repr__(self) -> str:  # never show the secret, even in a traceback
        return f"Signer(domain={self.domain!r}, user_profile={self.user_profile!r})"


class AccessKeyService(ProfileSecretStore):
    """Create, list, deactivate and delete profiles' access keys; find a key's signer."""

    record = AccessKeyRecord
    id_column = "access_key_id"
    what = "access keys"
    quota = MAX_KEYS_PER_PROFILE
    status_field = "Status"

    def quota_message(self, profile: str) -> str:
        return f"Cannot exceed quota for AccessKeysPerUser: {MAX_KEYS_PER_PROFILE}"

    def missing_message(self, profile: str, secret_id: str) -> str:
        return f"The Access Key with id {secret_id} cannot be found."

    def missing_profile_message(self, domain: str, profile: str) -> str:
        return f"The user with name {profile} cannot be found."

    def create(self, context: RequestContext, domain: str, profile: str) -> NewAccessKey:
        """A new active key for ``profile`` (IAM's ``CreateAccessKey``)."""
        self._may_manage(context, domain, profile)
        return self._make(domain, profile, "user")

    def kernel_key(self, domain: str, profile: str) -> tuple[str, str]:
        """(key id, secret) of the key the server gives ``profile``'s kernels: its active
        kernel key, or a new one when it has none (never made, revoked or deleted). Counted
        apart from IAM's two keys a user makes."""
        kept = self.kernel_secret(domain, profile)
        if kept is not None:
            return kept
        made = self._make(domain, profile, "kernel")
        return made.access_key_id, made.secret_access_key

    def _make(self, domain: str, profile: str, purpose: str) -> NewAccessKey:
        key_id = "AKIA" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(16))
        secret = "".join(secrets.choice(_SECRET_ALPHABET) for _ in range(40))
        moment = self.store(domain, profile, purpose, key_id, secret)
        return NewAccessKey(key_id, secret, profile, domain, "Active", moment, purpose)

    def list(self, context: RequestContext, domain: str, profile: str) -> list[KeyMetadata]:
        return [
            KeyMetadata(
                row.access_key_id,
                row.owner,
                row.domain,
                row.status,
                row.creation_time,
                row.purpose,
                row.last_used_time,
            )
            for row in self.records(context, domain, profile)
        ]

    def signer(self, access_key_id: str) -> Signer | None:
        """The signer of an active key; ``None`` for a key that is not a profile's."""
        with self.database.session() as session:
            record = self.lookup(session, access_key_id)
            if record is None:
                return None
            if record.status != "Active":
                return Signer("", record.domain, record.owner, record.space)
            record.last_used_time = now_ms()
        # ``None``: encrypted with another key file, the key cannot sign here.
        secret = self.decrypt(record.secret_ciphertext) or ""
        return Signer(secret, record.domain, record.owner, record.space)
