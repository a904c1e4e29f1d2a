"""What went wrong with a container engine, in a sentence that says what to do next.

The Docker SDK reports an engine that is not running as "Error while fetching server API
version: ('Connection aborted.', FileNotFoundError(2, 'No such file or directory'))": true, but
no help to someone registering an image. Every message about the engine goes through here.
"""

from __future__ import annotations

import getpass
import os

#: The socket the Docker SDK uses when DOCKER_HOST names none.
DEFAULT_SOCKET = "unix:///var/run/docker.sock"


def engine_address(base_url: str | None) -> str:
    """Where the engine is looked for: the given URL, else DOCKER_HOST, else the socket."""
    return base_url or os.environ.get("DOCKER_HOST") or DEFAULT_SOCKET


def docker_problem(error: BaseException, base_url: str | None = None) -> str:
    """A sentence for a failure to reach or use the Docker engine, with the next step."""
    where = engine_address(base_url)
    text = f"{error!r} {error}"
    if "FileNotFoundError" in text or "No such file or directory" in text:
        return (
            f"No Docker engine answers at {where}: Docker is not running, or not installed. "
            "Start it (e.g. sudo systemctl start docker), or register a Python environment "
            "of this host instead of a Docker image."
        )
    if "Connection refused" in text or "ConnectionRefusedError" in text:
        return (
            f"Nothing accepts connections at {where}: the Docker engine is not running there. "
            "Start it, or set DOCKER_HOST to where it runs."
        )
    if "PermissionError" in text or "Permission denied" in text:
        user = _user()
        return (
            f"The Docker engine at {where} refuses the user {user}: add {user} to the docker "
            f"group (sudo usermod -aG docker {user}, then start the server again) or run a "
            "rootless engine."
        )
    if "timed out" in text.lower() or "Timeout" in text:
        return (
            f"The Docker engine at {where} did not answer in time; it may be busy. Try again "
            "in a moment."
        )
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
    return (
        f"The Docker engine at {where} could not do it ({first_line[:300].rstrip('.')}). "
        "Check that it runs (docker info), then try again."
    )


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no name for this uid (a container's user)
        return str(os.getuid())
