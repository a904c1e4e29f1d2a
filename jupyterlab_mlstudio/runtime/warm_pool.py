"""Warm starts for the process backend: units forked from a parent that has imported their modules.

A training script that imports numpy and scikit-learn spends about 1.4 s of every start on
imports, and a tuning job starts the same script dozens of times. Per image (an interpreter,
with the environment its units share) this keeps a warm parent (``warm.py``) that has imported
the modules the image's units use, and starts units by forking it: the unit gets the same
launcher, namespaces, /opt/ml, limits, log capture and status as a cold start.

Which modules: those configured for the image (by its name, the unit's ``mlstudio.image``
label, or its interpreter path); otherwise those the unit's spec names (``preload``: a serving
unit names its web server and its model's libraries) and those that the last successful runs
of the same script (same interpreter, same content) all imported, as the units themselves
record at exit.
The first run of a script forks from a parent that has imported nothing (which costs about what
a cold start does) and records; the parent for its modules is started as soon as the record is
in, so that later runs find it ready.

A unit starts cold, as before, when it needs GPUs (forking after a GPU runtime is initialised
is unsafe, and the parent never initialises one), when its command is not the image's
interpreter running a script or ``-m module``, when it lacks a private /opt/ml, or when the
parent for it is not usable (it refused, say because an imported module started threads).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import select
import subprocess
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .base import ContainerSpec

log = logging.getLogger(__name__)

WARM = Path(__file__).resolve().parent / "warm.py"
#: Variables that differ from unit to unit of one image (job names, hyperparameters, run ids,
#: a serving unit's port): a parent is shared by units whose other variables are all equal.
PER_UNIT_PREFIXES = ("SM_", "TRAINING_JOB_", "MLSTUDIO_", "SAGEMAKER_BIND_TO_PORT")
#: The label that names a unit's image (its catalogue name), for per-image module lists.
IMAGE_LABEL = "mlstudio.image"
#: Seconds a parent may take to import its modules before its units start cold instead.
READY_SECONDS = 120.0
#: Seconds a ready parent may take to fork a unit.
REPLY_SECONDS = 20.0
#: Seconds a parent that refused (or died) is not tried again for the same modules.
REFUSAL_SECONDS = 600.0
#: Successful runs of a script whose module lists are kept; a parent imports what all share.
RUNS_KEPT = 3
#: The file in a unit's folder where its command process writes the modules it imported.
RECORD_FILE = "modules.txt"


@dataclass(frozen=True)
class WarmSettings:
    """Whether and how the process backend starts units warm (from the server's traitlets)."""

    enabled: bool = True
    #: Image name or interpreter path -> modules its parent imports (instead of the recorded).
    modules: Mapping[str, Sequence[str]] = field(default_factory=dict)
    #: Parents kept at once (least recently used first to go).
    max_parents: int = 4
    per_unit_prefixes: tuple[str, ...] = PER_UNIT_PREFIXES


@dataclass(frozen=True)
class WarmPlan:
    """How one unit would start warm: its parent (interpreter, environment, modules) and what
    its command process runs."""

    interpreter: str
    environment: dict[str, str]
    modules: tuple[str, ...]
    script: str  # the script's identity, for records
    kind: str  # "script" or "module"
    target: str
    args: tuple[str, ...]
    configured: bool

    @property
    def key(self) -> str:
        """The parent this plan needs."""
        digest = hashlib.sha256()
        # The same modules make the same parent, whatever order a record lists them in.
        parts = (self.interpreter, *sorted(self.environment.items()), "", *sorted(self.modules))
        for part in parts:
            digest.update(repr(part).encode())
        return digest.hexdigest()[:20]

    def child(self, folder: Path) -> dict[str, Any]:
        """The part of the unit's spec its command process reads (``warm.py``)."""
        return {
            "kind": self.kind,
            "target": self.target,
            "args": list(self.args),
            "record": None if self.configured else str(folder / RECORD_FILE),
        }


class WarmParentError(Exception):
    """A warm parent could not start a unit (its units start cold)."""


class WarmParent:
    """One warm parent process, spoken to over two pipes."""

    def __init__(self, plan: WarmPlan, log_path: Path) -> None:
        self.plan = plan
        self.problem: str | None = None
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self._pending = b""
        self.log_path = log_path
        #: The unit top process forked ahead, waiting for its folder (it ends with the parent).
        self.standby_pid: int | None = None
        to_parent_read, to_parent = os.pipe()
        from_parent, from_parent_write = os.pipe()
        try:
            with open(log_path, "ab") as errors:
                self.process = subprocess.Popen(
                    [
                        plan.interpreter,
                        str(WARM),
                        str(to_parent_read),
                        str(from_parent_write),
                        *plan.modules,
                    ],
                    env=plan.environment,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=errors,
                    pass_fds=(to_parent_read, from_parent_write),
                    cwd="/",
                    start_new_session=True,
                )
        except OSError:
            for fd in (to_parent_read, to_parent, from_parent, from_parent_write):
                os.close(fd)
            raise
        finally:
            with contextlib.suppress(OSError):
                os.close(to_parent_read)
                os.close(from_parent_write)
        self._to = to_parent
        self._from = from_parent
        threading.Thread(target=self._await_ready, daemon=True).start()

    def _await_ready(self) -> None:
        try:
            answer = self._read_line(READY_SECONDS)
        except WarmParentError as error:
            answer = None
            self.problem = str(error)
        if answer and answer[0] == "ready":
            failed = [name for name in (answer[2] if len(answer) > 2 else "").split(",") if name]
            if failed:
                log.info("Warm parent %s could not import %s", self.plan.key, ", ".join(failed))
        elif answer and answer[0] == "refused":
            self.problem = answer[1] if len(answer) > 1 else "refused"
        elif self.problem is None:
            self.problem = "it ended before it was ready: " + self._log_tail()
        if self.problem:
            log.warning("Units of %s start cold: %s", self.plan.interpreter, self.problem)
        self._ready.set()

    def _log_tail(self) -> str:
        try:
            return self.log_path.read_text(errors="replace").strip()[-400:] or "(no output)"
        except OSError:
            return "(no output)"

    def _read_line(self, timeout: float) -> list[str]:
        deadline = time.monotonic() + timeout
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            if left <= 0:
                raise WarmParentError(f"no answer within {timeout:.0f} s")
            ready, _, _ = select.select([self._from], [], [], left)
            if not ready:
                continue
            data = os.read(self._from, 4096)
            if not data:
                raise WarmParentError("it has ended: " + self._log_tail())
            self._pending += data
        line, _, self._pending = self._pending.partition(b"\n")
        words = line.decode(errors="replace").split("\t")
        if words[0] == "standby" and len(words) > 1 and words[1].isdigit():
            self.standby_pid = int(words[1])
            return self._read_line(max(0.0, deadline - time.monotonic()))
        return words

    def wait_ready(self, timeout: float) -> bool:
        """Until the parent has imported its modules; False if it refused, died or is late."""
        return self._ready.wait(timeout) and self.problem is None

    @property
    def ready(self) -> bool:
        return self._ready.is_set() and self.problem is None

    def start_unit(self, folder: Path) -> int:
        """Fork the unit of ``folder``; the pid of its top process (the launcher's role)."""
        with self._lock:
            try:
                os.write(self._to, f"{folder}\n".encode())
                answer = self._read_line(REPLY_SECONDS)
            except OSError as error:
                raise WarmParentError(f"it does not listen: {error}") from error
        if answer[0] != "started" or len(answer) < 2 or not answer[1].isdigit():
            raise WarmParentError(" ".join(answer))
        return int(answer[1])

    def close(self) -> None:
        """End of its input ends the parent; units it started are not its children."""
        with contextlib.suppress(OSError):
            os.close(self._to)
        try:
            self.process.wait(2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        with contextlib.suppress(WarmParentError, OSError):
            while True:  # what it said last, up to its end: the standby it left
                self._read_line(0.5)
        with contextlib.suppress(OSError):
            os.close(self._from)
        _collect_standby(self.standby_pid)


class ModuleRecords:
    """The modules recent successful runs of each script imported, kept on disk."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def _path(self, script: str) -> Path:
        return self.folder / f"{script}.json"

    def modules(self, script: str) -> tuple[str, ...]:
        """What every kept run imported, in the order the latest imported it."""
        try:
            runs = json.loads(self._path(script).read_text())["runs"]
        except (OSError, ValueError, KeyError, TypeError):
            return ()
        if not runs:
            return ()
        shared = set(runs[0]).intersection(*runs[1:])
        return tuple(name for name in runs[-1] if name in shared)

    def add(self, script: str, names: list[str]) -> tuple[str, ...]:
        """Keep one more run's modules; what a parent should import now."""
        with self._lock:
            path = self._path(script)
            try:
                runs = json.loads(path.read_text())["runs"]
            except (OSError, ValueError, KeyError, TypeError):
                runs = []
            runs = [*runs, names][-RUNS_KEPT:]
            temporary = path.with_suffix(".tmp")
            temporary.write_text(json.dumps({"runs": runs}))
            os.replace(temporary, path)
        return self.modules(script)


class WarmStarts:
    """The process backend's warm parents and module records (under ``folder``)."""

    def __init__(self, folder: Path, settings: WarmSettings) -> None:
        self.folder = folder
        self.settings = settings
        self.folder.mkdir(parents=True, exist_ok=True)
        self.records = ModuleRecords(folder / "records")
        self._parents: OrderedDict[str, WarmParent] = OrderedDict()
        #: Parents that refused or failed: until when they are not tried again, and why.
        self._refused: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()
        self._closed = False

    # -- which units, which parent ---------------------------------------------------------

    def plan(self, spec: ContainerSpec, env: dict[str, str], cwd: str) -> WarmPlan | None:
        """How ``spec`` would start warm (``env``: the unit's whole environment), or None when
        it starts cold."""
        if not self.settings.enabled or spec.resources.gpus or spec.opt_ml_fallback:
            return None
        argv = [*(spec.entrypoint or []), *spec.command]
        if len(argv) < 2 or argv[0] != spec.image:
            return None
        if argv[1] == "-m":
            if len(argv) < 3 or not all(part.isidentifier() for part in argv[2].split(".")):
                return None
            kind, target, args = "module", argv[2], tuple(argv[3:])
            script = _digest(spec.image, "-m", target, cwd)
        elif argv[1].startswith("-") or not argv[1]:
            return None  # interpreter options: start as asked
        else:
            kind, target, args = "script", argv[1], tuple(argv[2:])
            script = _digest(spec.image, _read(_host_path(spec, os.path.join(cwd, target))))
        prefixes = self.settings.per_unit_prefixes
        environment = {key: value for key, value in env.items() if not key.startswith(prefixes)}
        configured = self._configured(spec)
        plan = WarmPlan(
            interpreter=spec.image,
            environment=environment,
            modules=tuple(
                configured
                if configured is not None
                else dict.fromkeys((*spec.preload, *self.records.modules(script)))
            ),
            script=script,
            kind=kind,
            target=target,
            args=args,
            configured=configured is not None,
        )
        return plan

    def _configured(self, spec: ContainerSpec) -> Sequence[str] | None:
        for key in (spec.labels.get(IMAGE_LABEL), spec.image):
            if key and key in self.settings.modules:
                return self.settings.modules[key]
        return None

    def _parent(self, plan: WarmPlan) -> WarmParent:
        """The parent for ``plan``, started now if there is none."""
        with self._lock:
            if self._closed:
                raise WarmParentError("the backend is closing")
            parent = self._parents.get(plan.key)
            if parent is not None and parent.process.poll() is None:
                self._parents.move_to_end(plan.key)
                return parent
            parent = WarmParent(plan, self.folder / f"{plan.key}.log")
            self._parents[plan.key] = parent
            surplus = []
            while len(self._parents) > max(1, self.settings.max_parents):
                surplus.append(self._parents.popitem(last=False)[1])
        for old in surplus:
            old.close()
        return parent

    def prepare(self, plan: WarmPlan) -> None:
        """Start the parent ``plan`` will need, without waiting for it."""
        try:
            self._parent(plan)
        except (OSError, WarmParentError) as error:
            log.warning("Could not start a warm parent for %s: %s", plan.interpreter, error)

    # -- starting --------------------------------------------------------------------------

    def start(self, plan: WarmPlan, folder: Path) -> int:
        """Fork the unit of ``folder`` from its parent; the pid of its top process. Raises
        ``WarmParentError`` (saying why) when the parent cannot serve: the unit starts cold."""
        refused = self._refused.get(plan.key)
        if refused is not None and time.monotonic() < refused[0]:
            raise WarmParentError(f"its warm parent failed recently: {refused[1]}")
        try:
            parent = self._parent(plan)
            if not parent.wait_ready(READY_SECONDS):
                raise WarmParentError(parent.problem or "it was not ready in time")
            return parent.start_unit(folder)
        except (OSError, WarmParentError) as error:
            log.warning("Unit %s starts cold: its warm parent failed: %s", folder.name, error)
            self._refuse(plan.key, str(error))
            raise WarmParentError(f"its warm parent failed: {error}") from error

    def _refuse(self, key: str, reason: str) -> None:
        with self._lock:
            self._refused[key] = (time.monotonic() + REFUSAL_SECONDS, reason)
            parent = self._parents.pop(key, None)
        if parent is not None:
            parent.close()

    # -- after a unit ----------------------------------------------------------------------

    def unit_ended(self, folder: Path, info: dict[str, Any], exit_code: int | None) -> None:
        """Take the modules a successful warm unit imported into its script's record, and
        start the parent its next run will want."""
        record = folder / RECORD_FILE
        taken = folder / (RECORD_FILE + ".taken")
        try:
            os.replace(record, taken)  # once, whoever sees the unit end first
        except OSError:
            return
        if exit_code != 0 or not info.get("script"):
            return
        try:
            names = [name for name in taken.read_text().splitlines() if name]
        except OSError:
            return
        modules = self.records.add(info["script"], names)
        plan_fields = info.get("plan")
        if plan_fields and set(modules) != set(plan_fields.get("modules") or ()):
            plan = WarmPlan(
                interpreter=plan_fields["interpreter"],
                environment=dict(plan_fields["environment"]),
                modules=tuple(modules),
                script=info["script"],
                kind="script",
                target="",
                args=(),
                configured=False,
            )
            if plan.key not in self._refused:
                self.prepare(plan)

    @staticmethod
    def unit_info(plan: WarmPlan) -> dict[str, Any]:
        """What a warm unit's ``unit.json`` keeps for :meth:`unit_ended`."""
        return {
            "script": plan.script,
            "plan": {
                "interpreter": plan.interpreter,
                "environment": plan.environment,
                "modules": list(plan.modules),
            }
            if not plan.configured
            else None,
        }

    def parents(self) -> list[WarmPlan]:
        """The plans of the parents kept now (ready or still importing)."""
        with self._lock:
            return [parent.plan for parent in self._parents.values()]

    def close(self) -> None:
        with self._lock:
            self._closed = True
            parents = list(self._parents.values())
            self._parents.clear()
        for parent in parents:
            parent.close()


def _collect_standby(pid: int | None) -> None:
    """A parent's standby ends with it; where this server reaps orphans (PID 1 of a
    container, a subreaper) it is this server's child then: collect it, never block on it."""
    if pid is None:
        return
    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline:
        try:
            if os.waitpid(pid, os.WNOHANG)[0]:
                return
        except ChildProcessError:
            return  # not this server's: whoever reaps orphans collects it
        time.sleep(0.01)


def _host_path(spec: ContainerSpec, path: str) -> str:
    """Where a path inside the unit lies on this host (through the unit's mounts)."""
    path = os.path.normpath(path)
    for mount in sorted(spec.mounts, key=lambda item: len(item.target), reverse=True):
        target = mount.target.rstrip("/") or "/"
        if path == target or path.startswith(target + "/"):
            return mount.source + path[len(target) :]
    return path


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return path.encode()


def _digest(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:24]
