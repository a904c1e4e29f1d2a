"""What starts and stops a space's JupyterLab server: the seam between the domain records and
the deployment that runs servers.

On a team's JupyterHub, the hub's spawner implements :class:`AppLauncher` (it starts the
space's server under the instance type's limits and reports back through the
:class:`AppReports` it is given). On a plain single-user ``jupyter lab``,
:class:`SingleUserLauncher` answers: the server itself is the app of its user's private space,
and any other space needs a hub.

The contract, for an implementation:

- :meth:`AppLauncher.start` is called once per app, after its record is stored ``Pending``, off
  the event loop. It returns at once: the server's start is reported later through
  ``reports.running(app, url)`` or ``reports.failed(app, reason)``, from any thread. Raising
  :class:`LaunchRefused` instead fails the app at once with that reason.
- :meth:`AppLauncher.stop` is called when the app is deleted (it is ``Deleting`` then); the
  launcher ends the server and calls ``reports.stopped(app)`` when it is gone.
- Reports are idempotent and ignored for an app that has moved on (a ``running`` after a
  delete does not revive it).
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote, urlsplit

from .service import profile_name_for

#: Where a single-user server spends its one-time login links, under its base URL.
LOGIN_PATH = "mlstudio/login"


@dataclass(frozen=True)
class AppLaunch:
    """Everything a launcher needs to start one app."""

    #: The app's ARN: what reports name it by.
    arn: str
    domain: str
    space: str
    app_type: str
    app_name: str
    #: The profile that asked for it, and the space's owner and members (who may open it).
    user_profile: str | None
    space_owner: str
    shared: bool
    members: tuple[str, ...]
    #: The image to run (an image ARN of this server, or None for the server's default) and
    #: the instance type, from ``ResourceSpec`` or the space's, profile's or domain's defaults.
    image_arn: str | None
    instance_type: str | None
    #: Minutes of idleness after which the launcher may stop it (None: never).
    idle_timeout_minutes: int | None
    #: The server's name on the deployment (a space's own name by default; a notebook
    #: instance's is ``nb-<name>``).
    server_name: str | None = None

    @property
    def server(self) -> str:
        return self.server_name or self.space


class AppReports(Protocol):
    """Where a launcher reports what became of an app it was asked to start or stop."""

    def running(self, arn: str, url: str) -> None: ...

    def failed(self, arn: str, reason: str) -> None: ...

    def stopped(self, arn: str) -> None: ...


class LaunchRefused(Exception):
    """A launcher cannot start this app at all; ``reason`` says why (the app's
    ``FailureReason``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AppLauncher(abc.ABC):
    """Starts and stops the servers of apps (see the module for the contract)."""

    @abc.abstractmethod
    def start(self, app: AppLaunch, reports: AppReports) -> None:
        """Begin starting ``app``'s server; report ``running``/``failed`` later, or raise
        :class:`LaunchRefused`."""

    @abc.abstractmethod
    def stop(self, app: AppLaunch, reports: AppReports) -> None:
        """Begin stopping ``app``'s server; report ``stopped`` when it is gone."""

    def login_link(self, token: str) -> str:
        """The address of a one-time login link whose secret is ``token`` (what
        ``CreatePresigned*Url`` answers); the deployment's sign-in checks it against the
        store (``links.py``). Raises :class:`LaunchRefused` where no sign-in does."""
        raise LaunchRefused(
            "One-time login links need JupyterHub: a single-user jupyter lab signs its user in "
            "with its own token"
        )

    def landing_path(self, user: str, server: str | None) -> str:
        """The path (under the deployment's address) of ``user``'s server named ``server``
        (their default server for None), where a login link lands."""
        return f"/user/{user}/{server}/lab" if server else f"/user/{user}/lab"


class SingleUserLauncher(AppLauncher):
    """A single-user ``jupyter lab`` without a hub: it *is* the JupyterLab app of its user's
    private space in its own domain, and can start no other server.

    Its one-time login links sign a browser in to this server, as its own user (``profile``)
    only: ``/mlstudio/login`` (``signin.py``) spends them.
    """

    def __init__(self, domain: str, space: str, url: str, profile: str = "") -> None:
        self.domain = domain
        self.space = space
        self.url = url
        self.profile = profile

    def login_link(self, token: str) -> str:
        return f"{self.url.rstrip('/')}/{LOGIN_PATH}?token={quote(token)}"

    def landing_path(self, user: str, server: str | None) -> str:
        if profile_name_for(user) != self.profile:
            raise LaunchRefused(
                f"This single-user jupyter lab signs in its own user {self.profile} only: "
                f"a login link for {user} needs JupyterHub"
            )
        return urlsplit(self.url).path.rstrip("/") + "/lab"

    def start(self, app: AppLaunch, reports: AppReports) -> None:
        if app.app_type != "JupyterLab":
            raise LaunchRefused(
                f"This server runs JupyterLab apps only; a {app.app_type} app needs a deployment "
                "that starts one."
            )
        if (app.domain, app.space) != (self.domain, self.space):
            raise LaunchRefused(
                f"Starting a server for space {app.space} needs JupyterHub: this single-user "
                f"jupyter lab is the server of space {self.space} only."
            )
        reports.running(app.arn, self.url)

    def stop(self, app: AppLaunch, reports: AppReports) -> None:
        # The server does not stop itself because its app record is deleted: the record goes,
        # the server the user is working in stays.
        reports.stopped(app.arn)
