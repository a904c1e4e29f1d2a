"""Everything a unit started, found and ended: a subreaper, a cgroup where the host allows one.

Standard library only (the launcher imports it, and it runs on its own as a kernel's parent).
A unit's processes are not only its process group: a child may call ``setsid()``, ignore
SIGTERM and outlive a signal to the group. Two mechanisms keep track of all of them:

- the unit's top process is a *child subreaper* (``PR_SET_CHILD_SUBREAPER``): whatever a
  descendant leaves orphaned is re-parented to it rather than to init, so walking the
  parent links of ``/proc`` from it finds every descendant, including ones that left the group
  or the session;
- where the host delegates a cgroup v2 folder to this user (root, or a systemd user session),
  the unit also gets its own cgroup, which no descendant can leave, and ``cgroup.kill`` ends
  them all at once.

Run as ``python -I -S reaper.py [--cgroup PARENT] -- COMMAND...`` it starts COMMAND as its
child in its own process group, waits for it, then ends every descendant that is left and
exits with the command's status: a kernel is started this way, so that shutting the kernel
down ends what it started.
"""

import contextlib
import ctypes
import os
import signal
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
PAGE = os.sysconf("SC_PAGE_SIZE")


def become_subreaper():
    """Orphaned descendants come to this process instead of init; False where unsupported."""
    lib = ctypes.CDLL(None, use_errno=True)
    return lib.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


def scan():
    """``{pid: (parent pid, resident pages)}`` of every process visible in /proc."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        table[int(name)] = (int(fields[1]), int(fields[21]))
    return table


def descendants(root, table=None):
    """Pids below ``root`` (not ``root`` itself), by parent links."""
    table = scan() if table is None else table
    children: dict[int, list[int]] = {}
    for pid, (parent, _pages) in table.items():
        children.setdefault(parent, []).append(pid)
    found = []
    stack = list(children.get(root, ()))
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def tree_memory(root):
    """Resident bytes of every descendant of ``root`` (``root`` itself not counted).

    The launcher asks ten times a second for as long as its unit runs. Scanning all of /proc
    costs in proportion to every process on the host (a quarter of a core per unit on a busy
    shared machine), so the tree is walked from ``root`` through the kernel's per-task
    ``children`` lists instead, and only where the kernel has none is /proc scanned. A child
    forked during the walk may be missed once; the next reading finds it."""
    if not _children_files():
        table = scan()
        return sum(table[pid][1] for pid in descendants(root, table) if pid in table) * PAGE
    pages = 0
    seen = set()
    stack = _children(root)
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                pages += int(handle.read().rsplit(b")", 1)[1].split()[21])
        except (OSError, IndexError, ValueError):
            continue  # ended meanwhile
        stack.extend(_children(pid))
    return pages * PAGE


# A type comment, not an annotation: older interpreters run this file too.
_HAS_CHILDREN_FILES = []  # type: list[bool]


def _children_files():
    """Whether this kernel lists each task's children (``/proc/PID/task/TID/children``)."""
    if not _HAS_CHILDREN_FILES:
        me = os.getpid()
        _HAS_CHILDREN_FILES.append(os.path.exists(f"/proc/{me}/task/{me}/children"))
    return _HAS_CHILDREN_FILES[0]


def _children(pid):
    """The direct children of ``pid`` (forked by any of its threads)."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", "rb") as handle:
                found.extend(int(item) for item in handle.read().split())
        except (OSError, ValueError):
            continue
    return found


def outside_group(pids, group):
    """The pids in ``pids`` that are not in process group ``group`` (they left it, by setsid
    or setpgid): what a signal to the group did not reach. Each process gets a signal once."""
    found = []
    for pid in pids:
        try:
            if os.getpgid(pid) != group:
                found.append(pid)
        except (ProcessLookupError, PermissionError):
            continue
    return found


def signal_all(pids, signum):
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signum)


# -- cgroups -------------------------------------------------------------------------------


def cgroup_parent():
    """This process's cgroup v2 folder when this user may create cgroups in it, else None."""
    mount = None
    with contextlib.suppress(OSError), open("/proc/self/mountinfo") as handle:
        for line in handle:
            left, _, right = line.partition(" - ")
            if right.split(" ", 1)[0] == "cgroup2":
                mount = left.split()[4]
                break
    if mount is None:
        return None
    own = None
    with contextlib.suppress(OSError), open("/proc/self/cgroup") as handle:
        for line in handle:
            if line.startswith("0::"):
                own = line[3:].strip()
    if own is None:
        return None
    parent = os.path.join(mount, own.lstrip("/"))
    procs = os.path.join(parent, "cgroup.procs")
    if os.access(parent, os.W_OK) and os.access(procs, os.W_OK):
        return parent
    return None


def make_cgroup(parent, name):
    """Make the cgroup ``parent/name`` for a unit's command; its path, or None if refused."""
    path = os.path.join(parent, name)
    try:
        os.mkdir(path)
    except FileExistsError:
        pass
    except OSError:
        return None
    return path


def enter_cgroup(path):
    """Move this process into ``path`` (called by the command's process before it starts)."""
    try:
        with open(os.path.join(path, "cgroup.procs"), "w") as handle:
            handle.write(str(os.getpid()))
    except OSError:
        return False
    return True


def cgroup_pids(path):
    try:
        with open(os.path.join(path, "cgroup.procs")) as handle:
            return [int(line) for line in handle if line.strip()]
    except (OSError, ValueError):
        return []


