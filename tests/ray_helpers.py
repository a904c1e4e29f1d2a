"""A real local Ray cluster for the ``ray`` backend's tests: a head and one worker node.

Where they run and how the server reaches them: Ray binds every address a host has, whatever
it is told, so the cluster runs inside a network namespace of its own with only loopback up.
The test process's main thread enters the same namespace (``setns``) while the Ray tests run,
and leaves it afterwards: the Jupyter server those tests start (on the main thread, with the
threads it starts) listens on that namespace's 127.0.0.1, which is where the cluster's
dashboard answers and where the units on the cluster find the server again (``MLSTUDIO_URL``,
for the upload of their model and output). Nothing in the namespace can reach anything
outside it, nor be reached from outside.

The cluster starts once per test session (``ray start --block`` for each node, each in a
process group of its own) and stops by those PIDs: SIGTERM to each group, SIGKILL to what is
left, then every process still in the namespace, by PID.

Needs root (a network namespace) and Ray in this Python (``ensure_ray`` in scripts/lib.sh).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import requests

CLONE_NEWNET = 0x40000000
GCS_PORT = 6380
#: How many times a node that gave up starting is started again.
ATTEMPTS = 5
DASHBOARD_PORT = 8265


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _setns(fd: int) -> None:
    if _libc().setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns failed")


@dataclass
class RayCluster:
    """A running local cluster: its dashboard address, its namespace and its node processes."""

    dashboard: str
    namespace_fd: int
    root_fd: int
    nodes: list[subprocess.Popen[bytes]]
    temp: Path

    @contextlib.contextmanager
    def inside(self) -> Iterator[None]:
        """The calling thread in the cluster's network namespace until the block ends."""
        _setns(self.namespace_fd)
        try:
            yield
        finally:
            _setns(self.root_fd)


