"""The hub launcher's spawn of a space's server, end to end on this side of the hub: what the
launcher asks the hub's REST API for, and the command line the domain's spawner builds from it.

A shared space's server runs with real-time co-editing on; a private space's server and a
user's own server are given no co-editing switch at all. The hub's REST API is played by a
small HTTP server on loopback (the hub itself is below the unit under test; test_hub_identity
starts a real one).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from traitlets.config import Config, Configurable

from jupyterlab_mlstudio.domains.launcher import AppLaunch
from jupyterlab_mlstudio.hub.launcher import HubAppLauncher
from jupyterlab_mlstudio.hub.spawner import COLLABORATION_ARGS, TrialSpawner

pytestmark = pytest.mark.timeout(60)

RTC_SWITCH = "--YDocExtension.disable_rtc=False"


class _HubAPI(BaseHTTPRequestHandler):
    """Starts any server it is asked for at once and says so on the progress stream."""

    spawns: list[dict[str, Any]]

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        self.spawns.append(
            {"path": self.path, "token": self.headers.get("Authorization"), "options": body}
        )
        self._answer(201, {})

    def do_GET(self) -> None:
        if self.path.endswith("/progress"):
            user, server = self.path.split("/")[-4], self.path.split("/")[-2]
            event = {"ready": True, "url": f"/user/{user}/{server}/"}
            payload = f"data: {json.dumps(event)}\n\n".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        self._answer(404, {"message": "not here"})

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def hub_api() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    spawns: list[dict[str, Any]] = []
    handler = type("HubAPI", (_HubAPI,), {"spawns": spawns})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hub/api", spawns
    finally:
        server.shutdown()
        server.server_close()


class _Reports:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.outcome: tuple[str, str] | None = None

    def running(self, arn: str, url: str) -> None:
        self.outcome = ("running", url)
        self.done.set()

    def failed(self, arn: str, reason: str) -> None:
        self.outcome = ("failed", reason)
        self.done.set()

    def stopped(self, arn: str) -> None:
        self.outcome = ("stopped", "")
        self.done.set()


def _app(space: str, shared: bool) -> AppLaunch:
    return AppLaunch(
        arn=f"arn:aws:sagemaker:us-east-1:000000000000:app/d-default/{space}/jupyterlab/default",
        domain="d-default",
        space=space,
        app_type="JupyterLab",
        app_name="default",
        user_profile="alice",
        space_owner="alice",
        shared=shared,
        members=("alice", "bo") if shared else ("alice",),
        image_arn=None,
        instance_type="ml.t3.medium",
        idle_timeout_minutes=None,
    )


def _launch(api_url: str, tmp_path: Path, app: AppLaunch) -> _Reports:
    token = tmp_path / "service-token"
    token.write_text("the-service-token\n")
    config = Config()
    config.HubConnection.api_url = api_url
    config.HubConnection.api_token_file = str(token)
    config.HubConnection.public_url = "http://127.0.0.1:8000"
    launcher = HubAppLauncher(parent=Configurable(config=config))
    reports = _Reports()
    launcher.start(app, reports)
    assert reports.done.wait(30), "the launcher never reported"
    return reports


def _spawner_args(tmp_path: Path, user_options: dict[str, Any]) -> list[str]:
    """The command-line arguments the trial spawner gives alice's server for these options."""
    config = Config()
    config.MLStudioDomain.state_dir = str(tmp_path / "state")
    user = SimpleNamespace(name="alice", admin=False, url="/user/alice/")
    hub = SimpleNamespace(base_url="/hub/", api_url="http://127.0.0.1:8081/hub/api")
    spawner = TrialSpawner(config=config, user=user, hub=hub, user_options=user_options)
    return list(spawner.get_args())


def test_a_shared_spaces_server_is_started_with_co_editing_on(hub_api, tmp_path):
    api_url, spawns = hub_api
    # When the launcher starts the app of a shared space
    reports = _launch(api_url, tmp_path, _app("team-space", shared=True))

    # Then the hub was asked for that named server of the owner, saying the space is shared
    assert reports.outcome == ("running", "http://127.0.0.1:8000/user/alice/team-space/")
    (spawn,) = spawns
    assert spawn["path"] == "/hub/api/users/alice/servers/team-space"
    assert spawn["token"] == "token the-service-token"
    assert spawn["options"]["mlstudio"]["shared"] is True
    assert spawn["options"]["mlstudio"]["space"] == "team-space"

    # And the domain's spawner starts that server with real-time co-editing switched on
    args = _spawner_args(tmp_path, spawn["options"])
    assert RTC_SWITCH in args
    assert "--MLStudioApp.default_space=team-space" in args
    assert "--MLStudioApp.default_domain=d-default" in args


def test_a_private_spaces_server_and_a_users_own_are_left_as_configured(hub_api, tmp_path):
    api_url, spawns = hub_api
    # When the launcher starts the app of a private space
    reports = _launch(api_url, tmp_path, _app("alice-private", shared=False))
    assert reports.outcome is not None and reports.outcome[0] == "running"
    (spawn,) = spawns
    assert spawn["options"]["mlstudio"]["shared"] is False

    # Then its server gets no co-editing switch, nor does the user's own server
    private = _spawner_args(tmp_path, spawn["options"])
    assert "--MLStudioApp.default_space=alice-private" in private
    own = _spawner_args(tmp_path, {})
    for args in (private, own):
        assert not [arg for arg in args if "YDocExtension" in arg or "disable_rtc" in arg]


def test_only_a_true_shared_flag_turns_co_editing_on(tmp_path):
    # Options a client wrote by hand ("shared": "yes") do not switch anything on
    for options in ({"shared": "yes"}, {"shared": 1}, {"shared": None}):
        args = _spawner_args(tmp_path, {"mlstudio": {"space": "s", **options}})
        assert not set(COLLABORATION_ARGS) & set(args)
