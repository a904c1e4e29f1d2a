"""What runs first in every Ray unit, on the cluster (standard library only; shipped in the
unit's working folder as ``.mlstudio/unit.py`` and started as the Ray job's entrypoint).

The working folder is the host's /opt/ml as the server prepared it (plus each other mounted
folder under ``.mounts/``). A Ray worker has no private mounts, so every path the unit was
given under a mount target (``/opt/ml/...`` in its command, working folder and SM_*
variables) is rewritten to the same place in the working folder, as the process backend does
where it has no private mounts. Then it:

- says it started (``<MARK>start {}``): what Ray printed before that line is its own;
- for a job of several hosts, finds ``MASTER_ADDR``: the first host says its own address (the
  line ``<MARK>addr <ip>``); the server hands it to the other hosts;
- runs the command in a session of its own, dying with this process. Ray's stop sends SIGTERM
  to the entrypoint and each of its descendants, the command included; a command still
  running after the unit's grace period is killed here, before Ray (told more at
  submission) kills whatever is left, so that what the command saved is still uploaded;
- once the command ends, packs ``model/``, ``output/`` and ``checkpoints/`` and uploads them to
  the server (``POST /mlstudio/api/v1/uploads``), then prints ``<MARK>exit {...}`` with how
  the command ended and where the archive went. The server filters both lines out of the log.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import threading
import urllib.parse
import urllib.request

MARK = "\x1emlstudio-unit "
COLLECT = ("model", "output", "checkpoints")


def rewrite(value: str, mounts: list[tuple[str, str]]) -> str:
    """``value`` with every path under a mount target pointing into the working folder."""
    for target, local in mounts:
        pattern = r"(?<![\w./-])" + re.escape(target) + r"(?=/|$|[\"',:;\s\]])"
        value = re.sub(pattern, local.replace("\\", "\\\\"), value)
    return value


def own_address() -> str:
    """This node's address as the cluster sees it: the one this host uses to reach the GCS."""
    address = os.environ.get("RAY_ADDRESS", "") or "127.0.0.1:6379"
    host = urllib.parse.urlparse(address if "://" in address else f"ray://{address}").hostname
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect((host or "127.0.0.1", 9))
        return str(probe.getsockname()[0])


def pack(root: str, collect: list[str] | tuple[str, ...] = COLLECT) -> str:
    handle, archive = tempfile.mkstemp(suffix=".tar.gz")
    os.close(handle)
    with tarfile.open(archive, "w:gz") as tar:
        for name in collect:
            path = os.path.join(root, name)
            if os.path.isdir(path):
                tar.add(path, arcname=name)
    return archive


def upload(archive: str, url: str, token: str) -> str:
    with open(archive, "rb") as body:
        request = urllib.request.Request(
            url.rstrip("/") + "/mlstudio/api/v1/uploads?name=unit-results.tar.gz",
            data=body,
            method="POST",
            headers={
                "Authorization": f"token {token}",
                "Content-Length": str(os.path.getsize(archive)),
                "Content-Type": "application/gzip",
            },
        )
        with urllib.request.urlopen(request, timeout=600) as answer:
            return str(json.loads(answer.read())["uri"])


def die_with_parent() -> None:
    """In the child: SIGKILL when this process goes (Linux; elsewhere nothing)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def say(kind: str, payload: object) -> None:
    sys.stdout.flush()
    print(f"{MARK}{kind} {json.dumps(payload)}", flush=True)


def main() -> int:
    say("start", {})  # what Ray printed before this line is its own, not the job's
    root = os.getcwd()
    with open(os.path.join(root, ".mlstudio", "unit.json")) as handle:
        unit = json.load(handle)
    mounts = sorted(
        (
            (item["target"], os.path.normpath(os.path.join(root, item["folder"])))
            for item in unit["mounts"]
        ),
        key=lambda item: -len(item[0]),
    )
    env = dict(os.environ)
    env.update({key: rewrite(value, mounts) for key, value in unit["env"].items()})
    if unit.get("first_of") and not env.get("MASTER_ADDR"):
        address = own_address()
        env["MASTER_ADDR"] = address
        say("addr", address)
    if env.get("MASTER_ADDR"):
        env["SM_MASTER_ADDR"] = env["MASTER_ADDR"]
    command = [rewrite(part, mounts) for part in unit["command"]]
    if command and command[0] == "python":
        command[0] = sys.executable  # the cluster's Python, as the job's own
    for name in ("input/config", "model", "output/data", "output/intermediate", "checkpoints"):
        os.makedirs(os.path.join(root, name), exist_ok=True)
    workdir = rewrite(unit["workdir"], mounts) if unit.get("workdir") else root
    if unit.get("notice"):
        print(unit["notice"], flush=True)
    child = subprocess.Popen(
        command, cwd=workdir, env=env, start_new_session=True, preexec_fn=die_with_parent
    )
    stopping: list[int] = []

    def kill_late() -> None:
        with contextlib.suppress(OSError):
            os.killpg(child.pid, signal.SIGKILL)

    def stop(number: int, _frame: object) -> None:
        if stopping:
            return
        stopping.append(number)
        late = threading.Timer(float(unit.get("grace", 120)), kill_late)
        late.daemon = True
        late.start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = child.wait()
    ended: dict[str, object] = {"exit_code": code if code >= 0 else None}
    if code < 0:
        ended["signal"] = -code
    if stopping:
        ended["stopped"] = True
    server = env.get("MLSTUDIO_URL")
    if server:
        archive = pack(root, unit.get("collect") or COLLECT)
        try:
            ended["results"] = upload(archive, server, env.get("MLSTUDIO_TOKEN", ""))
        except Exception as error:  # the server says which host's files it could not get
            ended["results_error"] = f"{type(error).__name__}: {error}"
        finally:
            os.unlink(archive)
    say("exit", ended)
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main())
