"""A warm parent: ``<image interpreter> warm.py CONTROL_IN CONTROL_OUT [MODULE ...]``.

An image's interpreter that has already imported the modules its units use (numpy and
scikit-learn cost about 1.4 s of every cold start), and forks each new unit from that state.
The process backend (``warm_pool.py``) starts it with the environment its units will have, less
their per-unit variables. Standard library only; it runs on whatever Python the image has.

It imports MODULES (those that fail are skipped), checks that forking from it is safe (no thread
of Python's, no child process, no GPU device opened: forking after a GPU runtime is initialised
is unsafe, so such parents refuse and their units start cold), answers ``ready`` on CONTROL_OUT
and then reads unit folders from CONTROL_IN, one per line. A unit's top process is forked
ahead of its request (a fork of a parent holding numpy is the slow part of a start) by a
process that exits at once, so the unit is nobody's child here and outlives this parent; it
waits for its folder (``standby <pid>`` names it). Each request goes to the waiting one, is
answered ``started <pid>``, and the next one is forked. The unit's top process runs
``launcher.py``'s ``main``: its own session, subreaper, cgroup, user and mount namespaces with
/opt/ml (a forked process has one thread, so ``unshare`` works), output into ``output.log``,
``status.json``. The command's process, set up by the launcher as for ``exec``, then becomes
the unit's Python:

- its environment, ``sys.argv``, ``sys.path[0]`` and a new ``__main__`` as ``python SCRIPT`` or
  ``python -m MODULE`` would have made them; the script runs in this process, and the
  interpreter's own shutdown follows (threads joined, ``atexit``, flushed files, exit status);
- an uncaught exception is printed as Python prints it (without this file's frames), exits 1;
- numpy's global random state is reseeded (Python's ``random`` reseeds itself after a fork),
  and BLAS/OpenMP thread pools are sized for the unit's CPUs and environment as a cold start
  would size them;
- where running here could differ from a cold start (a file beside the script named like a
  module already imported here, a script that cannot be read), it ``exec``s the cold command
  instead, in the same place.

Every unit forks from this parent, which never runs a unit's code, so nothing one unit did is
seen by the next. At exit a unit writes the modules it imported (``record`` in its spec), from
which the backend picks the next parent's modules. End of CONTROL_IN ends the parent.
"""

import sys

#: Modules a cold interpreter has loaded before the first line of a script runs.
_COLD = frozenset(sys.modules)
#: Whether ``__main__`` starts with an ``__annotations__`` dict on this Python (as here).
_MAIN_ANNOTATIONS = "__annotations__" in globals()
#: -P / PYTHONSAFEPATH: no script folder on sys.path.
_SAFE_PATH = bool(getattr(sys.flags, "safe_path", False))

import contextlib  # noqa: E402 (after the snapshot above)
import os  # noqa: E402

_HERE = os.path.dirname(os.path.abspath(__file__))
#: Modules loaded before the image's modules were imported (set by ``main``).
_OWN = _COLD
_PRIVATE = "_mlstudio_"
#: Device files that are open once a GPU runtime is initialised.
_GPU_DEVICES = ("/dev/nvidia", "/dev/kfd", "/dev/dri/", "/dev/accel")
#: The oldest Python whose units this file can start (the launcher's needs: ``time.time_ns``).
OLDEST = (3, 7)


def _load_launcher():
    """``launcher.py`` and its helpers, kept out of ``sys.modules`` (a unit may have its own
    ``launcher`` or ``reaper``) and off ``sys.path``."""
    sys.path.insert(0, _HERE)
    try:
        import launcher
    finally:
        while _HERE in sys.path:  # launcher.py adds it too
            sys.path.remove(_HERE)
    for name in ("launcher", "isolation", "reaper"):
        sys.modules[_PRIVATE + name] = sys.modules.pop(name)
    return launcher


def _warm(names):
    failed = []
    for name in names:
        if name in sys.modules:
            continue
        try:
            __import__(name)
        except BaseException:
            failed.append(name)
    return failed


