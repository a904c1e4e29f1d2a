"""The Python environments of this host an image version can be made of: the server's own,
venvs and conda environments in the workspace, and those in the usual places (conda's
``envs`` folders, virtualenvwrapper's, pyenv's versions, ``/opt``).

Found by their marks on disk (``pyvenv.cfg``, ``conda-meta/``, ``bin/python``), never by running
them: a look costs a few hundred stat calls, not seconds of interpreter starts. Version
validation runs the environment's Python once one is chosen.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from pydantic import Field

from ..core.models import ApiModel

#: Folders of the workspace not searched (they are big and hold no environment of their own).
_SKIPPED = {"node_modules", "__pycache__", ".git", ".ipynb_checkpoints", "site-packages"}
#: How deep below the workspace root a venv is looked for.
WORKSPACE_DEPTH = 3
#: Most folders looked at in the workspace, so a huge tree answers quickly all the same.
WORKSPACE_BUDGET = 4000


class PythonEnvironment(ApiModel):
    """A Python environment the server found on its host."""

    name: str = Field(description="Its folder's name, or what it is (this server's Python)")
    path: str = Field(description="The environment's folder, or a lone interpreter's path")
    kind: str = Field(description="server, venv, conda or interpreter")
    python_version: str | None = Field(default=None, description="e.g. 3.11.2, when known")


class PythonEnvironmentList(ApiModel):
    """``GET /python-environments``."""

    environments: list[PythonEnvironment]


def _python_of(folder: Path) -> Path | None:
    for name in ("bin/python3", "bin/python", "python.exe"):
        candidate = folder / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _venv_version(folder: Path) -> str | None:
    try:
        text = (folder / "pyvenv.cfg").read_text(errors="replace")
    except OSError:
        return None
    found = re.search(r"^\s*version(?:_info)?\s*=\s*([0-9][0-9.]*)", text, re.MULTILINE)
    return found.group(1).rstrip(".") if found else None


def _conda_version(folder: Path) -> str | None:
    try:
        names = os.listdir(folder / "conda-meta")
    except OSError:
        return None
    for name in names:
        found = re.match(r"python-([0-9][0-9.]*[0-9])-", name)
        if found:
            return found.group(1)
    return None


def describe(folder: Path) -> PythonEnvironment | None:
    """The environment in ``folder``, or None when it holds none."""
    if _python_of(folder) is None:
        return None
    if (folder / "conda-meta").is_dir():
        return PythonEnvironment(
            name=folder.name, path=str(folder), kind="conda", python_version=_conda_version(folder)
        )
    if (folder / "pyvenv.cfg").is_file():
        return PythonEnvironment(
            name=folder.name, path=str(folder), kind="venv", python_version=_venv_version(folder)
        )
    return None


def _workspace_candidates(root: Path) -> Iterator[Path]:
    """Folders below the workspace root (breadth first, hidden ones only when they look like
    venvs: .venv, .venv-3.11), within the depth and the budget."""
    level = [root]
    seen = 0
    for _ in range(WORKSPACE_DEPTH):
        following = []
        for folder in level:
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in sorted(entries, key=lambda item: item.name):
                seen += 1
                if seen > WORKSPACE_BUDGET:
                    return
                if not entry.is_dir(follow_symlinks=False) or entry.name in _SKIPPED:
                    continue
                if entry.name.startswith(".") and not entry.name.startswith(".venv"):
                    continue
                path = Path(entry.path)
                yield path
                following.append(path)
        level = following


def _usual_places(home: Path) -> Iterator[Path]:
    """Environment folders outside the workspace, where tools put them."""
    conda_roots = [
        home / ".conda",
        home / "miniconda3",
        home / "anaconda3",
        home / "miniforge3",
        home / "mambaforge",
        Path("/opt/conda"),
    ]
    prefix = os.environ.get("CONDA_PREFIX")
    if prefix:
        yield Path(prefix)
    for root in conda_roots:
        yield root
        yield from _children(root / "envs")
    yield from _children(home / ".virtualenvs")
    yield from _children(home / ".pyenv" / "versions")
    yield from _children(Path("/opt"))


def _children(folder: Path) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda item: item.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir():
            yield Path(entry.path)


def _server_environment(interpreter: str) -> PythonEnvironment:
    prefix = Path(sys.prefix)
    is_venv = sys.prefix != sys.base_prefix
    version = ".".join(str(part) for part in sys.version_info[:3])
    return PythonEnvironment(
        name="this server's Python",
        path=str(prefix) if is_venv else interpreter,
        kind="server",
        python_version=version,
    )


def find_environments(
    workspace_root: str, server_interpreter: str = sys.executable, home: Path | None = None
) -> list[PythonEnvironment]:
    """The server's own environment first, then those of the workspace, then the usual
    places; each once, under its real path."""
    found = [_server_environment(server_interpreter)]
    seen = {os.path.realpath(found[0].path)}
    candidates: list[Path] = []
    if workspace_root:
        candidates.extend(_workspace_candidates(Path(workspace_root)))
    candidates.extend(_usual_places(home or Path.home()))
    for folder in candidates:
        real = os.path.realpath(folder)
        if real in seen:
            continue
        environment = describe(folder)
        if environment is not None:
            seen.add(real)
            found.append(environment)
    return found


class EnvironmentFinder:
    """Finds the environments of this host for one server (its workspace, its Python)."""

    def __init__(self, workspace_root: str, server_interpreter: str = sys.executable) -> None:
        self.workspace_root = workspace_root
        self.server_interpreter = server_interpreter

    def find(self) -> PythonEnvironmentList:
        return PythonEnvironmentList(
            environments=find_environments(self.workspace_root, self.server_interpreter)
        )
