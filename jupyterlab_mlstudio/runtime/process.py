"""The process backend: each unit is a detached process tree run by ``launcher.py``.

A unit's folder (``<root>/<unit>/``) holds ``spec.bin`` (marshal, for the launcher),
``unit.json`` (launcher PID and its
kernel start time, so a reused PID is never mistaken for the unit), ``output.log`` (one
``<UTC ms>\\t<line>`` per output line) and, once it ends, ``status.json``.

At start the backend finds out what this host allows (see ``launcher.py``): private mounts
through a mount namespace (root) or a user namespace (anyone, where the host permits it), and a
cgroup v2 folder to give each unit its own cgroup. Where neither namespace is allowed, units
that expected /opt/ml run with the SM_* paths into their folder, and the backend says so: in
its status (a warning with the host setting that fixes it), as the unit's first log line, and
through an audit hook that turns a script's use of /opt/ml into an error naming the cause.
"""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from . import reaper
from .base import ContainerSpec, LogRead, RuntimeBackend, UnitError, UnitState, UnitStatus
from .models import BackendStatus
from .probe import NO_OPT_ML, probe_process, userns_setting
from .warm_pool import WarmParentError, WarmSettings, WarmStarts

LAUNCHER = Path(__file__).resolve().parent / "launcher.py"
GUARD = Path(__file__).resolve().parent / "guard"
ISOLATION_MODES = ("auto", "none")


