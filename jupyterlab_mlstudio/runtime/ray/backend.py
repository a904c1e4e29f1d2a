"""The ``ray`` backend: each unit is one Ray job, submitted over the cluster's REST API.

A unit's mounts become its Ray working folder: the folder mounted at /opt/ml is the working
folder itself, every other mounted folder lands under ``.mounts/<n>/``, and ``unit.py`` (the
entrypoint) points the unit's paths there. The folder travels as a zip through the cluster's
package store (``gcs://_ray_pkg_<hash>.zip``), as ``ray job submit`` ships a local folder; a
nonce in it keeps two units from ever sharing one extracted folder on a node.

The job's submission id is the unit's id: a restarted server re-adopts its units by that id
(``list`` finds them by the labels kept as job metadata). A unit's log is the job's log,
followed through Ray's log tail (a websocket sending only what is new, from the log's start)
by a thread per unit, and cut into lines stamped when they arrive; the cursor is a line count,
so it survives a restart. The job itself is asked for every 0.1 s while something happens and
less often (up to every 2 s) while nothing does; once it has ended and the tail has closed,
the whole log is read once to make sure no line was missed (the fallback when a tail breaks).
Stop is Ray's: SIGTERM to the entrypoint and the command; the
entrypoint kills the command after the unit's grace period and uploads its files before
Ray's own kill (``RAY_JOB_STOP_WAIT_TIME_S``, set at submission: the grace period is fixed
when the unit starts, whatever grace ``stop`` is given). What the command wrote to model/,
output/ and checkpoints/ comes back through the server's uploads (``results``).

Hosts of one job are one Ray job each, placed by their instance type's Ray resources
(``entrypoint_num_cpus``/``_gpus``/``_memory``/``_resources``); the first host reports its
node's address and the others get it as ``MASTER_ADDR`` (``SM_MASTER_ADDR`` too): on a Ray
worker the names algo-1..N do not resolve. The cluster schedules them independently (no
placement group over the REST API), so a job of N hosts starts when the cluster has room for
all N; a host left waiting longer than ``start_timeout`` fails the start.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
import time
import uuid
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..base import ContainerSpec, LogRead, RuntimeBackend, UnitError, UnitState, UnitStatus
from ..models import BackendStatus
from .api import RayApiError, RayJobsApi

UNIT_SCRIPT = Path(__file__).resolve().parent / "unit.py"
MARK = "\x1emlstudio-unit "
WORKING_TARGET = "/opt/ml"
#: The cluster's own limit on a working folder is 500 MiB; larger folders are refused here.
MAX_PACKAGE_BYTES = 500 * 1024 * 1024
TERMINAL = ("SUCCEEDED", "FAILED", "STOPPED")
#: How often a unit's job is asked for while something happens (a new line, a new state) ...
REFRESH_SECONDS = 0.1
#: ... and at most, doubling from the above while nothing does.
IDLE_REFRESH_SECONDS = 2.0
#: How long an ended job's log tail may take to deliver its last lines before the whole log
#: is read instead (Ray's tail looks for new lines once a second).
TAIL_SETTLE_SECONDS = 10.0


@dataclass
class _Followed:
    """What is known of one unit's job: its record, and its log cut into stamped lines."""

    job: dict[str, Any] | None = None
    #: Characters of the log cut into lines so far (the tail's text is a prefix of the log).
    text_length: int = 0
    partial: str = ""
    lines: list[tuple[int, str]] = field(default_factory=list)
    marks: dict[str, Any] = field(default_factory=dict)
    fetched: float = 0.0
    interval: float = REFRESH_SECONDS
    #: When the job was first seen ended (monotonic), waiting for the tail's last lines.
    ended_seen: float | None = None
    ended: bool = False
    #: Whether the unit's entrypoint has said it started: the lines before are Ray's own.
    started: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: What the tail thread received and nobody has cut yet; whether the tail has closed.
    inbox: list[str] = field(default_factory=list)
    inbox_lock: threading.Lock = field(default_factory=threading.Lock)
    tail: threading.Thread | None = None
    tail_closed: bool = False


def _ms() -> int:
    return int(time.time() * 1000)


