"""Runs one unit of the process backend: ``python -I -S launcher.py UNIT_DIR``.

Standard library only, and none of the slow-to-import parts of it (no json, no re): it starts
in about 15 ms. The spec arrives as ``spec.bin`` (marshal). It is the session leader of the unit and
outlives the server: it sets up private mounts (the job folder at /opt/ml), starts the command in
its own process group pinned to its CPUs, timestamps every output line into ``output.log``,
enforces the memory limit by watching the group's resident memory, turns SIGTERM into
"SIGTERM to the command, SIGKILL after the grace period", and finally records how the command
ended in ``status.json``.
"""

import contextlib
import ctypes
import marshal
import os
import select
import signal
import sys
import time

CLONE_NEWNS = 0x00020000
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MS_RDONLY = 1
MS_REMOUNT = 32
PR_SET_PDEATHSIG = 1
PAGE = os.sysconf("SC_PAGE_SIZE")
PARTIAL_LIMIT = 64 * 1024


def now_ms():
    return time.time_ns() // 1_000_000


def _json(value):
    """JSON for the flat values a status holds (str, int, float, bool, None)."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        escaped = "".join(ch if ch >= " " else f"\\u{ord(ch):04x}" for ch in escaped)
        return '"' + escaped + '"'
    if isinstance(value, dict):
        return "{" + ", ".join(_json(str(k)) + ": " + _json(v) for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_json(path, value):
    temporary = path + ".tmp"
    with open(temporary, "w") as handle:
        handle.write(_json(value))
    os.replace(temporary, path)


def libc():
    return ctypes.CDLL(None, use_errno=True)


def private_mounts(mounts):
    """Give this process its own mount namespace and bind each source onto its target."""
    lib = libc()
    if lib.unshare(CLONE_NEWNS) != 0:
        raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWNS) failed")
    if lib.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        raise OSError(ctypes.get_errno(), "making / private failed")
    for mount in mounts:
        source, target = mount["source"], mount["target"]
        if os.path.isdir(source):
            os.makedirs(target, exist_ok=True)
        elif not os.path.exists(target):
            raise OSError(2, f"mount target {target} does not exist")
        if lib.mount(source.encode(), target.encode(), None, MS_BIND | MS_REC, None) != 0:
            raise OSError(ctypes.get_errno(), f"bind-mounting {source} on {target} failed")
        if mount.get("read_only"):
            flags = MS_BIND | MS_REMOUNT | MS_RDONLY
            if lib.mount(b"none", target.encode(), None, flags, None) != 0:
                raise OSError(ctypes.get_errno(), f"making {target} read-only failed")


def session_memory(session):
    """Resident bytes of every process in ``session`` except this launcher."""
    total = 0
    me = os.getpid()
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == me:
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session:
            total += int(fields[21]) * PAGE
    return total


def probe_mounts(scratch):
    """Exit 0 when private bind mounts work here (run in a throwaway process)."""
    source = os.path.join(scratch, "source")
    target = os.path.join(scratch, "target")
    os.makedirs(source, exist_ok=True)
    open(os.path.join(source, "marker"), "w").close()
    os.makedirs(target, exist_ok=True)
    private_mounts([{"source": source, "target": target}])
    return 0 if os.path.exists(os.path.join(target, "marker")) else 1


def main(unit_dir):
    with open(os.path.join(unit_dir, "spec.bin"), "rb") as handle:
        spec = marshal.load(handle)
    status_path = os.path.join(unit_dir, "status.json")
    log = open(os.path.join(unit_dir, "output.log"), "ab", buffering=0)  # noqa: SIM115 (lives as long as the unit)
    status = {"state": "running", "launcher_pid": os.getpid(), "started": now_ms()}

    try:
        if spec.get("mounts"):
            private_mounts(spec["mounts"])
    except OSError as error:
        status.update(
            state="exited", exit_code=None, error=f"could not set up the unit's mounts: {error}"
        )
        status["finished"] = now_ms()
        write_json(status_path, status)
        return 1

    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the command
        try:
            os.setpgid(0, 0)
            libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
            if spec.get("cpus"):
                os.sched_setaffinity(0, spec["cpus"])
            os.close(read_end)
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.dup2(write_end, 1)
            os.dup2(write_end, 2)
            if spec.get("cwd"):
                os.chdir(spec["cwd"])
            os.execvpe(spec["command"][0], spec["command"], spec["env"])
        except BaseException as error:  # the command could not start at all
            os.write(2, f"could not start {spec['command'][0]!r}: {error}\n".encode())
            os._exit(127)
    os.close(write_end)
    status["child_pid"] = child
    write_json(status_path, status)

    stop: dict = {"deadline": None}

    def on_term(_signum, _frame):
        if stop["deadline"] is None:
            grace = float(spec.get("grace_seconds", 120))
            try:
                with open(os.path.join(unit_dir, "stop.grace")) as handle:
                    grace = float(handle.read().strip())
            except (OSError, ValueError):
                pass
            stop["deadline"] = time.monotonic() + grace
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child, signal.SIGTERM)

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)

    limit = spec.get("memory_bytes")
    session = os.getsid(0)
    peak = 0
    oom = False
    partial = b""
    open_pipe = True
    result = None
    next_memory_check = 0.0
    drain_deadline: float | None = None
    while True:
        if open_pipe:
            try:
                ready, _, _ = select.select([read_end], [], [], 0.05)
            except InterruptedError:
                ready = []
            if ready:
                data = os.read(read_end, 65536)
                if not data:
                    open_pipe = False
                else:
                    stamp = str(now_ms()).encode()
                    *complete, partial = (partial + data).split(b"\n")
                    if len(partial) > PARTIAL_LIMIT:
                        complete.append(partial)
                        partial = b""
                    if complete:
                        log.write(
                            b"".join(
                                stamp + b"\t" + line.rstrip(b"\r") + b"\n" for line in complete
                            )
                        )
        else:
            time.sleep(0.05)
        if result is None:
            pid, wait_status = os.waitpid(child, os.WNOHANG)
            if pid == child:
                result = wait_status
        if result is not None and not open_pipe:
            break
        current = time.monotonic()
        if result is not None and drain_deadline is None:
            # The command ended but a child of it still holds the output open: give it a moment.
            drain_deadline = current + 2.0
        if limit and current >= next_memory_check and result is None:
            next_memory_check = current + 0.1
            used = session_memory(session)
            peak = max(peak, used)
            if used > limit:
                oom = True
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child, signal.SIGKILL)
        overdue = stop["deadline"] is not None and current >= stop["deadline"]
        if overdue or (drain_deadline is not None and current >= drain_deadline):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child, signal.SIGKILL)
            if (
                result is not None
                and drain_deadline is not None
                and current >= drain_deadline + 1.0
            ):
                break  # something outside the group holds the pipe; stop waiting for it

    if partial:
        log.write(str(now_ms()).encode() + b"\t" + partial + b"\n")
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child, signal.SIGKILL)  # stragglers the command left behind
    if result is None:
        _, result = os.waitpid(child, 0)
    status.update(
        state="exited",
        exit_code=os.WEXITSTATUS(result) if os.WIFEXITED(result) else None,
        signal=os.WTERMSIG(result) if os.WIFSIGNALED(result) else None,
        oom=oom,
        peak_memory_bytes=peak or None,
        stopped=stop["deadline"] is not None,
        finished=now_ms(),
    )
    write_json(status_path, status)
    return 0


def standby():
    """Wait, already started and imported, for the server to name a unit folder on stdin.

    The server keeps one launcher in standby so that starting a unit costs no interpreter start.
    End of input (the server went away) ends the standby without running anything.
    """
    line = sys.stdin.readline().strip()
    if not line:
        return 0
    errors = os.open(
        os.path.join(line, "launcher.err"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644
    )
    os.dup2(errors, 2)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    return main(line)


if __name__ == "__main__":
    if sys.argv[1] == "--probe-mounts":
        sys.exit(probe_mounts(sys.argv[2]))
    if sys.argv[1] == "--standby":
        sys.exit(standby())
    sys.exit(main(sys.argv[1]))
