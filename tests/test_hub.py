"""A team's deployment: a real JupyterHub (its proxy from npm) with the project's configuration,
two users who sign up and sign in through the native authenticator, each with a server of their
own that has the extension, both on one real PostgreSQL store on loopback.

The hub starts once for the module (about 5 s) and both servers spawn at the same time (the
extension imports for seconds on a busy machine); each test then only asks the running servers.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import _free_port
from tests.postgres_helpers import new_database

pytestmark = pytest.mark.timeout(420)

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery staple"


def _proxy_folder() -> str:
    """Where configurable-http-proxy is: the test command installs it under .cache."""
    installed = ROOT / ".cache" / "hub-proxy" / "node_modules" / ".bin"
    if (installed / "configurable-http-proxy").exists():
        return str(installed)
    found = shutil.which("configurable-http-proxy")
    assert found, (
        "configurable-http-proxy (JupyterHub's proxy, from npm) is not installed: run the "
        "README's test command, which installs it"
    )
    return str(Path(found).parent)


def _wait_for(what: str, check: Callable[[], Any], deadline: float) -> Any:
    """``check()``'s first truthy answer, polled until ``deadline`` (a monotonic time)."""
    while True:
        try:
            answer = check()
        except requests.ConnectionError:
            answer = None
        if answer:
            return answer
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def domain_store(postgres_url: str) -> Iterator[str]:
    """A database of its own on the session's PostgreSQL server, for this module's domain."""
    with new_database(postgres_url, "hub") as url:
        yield url


@dataclass
class Hub:
    url: str
    state: Path
    log: Path


