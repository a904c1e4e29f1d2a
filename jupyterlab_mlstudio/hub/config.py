"""The project's JupyterHub configuration, as a function that fills only what is unset."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from traitlets.config import Config

from .domain import MLStudioDomain

#: The trial's address: loopback only, JupyterHub's usual port.
TRIAL_BIND_URL = "http://127.0.0.1:8000"
#: Who may authorize other users' sign-ups on a trial's native authenticator.
TRIAL_ADMIN = "admin"
#: The hub service users' servers start apps' servers as, and its role.
SERVICE_NAME = "mlstudio"
SERVICE_ROLE = "mlstudio-apps"


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
    _fill(c.MLStudioDomain, "public_url", hub.bind_url)
    _add_studio_service(c, MLStudioDomain(config=c))
    return c


def _add_studio_service(c: Config, domain: MLStudioDomain) -> None:
    """Spaces' apps and notebook instances are named servers that users' servers start and
    stop through the hub's API as the ``mlstudio`` service; one-time login links sign in at
    ``/hub/mlstudio-login``."""
    from .login import LoginLinkHandler

    hub = c.JupyterHub
    _fill(hub, "allow_named_servers", True)
    token = _service_token(Path(domain.service_token_file))
    services = list(hub.services) if "services" in hub else []
    if not any(service.get("name") == SERVICE_NAME for service in services):
        services.append({"name": SERVICE_NAME, "api_token": token})
    hub.services = services
    roles = list(hub.load_roles) if "load_roles" in hub else []
    if not any(role.get("name") == SERVICE_ROLE for role in roles):
        roles.append(
            {
                "name": SERVICE_ROLE,
                "description": "Start, stop and follow the servers of spaces' apps",
                "scopes": ["servers", "read:users"],
                "services": [SERVICE_NAME],
            }
        )
    hub.load_roles = roles
    handlers = list(hub.extra_handlers) if "extra_handlers" in hub else []
    if not any(handler[1] is LoginLinkHandler for handler in handlers):
        handlers.append((r"/mlstudio-login", LoginLinkHandler))
    hub.extra_handlers = handlers


def _service_token(path: Path) -> str:
    """The service's API token in ``path``: made (readable by its owner only) when missing."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    token = secrets.token_hex(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as handle:
        handle.write(token)
    return token