def _unsafe_to_fork():
    """Why forking from here would be unsafe, or None."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        names = ", ".join(thread.name for thread in threading.enumerate()[1:])
        return f"an imported module started Python threads ({names})"
    task = f"/proc/self/task/{os.getpid()}/children"
    try:
        with open(task) as handle:
            if handle.read().strip():
                return "an imported module started a child process"
    except OSError:
        pass
    try:
        for name in os.listdir("/proc/self/fd"):
            try:
                target = os.readlink(f"/proc/self/fd/{name}")
            except OSError:
                continue
            if target.startswith(_GPU_DEVICES):
                return f"an imported module initialised a GPU runtime ({target} is open)"
    except OSError:
        pass
    return None


def _read_line(fd, pending):
    while b"\n" not in pending[0]:
        data = os.read(fd, 4096)
        if not data:
            return None
        pending[0] += data
    line, _, pending[0] = pending[0].partition(b"\n")
    return line.decode()


def _say(fd, *words):
    os.write(fd, ("\t".join(str(word) for word in words) + "\n").encode())


def main(argv):
    control_in, control_out = int(argv[1]), int(argv[2])
    if sys.version_info < OLDEST:
        version = ".".join(map(str, sys.version_info[:3]))
        oldest = ".".join(map(str, OLDEST))
        _say(control_out, "refused", f"Python {version} is older than warm starts need ({oldest})")
        return 0
    # This file's folder is no unit's: nothing may be imported from it.
    if not _SAFE_PATH and sys.path:
        del sys.path[0]
    os.chdir("/")
    launcher = _load_launcher()
    global _OWN
    _OWN = frozenset(sys.modules)  # the cold start's and what this file needs itself
    failed = _warm(argv[3:])
    problem = _unsafe_to_fork()
    if problem:
        _say(control_out, "refused", problem)
        return 0
    _say(control_out, "ready", len(sys.modules), ",".join(failed))
    controls = (control_in, control_out)
    # The next unit's top process is forked ahead of its request (a fork of this parent is
    # the slow part of a start): it waits for its unit folder, or for this parent to end.
    standby = _standby(launcher, controls)
    if isinstance(standby, _Unit):
        return standby  # only in a unit's command process
    pending = [b""]
    while True:
        unit_dir = _read_line(control_in, pending)
        if not unit_dir:
            return 0
        pid, go = standby
        try:
            os.write(go, (unit_dir + "\n").encode())
        except OSError:  # it died waiting: fork one for this unit now
            os.close(go)
            standby = _standby(launcher, controls)
            if isinstance(standby, _Unit):
                return standby
            pid, go = standby
            os.write(go, (unit_dir + "\n").encode())
        os.close(go)
        _say(control_out, "started", pid)
        standby = _standby(launcher, controls)
        if isinstance(standby, _Unit):
            return standby


def _standby(launcher, controls):
    """A unit's top process, forked now and waiting: (its pid, the pipe to name its folder
    on). Returns a ``_Unit`` instead in the command's process of that unit, later."""
    for stream in (sys.stdout, sys.stderr):  # nothing buffered here may reach a unit
        with contextlib.suppress(AttributeError, OSError, ValueError):
            stream.flush()
    pid_read, pid_write = os.pipe()
    go_read, go_write = os.pipe()
    first = os.fork()
    if first == 0:
        try:
            for fd in (pid_read, go_write, *controls):
                os.close(fd)
            unit = _unit_top(launcher, go_read, pid_write)
        except BaseException as error:
            with contextlib.suppress(OSError):
                os.write(2, f"warm start failed: {error!r}\n".encode())
            os._exit(70)
        return unit
    os.close(pid_write)
    os.close(go_read)
    answer = b""
    while True:
        data = os.read(pid_read, 64)
        if not data:
            break
        answer += data
    os.close(pid_read)
    os.waitpid(first, 0)
    # Said, so that a server that reaps orphans can collect it once this parent has ended.
    _say(controls[1], "standby", int(answer))
    return int(answer), go_write


