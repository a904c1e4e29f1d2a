"""Image registration as a newcomer meets it: the environments of this host to choose from, and
a Docker engine that is not there told in a sentence with a next step."""

from __future__ import annotations

import os
import sys
import venv
from pathlib import Path
from typing import Any

import pytest

from jupyterlab_mlstudio.images.environments import find_environments
from jupyterlab_mlstudio.runtime.engine_errors import docker_problem
from jupyterlab_mlstudio.runtime.probe import probe_docker


def fake_conda(folder: Path, version: str = "3.10.14") -> Path:
    """A conda environment's marks on disk: conda-meta/ and an executable bin/python."""
    (folder / "conda-meta").mkdir(parents=True)
    (folder / "conda-meta" / f"python-{version}-h955ad1f_0.json").write_text("{}")
    (folder / "bin").mkdir()
    python = folder / "bin" / "python"
    python.write_text("#!/bin/sh\n")
    python.chmod(0o755)
    return folder


def test_the_servers_python_comes_first_then_workspace_venvs_and_conda_envs(tmp_path: Path):
    # Given a workspace with a venv two levels down, a conda env in the usual place, and noise
    workspace = tmp_path / "work"
    venv.create(workspace / "project" / ".venv", with_pip=False, symlinks=True)
    (workspace / "node_modules" / "x" / "bin").mkdir(parents=True)
    home = tmp_path / "home"
    fake_conda(home / "miniconda3" / "envs" / "torch")

    # When the environments are looked for
    found = find_environments(str(workspace), sys.executable, home=home)

    # Then the server's own Python leads, each environment is listed once with its version
    assert found[0].kind == "server" and found[0].name == "this server's Python"
    by_path = {item.path: item for item in found[1:]}
    project = by_path[str(workspace / "project" / ".venv")]
    assert project.kind == "venv" and project.name == ".venv"
    assert project.python_version == ".".join(map(str, sys.version_info[:3]))
    torch = by_path[str(home / "miniconda3" / "envs" / "torch")]
    assert torch.kind == "conda" and torch.python_version == "3.10.14"
    assert not any("node_modules" in path for path in by_path)


def test_a_folder_without_an_executable_python_is_no_environment(tmp_path: Path):
    broken = tmp_path / "work" / "broken"
    (broken / "bin").mkdir(parents=True)
    (broken / "pyvenv.cfg").write_text("version = 3.11.2\n")
    (broken / "bin" / "python").write_text("")  # not executable

    found = find_environments(str(tmp_path / "work"), sys.executable, home=tmp_path / "home")

    assert [item.kind for item in found] == ["server"]


async def test_the_rest_face_lists_the_environments_of_the_workspace(api: Any, services: Any):
    # Given a venv in the server's workspace
    workspace = Path(services.environments.workspace_root)
    venv.create(workspace / "envs" / "sk", with_pip=False, symlinks=True)

    # When the UI asks for the environments
    status, body = await api("GET", "python-environments")

    # Then they come with the server's Python first
    assert status == 200
    assert body["environments"][0]["kind"] == "server"
    assert str(workspace / "envs" / "sk") in [item["path"] for item in body["environments"]]


def test_a_missing_docker_socket_reads_as_a_sentence_with_a_next_step(tmp_path: Path):
    # Given a Docker address where no engine listens
    socket = f"unix://{tmp_path}/docker.sock"

    # When the backend is probed
    status = probe_docker(socket, timeout=2.0)

    # Then the reason says what is wrong and what to do, without the SDK's exception text
    assert not status.available
    assert status.reason is not None
    assert status.reason.startswith(f"No Docker engine answers at {socket}")
    assert "Start it" in status.reason and "Python environment" in status.reason
    assert "FileNotFoundError" not in status.reason and "Connection aborted" not in status.reason


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (ConnectionRefusedError(111, "Connection refused"), "set DOCKER_HOST"),
        (PermissionError(13, "Permission denied"), "docker group"),
        (TimeoutError("Read timed out"), "Try again"),
    ],
)
def test_each_engine_failure_names_its_next_step(error: Exception, expected: str):
    message = docker_problem(error, "unix:///run/x.sock")
    assert expected in message
    assert message.endswith(".")


def test_an_unknown_engine_failure_keeps_its_first_line_only():
    message = docker_problem(RuntimeError("boom\nTraceback (most recent call last): ..."), None)
    where = os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock"
    assert message == (
        f"The Docker engine at {where} could not do it (boom). "
        "Check that it runs (docker info), then try again."
    )
