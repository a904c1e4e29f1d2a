"""The page at the mlflow client's tracking URI: the run and experiment links the client prints
(``<tracking URI>/#/experiments/<id>/runs/<id>``) land there and go on to JupyterLab.

The page's script runs here in Node with the browser's ``location`` stood in for, so what it
does with each link is observed, not read off the HTML.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from typing import Any

import pytest
from jupyter_server.auth.authorizer import Authorizer
from tornado.httpclient import HTTPClientError

from .aws_helpers import in_thread

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node runs the page's script")


async def _get(jp_fetch: Any, path: str, headers: dict[str, str] | None = None, **params: str):
    try:
        return await jp_fetch(
            *path.split("/"),
            method="GET",
            headers=headers if headers is not None else {},
            params=params or None,
            follow_redirects=False,
        )
    except HTTPClientError as error:
        assert error.response is not None
        return error.response


def _follow(page: str, href: str) -> str:
    """Where the page's script sends a browser that is at ``href``."""
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert script is not None, page
    runner = f"""
const url = new URL({json.dumps(href)});
let target = null;
globalThis.window = {{ location: {{
  hash: url.hash, search: url.search, replace: to => {{ target = to; }}
}} }};
{script.group(1)}
process.stdout.write(JSON.stringify(target));
"""
    assert NODE is not None
    done = subprocess.run([NODE, "-e", runner], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return str(json.loads(done.stdout))


@needs_node
async def test_a_run_link_hands_its_fragment_to_jupyterlab(jp_fetch, jp_base_url):
    # Given a logged-in browser at a run link
    response = await _get(jp_fetch, "mlstudio/mlflow/", headers=None)
    page = response.body.decode()
    # When the page's script runs
    target = _follow(page, "http://h/mlstudio/mlflow/#/experiments/0/runs/abc?workspace=w")
    # Then it goes to this server's JupyterLab, the fragment in the query
    assert response.code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert target == f"{jp_base_url}lab?mlflow-link=%2Fexperiments%2F0%2Fruns%2Fabc%3Fworkspace%3Dw"


@needs_node
async def test_the_tracking_uri_without_a_slash_is_the_same_page(jp_fetch, jp_base_url):
    response = await _get(jp_fetch, "mlstudio/mlflow")
    target = _follow(response.body.decode(), "http://h/mlstudio/mlflow#/experiments/4")
    assert response.code == 200
    assert target == f"{jp_base_url}lab?mlflow-link=%2Fexperiments%2F4"


@needs_node
async def test_no_link_opens_plain_jupyterlab_and_nothing_else(jp_fetch, jp_base_url):
    # Given addresses that try to send the browser elsewhere
    response = await _get(
        jp_fetch, "mlstudio/mlflow/", next="https://evil.example/", link="//evil.example/x"
    )
    page = response.body.decode()
    # When the page's script runs
    targets = [
        _follow(page, "http://h/mlstudio/mlflow/?next=https://evil.example/"),
        _follow(page, "http://h/mlstudio/mlflow/?link=//evil.example/x"),
        _follow(page, "http://h/mlstudio/mlflow/#https://evil.example/"),
    ]
    # Then the server never redirects, and the script only ever opens this server's JupyterLab
    assert response.code == 200
    assert "Location" not in response.headers
    assert "evil.example" not in page
    assert all(target.split("?")[0] == f"{jp_base_url}lab" for target in targets)
    assert _follow(page, "http://h/mlstudio/mlflow/") == f"{jp_base_url}lab"


@needs_node
async def test_an_anonymous_browser_logs_in_first_and_keeps_the_link(jp_fetch, jp_base_url):
    # Given a browser without Jupyter's login at a run link
    response = await _get(jp_fetch, "mlstudio/mlflow/", headers={"Authorization": ""})
    page = response.body.decode()
    # When the page's script runs
    target = _follow(page, "http://h/mlstudio/mlflow/#/experiments/1/runs/r")
    # Then the answer is 401, shows nothing of the server, and the browser goes to the login
    # page, to come back with the fragment in the query (a login form would drop it)
    assert response.code == 401
    assert "/lab" not in page
    login, _, next_part = target.partition("?next=")
    assert login == f"{jp_base_url}login"
    from urllib.parse import unquote

    assert unquote(next_part) == f"{jp_base_url}mlstudio/mlflow/?link=%2Fexperiments%2F1%2Fruns%2Fr"
    # And back from the login, the link goes on to JupyterLab
    back = await _get(jp_fetch, "mlstudio/mlflow/", link="/experiments/1/runs/r")
    assert _follow(back.body.decode(), f"http://h{unquote(next_part)}") == (
        f"{jp_base_url}lab?mlflow-link=%2Fexperiments%2F1%2Fruns%2Fr"
    )


class DenyExperiments(Authorizer):
    def is_authorized(self, handler, user, action, resource):
        return resource != "mlstudio:experiments"


class TestAuthorization:
    @pytest.fixture
    def jp_server_config(self, jp_server_config):
        jp_server_config["ServerApp"]["authorizer_class"] = DenyExperiments
        return jp_server_config

    async def test_a_user_who_may_not_read_experiments_is_refused(self, jp_fetch):
        response = await _get(jp_fetch, "mlstudio/mlflow/")
        assert response.code == 403
        assert "/lab" not in response.body.decode()


mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")


@needs_node
async def test_the_link_the_mlflow_client_prints_reaches_the_page(
    jp_fetch, jp_http_port, jp_base_url, jp_serverapp, monkeypatch, tmp_path, capfd
):
    # Given the mlflow client pointed at this server, as a user points it
    uri = f"http://127.0.0.1:{jp_http_port}{jp_base_url}mlstudio/mlflow"
    monkeypatch.setenv("MLFLOW_TRACKING_TOKEN", jp_serverapp.identity_provider.token)
    monkeypatch.chdir(tmp_path)
    # mlflow remembers the active experiment per process: forget the other tests' servers.
    monkeypatch.setattr(mlflow.tracking.fluent, "_active_experiment_id", None)
    monkeypatch.delenv("MLFLOW_EXPERIMENT_ID", raising=False)
    monkeypatch.delenv("MLFLOW_EXPERIMENT_NAME", raising=False)
    mlflow.set_tracking_uri(uri)
    try:
        # When a run ends
        def run() -> str:
            with mlflow.start_run(run_name="printed") as active:
                mlflow.log_metric("loss", 0.5)
            return str(active.info.run_id)

        run_id = await in_thread(run)
    finally:
        mlflow.set_tracking_uri(None)
    printed = re.search(r"View run printed at: (\S+)", capfd.readouterr().out)
    # Then the link it prints is served by the page, which hands the run to JupyterLab
    assert printed is not None
    link = printed.group(1)
    assert link.startswith(f"{uri}/#/experiments/") and link.endswith(f"/runs/{run_id}")
    path = link.split("#", 1)[0].removeprefix(f"http://127.0.0.1:{jp_http_port}{jp_base_url}")
    response = await _get(jp_fetch, path.rstrip("/"))
    target = _follow(response.body.decode(), link)
    assert target.startswith(f"{jp_base_url}lab?mlflow-link=") and target.endswith(run_id)