def _unit_top(launcher, go_read, pid_write):
    """In the first fork: fork the unit's top process and exit (the unit is nobody's child
    here, and outlives this parent). In the top process: wait for the unit folder, run the
    launcher; return only in the command's process (its ``_Unit``)."""
    top = os.fork()
    if top:
        os.write(pid_write, str(top).encode())
        os._exit(0)
    os.close(pid_write)
    os.setsid()
    unit_dir = _read_line(go_read, [b""])
    if not unit_dir:
        os._exit(0)  # the parent ended first
    os.close(go_read)
    errors = os.open(
        os.path.join(unit_dir, "launcher.err"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644
    )
    os.dup2(errors, 2)
    os.close(errors)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.close(devnull)
    result = launcher.main(unit_dir, run_here=_Unit.prepare)
    if isinstance(result, _Unit):
        return result
    os._exit(result)


class _Cold(Exception):
    """This unit must start cold."""


class _Unit:
    """The command of a unit, about to run in this (forked, set-up) process."""

    @classmethod
    def prepare(cls, spec):
        """The unit to run here, or ``exec`` of its cold command where here could differ."""
        try:
            return cls(spec)
        except Exception:
            command = spec["command"]
            os.execvpe(command[0], command, spec["env"])
            raise  # not reached

    def __init__(self, spec):
        self.spec = spec
        warm = spec["warm"]
        self.kind = warm["kind"]  # "script" or "module"
        self.target = warm["target"]
        self.args = list(warm["args"])
        self.record = warm.get("record")
        if self.kind == "script":
            path = os.path.abspath(self.target)
            with open(path, "rb") as handle:
                self.source = handle.read()
            self.code = compile(self.source, path, "exec", dont_inherit=True)
            self.path = path
            self.first_path = os.path.dirname(os.path.realpath(path))
        elif self.kind == "module":
            self.first_path = os.getcwd()
        else:
            raise _Cold(self.kind)
        self._refuse_shadowed()

    def _refuse_shadowed(self):
        """A cold start would import, from the script's folder, a module that is already
        imported here (a ``json.py`` beside the script): start cold."""
        try:
            entries = os.listdir(self.first_path)
        except OSError:
            return
        import importlib.machinery as machinery

        suffixes = (".py", ".pyc", ".pyw", *machinery.EXTENSION_SUFFIXES)
        loaded = {name.partition(".")[0] for name in sys.modules}
        cold = {name.partition(".")[0] for name in _COLD}
        for entry in entries:
            name = None
            for suffix in suffixes:
                if entry.endswith(suffix):
                    name = entry[: -len(suffix)]
                    break
            if name is None and os.path.isdir(os.path.join(self.first_path, entry)):
                inside = os.path.join(self.first_path, entry)
                if any(os.path.exists(os.path.join(inside, "__init__" + s)) for s in suffixes):
                    name = entry
            if name and name in loaded and name not in cold:
                raise _Cold(f"{entry} beside the script shadows a module imported here")

    def _environment(self):
        environ = os.environ
        environ.clear()
        environ.update(self.spec["env"])
        command = self.spec["command"]
        if self.kind == "script":
            sys.argv = [self.target, *self.args]
        else:
            sys.argv = ["-m", *self.args]
        if hasattr(sys, "orig_argv"):
            sys.orig_argv = list(command)
        if not _SAFE_PATH:
            sys.path[0:0] = [self.first_path]
        import importlib

        importlib.invalidate_caches()

    def _fresh_state(self):
        """What a cold start would have: numpy's own random seed, thread pools sized for this
        unit's CPUs and environment."""
        random = sys.modules.get("numpy.random")
        if random is not None:
            with contextlib.suppress(Exception):  # a numpy without it: nothing to reseed
                random.seed()
        _size_thread_pools(self.spec["env"])

    def run(self):
        """Run the command as the interpreter would; returns when it ended normally (the
        interpreter's shutdown follows), raises SystemExit otherwise."""
        self._environment()
        self._fresh_state()
        import atexit

        atexit.register(self._write_record)  # registered first: runs after the unit's own
        main = type(sys)("__main__")
        namespace = vars(main)
        namespace["__builtins__"] = sys.modules["builtins"]
        if _MAIN_ANNOTATIONS:
            namespace["__annotations__"] = {}
        sys.modules["__main__"] = main
        try:
            if self.kind == "script":
                import importlib.machinery as machinery

                namespace.update(
                    __file__=self.path,
                    __cached__=None,
                    __loader__=machinery.SourceFileLoader("__main__", self.path),
                    __spec__=None,
                    __package__=None,
                )
                exec(self.code, namespace)
            else:
                import runpy

                # What the interpreter itself runs for -m (it keeps runpy's frames too).
                runpy._run_module_as_main(self.target, True)  # type: ignore[attr-defined]
        except SystemExit:
            raise
        except BaseException as error:
            self._uncaught(error)

    def _uncaught(self, error):
        traceback = error.__traceback__
        while traceback is not None and traceback.tb_frame.f_code.co_filename == __file__:
            traceback = traceback.tb_next
        error.__traceback__ = traceback  # what the default hook prints, whatever it is given
        sys.last_type, sys.last_value, sys.last_traceback = type(error), error, traceback
        sys.excepthook(type(error), error, traceback)
        if isinstance(error, KeyboardInterrupt):
            import atexit

            atexit.register(_exit_by_sigint)
        raise SystemExit(1)

    def _write_record(self):
        """The modules this unit imported that the image provides (not its own files)."""
        if not self.record:
            return
        own = (self.first_path + os.sep, os.getcwd() + os.sep)
        names = []
        for name, module in list(sys.modules.items()):
            if name in _OWN or name.startswith(_PRIVATE) or name in ("__main__", "__mp_main__"):
                continue
            where = getattr(module, "__file__", None) or ""
            if where.startswith(own):
                continue
            names.append(name)
        try:
            temporary = self.record + ".tmp"
            with open(temporary, "w") as handle:
                handle.write("\n".join(names))
            os.replace(temporary, self.record)
        except OSError:
            pass


def _exit_by_sigint():
    """As the interpreter ends after an uncaught KeyboardInterrupt: killed by SIGINT."""
    import signal

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, OSError, ValueError):
            stream.flush()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)


