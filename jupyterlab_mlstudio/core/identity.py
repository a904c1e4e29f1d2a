"""Who owns a record, whatever the identity provider."""

from __future__ import annotations

import functools
import getpass
import os
from typing import Any

from jupyter_server.auth.identity import IdentityProvider, PasswordIdentityProvider

#: What JupyterHub tells every server it spawns (and so every kernel that server starts): the
#: name of the hub user the server belongs to.
HUB_USER_VARIABLE = "JUPYTERHUB_USER"


def local_user() -> str:
    """The person this server (or a kernel or job it started) works for: the JupyterHub user
    it was spawned for, else the operating-system account it runs as.

    Under a hub the account may be shared (a container's ``jovyan``, the hub's own account in a
    trial), so the hub's name is the only one that tells users apart.
    """
    hub_user = os.environ.get(HUB_USER_VARIABLE, "").strip()
    if hub_user:
        return hub_user
    for name in _ACCOUNT_VARIABLES:
        account = os.environ.get(name)
        if account:
            return account
    return _account()


#: Where ``getpass.getuser`` looks first for the account's name.
_ACCOUNT_VARIABLES = ("LOGNAME", "USER", "LNAME", "USERNAME")


@functools.cache
def _account() -> str:
    """The operating-system account this process runs as, from the user database (read once:
    on every request it cost about 80 µs)."""
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