def _start_ticks(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return int(handle.read().rsplit(b")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


class ProcessBackend(RuntimeBackend):
    """Units as local process groups; the "image" is a Python environment's interpreter."""

    name = "process"

    def __init__(
        self,
        root: str | Path,
        interpreter: str = sys.executable,
        isolation: str = "auto",
        cgroups: bool = True,
        warm: WarmSettings | None = None,
    ) -> None:
        if isolation not in ISOLATION_MODES:
            raise ValueError(f"isolation must be one of {ISOLATION_MODES}, not {isolation!r}")
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.interpreter = interpreter
        self._children: dict[str, subprocess.Popen[bytes]] = {}
        #: Units whose launcher died and whose leftovers were ended (``_end_leftovers``).
        self._swept: set[str] = set()
        self._lock = threading.Lock()
        self._standby: subprocess.Popen[bytes] | None = None
        self._closed = False
        #: "mount" (root), "user" (a user namespace) or None (no private mounts here).
        self.namespace = self._probe_namespace() if isolation == "auto" else None
        self.private_mounts = self.namespace is not None
        #: Why units have no private /opt/ml here and how to change that; None when they do.
        self.no_mounts_reason = None if self.private_mounts else self._no_mounts_reason(isolation)
        self.cgroup_parent = reaper.cgroup_parent() if cgroups else None
        #: Units forked from warm parents (``warm_pool.py``); None: every unit starts cold.
        self.warm = WarmStarts(self.root / ".warm", warm) if warm and warm.enabled else None
        threading.Thread(target=self._refill, daemon=True).start()

    # -- what this host allows -------------------------------------------------------------

    def _probe_namespace(self) -> str | None:
        modes = ["mount", "user"] if os.geteuid() == 0 else ["user"]
        for mode in modes:
            with tempfile.TemporaryDirectory(dir=self.root) as scratch:
                done = subprocess.run(
                    [self.interpreter, "-I", "-S", str(LAUNCHER), "--probe-mounts", mode, scratch],
                    capture_output=True,
                    timeout=30,
                )
            if done.returncode == 0:
                return mode
        return None

    @staticmethod
    def _no_mounts_reason(isolation: str) -> str:
        if isolation == "none":
            return (
                f"{NO_OPT_ML}: private mounts are switched off in the server's configuration; "
                "enable them with c.MLStudioApp.process_isolation = 'auto'"
            )
        setting = userns_setting()
        if setting:
            return (
                f"{NO_OPT_ML}: this host forbids unprivileged user namespaces; "
                f"enable them with: {setting}"
            )
        return (
            f"{NO_OPT_ML}: this host (or the container the server runs in) refuses user and "
            "mount namespaces; allow unshare(CLONE_NEWUSER) to enable them"
        )

    def probe(self) -> BackendStatus:
        status = probe_process()
        where = {
            "mount": "/opt/ml is a private mount",
            "user": "/opt/ml is a private mount (user namespace)",
        }.get(self.namespace or "", "SM_* paths point into the job folder")
        tracking = "own cgroup per unit" if self.cgroup_parent else "subreaper per unit"
        return status.model_copy(
            update={
                "detail": f"{status.detail}; {where}; {tracking}",
                "warnings": [self.no_mounts_reason] if self.no_mounts_reason else [],
            }
        )

    # -- units -----------------------------------------------------------------------------

    def _dir(self, unit: str) -> Path:
        if not unit or "/" in unit or unit.startswith("."):
            raise UnitError(f"Not a unit name: {unit!r}")
        return self.root / unit

    def start(self, spec: ContainerSpec) -> str:
        folder = self._dir(spec.name)
        if folder.exists():
            if self.status(spec.name).state == UnitState.RUNNING:
                raise UnitError(f"Unit {spec.name} is already running")
            shutil.rmtree(folder)
        with self._lock:
            self._swept.discard(spec.name)
        folder.mkdir(parents=True)
        mounts = [
            {"source": mount.source, "target": mount.target, "read_only": mount.read_only}
            for mount in spec.mounts
        ]
        if mounts and not self.private_mounts:
            raise UnitError("Private mounts are not available on this host")
        env = dict(spec.env)
        notice = None
        if spec.opt_ml_fallback and self.no_mounts_reason:
            notice = f"ML Studio: {self.no_mounts_reason}"
            env["MLSTUDIO_NO_OPT_ML"] = self.no_mounts_reason
            env["PYTHONPATH"] = os.pathsep.join(
                part for part in (str(GUARD), env.get("PYTHONPATH", "")) if part
            )
        # The image is a Python environment: put its interpreter first on PATH, like activating it.
        bin_dir = str(Path(spec.image).parent)
        env["PATH"] = (
            bin_dir + os.pathsep + env.get("PATH", os.environ.get("PATH", "/usr/bin:/bin"))
        )
        # Without a working folder the launcher would stay in the server's; a warm one would not.
        cwd = spec.workdir or os.getcwd()
        plan = self.warm.plan(spec, env, cwd) if self.warm and notice is None else None
        payload = {
            "command": [*(spec.entrypoint or []), *spec.command],
            "env": env,
            "cwd": cwd if plan else spec.workdir,
            "cpus": self._cpus_for(spec),
            "memory_bytes": spec.resources.memory_bytes,
            "mounts": mounts,
            "isolation": self.namespace,
            "cgroup_parent": self.cgroup_parent,
            "notice": notice,
            "grace_seconds": spec.stop_grace_seconds,
        }
        if plan is not None:
            payload["warm"] = plan.child(folder)
        (folder / "spec.bin").write_bytes(marshal.dumps(payload))
        info: dict[str, Any] = {"labels": spec.labels, "cpus": payload["cpus"]}
        pid = None
        if self.warm is not None and plan is not None:
            try:
                pid = self.warm.start(plan, folder)
                info["warm"] = self.warm.unit_info(plan)
            except WarmParentError as error:
                info["cold"] = str(error)  # why it started cold, for whoever looks
        if pid is None:
            process = self._launch(folder)
            pid = process.pid
            with self._lock:
                self._children[spec.name] = process
        (folder / "unit.json").write_text(
            json.dumps({"pid": pid, "ticks": _start_ticks(pid), **info})
        )
        return spec.name

    def _launch(self, folder: Path) -> subprocess.Popen[bytes]:
        """Hand the unit to the launcher in standby (started earlier), or start one now."""
        with self._lock:
            ready, self._standby = self._standby, None
        if ready is not None and ready.poll() is None and ready.stdin is not None:
            try:
                ready.stdin.write(f"{folder}\n".encode())
                ready.stdin.close()
            except OSError:
                ready = None
            else:
                threading.Thread(target=self._refill, daemon=True).start()
                return ready
        with open(folder / "launcher.err", "wb") as errors:
            process = subprocess.Popen(
                [self.interpreter, "-I", "-S", str(LAUNCHER), str(folder)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                start_new_session=True,
                close_fds=True,
            )
        threading.Thread(target=self._refill, daemon=True).start()
        return process

    def _refill(self) -> None:
        """Start the next launcher now, so the next unit does not wait for an interpreter."""
        with self._lock:
            if self._standby is not None or self._closed:
                return
            self._standby = subprocess.Popen(
                [self.interpreter, "-I", "-S", str(LAUNCHER), "--standby"],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                close_fds=True,
            )

    def close(self) -> None:
        """Let the launcher in standby go (its input ends); running units are not touched."""
        with self._lock:
            self._closed = True
            standby, self._standby = self._standby, None
        if standby is not None and standby.stdin is not None:
            standby.stdin.close()
            try:
                standby.wait(5)
            except subprocess.TimeoutExpired:
                standby.kill()
        if self.warm is not None:
            self.warm.close()

    def _cpus_for(self, spec: ContainerSpec) -> list[int]:
        """The least-used CPUs of this process's affinity set, as many as the unit may use."""
        available = sorted(os.sched_getaffinity(0))
        wanted = max(1, min(len(available), round(spec.resources.cpus) or 1))
        usage = {cpu: 0 for cpu in available}
        for unit in self._running_units():
            info = _read_json(self.root / unit / "unit.json") or {}
            for cpu in info.get("cpus") or []:
                if cpu in usage:
                    usage[cpu] += 1
        return sorted(sorted(available, key=lambda cpu: (usage[cpu], cpu))[:wanted])

    def _running_units(self) -> list[str]:
        return [
            path.name for path in self.root.iterdir() if path.is_dir() and self._alive(path.name)
        ]

    def _alive(self, unit: str) -> bool:
        info = _read_json(self.root / unit / "unit.json")
        if not info:
            return False
        with self._lock:
            child = self._children.get(unit)
        if child is not None and child.poll() is not None:
            return False
        pid = int(info["pid"])
        # A warm unit's top process is nobody's child here: whoever reaps it may be slow to.
        return (
            info.get("ticks") is not None
            and _start_ticks(pid) == info.get("ticks")
            and not reaper._zombie(pid)
        )

    def status(self, unit: str) -> UnitStatus:
        folder = self._dir(unit)
        if not folder.exists():
            return UnitStatus(unit=unit, state=UnitState.LOST, error="no such unit")
        final = _read_json(folder / "status.json")
        if final and final.get("state") == "exited":
            return self._exited(unit, final)
        if self._alive(unit):
            return UnitStatus(unit=unit, state=UnitState.RUNNING)
        final = _read_json(folder / "status.json")  # it may have finished just now
        if final and final.get("state") == "exited":
            return self._exited(unit, final)
        self._end_leftovers(unit)
        errors = (
            (folder / "launcher.err").read_text(errors="replace").strip()[-500:]
            if (folder / "launcher.err").exists()
            else ""
        )
        return UnitStatus(
            unit=unit,
            state=UnitState.LOST,
            error=errors
            or "the unit's process ended without recording an exit status (killed from outside?)",
        )

    def _exited(self, unit: str, final: dict[str, Any]) -> UnitStatus:
        with self._lock:
            child = self._children.pop(unit, None)
        if child is not None:
            child.wait()
        else:
            self._await_top_end(unit)
        self._unit_ended(unit, final)
        return UnitStatus(
            unit=unit,
            state=UnitState.EXITED,
            exit_code=final.get("exit_code"),
            signal=final.get("signal"),
            oom_killed=bool(final.get("oom")),
            peak_memory_bytes=final.get("peak_memory_bytes"),
            error=final.get("error"),
        )

    def read_logs(self, unit: str, cursor: Any = None, limit: int = 5000) -> LogRead:
        path = self._dir(unit) / "output.log"
        offset = int(cursor or 0)
        lines: list[tuple[int, str]] = []
        try:
            with open(path, "rb") as handle:
                handle.seek(offset)
                for raw in handle:
                    if not raw.endswith(b"\n"):
                        break  # the launcher is still writing this line
                    offset += len(raw)
                    stamp, _, text = raw[:-1].partition(b"\t")
                    lines.append((int(stamp), text.decode("utf-8", "replace")))
                    if len(lines) >= limit:
                        break
        except FileNotFoundError:
            pass
        return LogRead(lines=lines, cursor=offset)

    def stop(self, unit: str, grace_seconds: float) -> None:
        folder = self._dir(unit)
        (folder / "stop.grace").write_text(str(grace_seconds))
        info = _read_json(folder / "unit.json")
        if info and self._alive(unit):
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(info["pid"]), signal.SIGTERM)

    def _end_leftovers(self, unit: str) -> None:
        """A unit whose launcher died without recording an end (SIGKILLed from outside) may
        have left processes running: a serving process's workers, still listening on a port
        nobody uses. End them (once per unit)."""
        folder = self._dir(unit)
        info = _read_json(folder / "unit.json") or {}
        if not info.get("pid"):
            return  # not started yet
        with self._lock:
            if unit in self._swept:
                return
            self._swept.add(unit)
        cgroup = (_read_json(folder / "status.json") or {}).get("cgroup")
        ended = reaper.end_leftovers(int(info["pid"]), info.get("ticks"), cgroup)
        if ended:
            with contextlib.suppress(OSError), open(folder / "launcher.err", "a") as errors:
                errors.write(
                    f"the unit's launcher was killed; {ended} process(es) it left running "
                    "were ended\n"
                )

    def kill(self, unit: str) -> None:
        """SIGKILL the launcher and everything below it at once, including processes that left
        its session (the launcher is their subreaper) and anything in the unit's cgroup."""
        folder = self._dir(unit)
        info = _read_json(folder / "unit.json")
        if info and self._alive(unit):
            running = _read_json(folder / "status.json") or {}
            reaper.end_unit(int(info["pid"]), running.get("cgroup"))
        elif info:
            self._end_leftovers(unit)

    def list(self, labels: dict[str, str]) -> list[str]:
        found = []
        for path in sorted(self.root.iterdir()):
            info = _read_json(path / "unit.json")
            if info and all(
                info.get("labels", {}).get(key) == value for key, value in labels.items()
            ):
                found.append(path.name)
        return found

    def _await_top_end(self, unit: str) -> None:
        """The launcher writes its last status just before it exits: a unit that is nobody's
        child here (warm, or adopted) counts as running until then, so wait that moment."""
        deadline = time.monotonic() + 5.0
        while self._alive(unit) and time.monotonic() < deadline:
            time.sleep(0.002)
        # Where this server is the orphans' reaper (PID 1 of a container, or a subreaper), a
        # warm unit's top process ended as this process's child: collect it.
        info = _read_json(self.root / unit / "unit.json") or {}
        pid, ticks = info.get("pid"), info.get("ticks")
        if pid and ticks is not None and _start_ticks(int(pid)) == ticks:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(int(pid), os.WNOHANG)

    def _unit_ended(self, unit: str, final: dict[str, Any]) -> None:
        """A warm unit's record of its modules goes to its script's (once)."""
        if self.warm is None:
            return
        info = _read_json(self.root / unit / "unit.json") or {}
        if info.get("warm"):
            self.warm.unit_ended(self.root / unit, info["warm"], final.get("exit_code"))

    def remove(self, unit: str) -> None:
        if self._alive(unit):
            raise UnitError(f"Unit {unit} is still running")
        final = _read_json(self._dir(unit) / "status.json") or {}
        if final.get("state") == "exited":
            self._unit_ended(unit, final)
        else:
            self._end_leftovers(unit)
        with self._lock:
            self._children.pop(unit, None)
            self._swept.discard(unit)
        cgroup = (_read_json(self._dir(unit) / "status.json") or {}).get("cgroup")
        if cgroup:  # left behind by a launcher killed from outside
            reaper.remove_cgroup(cgroup)
        shutil.rmtree(self._dir(unit), ignore_errors=True)