def kill_cgroup(path):
    """SIGKILL everything in the cgroup: ``cgroup.kill`` where the kernel has it (5.14+)."""
    with contextlib.suppress(OSError):
        with open(os.path.join(path, "cgroup.kill"), "w") as handle:
            handle.write("1")
        return
    signal_all(cgroup_pids(path), signal.SIGKILL)


def remove_cgroup(path):
    with contextlib.suppress(OSError):
        os.rmdir(path)


# -- ending a unit -------------------------------------------------------------------------


def reap_children():
    """Collect every exited child of this process (orphans come here as a subreaper)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def kill_everything(root, cgroup=None, reap=False, report=None):
    """SIGKILL every descendant of ``root`` and everything in ``cgroup`` until none is left.

    ``root`` must be a live subreaper (this process, or one stopped with SIGSTOP), so that no
    descendant escapes to init while this runs. ``reap``: ``root`` is this process, which
    collects the dead. ``report(pids)`` is called once if some survive for five seconds
    (a process in uninterruptible sleep ends only when its I/O does)."""
    me = os.getpid()
    reported = False
    started = time.monotonic()
    while True:
        left = descendants(root)
        if cgroup:
            left += [pid for pid in cgroup_pids(cgroup) if pid not in left and pid != me]
        # A killed process that is not yet reaped is a zombie: it holds nothing any more.
        alive = [pid for pid in left if not _zombie(pid)]
        if not alive:
            if reap:
                reap_children()
            if not descendants(root) or not reap:
                return
        else:
            if cgroup:
                kill_cgroup(cgroup)
            signal_all(alive, signal.SIGKILL)
        if reap:
            reap_children()
        if report is not None and not reported and time.monotonic() - started > 5.0:
            reported = True
            report(alive)
        time.sleep(0.01)


def _zombie(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (OSError, IndexError):
        return True  # gone


def session_members(session):
    """Pids (not zombies) whose session is ``session``: a unit's processes keep its top
    process's session after that process is gone, unless they called ``setsid()`` themselves."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != b"Z" and int(fields[3]) == session:
            found.append(int(name))
    return found


def end_leftovers(top, top_ticks, cgroup=None, deadline_seconds=5.0):
    """From outside: end what a unit left running after its top process ``top`` (which started
    at ``top_ticks``) died without ending it (killed with SIGKILL): every process still in its
    session, and everything in its cgroup. The number of processes ended.

    Orphans are nobody's descendants any more, so they are found by session: no process can
    join another's session, and one whose pid is the session's id is its leader; if that pid
    now leads another session (the pid was reused), the session is not this unit's."""
    me = os.getpid()
    ended = set()
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        found = [] if _reused(top, top_ticks) else session_members(top)
        if cgroup:
            found += cgroup_pids(cgroup)
        found = [pid for pid in found if pid != me and not _zombie(pid)]
        if not found:
            break
        ended.update(found)
        if cgroup:
            kill_cgroup(cgroup)
        signal_all(found, signal.SIGKILL)
        time.sleep(0.01)
    return len(ended)


def _reused(pid, ticks):
    """Whether ``pid`` is alive now as a process other than the one started at ``ticks``."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return False
    return ticks is None or int(fields[19]) != ticks


def end_unit(top, cgroup=None):
    """From outside: end a unit whose top process is ``top`` (a subreaper) and all it started.

    The top process is stopped first, so it neither starts anything new nor lets orphans go to
    init while its descendants are killed; then it is killed too."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(top, signal.SIGSTOP)
    kill_everything(top, cgroup)
    with contextlib.suppress(ProcessLookupError):
        os.kill(top, signal.SIGKILL)
    deadline = time.monotonic() + 5.0
    while not _zombie(top) and time.monotonic() < deadline:
        time.sleep(0.01)
    if cgroup:
        while cgroup_pids(cgroup) and time.monotonic() < deadline:
            time.sleep(0.01)
        remove_cgroup(cgroup)


# -- as a kernel's parent ------------------------------------------------------------------


def main(argv):
    """``reaper.py [--cgroup PARENT] -- COMMAND...``: run COMMAND, then end all it started."""
    if "--" not in argv:
        sys.stderr.write("usage: reaper.py [--cgroup PARENT] -- COMMAND...\n")
        return 2
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1 :]
    cgroup = None
    if len(options) == 2 and options[0] == "--cgroup" and options[1]:
        cgroup = make_cgroup(options[1], f"mlstudio-{os.getpid()}")
    become_subreaper()
    child = os.fork()
    if child == 0:
        try:
            if cgroup:
                enter_cgroup(cgroup)
            os.execvp(command[0], command)
        except BaseException as error:
            os.write(2, f"could not start {command[0]!r}: {error}\n".encode())
        os._exit(127)

    # Interrupts reach the command through the process group; this process lets them pass.
    # (A handler, not SIG_IGN: the command must not inherit an ignored SIGINT.)
    signal.signal(signal.SIGINT, lambda *_: None)

    def forward(signum, _frame):
        # SIGTERM may have come to this process alone (a kernel's shutdown signals its pid),
        # so every descendant is told, whether or not the group was signalled too.
        signal_all(descendants(os.getpid()), signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGHUP, forward)
    while True:
        try:
            _, status = os.waitpid(child, 0)
            break
        except InterruptedError:
            continue
        except ChildProcessError:
            status = 0
            break
    kill_everything(os.getpid(), cgroup, reap=True)
    if cgroup:
        remove_cgroup(cgroup)
    if os.WIFSIGNALED(status):
        # End the same way, so whoever waits for this process sees the command's signal.
        signum = os.WTERMSIG(status)
        with contextlib.suppress(OSError, ValueError):
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
        return 128 + signum
    return os.WEXITSTATUS(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
