"""A real ``jupyter server`` with the extension, in its own process on 127.0.0.1, for tests that
drive it over HTTP from outside (fuzzers): stopped by its PID."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests


@dataclass(frozen=True)
class LiveServer:
    """Where the server answers and the token that opens it."""

    url: str  # http://127.0.0.1:<port>
    token: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def api(self) -> str:
        return f"{self.url}/mlstudio/api/v1"

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def live_server(
    folder: Path,
    timeout: float = 90,
    *,
    mlstudio: dict[str, object] | None = None,
    token: str | None = None,
    port: int | None = None,
) -> Iterator[LiveServer]:
    """Start the server with its state in ``folder``; wait until ``/status`` answers.
    ``mlstudio``: more ``MLStudioApp`` settings; ``token`` and ``port``: those of a server
    started again on the same folder."""
    token = token or secrets.token_hex(16)
    port = port or _free_port()
    for name in ("config", "data", "runtime", "root", "mlstudio"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    config = {
        "ServerApp": {
            "ip": "127.0.0.1",
            "port": port,
            "port_retries": 0,
            "open_browser": False,
            "allow_root": True,
            "root_dir": str(folder / "root"),
            "jpserver_extensions": {"jupyterlab_mlstudio": True},
            "IdentityProvider": {"token": token},
        },
        "IdentityProvider": {"token": token},
        "MLStudioApp": {
            "data_dir": str(folder / "mlstudio"),
            "monitor_interval": 3600.0,
            "docker_enabled": False,
            **(mlstudio or {}),
        },
    }
    (folder / "config" / "jupyter_server_config.json").write_text(json.dumps(config))
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(folder / "config"),
        "JUPYTER_DATA_DIR": str(folder / "data"),
        "JUPYTER_RUNTIME_DIR": str(folder / "runtime"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    log = folder / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyter_server",
                f"--config={folder / 'config' / 'jupyter_server_config.json'}",
            ],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=folder / "root",
        )
    server = LiveServer(f"http://127.0.0.1:{port}", token, process, log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited: {log.read_text()[-3000:]}")
            try:
                answer = requests.get(f"{server.api}/status", headers=server.headers, timeout=5)
                if answer.status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                # Not listening yet, or busy adopting the last server's jobs: ask again.
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not answer: {log.read_text()[-3000:]}")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def server_errors(log: Path) -> list[str]:
    """Tracebacks the server logged (a request that failed inside it)."""
    text = log.read_text(errors="replace")
    return [chunk for chunk in text.split("\n[") if "Traceback (most recent call last)" in chunk]
