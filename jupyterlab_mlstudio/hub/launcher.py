"""The app launcher of a team's hub: a space's app (or a notebook instance) is a named server
of a hub user, started and stopped through JupyterHub's REST API.

Each user's server is given (by the spawner, ``spawner.py``) the hub's API address, its own
address as users open it, and the file of the ``mlstudio`` service's API token
(``config.py`` registers the service with the rights to start and stop users' servers and
read them). :meth:`HubAppLauncher.start` asks the hub for the server, with the app's domain,
space, instance type and whether the space is shared (its members co-edit there) as the
spawn's options, then follows the spawn's progress from a
thread of its own and reports ``running`` with the server's address, or ``failed`` with the
hub's reason. :meth:`HubAppLauncher.stop` asks the hub to stop it and reports ``stopped`` once
the hub lists it no more. Nothing here blocks the caller.

Only the standard library and ``requests`` (no JupyterHub import): it runs in the users'
servers.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests
from traitlets import Float, Unicode
from traitlets.config import Configurable

from ..domains.launcher import AppLaunch, AppLauncher, AppReports, LaunchRefused

log = logging.getLogger(__name__)

#: Where a hub serves one-time login links (``login.py``), under its base URL.
LOGIN_PATH = "hub/mlstudio-login"


def spawn_options(app: AppLaunch) -> dict[str, Any]:
    """The options the hub's spawner (``spawner.py``) reads for ``app``'s server: its domain,
    space, instance type (the server's limits and default type), image (its default kernel
    image) and whether the space is shared (co-editing on)."""
    return {
        "mlstudio": {
            "domain": app.domain,
            "space": app.space,
            "instance_type": app.instance_type,
            "image_arn": app.image_arn,
            "app": app.arn,
            # A shared space's server runs with real-time co-editing on (spawner.py).
            "shared": app.shared,
        }
    }


class HubConnection(Configurable):
    """How a user's server reaches its hub (set by the spawner on each server's command
    line; the token comes from a file, never a command line)."""

    api_url = Unicode(
        "", config=True, help="The hub's REST API, e.g. http://127.0.0.1:8081/hub/api."
    )
    api_token_file = Unicode(
        "",
        config=True,
        help="File holding the API token of the hub's mlstudio service (readable by the "
        "servers' account only).",
    )
    public_url = Unicode(
        "", config=True, help="The hub's address as users open it, e.g. https://hub.example."
    )
    base_url = Unicode("/", config=True, help="The hub's base URL. Default: /.")
    start_timeout = Float(
        300.0,
        config=True,
        help="Seconds a server may take to answer before its app fails. Default: 300.",
    )


class HubAppLauncher(AppLauncher):
    """Starts and stops apps' servers as named servers on JupyterHub."""

    def __init__(self, parent: Configurable | None = None) -> None:
        self.hub = HubConnection(parent=parent)

    # -- the AppLauncher contract -----------------------------------------------------------

    def start(self, app: AppLaunch, reports: AppReports) -> None:
        self._session()  # refuses at once when the hub cannot be reached at all
        self._background(f"start {app.server}", self._start, app, reports)

    def stop(self, app: AppLaunch, reports: AppReports) -> None:
        self._background(f"stop {app.server}", self._stop, app, reports)

    def login_link(self, token: str) -> str:
        if not self.hub.public_url:
            raise LaunchRefused("The hub's public address is not configured (HubConnection)")
        return f"{self._public_base()}{LOGIN_PATH}?token={quote(token)}"

    def landing_path(self, user: str, server: str | None) -> str:
        base = self.hub.base_url.rstrip("/")
        suffix = f"/{quote(server)}" if server else ""
        return f"{base}/user/{quote(user)}{suffix}/lab"

    # -- internals --------------------------------------------------------------------------

    def _start(self, app: AppLaunch, reports: AppReports) -> None:
        user, server = app.space_owner, app.server
        session = self._session()
        answer = session.post(self._server_api(user, server), json=spawn_options(app), timeout=60)
        if answer.status_code == 404:
            reports.failed(app.arn, f"The hub has no user {user}: they must sign in once first")
            return
        if answer.status_code == 400 and "already" in _message(answer):
            pass  # already starting or running: follow it as any other start
        elif answer.status_code not in (201, 202):
            reports.failed(app.arn, f"The hub refused to start the server: {_message(answer)}")
            return
        deadline = time.monotonic() + self.hub.start_timeout
        outcome = self._follow_progress(session, user, server, deadline)
        if outcome is None:
            outcome = self._await_ready(session, user, server, deadline)
        ready, detail = outcome
        if ready:
            # The hub names the server by its path, base URL included.
            reports.running(app.arn, f"{self.hub.public_url.rstrip('/')}{detail}")
        else:
            reports.failed(app.arn, detail)

    def _stop(self, app: AppLaunch, reports: AppReports) -> None:
        user, server = app.space_owner, app.server
        session = self._session()
        answer = session.delete(self._server_api(user, server), timeout=60)
        if answer.status_code not in (202, 204, 404):
            log.warning("The hub did not stop %s/%s: %s", user, server, _message(answer))
        deadline = time.monotonic() + self.hub.start_timeout
        while time.monotonic() < deadline:
            if self._server_model(session, user, server) is None:
                break
            time.sleep(0.5)
        reports.stopped(app.arn)

    def _follow_progress(
        self, session: requests.Session, user: str, server: str, deadline: float
    ) -> tuple[bool, str] | None:
        """The spawn's end from the hub's progress stream: (True, url) or (False, reason);
        None when the stream ended without saying."""
        url = self._server_api(user, server) + "/progress"
        try:
            with session.get(url, stream=True, timeout=(10, 60)) as stream:
                if stream.status_code != 200:
                    return None
                for raw in stream.iter_lines(decode_unicode=True):
                    line = raw.decode() if isinstance(raw, bytes) else raw
                    if time.monotonic() > deadline:
                        return False, "The server did not answer in time"
                    if not line or not line.startswith("data:"):
                        continue
                    event = json.loads(line[len("data:") :])
                    if event.get("ready"):
                        return True, str(event.get("url") or "")
                    if event.get("failed"):
                        return False, str(event.get("message") or "The server failed to start")
        except (requests.RequestException, ValueError) as error:
            log.info("Following the spawn of %s/%s: %s", user, server, error)
        return None

    def _await_ready(
        self, session: requests.Session, user: str, server: str, deadline: float
    ) -> tuple[bool, str]:
        while time.monotonic() < deadline:
            model = self._server_model(session, user, server)
            if model is None:
                return False, "The server stopped before it answered (see the hub's log)"
            if model.get("ready"):
                return True, str(model.get("url") or "")
            time.sleep(0.5)
        return False, "The server did not answer in time"

    def _server_model(
        self, session: requests.Session, user: str, server: str
    ) -> dict[str, Any] | None:
        answer = session.get(f"{self._api()}/users/{quote(user)}", timeout=30)
        if answer.status_code == 404:
            return None
        answer.raise_for_status()
        model = (answer.json().get("servers") or {}).get(server)
        return model if isinstance(model, dict) else None

    def _session(self) -> requests.Session:
        if not self.hub.api_url or not self.hub.api_token_file:
            raise LaunchRefused(
                "This server was not started by the hub's ML Studio spawner: it has no way "
                "to ask the hub for servers (HubConnection.api_url, api_token_file)"
            )
        try:
            token = Path(self.hub.api_token_file).read_text().strip()
        except OSError as error:
            raise LaunchRefused(f"Cannot read the hub's service token: {error}") from error
        session = requests.Session()
        session.headers["Authorization"] = f"token {token}"
        return session

    def _api(self) -> str:
        return self.hub.api_url.rstrip("/")

    def _server_api(self, user: str, server: str) -> str:
        return f"{self._api()}/users/{quote(user)}/servers/{quote(server)}"

    def _public_base(self) -> str:
        public = self.hub.public_url.rstrip("/")
        return f"{public}{self.hub.base_url.rstrip('/')}/"

    @staticmethod
    def _background(name: str, target: Any, app: AppLaunch, reports: AppReports) -> None:
        def run() -> None:
            try:
                target(app, reports)
            except Exception as error:  # a report must always come: the record waits on it
                log.exception("The hub launcher failed to %s", name)
                reports.failed(app.arn, f"The hub could not be asked: {error}")

        threading.Thread(target=run, name=f"hub-launcher {name}", daemon=True).start()


def _message(answer: requests.Response) -> str:
    try:
        return str(answer.json().get("message") or answer.reason)
    except ValueError:
        return answer.text[:200] or str(answer.reason)
