"""Runs one unit of the process backend: ``python -I -S launcher.py UNIT_DIR``.

Standard library only, and none of the slow-to-import parts of it (no json, no re): it starts
in about 15 ms. The spec arrives as ``spec.bin`` (marshal). It is the session leader of the unit
and outlives the server. What it guarantees:

- **Its own /opt/ml.** With mounts in the spec it gives the unit private bind mounts
  (``isolation.py``): a mount namespace as root, a user namespace plus a mount namespace as any
  other user (uid and gid mapped to themselves: files stay the user's, processes look like the
  user's from outside). Mount points that do not exist are never created on the host. Where the
  host allows neither, the server sends no mounts and a ``notice`` that becomes the unit's first
  log line.
- **Everything it started ends with it** (``reaper.py``). It is a child subreaper, so every
  descendant stays below it, even one that called ``setsid()``; where a cgroup v2 folder is
  delegated to this user, the command also runs in a cgroup of its own. SIGTERM becomes
  "SIGTERM to every descendant, SIGKILL to all after the grace period"; when the command ends,
  whatever it left behind is killed; ``status.json`` says "exited" only once nothing is left.
- **Limits and output.** The command runs in its own process group pinned to its CPUs; the
  memory limit is enforced on the resident memory of all descendants; every output line is
  timestamped into ``output.log``; ``status.json`` records how the command ended.

A warm parent (``warm.py``) runs this same code in a process it forked, and has the command run
in the forked command process instead of ``exec`` (``run_here``): every guarantee above is the
same for a warm start.
"""

import contextlib
import marshal
import os
import select
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# The two helpers live beside this file, which -I leaves off sys.path.
import isolation
import reaper

PR_SET_PDEATHSIG = 1
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


def log_lines(log, lines):
    stamp = str(now_ms()).encode()
    log.write(b"".join(stamp + b"\t" + line.rstrip(b"\r") + b"\n" for line in lines))


def main(unit_dir, run_here=None):
    """Run the unit of ``unit_dir``; the launcher's exit status.

    ``run_here(spec)`` (a warm parent's): called in the command's process, set up as for
    ``exec`` (group, cgroup, CPUs, output, folder), instead of ``exec``; what it returns is
    returned there, and the caller runs the command in that process.
    """
    with open(os.path.join(unit_dir, "spec.bin"), "rb") as handle:
        spec = marshal.load(handle)
    status_path = os.path.join(unit_dir, "status.json")
    log = open(os.path.join(unit_dir, "output.log"), "ab", buffering=0)  # noqa: SIM115 (lives as long as the unit)
    me = os.getpid()
    status = {"state": "running", "launcher_pid": me, "started": now_ms()}
    if spec.get("notice"):
        log_lines(log, [spec["notice"].encode()])

    reaper.become_subreaper()
    cgroup = None
    if spec.get("cgroup_parent"):
        cgroup = reaper.make_cgroup(spec["cgroup_parent"], f"mlstudio-{me}")
        if cgroup:
            status["cgroup"] = cgroup
    try:
        if spec.get("mounts"):
            isolation.enter(spec.get("isolation") or "mount")
            isolation.mount_all(spec["mounts"])
    except OSError as error:
        status.update(
            state="exited", exit_code=None, error=f"could not set up the unit's mounts: {error}"
        )
        status["finished"] = now_ms()
        if cgroup:
            reaper.remove_cgroup(cgroup)
        write_json(status_path, status)
        return 1

    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the command
        try:
            os.setpgid(0, 0)
            isolation.libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
            if cgroup:
                reaper.enter_cgroup(cgroup)
            if spec.get("cpus"):
                os.sched_setaffinity(0, spec["cpus"])
            os.close(read_end)
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.dup2(write_end, 1)
            os.dup2(write_end, 2)
            if spec.get("cwd"):
                os.chdir(spec["cwd"])
            if run_here is not None:
                # The command runs in this process (a warm start): nothing of the launcher's
                # may stay open in it, as exec would have closed it.
                os.close(devnull)
                os.close(write_end)
                log.close()
                return run_here(spec)
            os.execvpe(spec["command"][0], spec["command"], spec["env"])
        except BaseException as error:  # the command could not start at all
            os.write(2, f"could not start {spec['command'][0]!r}: {error}\n".encode())
            os._exit(127)
    os.close(write_end)
    status["child_pid"] = child
    write_json(status_path, status)

    def kill_all():
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child, signal.SIGKILL)
        if cgroup:
            reaper.kill_cgroup(cgroup)
        reaper.signal_all(reaper.descendants(me), signal.SIGKILL)

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
            # Descendants that left the group (setsid) are asked too; the group's members
            # only once (a second SIGTERM would interrupt their handlers' clean-up).
            reaper.signal_all(reaper.outside_group(reaper.descendants(me), child), signal.SIGTERM)

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)

    limit = spec.get("memory_bytes")
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
                    *complete, partial = (partial + data).split(b"\n")
                    if len(partial) > PARTIAL_LIMIT:
                        complete.append(partial)
                        partial = b""
                    if complete:
                        log_lines(log, complete)
        else:
            time.sleep(0.05)
        # Collect the command and any orphan re-parented here (this is a subreaper).
        while True:
            try:
                pid, wait_status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
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
            used = reaper.tree_memory(me)
            peak = max(peak, used)
            if used > limit:
                oom = True
                kill_all()
        overdue = stop["deadline"] is not None and current >= stop["deadline"]
        if overdue or (drain_deadline is not None and current >= drain_deadline):
            kill_all()
            if (
                result is not None
                and drain_deadline is not None
                and current >= drain_deadline + 1.0
            ):
                break  # something outside the tree holds the pipe; stop waiting for it

    if partial:
        log_lines(log, [partial])

    def report(pids):
        os.write(2, f"still waiting for processes {pids} of the unit to end\n".encode())

    # Whatever the command left behind ends with it; the unit has exited when nothing is left.
    reaper.kill_everything(me, cgroup, reap=True, report=report)
    if cgroup:
        reaper.remove_cgroup(cgroup)
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
    if sys.argv[1] == "--probe-mounts":  # --probe-mounts MODE SCRATCH
        sys.exit(isolation.probe(sys.argv[2], sys.argv[3]))
    if sys.argv[1] == "--standby":
        sys.exit(standby())
    sys.exit(main(sys.argv[1]))
