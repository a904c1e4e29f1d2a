"""The process backend: each unit is a detached process group run by ``launcher.py``.

A unit's folder (``<root>/<unit>/``) holds ``spec.bin`` (marshal, for the launcher),
``unit.json`` (launcher PID and its
kernel start time, so a reused PID is never mistaken for the unit), ``output.log`` (one
``<UTC ms>\\t<line>`` per output line) and, once it ends, ``status.json``.
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
from pathlib import Path
from typing import Any

from .base import ContainerSpec, LogRead, RuntimeBackend, UnitError, UnitState, UnitStatus
from .models import BackendStatus
from .probe import probe_process

LAUNCHER = Path(__file__).resolve().parent / "launcher.py"


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

    def __init__(self, root: str | Path, interpreter: str = sys.executable) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.interpreter = interpreter
        self._children: dict[str, subprocess.Popen[bytes]] = {}
        self._lock = threading.Lock()
        self._standby: subprocess.Popen[bytes] | None = None
        self._closed = False
        self.private_mounts = self._probe_private_mounts()
        threading.Thread(target=self._refill, daemon=True).start()

    # -- what this host allows -------------------------------------------------------------

    def _probe_private_mounts(self) -> bool:
        with tempfile.TemporaryDirectory(dir=self.root) as scratch:
            done = subprocess.run(
                [self.interpreter, "-I", "-S", str(LAUNCHER), "--probe-mounts", scratch],
                capture_output=True,
                timeout=30,
            )
            return done.returncode == 0

    def probe(self) -> BackendStatus:
        status = probe_process()
        where = (
            "/opt/ml is a private mount"
            if self.private_mounts
            else "SM_* paths point into the job folder"
        )
        return status.model_copy(update={"detail": f"{status.detail}; {where}"})

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
        folder.mkdir(parents=True)
        mounts = [
            {"source": mount.source, "target": mount.target, "read_only": mount.read_only}
            for mount in spec.mounts
        ]
        if mounts and not self.private_mounts:
            raise UnitError("Private mounts are not available on this host")
        env = dict(spec.env)
        # The image is a Python environment: put its interpreter first on PATH, like activating it.
        bin_dir = str(Path(spec.image).parent)
        env["PATH"] = (
            bin_dir + os.pathsep + env.get("PATH", os.environ.get("PATH", "/usr/bin:/bin"))
        )
        (folder / "spec.bin").write_bytes(
            marshal.dumps(
                {
                    "command": [*(spec.entrypoint or []), *spec.command],
                    "env": env,
                    "cwd": spec.workdir,
                    "cpus": self._cpus_for(spec),
                    "memory_bytes": spec.resources.memory_bytes,
                    "mounts": mounts,
                    "grace_seconds": spec.stop_grace_seconds,
                }
            )
        )
        process = self._launch(folder)
        (folder / "unit.json").write_text(
            json.dumps(
                {
                    "pid": process.pid,
                    "ticks": _start_ticks(process.pid),
                    "labels": spec.labels,
                    "cpus": self._cpus_for(spec),
                }
            )
        )
        with self._lock:
            self._children[spec.name] = process
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
        return _start_ticks(int(info["pid"])) == info.get("ticks") and info.get("ticks") is not None

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

    def kill(self, unit: str) -> None:
        """SIGKILL the launcher's session at once (the command dies with it)."""
        info = _read_json(self._dir(unit) / "unit.json")
        if info and self._alive(unit):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(int(info["pid"]), signal.SIGKILL)

    def list(self, labels: dict[str, str]) -> list[str]:
        found = []
        for path in sorted(self.root.iterdir()):
            info = _read_json(path / "unit.json")
            if info and all(
                info.get("labels", {}).get(key) == value for key, value in labels.items()
            ):
                found.append(path.name)
        return found

    def remove(self, unit: str) -> None:
        if self._alive(unit):
            raise UnitError(f"Unit {unit} is still running")
        with self._lock:
            self._children.pop(unit, None)
        shutil.rmtree(self._dir(unit), ignore_errors=True)