@pytest.fixture(scope="module")
def hub(domain_store: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    """JupyterHub started with the project's configuration, as a team's own file would: the
    domain's store is PostgreSQL; sign-ups need no admin (the trial's admin authorizes them
    by hand)."""
    folder = tmp_path_factory.mktemp("hub")
    state = folder / "state"
    port, hub_port, api_port = _free_port(), _free_port(), _free_port()
    config = folder / "jupyterhub_config.py"
    config.write_text(
        "from jupyterlab_mlstudio.hub import configure\n"
        "c = get_config()\n"
        f"c.MLStudioDomain.state_dir = {str(state)!r}\n"
        f"c.MLStudioDomain.db_url = {domain_store!r}\n"
        f"c.JupyterHub.bind_url = 'http://127.0.0.1:{port}'\n"
        f"c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{hub_port}'\n"
        f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{api_port}'\n"
        "c.NativeAuthenticator.open_signup = True\n"
        "configure(c)\n"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JUPYTER", "AWS_", "PYTEST"))
    }
    env["PATH"] = os.pathsep.join([_proxy_folder(), str(Path(sys.executable).parent), env["PATH"]])
    log = folder / "hub.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=folder,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        assert process.poll() is None, f"JupyterHub exited:\n{log.read_text()[-4000:]}"
        return requests.get(f"{url}/hub/api", timeout=5).status_code == 200

    try:
        _wait_for("the hub to answer", answers, time.monotonic() + 120)
        yield Hub(url=url, state=state, log=log)
    finally:
        # The hub stops every server it spawned and its proxy on SIGTERM.
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class SignedIn:
    """A browser-like session of one hub user: the hub's cookies, then their server's."""

    def __init__(self, hub: Hub, name: str) -> None:
        self.hub = hub
        self.name = name
        self.session = requests.Session()
        self.prefix = f"{hub.url}/user/{name}"

    def _form(self, path: str, fields: dict[str, str]) -> requests.Response:
        self.session.get(f"{self.hub.url}{path}", timeout=30)
        xsrf = self.session.cookies.get("_xsrf", path="/hub/")
        return self.session.post(
            f"{self.hub.url}{path}", data={**fields, "_xsrf": xsrf or ""}, timeout=60
        )

    def sign_up_and_in(self) -> None:
        signup = self._form(
            "/hub/signup",
            {
                "username": self.name,
                "signup_password": PASSWORD,
                "signup_password_confirmation": PASSWORD,
            },
        )
        assert signup.status_code == 200, signup.text
        # Logging in starts the user's server (JupyterHub spawns on first visit).
        login = self._form("/hub/login", {"username": self.name, "password": PASSWORD})
        assert login.status_code == 200, login.text
        assert "jupyterhub-hub-login" in self.session.cookies, "the sign-in was refused"

    def open_lab(self, deadline: float) -> None:
        """Follow the hub's redirects (spawn, then OAuth with the user's server) until the
        user's JupyterLab page answers."""

        def landed() -> bool:
            page = self.session.get(f"{self.prefix}/lab", timeout=30)
            return page.status_code == 200 and page.url.split("?")[0].endswith(
                f"/user/{self.name}/lab"
            )

        _wait_for(f"{self.name}'s JupyterLab", landed, deadline)

    def api(self, method: str, path: str, body: Any = None) -> requests.Response:
        """A call to the REST face of the user's own server, as JupyterLab makes it."""
        xsrf = self.session.cookies.get("_xsrf", path=f"/user/{self.name}/")
        return self.session.request(
            method,
            f"{self.prefix}/mlstudio/api/v1/{path}",
            json=body,
            headers={"X-XSRFToken": xsrf or ""},
            timeout=60,
        )


@pytest.fixture(scope="module")
def users(hub: Hub) -> dict[str, SignedIn]:
    """alice and bob, signed up and in, each with their own running server."""
    people = {name: SignedIn(hub, name) for name in ("alice", "bob")}
    for person in people.values():
        person.sign_up_and_in()
    deadline = time.monotonic() + 240
    for person in people.values():
        person.open_lab(deadline)
    return people


def test_each_user_signs_in_to_a_server_of_their_own_with_the_extension(users, domain_store):
    # Given alice and bob signed in through the hub's native authenticator
    # When each asks the extension on their own server who they are and where it keeps records
    statuses = {name: person.api("GET", "status") for name, person in users.items()}

    # Then each server answers for its own user, and both use the domain's one PostgreSQL store
    assert {name: answer.status_code for name, answer in statuses.items()} == {
        "alice": 200,
        "bob": 200,
    }
    bodies = {name: answer.json() for name, answer in statuses.items()}
    assert {name: body["user"] for name, body in bodies.items()} == {"alice": "alice", "bob": "bob"}
    expected = make_url(domain_store).render_as_string(hide_password=True)
    for body in bodies.values():
        assert body["store"]["dialect"] == "postgresql"
        assert body["store"]["url"] == expected


def test_a_record_one_user_makes_is_theirs_and_in_the_store_the_other_server_reads(
    users, domain_store
):
    alice, bob = users["alice"], users["bob"]
    suffix = uuid.uuid4().hex[:6]
    # Given an experiment created on alice's server and one on bob's
    made = {
        person.name: person.api("POST", "experiments", {"name": f"{person.name}-{suffix}"})
        for person in (alice, bob)
    }
    assert {name: answer.status_code for name, answer in made.items()} == {
        "alice": 201,
        "bob": 201,
    }

    # When each server lists the experiments
    seen = {
        person.name: {
            item["name"] for item in person.api("GET", "experiments").json()["experiments"]
        }
        for person in (alice, bob)
    }

    # Then each sees their own and not the other's: each works in their private space
    assert f"alice-{suffix}" in seen["alice"] and f"bob-{suffix}" not in seen["alice"]
    assert f"bob-{suffix}" in seen["bob"] and f"alice-{suffix}" not in seen["bob"]
    # And the one store holds both, each with the hub user who made it as its owner
    engine = create_engine(domain_store)
    try:
        with engine.connect() as connection:
            owners = dict(
                connection.execute(
                    text("SELECT name, owner FROM experiments WHERE name LIKE :pattern"),
                    {"pattern": f"%-{suffix}"},
                ).all()
            )
    finally:
        engine.dispose()
    assert owners == {f"alice-{suffix}": "alice", f"bob-{suffix}": "bob"}


def test_a_users_server_refuses_anyone_else(users, hub):
    # Given alice's server, running
    alice_status = f"{hub.url}/user/alice/mlstudio/api/v1/status"

    # When someone without a sign-in asks it, and when bob (signed in to the hub) asks it
    anonymous = requests.get(alice_status, allow_redirects=False, timeout=30)
    as_bob = users["bob"].session.get(alice_status, allow_redirects=False, timeout=30)

    # Then neither gets alice's answer
    for answer in (anonymous, as_bob):
        assert answer.status_code in (302, 401, 403), answer.text
        assert '"user": "alice"' not in answer.text


def test_the_hub_configuration_fills_only_what_a_team_left_unset(tmp_path):
    from traitlets.config import Config

    from jupyterlab_mlstudio.hub import MLStudioDomain, configure

    # Given a team's configuration that chose its own authenticator and store
    c = Config()
    c.JupyterHub.authenticator_class = "github"
    c.MLStudioDomain.state_dir = str(tmp_path / "state")
    c.MLStudioDomain.db_url = "postgresql+psycopg://mlstudio:s3cret@db.internal/mlstudio"

    # When the project's configuration is applied
    configure(c)
    domain = MLStudioDomain(config=c)

    # Then its choices stand, the rest is filled, and allowing everyone stays the native
    # authenticator's own (a GitHub hub is not opened to every GitHub user)
    assert c.JupyterHub.authenticator_class == "github"
    assert c.JupyterHub.spawner_class.endswith("TrialSpawner")
    assert c.Spawner.default_url == "/lab"
    assert "allow_all" not in c.Authenticator and c.NativeAuthenticator.allow_all is True
    # And the store's password reaches servers through libpq's variable, never their arguments
    assert "--MLStudioApp.db_url=postgresql+psycopg://mlstudio@db.internal/mlstudio" in (
        domain.server_args()
    )
    assert not any("s3cret" in arg for arg in domain.server_args())
    assert domain.server_env() == {"PGPASSWORD": "s3cret"}
