"""The project's JupyterHub configuration, as a function that fills only what is unset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from traitlets.config import Config

from .domain import MLStudioDomain

#: The trial's address: loopback only, JupyterHub's usual port.
TRIAL_BIND_URL = "http://127.0.0.1:8000"
#: Who may authorize other users' sign-ups on a trial's native authenticator.
TRIAL_ADMIN = "admin"


def config_file() -> Path:
    """The ready-made configuration (``jupyterhub -f <this>``)."""
    return Path(__file__).resolve().parent / "jupyterhub_config.py"


def _fill(section: Any, name: str, value: Any) -> None:
    """Set ``section.name`` unless the configuration already has it (a user's own choice wins,
    whether it was set before ``configure`` or is set after)."""
    if name not in section:
        setattr(section, name, value)


def configure(c: Config) -> Config:
    """Fill JupyterHub configuration ``c`` with the domain's defaults and return it.

    Sets, where ``c`` has not already: JupyterHub's native authenticator (a trial's admin is
    ``admin``), :class:`~.spawner.TrialSpawner`, JupyterLab as each user's page, a loopback
    address, the hub's own state (database, cookie secret, proxy PID file) under
    ``c.MLStudioDomain.state_dir``. The domain's stores are ``c.MLStudioDomain``'s; a
    configuration for real use sets them and a spawner and authenticator of its own.
    """
    state_dir = Path(MLStudioDomain(config=c).state_dir).resolve()
    state_dir.mkdir(parents=True, exist_ok=True)
    _fill(c.MLStudioDomain, "state_dir", str(state_dir))

    hub = c.JupyterHub
    _fill(hub, "authenticator_class", "native")
    _fill(hub, "spawner_class", "jupyterlab_mlstudio.hub.spawner.TrialSpawner")
    _fill(hub, "bind_url", TRIAL_BIND_URL)
    _fill(hub, "db_url", f"sqlite:///{state_dir / 'jupyterhub.sqlite'}")
    _fill(hub, "cookie_secret_file", str(state_dir / "jupyterhub_cookie_secret"))
    _fill(c.ConfigurableHTTPProxy, "pid_file", str(state_dir / "jupyterhub-proxy.pid"))
    _fill(c.Authenticator, "admin_users", {TRIAL_ADMIN})
    # JupyterHub 5 lets nobody in without an allow rule; the native authenticator's own rule
    # (an admin authorized the sign-up) is the one that counts. Scoped to it, so that another
    # authenticator chosen later does not inherit "everyone".
    _fill(c.NativeAuthenticator, "allow_all", True)
    _fill(c.Spawner, "default_url", "/lab")
    # A server with the extension imports for seconds; on a busy host, far more than the 30 s
    # JupyterHub waits by default before it gives the spawn up.
    _fill(c.Spawner, "http_timeout", 120)
    _fill(c.Spawner, "start_timeout", 120)
    return c
