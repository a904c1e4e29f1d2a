"""Who owns a record, whatever the identity provider."""

from __future__ import annotations

import getpass
from typing import Any

from jupyter_server.auth.identity import IdentityProvider, PasswordIdentityProvider


def local_user() -> str:
    """The operating-system account the server runs as."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "user"


def owner_name(identity_provider: IdentityProvider, user: Any) -> str:
    """The owner recorded for ``user``.

    With Jupyter's own token or password login (one person per server) the identity provider
    invents an anonymous name per browser, so the server's account names the owner instead.
    Identity providers that know real users (JupyterHub) give their user name.
    """
    if type(identity_provider) in (IdentityProvider, PasswordIdentityProvider) or user is None:
        return local_user()
    return str(getattr(user, "username", None) or local_user())