def _namespace_processes(inode: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            if os.stat(f"/proc/{entry}/ns/net").st_ino == inode:
                found.append(int(entry))
        except OSError:
            continue
    return found


#: ``ray`` itself, patient with a slow start: on a loaded machine a node's agent can take more
#: than the 30 s ``ray start`` waits for the node to register (then it gives up and the node
#: dies), so the lookup it waits with retries for up to 300 s instead (a node of ours took more
#: than 90 s to register with the machine's load average at 18), while its raylet lives: a
#: raylet that died (it waits only seconds for its agents' port files) is started again.
PATIENT_RAY = """
import os
import time
import ray._private.services as services
lookup = services.get_node
def raylet_alive():
    me = str(os.getpid())
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as stat, open(f"/proc/{entry}/comm") as comm:
                state, parent = stat.read().rsplit(")", 1)[1].split()[:2]
                if parent == me and comm.read().strip() == "raylet" and state != "Z":
                    return True
        except (OSError, ValueError):
            continue
    return False
def patient(*args, **kwargs):
    deadline = time.monotonic() + 300
    while True:
        try:
            return lookup(*args, **kwargs)
        except RuntimeError:
            if time.monotonic() > deadline or not raylet_alive():
                raise
            time.sleep(1)
services.get_node = patient
from ray.scripts.scripts import main
main()
"""


def _ray_command() -> list[str]:
    return [sys.executable, "-c", PATIENT_RAY]


def start_cluster(log_dir: Path) -> RayCluster:
    """Make the namespace, start the head and a worker in it, wait for both to be alive."""
    root_fd = os.open(f"/proc/self/task/{threading.get_native_id()}/ns/net", os.O_RDONLY)
    # A fresh namespace for this thread, kept open by a file descriptor; lo comes up in it.
    if _libc().unshare(CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWNET) failed (root needed)")
    namespace_fd = os.open(f"/proc/self/task/{threading.get_native_id()}/ns/net", os.O_RDONLY)
    nodes: list[subprocess.Popen[bytes]] = []
    temp = Path(tempfile.mkdtemp(prefix="ray-", dir="/tmp"))
    try:
        subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
        env = dict(
            os.environ,
            PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
            RAY_USAGE_STATS_ENABLED="0",
            RAY_DISABLE_DOCKER_CPU_WARNING="1",
            # How long a node waits for its agents' ports (slow to start on a loaded machine).
            RAY_agent_register_timeout_ms="300000",
            RAY_DASHBOARD_STARTUP_TIMEOUT_S="300",
            # How long a node waits for its raylet to register, and the dashboard for each of
            # its module processes (30 s each by default: too little on a loaded machine).
            RAY_raylet_start_wait_time_s="300",
            RAY_DASHBOARD_SUBPROCESS_MODULE_WAIT_READY_TIMEOUT="300",
        )
        common = ["--node-ip-address=127.0.0.1", "--num-cpus=2", "--num-gpus=0", "--block"]
        common += ["--object-store-memory=80000000", "--disable-usage-stats"]
        head = [
            *_ray_command(),
            "start",
            "--head",
            f"--port={GCS_PORT}",
            "--dashboard-host=127.0.0.1",
            f"--dashboard-port={DASHBOARD_PORT}",
            "--include-dashboard=true",
            f"--temp-dir={temp}",
            *common,
        ]
        worker = [*_ray_command(), "start", f"--address=127.0.0.1:{GCS_PORT}", *common]
        # The node agents must report their ports within seconds of starting, or the node
        # aborts: their imports are warmed first, and a node that aborts starts again.
        subprocess.run([sys.executable, "-c", WARM_IMPORTS], env=env, check=True, timeout=600)
        for index, command in enumerate((head, worker)):
            base = 52000 + 10 * index
            command += [
                f"--metrics-export-port={base}",
                f"--dashboard-agent-listen-port={base + 1}",
                f"--dashboard-agent-grpc-port={base + 2}",
                f"--runtime-env-agent-port={base + 3}",
            ]
            for attempt in range(ATTEMPTS):
                with open(log_dir / f"ray-node-{index}-{attempt}.log", "wb") as log:
                    node = subprocess.Popen(
                        command,
                        env=env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                nodes.append(node)
                try:
                    _wait_for(f"http://127.0.0.1:{DASHBOARD_PORT}", index + 1, nodes, temp)
                    break
                except NodeExited:
                    _stop_group(node)
                    nodes.remove(node)
                    if attempt == ATTEMPTS - 1:
                        raise
    except BaseException:
        cluster = RayCluster("", namespace_fd, root_fd, nodes, temp)
        _setns(root_fd)
        stop_cluster(cluster)
        raise
    _setns(root_fd)
    return RayCluster(f"http://127.0.0.1:{DASHBOARD_PORT}", namespace_fd, root_fd, nodes, temp)


WARM_IMPORTS = """
import ray.dashboard.agent
import ray.dashboard.modules.reporter.reporter_agent
import ray.dashboard.modules.job.job_agent
import ray._private.runtime_env.agent.main
import ray.dashboard.dashboard
"""


class NodeExited(AssertionError):
    """A node's ``ray start`` gave up (a slow agent, on a loaded machine)."""


def _stop_group(node: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(node.pid, signal.SIGKILL)
    node.wait(timeout=30)


def _wait_for(
    dashboard: str, count: int, nodes: list[subprocess.Popen[bytes]], log_dir: Path
) -> None:
    deadline = time.monotonic() + 420
    while time.monotonic() < deadline:
        for node in nodes:
            if node.poll() is not None:
                # The node's own logs say why (its raylet's, GCS's and agents' last lines).
                logs = "".join(
                    f"--- {p.name}:\n{p.read_text(errors='replace')[-1200:]}\n"
                    for p in sorted(log_dir.glob("session_latest/logs/*"))
                    if p.suffix in (".out", ".err", ".log")
                    and p.stat().st_size
                    and p.name.startswith(
                        ("raylet", "gcs_server", "dashboard_agent", "runtime_env")
                    )
                )
                raise NodeExited(f"a Ray node exited ({node.returncode}):\n{logs}")
        with contextlib.suppress(requests.RequestException, ValueError):
            answer = requests.get(f"{dashboard}/nodes?view=summary", timeout=5)
            summary = answer.json().get("data", {}).get("summary", [])
            alive = [n for n in summary if n.get("raylet", {}).get("state") == "ALIVE"]
            if answer.ok and len(alive) >= count:
                return
        time.sleep(0.5)
    raise AssertionError(f"the Ray cluster did not come up with {count} node(s) in 420 s")


def stop_cluster(cluster: RayCluster) -> None:
    """Stop the nodes by their PIDs, then whatever else still runs in the namespace."""
    for node in cluster.nodes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(node.pid, signal.SIGTERM)
    for node in cluster.nodes:
        try:
            node.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(node.pid, signal.SIGKILL)
            node.wait(timeout=10)
    inode = os.fstat(cluster.namespace_fd).st_ino
    for _ in range(3):
        left = _namespace_processes(inode)
        if not left:
            break
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
    os.close(cluster.namespace_fd)
    os.close(cluster.root_fd)
    shutil.rmtree(cluster.temp, ignore_errors=True)
