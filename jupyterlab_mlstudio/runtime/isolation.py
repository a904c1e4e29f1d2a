"""A unit's own view of the file system: private bind mounts, for root and for ordinary users.

Standard library only (the launcher imports it before anything else runs). Two modes:

- ``"mount"`` (root): a new mount namespace;
- ``"user"`` (any user, where the host allows unprivileged user namespaces): a new user
  namespace that maps this user's uid and gid to themselves (nothing else is mapped, so files
  keep their owners and the unit's processes are this user as far as anything outside can
  tell), plus a new mount namespace owned by it.

Either way the mounts are private to the unit and vanish with it. A mount target that does not
exist is never created on the host: the nearest existing folder above it (``/opt`` for
``/opt/ml``) is covered, inside the unit only, by a tmpfs that holds the folder's own entries
bind-mounted back in place (so ``/opt/conda`` and the like stay visible), and the target is
made in that tmpfs.
"""

import ctypes
import os

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_NOATIME = 1024
MS_NODIRATIME = 2048
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MS_RELATIME = 1 << 21
# statvfs flag -> mount flag: a read-only remount must keep the flags the kernel locked on a
# mount that came from a more privileged namespace, or it is refused.
KEPT_FLAGS = (
    (os.ST_NOSUID, MS_NOSUID),
    (os.ST_NODEV, MS_NODEV),
    (os.ST_NOEXEC, MS_NOEXEC),
    (os.ST_NOATIME, MS_NOATIME),
    (os.ST_NODIRATIME, MS_NODIRATIME),
    (os.ST_RELATIME, MS_RELATIME),
)


def libc():
    return ctypes.CDLL(None, use_errno=True)


def _check(result, what):
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _write(path, text):
    with open(path, "w") as handle:
        handle.write(text)


def enter(mode):
    """Enter the namespaces of ``mode`` (``"mount"`` or ``"user"``); mounts become private."""
    lib = libc()
    if mode == "user":
        uid, gid = os.getuid(), os.getgid()
        _check(lib.unshare(CLONE_NEWUSER | CLONE_NEWNS), "unshare(CLONE_NEWUSER|CLONE_NEWNS)")
        # setgroups must be denied before an unprivileged process may write its gid_map.
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1\n")
        _write("/proc/self/gid_map", f"{gid} {gid} 1\n")
    else:
        _check(lib.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
    _check(lib.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "making / private")


def _bind(lib, source, target, read_only=False):
    _check(
        lib.mount(source.encode(), target.encode(), None, MS_BIND | MS_REC, None),
        f"bind-mounting {source} on {target}",
    )
    if read_only:
        flags = MS_BIND | MS_REMOUNT | MS_RDONLY
        present = os.statvfs(target).f_flag
        for statvfs_flag, mount_flag in KEPT_FLAGS:
            if present & statvfs_flag:
                flags |= mount_flag
        _check(lib.mount(b"none", target.encode(), None, flags, None), f"making {target} read-only")


def _shadow(lib, folder):
    """Cover ``folder`` with a tmpfs holding its own entries, bound back in place."""
    original = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        mode = os.fstat(original).st_mode & 0o7777
        names = os.listdir(original)
        _check(
            lib.mount(b"tmpfs", folder.encode(), b"tmpfs", 0, f"mode={mode:o}".encode()),
            f"covering {folder} with a tmpfs",
        )
        # /proc/self/fd/N still leads to the covered folder, so its entries can be bound back.
        below = f"/proc/self/fd/{original}"
        for name in names:
            source = f"{below}/{name}"
            target = os.path.join(folder, name)
            if os.path.islink(source):
                os.symlink(os.readlink(source), target)
                continue
            if os.path.isdir(source):
                os.mkdir(target)
            else:
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o600))
            _bind(lib, source, target)
    finally:
        os.close(original)


def _make_target(lib, target, is_dir, own):
    """Create the mount point ``target``, shadowing its nearest existing folder if needed.

    ``own``: folders this unit already mounted (writes there stay inside the unit)."""
    ancestor = os.path.dirname(target)
    while not os.path.exists(ancestor):
        ancestor = os.path.dirname(ancestor)
    inside_own = any(ancestor == path or ancestor.startswith(path + "/") for path in own)
    if not inside_own:
        if ancestor == "/":
            raise OSError(2, f"mount target {target} does not exist and / cannot be covered")
        _shadow(lib, ancestor)
        own.append(ancestor)
    if is_dir:
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o600))


def mount_all(mounts):
    """Bind each ``{"source", "target", "read_only"}`` in order (after :func:`enter`)."""
    lib = libc()
    own: list[str] = []
    for mount in mounts:
        source, target = mount["source"], mount["target"].rstrip("/") or "/"
        is_dir = os.path.isdir(source)
        if not os.path.exists(source):
            raise OSError(2, f"mount source {source} does not exist")
        if not os.path.lexists(target):
            _make_target(lib, target, is_dir, own)
        _bind(lib, source, target, bool(mount.get("read_only")))
        if is_dir:
            own.append(target)


def probe(mode, scratch):
    """Exit status 0 when ``mode`` works here: run in a throwaway process, it mounts
    ``scratch/source`` on a target below ``scratch/missing`` (so covering works too)."""
    source = os.path.join(scratch, "source")
    os.makedirs(source, exist_ok=True)
    _write(os.path.join(source, "marker"), "")
    os.makedirs(os.path.join(scratch, "present"), exist_ok=True)
    _write(os.path.join(scratch, "present", "kept"), "")
    target = os.path.join(scratch, "present", "ml")
    enter(mode)
    mount_all([{"source": source, "target": target}])
    seen = os.path.exists(os.path.join(target, "marker"))
    kept = os.path.exists(os.path.join(scratch, "present", "kept"))
    return 0 if seen and kept else 1
