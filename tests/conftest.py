"""Shared fixtures: a Jupyter server with the extension on a temporary store, and a real S3
API server on loopback."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Remembers whether a test's call passed, for ``_tidy_tmp_path``."""
    report = yield
    if report.when == "call":
        item.stash[_PASSED] = report.passed
    return report


_PASSED = pytest.StashKey[bool]()


def _remove_tree(path: Path) -> None:
    """Removes a folder even where a test left parts of it read-only."""

    def retry(function: Any, name: str, _error: Any) -> None:
        try:
            os.chmod(os.path.dirname(name), 0o700)
            os.chmod(name, 0o700)
            function(name)
        except OSError:
            pass

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=retry)
    else:
        shutil.rmtree(path, onerror=retry)


@pytest.fixture(autouse=True)
def _tidy_tmp_path(request: pytest.FixtureRequest) -> Iterator[None]:
    """Removes a passed test's temporary folder as soon as it ends (a failed one's stays for
    reading). Jobs, models, stores and logs add up to gigabytes over a run otherwise, and a run
    once failed on a full disk."""
    folder = request.getfixturevalue("tmp_path") if "tmp_path" in request.fixturenames else None
    yield
    if folder is not None and request.node.stash.get(_PASSED, False):
        _remove_tree(folder)


@pytest.fixture
def mlstudio_config() -> dict[str, Any]:
    """Extra MLStudioApp settings for one test (override in a test module)."""
    return {}


@pytest.fixture
def jp_server_config(mlstudio_config: dict[str, Any], tmp_path: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "ServerApp": {"jpserver_extensions": {"jupyterlab_mlstudio": True}},
        "MLStudioApp": {"data_dir": str(tmp_path / "mlstudio"), "monitor_interval": 3600.0},
    }
    config["MLStudioApp"].update(mlstudio_config)
    return config


@pytest.fixture
def jp_serverapp(jp_serverapp: Any, jp_asyncio_loop: Any) -> Any:
    """The server with its extensions started, as ``jupyter server`` starts them once its
    event loop runs (background loops, the default image, kernel specs)."""
    jp_asyncio_loop.run_until_complete(jp_serverapp.extension_manager.start_all_extensions())
    return jp_serverapp


@pytest.fixture
def ipython_shell() -> Iterator[Any]:
    """The test process's IPython shell (what ``get_ipython()`` answers), with its history
    database off: its file lives under the test's temporary home, which is gone (or read-only)
    by the time IPython's exit handler would write the session's end to it."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    InteractiveShell.clear_instance()
    shell = InteractiveShell.instance(config=config)
    yield shell
    InteractiveShell.clear_instance()


@pytest.fixture
def services(jp_serverapp: Any) -> Any:
    """The running extension's services."""
    return jp_serverapp.web_app.settings["mlstudio.services"]


@pytest.fixture
def api(jp_fetch: Any) -> Any:
    """``await api("GET", "status")`` → (status code, decoded JSON body); errors do not raise."""
    from tornado.httpclient import HTTPClientError

    async def call(method: str, path: str, body: Any = None, **params: Any) -> tuple[int, Any]:
        kwargs: dict[str, Any] = {"method": method}
        if params:
            kwargs["params"] = params
        if body is not None:
            kwargs["body"] = body if isinstance(body, str | bytes) else json.dumps(body)
        elif method in ("POST", "PUT", "PATCH"):
            kwargs["body"] = b""
        try:
            response = await jp_fetch("mlstudio", "api", "v1", *path.split("/"), **kwargs)
        except HTTPClientError as error:
            assert error.response is not None
            return error.code, json.loads(error.response.body or b"null")
        return response.code, json.loads(response.body or b"null")

    return call


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """A real S3 API server (moto's) on 127.0.0.1, for the whole session."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def aws_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """Credentials for the local S3 server; nothing here reaches AWS."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server on 127.0.0.1 in a temporary cluster (the test command installs
    Debian's postgresql package); stopped through its own PID file at the end."""
    import glob
    import shutil
    import subprocess
    import tempfile

    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    assert binaries, "PostgreSQL is not installed: run the README's test command, which installs it"
    bin_dir = os.path.dirname(binaries[-1])
    folder = tempfile.mkdtemp(prefix="mlstudio-postgres-")
    data = os.path.join(folder, "data")
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]

    def run(*command: str) -> None:
        done = subprocess.run([*as_user, *command], capture_output=True, text=True)
        assert done.returncode == 0, f"{command[0]} failed: {done.stderr or done.stdout}"

    port = _free_port()
    run(f"{bin_dir}/initdb", "-D", data, "-A", "trust", "-U", "postgres")
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"
    run(f"{bin_dir}/pg_ctl", "-D", data, "-o", options, "-l", f"{folder}/log", "-w", "start")
    try:
        run(f"{bin_dir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "mlstudio")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/mlstudio"
    finally:
        subprocess.run(
            [*as_user, f"{bin_dir}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def ray_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A real local Ray cluster (a head and one worker) in a loopback-only network namespace,
    once per session; see ``tests/ray_helpers.py`` for how the tests reach it."""
    # In CI (MLSTUDIO_RAY_REQUIRED=1, set by scripts/test.sh) a missing Ray fails the tests.
    missing = pytest.fail if os.environ.get("MLSTUDIO_RAY_REQUIRED") == "1" else pytest.skip
    if os.geteuid() != 0:
        missing("the Ray cluster runs in a network namespace of its own, which needs root")
    try:
        import ray.dashboard  # noqa: F401
    except ImportError:
        missing("needs Ray: the 'ray' extra (scripts/lib.sh: ensure_ray)")
    from .ray_helpers import start_cluster, stop_cluster

    cluster = start_cluster(tmp_path_factory.mktemp("ray-cluster"))
    try:
        yield cluster
    finally:
        stop_cluster(cluster)
