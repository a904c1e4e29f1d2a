"""Finds the ML Studio server without configuration.

In order: explicit arguments; ``MLSTUDIO_URL``/``MLSTUDIO_TOKEN`` (set by the server for the
jobs and kernels it starts); the Jupyter server that is an ancestor of this process (a kernel or
terminal it started), found through the ``jpserver-*.json`` files in Jupyter's runtime folder.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import psutil
from jupyter_core.paths import jupyter_runtime_dir

URL_VARIABLE = "MLSTUDIO_URL"
TOKEN_VARIABLE = "MLSTUDIO_TOKEN"


class ServerNotFound(RuntimeError):
    """No server given and none could be found."""


@dataclass(frozen=True)
class ServerInfo:
    """Where the server is and how to authenticate to it."""

    url: str
    token: str

    @property
    def api_url(self) -> str:
        return f"{self.url.rstrip('/')}/mlstudio/api/v1"


def _running_servers(runtime_dir: Path) -> dict[int, ServerInfo]:
    servers = {}
    for path in runtime_dir.glob("jpserver-*.json"):
        try:
            info = json.loads(path.read_text())
            servers[int(info["pid"])] = ServerInfo(
                url=str(info["url"]), token=str(info.get("token", ""))
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return servers


def _ancestors(pid: int) -> list[int]:
    chain = []
    try:
        process: psutil.Process | None = psutil.Process(pid)
        while process is not None:
            chain.append(process.pid)
            process = process.parent()
    except psutil.Error:
        pass
    return chain


def find_server(
    url: str | None = None, token: str | None = None, runtime_dir: str | None = None
) -> ServerInfo:
    """Where to reach the server; raises :class:`ServerNotFound` with what was tried."""
    if url:
        return ServerInfo(
            url=url, token=token if token is not None else os.environ.get(TOKEN_VARIABLE, "")
        )
    if os.environ.get(URL_VARIABLE):
        return ServerInfo(
            url=os.environ[URL_VARIABLE], token=token or os.environ.get(TOKEN_VARIABLE, "")
        )
    folder = Path(runtime_dir or jupyter_runtime_dir())
    servers = _running_servers(folder)
    for pid in _ancestors(os.getpid()):
        if pid in servers:
            found = servers[pid]
            return ServerInfo(url=found.url, token=token or found.token)
    raise ServerNotFound(
        "No ML Studio server found: pass url= and token=, set MLSTUDIO_URL and MLSTUDIO_TOKEN, "
        f"or run inside a kernel started by the server (looked for jpserver-*.json in {folder})."
    )