class RayBackend(RuntimeBackend):
    """Units as Ray jobs on the cluster whose dashboard answers at ``address``."""

    name = "ray"
    #: Units see the paths of their mounts (rewritten on the cluster into the working folder).
    private_mounts = True

    def __init__(
        self,
        address: str,
        resources: dict[str, dict[str, float]] | None = None,
        entrypoint_python: str = "python",
        start_timeout: float = 300.0,
    ) -> None:
        self.api = RayJobsApi(address)
        self.address = address
        #: Ray resources per instance type, overriding what its vCPUs, GPUs and memory say.
        self.resources = dict(resources or {})
        self.entrypoint_python = entrypoint_python
        self.start_timeout = start_timeout
        self._followed: dict[str, _Followed] = {}
        self._lock = threading.Lock()

    # -- the cluster -----------------------------------------------------------------------

    def probe(self) -> BackendStatus:
        try:
            version = self.api.version()
            nodes = self.api.nodes()
        except RayApiError as error:
            return BackendStatus(name=self.name, available=False, reason=str(error))
        alive = [node for node in nodes if node.get("raylet", {}).get("state") == "ALIVE"]
        total: dict[str, float] = {}
        for node in alive:
            raylet = node.get("raylet", {})
            resources = raylet.get("resourcesTotal") or raylet.get("resources") or {}
            for key, value in resources.items():
                if key in ("CPU", "GPU", "memory") or not key.startswith(
                    ("node:", "object_", "objectStore")
                ):
                    total[key] = total.get(key, 0.0) + float(value)
        described = ", ".join(
            f"{value / 2**30:.1f} GiB memory" if key == "memory" else f"{value:g} {key}"
            for key, value in sorted(total.items())
            if not key.startswith("accelerator_type") or value
        )
        return BackendStatus(
            name=self.name,
            available=bool(alive),
            reason=None if alive else f"the Ray cluster at {self.address} has no live node",
            detail=(
                f"Ray {version.get('ray_version', '?')} at {self.address}: {len(alive)} "
                f"node{'s' if len(alive) != 1 else ''}; {described}"
            ),
        )

    # -- start -----------------------------------------------------------------------------

    def entrypoint_resources(self, spec: ContainerSpec) -> dict[str, Any]:
        """What the unit asks the cluster for: its instance type's override, else its limits."""
        wanted = self.resources.get(spec.labels.get("mlstudio.instance_type", ""))
        if wanted is None:
            wanted = {"CPU": spec.resources.cpus, "GPU": len(spec.resources.gpus)}
            if spec.resources.memory_bytes:
                wanted["memory"] = spec.resources.memory_bytes
        body: dict[str, Any] = {}
        custom = {}
        for key, value in wanted.items():
            if key == "CPU":
                body["entrypoint_num_cpus"] = float(value)
            elif key == "GPU":
                if value:
                    body["entrypoint_num_gpus"] = float(value)
            elif key == "memory":
                if value:
                    body["entrypoint_memory"] = int(value)
            elif value:
                custom[key] = float(value)
        if custom:
            body["entrypoint_resources"] = custom
        return body

    def _package(self, spec: ContainerSpec, unit: str, env: dict[str, str]) -> bytes:
        """The unit's working folder as a zip: its /opt/ml, other mounts, the entrypoint."""
        mounts = []
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            others = 0
            for mount in spec.mounts:
                if mount.target == WORKING_TARGET:
                    prefix = ""
                elif mount.target.startswith(WORKING_TARGET + "/"):
                    prefix = mount.target[len(WORKING_TARGET) + 1 :] + "/"
                else:
                    others += 1
                    prefix = f".mounts/{others}/"
                mounts.append({"target": mount.target, "folder": prefix or "."})
                source = Path(mount.source)
                if source.is_file():
                    archive.write(source, prefix.rstrip("/") or source.name)
                    mounts[-1]["folder"] = prefix.rstrip("/")
                    continue
                for path in sorted(source.rglob("*")):
                    name = prefix + path.relative_to(source).as_posix()
                    if path.is_dir():
                        archive.writestr(name + "/", "")
                    elif path.is_file():
                        archive.write(path, name)
            archive.write(UNIT_SCRIPT, ".mlstudio/unit.py")
            hosts = json.loads(spec.env.get("SM_HOSTS") or "[]")
            described = {
                "unit": unit,
                "command": [*(spec.entrypoint or []), *spec.command],
                "workdir": spec.workdir,
                "env": env,
                "mounts": mounts,
                "first_of": len(hosts) if len(hosts) > 1 and spec.hostname == hosts[0] else 0,
                "grace": spec.stop_grace_seconds,
                # Folders under /opt/ml sent back at the end, when a job kind names its own.
                "collect": json.loads(spec.labels.get("mlstudio.collect") or "null"),
            }
            archive.writestr(".mlstudio/unit.json", json.dumps(described))
        data = buffer.getvalue()
        if len(data) > MAX_PACKAGE_BYTES:
            raise UnitError(
                f"Unit {spec.name}'s working folder is {len(data) / 2**20:.0f} MiB zipped, more "
                f"than the {MAX_PACKAGE_BYTES // 2**20} MiB a Ray cluster takes: give the job "
                "less input data, or run it on this workstation"
            )
        return data

    def start(self, spec: ContainerSpec) -> str:
        unit = f"{spec.name}-{uuid.uuid4().hex[:8]}"
        env = dict(spec.env)
        job_key = spec.labels.get("mlstudio.job", "")
        hosts = json.loads(spec.env.get("SM_HOSTS") or "[]")
        if len(hosts) > 1:
            env.setdefault("MASTER_PORT", str(20000 + zlib.crc32(job_key.encode()) % 10000))
            if spec.hostname != hosts[0]:
                env["MASTER_ADDR"] = self._first_address(spec)
        data = self._package(spec, unit, env)
        package = f"_ray_pkg_{hashlib.sha1(data).hexdigest()}.zip"
        if not self.api.has_package(package):
            self.api.upload_package(package, data)
        metadata = {key: str(value) for key, value in spec.labels.items()}
        metadata["mlstudio.unit"] = unit
        body = {
            "submission_id": unit,
            "entrypoint": f"exec {self.entrypoint_python} .mlstudio/unit.py",
            "runtime_env": {
                "working_dir": f"gcs://{package}",
                # Ray kills the entrypoint this long after its SIGTERM: after the unit's
                # own kill at the end of the grace period, and the upload of its files.
                "env_vars": {"RAY_JOB_STOP_WAIT_TIME_S": str(int(spec.stop_grace_seconds) + 30)},
            },
            "metadata": metadata,
            **self.entrypoint_resources(spec),
        }
        self.api.submit(body)
        return unit

    def _first_address(self, spec: ContainerSpec) -> str:
        """The address the first host of ``spec``'s job reported (waiting for it to start)."""
        wanted = {
            "mlstudio.job": spec.labels.get("mlstudio.job", ""),
            "mlstudio.host": json.loads(spec.env["SM_HOSTS"])[0],
        }
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            units = self.list(wanted)
            for unit in units:
                followed = self._refresh(unit, force=True)
                if "addr" in followed.marks:
                    return str(followed.marks["addr"])
                if followed.ended:
                    raise UnitError(f"the first host ({unit}) ended before the others started")
            time.sleep(0.2)
        raise UnitError(
            f"the first host of {spec.labels.get('mlstudio.job')} did not start on the Ray "
            f"cluster within {self.start_timeout:g} s (does the cluster have room for it?)"
        )

    # -- following a unit ------------------------------------------------------------------

    def _follow(self, unit: str, followed: _Followed) -> None:
        """The tail thread: hands what Ray sends of the unit's log to the readers."""
        try:
            for piece in self.api.tail(unit):
                with followed.inbox_lock:
                    followed.inbox.append(piece)
        except RayApiError:
            pass  # the whole log is read once the job has ended
        finally:
            followed.tail_closed = True

    def _refresh(self, unit: str, force: bool = False) -> _Followed:
        with self._lock:
            followed = self._followed.setdefault(unit, _Followed())
        with followed.lock:
            if followed.ended:
                return followed
            if followed.tail is None:
                followed.tail = threading.Thread(
                    target=self._follow, args=(unit, followed), name=f"ray-tail-{unit}", daemon=True
                )
                followed.tail.start()
            with followed.inbox_lock:
                fresh, followed.inbox = "".join(followed.inbox), []
            now = time.monotonic()
            before = followed.job.get("status") if followed.job else None
            if force or now - followed.fetched >= followed.interval:
                followed.job = self.api.job(unit)
                followed.fetched = now
                state = followed.job.get("status") if followed.job else None
                idle = not fresh and state == before
                followed.interval = (
                    min(followed.interval * 2, IDLE_REFRESH_SECONDS) if idle else REFRESH_SECONDS
                )
            job = followed.job
            ended = False
            if job is None:
                ended = True
            elif job.get("status") in TERMINAL:
                if followed.ended_seen is None:
                    followed.ended_seen = now
                    followed.interval = REFRESH_SECONDS
                if followed.tail_closed or now - followed.ended_seen > TAIL_SETTLE_SECONDS:
                    # The tail's text is the log's start: the rest, if any, comes from here.
                    with followed.inbox_lock:
                        fresh += "".join(followed.inbox)
                        followed.inbox = []
                    whole = self.api.logs(unit)
                    fresh += whole[followed.text_length + len(fresh) :]
                    ended = True
            self._cut(followed, fresh, ended)
            followed.ended = ended
            return followed

    @staticmethod
    def _cut(followed: _Followed, fresh: str, ended: bool) -> None:
        """Cuts ``fresh`` text of the log into stamped lines, reading the unit's marks."""
        followed.text_length += len(fresh)
        if not fresh and not ended:
            return
        pieces = (followed.partial + fresh).split("\n")
        followed.partial = "" if ended else pieces.pop()
        if ended and pieces and pieces[-1] == "":
            pieces.pop()
        stamp = _ms()
        for piece in pieces:
            line = piece.rstrip("\r")
            if line.startswith(MARK):
                kind, _, payload = line[len(MARK) :].partition(" ")
                try:
                    followed.marks[kind] = json.loads(payload)
                except ValueError:
                    followed.marks[kind] = payload
                followed.started = followed.started or kind == "start"
            elif not followed.started:
                # Ray's job supervisor ("Runtime env is setting up", "Running entrypoint"):
                # kept for the line count, hidden from the job's log like the marks.
                line = f"{MARK}ray {line}"
            followed.lines.append((stamp, line))

    def status(self, unit: str) -> UnitStatus:
        followed = self._refresh(unit)
        job = followed.job
        if job is None:
            return UnitStatus(unit, UnitState.LOST, error="the Ray cluster has no such job")
        state = job.get("status")
        if state not in TERMINAL or not followed.ended:
            # Ended on the cluster, its last lines (and how it ended) still on their way.
            return UnitStatus(unit, UnitState.RUNNING)
        ended = followed.marks.get("exit")
        if isinstance(ended, dict):
            return UnitStatus(
                unit,
                UnitState.EXITED,
                exit_code=ended.get("exit_code"),
                signal=ended.get("signal"),
                error=ended.get("results_error"),
            )
        message = str(job.get("message") or state)
        if state == "STOPPED":
            return UnitStatus(unit, UnitState.EXITED, signal=15, error=message)
        code = job.get("driver_exit_code")
        if isinstance(code, int) and code < 0:
            return UnitStatus(unit, UnitState.EXITED, signal=-code, error=message)
        return UnitStatus(
            unit,
            UnitState.EXITED,
            exit_code=code if isinstance(code, int) and code > 0 else None,
            error=f"the Ray job failed: {message}",
        )

    def read_logs(self, unit: str, cursor: Any = None, limit: int = 5000) -> LogRead:
        followed = self._refresh(unit)
        start = int(cursor or 0)
        with followed.lock:
            chosen = followed.lines[start : start + limit]
            complete = followed.ended and start + len(chosen) >= len(followed.lines)
        lines = [(stamp, text) for stamp, text in chosen if not text.startswith(MARK)]
        return LogRead(lines=lines, cursor=start + len(chosen), complete=complete)

    def results(self, unit: str) -> str | None:
        """The object URI of the archive of what the unit left in model/, output/ and
        checkpoints/; ``None`` if it did not get as far as packing it."""
        ended = self._refresh(unit, force=True).marks.get("exit")
        if isinstance(ended, dict) and ended.get("results"):
            return str(ended["results"])
        return None

    def stop(self, unit: str, grace_seconds: float) -> None:
        self.api.stop(unit)
        with self._lock:
            followed = self._followed.get(unit)
        if followed is not None:
            followed.interval = REFRESH_SECONDS  # its end is near: asked for often again

    def list(self, labels: dict[str, str]) -> list[str]:
        found = []
        for job in self.api.jobs():
            metadata = job.get("metadata") or {}
            if "mlstudio.unit" in metadata and all(metadata.get(k) == v for k, v in labels.items()):
                found.append(str(job.get("submission_id")))
        return found

    def remove(self, unit: str) -> None:
        self.api.delete(unit)
        with self._lock:
            self._followed.pop(unit, None)

    # -- where a unit listens (serving units: endpoints, batch transform) ------------------

    def unit_address(self, unit: str) -> str:
        """The address of the node ``unit`` runs on, as the cluster knows it: where the server
        reaches a port the unit binds. Waits (up to ``start_timeout``) until the cluster has
        placed it; a unit that ends first, or is never placed, is a ``UnitError``."""
        deadline = time.monotonic() + self.start_timeout
        while True:
            job = self.api.job(unit)
            if job is None or job.get("status") in TERMINAL:
                state = "gone" if job is None else job.get("status")
                raise UnitError(
                    f"unit {unit} ended on the Ray cluster before it listened ({state})"
                )
            node = job.get("driver_node_id")
            if node and job.get("status") == "RUNNING":
                for item in self.api.nodes():
                    raylet = item.get("raylet") or {}
                    if raylet.get("nodeId") == node:
                        return str(raylet.get("nodeManagerAddress") or item.get("ip"))
            if time.monotonic() > deadline:
                raise UnitError(
                    f"unit {unit} was not placed on the Ray cluster within "
                    f"{self.start_timeout:g} s (does the cluster have room for it?)"
                )
            time.sleep(0.2)