def _first_number(env, names, default):
    for name in names:
        value = env.get(name, "").split(",")[0].strip()
        if value.isdigit() and int(value) > 0:
            return int(value)
    return default


def _size_thread_pools(env):
    """BLAS and OpenMP pools as a cold start would size them: from the unit's environment, else
    the CPUs it may use (the libraries counted this parent's CPUs when they were loaded)."""
    try:
        cpus = len(os.sched_getaffinity(0))
        with open("/proc/self/maps") as handle:
            paths = {line.split(None, 5)[5].strip() for line in handle if line.count(" ") >= 5}
    except (OSError, IndexError):
        return
    blas = _first_number(env, ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"), cpus)
    omp = _first_number(env, ("OMP_NUM_THREADS",), cpus)
    mkl = _first_number(env, ("MKL_NUM_THREADS", "OMP_NUM_THREADS"), cpus)
    setters = (
        ("openblas", blas, ("openblas_set_num_threads", "openblas_set_num_threads64_")),
        ("openblas", blas, ("scipy_openblas_set_num_threads64_",)),
        ("openblas", blas, ("scipy_openblas_set_num_threads",)),
        ("libgomp", omp, ("omp_set_num_threads",)),
        ("libiomp", omp, ("omp_set_num_threads",)),
        ("libomp", omp, ("omp_set_num_threads",)),
        ("libmkl_rt", mkl, ("MKL_Set_Num_Threads",)),
    )
    libraries = [path for path in paths if path.startswith("/") and ".so" in path]
    if not any(marker in path for path in libraries for marker, _, _ in setters):
        return
    import ctypes

    for path in libraries:
        name = os.path.basename(path)
        for marker, count, symbols in setters:
            if marker not in name:
                continue
            try:
                library = ctypes.CDLL(path, mode=os.RTLD_NOLOAD | os.RTLD_LAZY)
            except OSError:
                continue
            for symbol in symbols:
                setter = getattr(library, symbol, None)
                if setter is not None:
                    setter(ctypes.c_int(count))


if __name__ == "__main__":
    _outcome = main(sys.argv)
    if not isinstance(_outcome, _Unit):
        sys.exit(_outcome)
    # The unit's command process: from here on this is the unit's Python.
    _outcome.run()
