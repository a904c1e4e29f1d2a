"""Unpacking archives that a client sent, safely and the same way on every supported Python.

``TarFile.extractall(filter="data")`` exists only from Python 3.10.12 and 3.11.4 on (Debian 12's
own Python is 3.11.2), and without a filter ``extractall`` honours absolute paths, ``..``, links
that leave the folder, device files and the archive's owners. :func:`extract_tar` therefore
writes each member itself: regular files, folders and links that stay inside the folder, nothing
else, with the caller as owner and without set-id bits.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import stat
import tarfile
from pathlib import Path

from .errors import InvalidInput

#: Permission bits kept from the archive: set-id and sticky bits are dropped.
MODE_BITS = 0o777


def _inside(root: str, path: str) -> bool:
    return path == root or path.startswith(root + os.sep)


def _member_path(root: str, name: str, archive: str) -> str:
    """Where member ``name`` goes below ``root``; refuses names that would leave it. An empty
    name is the archive's root folder (the SageMaker SDK's repacked models start with one)."""
    if name.startswith("/"):
        raise InvalidInput(f"{archive}: member {name!r} has an absolute path")
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise InvalidInput(f"{archive}: member {name!r} climbs out with '..'")
    if any("\0" in part for part in parts):
        raise InvalidInput(f"{archive}: member {name!r} contains a NUL byte")
    return os.path.join(root, *parts) if parts else root


def _resolved_parent(root: str, path: str, archive: str, name: str) -> str:
    """The real folder ``path`` is written into, created as needed, checked to lie in ``root``.

    Links extracted earlier may stand on the way; following them is fine as long as the real
    location stays inside ``root``."""
    parent = os.path.realpath(os.path.dirname(path))
    if not _inside(root, parent):
        raise InvalidInput(f"{archive}: member {name!r} would be written outside the folder")
    os.makedirs(parent, exist_ok=True)
    return os.path.join(parent, os.path.basename(path))


def _clear(path: str) -> None:
    """Make room for a member: a later member of the same name replaces an earlier one."""
    if os.path.islink(path) or (os.path.lexists(path) and not os.path.isdir(path)):
        os.unlink(path)


def extract_tar(archive: str | Path, folder: str | Path) -> int:
    """Unpack ``archive`` (any compression tarfile reads) into ``folder``; return the file count.

    Refused with :class:`InvalidInput`, before or while writing: absolute member names, ``..``,
    symbolic or hard links whose target lies outside ``folder``, device files and FIFOs. Files
    are owned by the caller; their permission bits are kept without set-id and sticky bits.
    """
    root = os.path.realpath(folder)
    os.makedirs(root, exist_ok=True)
    label = os.path.basename(str(archive))
    written = 0
    try:
        tar = tarfile.open(archive, "r:*")  # noqa: SIM115 (closed by the with below)
    except (tarfile.TarError, OSError) as error:
        raise InvalidInput(f"{label} is not a readable tar archive: {error}") from error
    with tar:
        try:
            members = tar.getmembers()
        except (tarfile.TarError, OSError, EOFError) as error:
            raise InvalidInput(f"{label} is not a readable tar archive: {error}") from error
        for member in members:
            path = _member_path(root, member.name, label)
            if path == root:
                continue  # the archive's "./" (or empty-named) root entry
            if member.isdir():
                target = _resolved_parent(root, path, label, member.name)
                if os.path.islink(target) or (
                    os.path.lexists(target) and not os.path.isdir(target)
                ):
                    os.unlink(target)
                os.makedirs(target, exist_ok=True)
                os.chmod(target, (member.mode & MODE_BITS) | stat.S_IRWXU)
            elif member.isreg():
                target = _resolved_parent(root, path, label, member.name)
                _clear(target)
                source = tar.extractfile(member)
                assert source is not None  # a regular member always has data
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                with source, os.fdopen(os.open(target, flags, 0o600), "wb") as out:
                    shutil.copyfileobj(source, out)
                os.chmod(target, (member.mode & MODE_BITS) | stat.S_IRUSR | stat.S_IWUSR)
                written += 1
            elif member.issym():
                target = _resolved_parent(root, path, label, member.name)
                link = member.linkname
                # realpath resolves each step on disk, so "sub/.." through an earlier link is
                # judged where it really leads.
                pointed = os.path.realpath(posixpath.join(posixpath.dirname(target), link))
                if link.startswith("/") or not _inside(root, pointed):
                    raise InvalidInput(
                        f"{label}: link {member.name!r} points outside the folder ({link!r})"
                    )
                _clear(target)
                os.symlink(link, target)
            elif member.islnk():
                source_path = os.path.realpath(_member_path(root, member.linkname, label))
                if not _inside(root, source_path) or not os.path.isfile(source_path):
                    raise InvalidInput(
                        f"{label}: hard link {member.name!r} names {member.linkname!r}, "
                        "which is not a file extracted into the folder"
                    )
                target = _resolved_parent(root, path, label, member.name)
                _clear(target)
                shutil.copyfile(source_path, target)
                os.chmod(target, stat.S_IMODE(os.stat(source_path).st_mode))
                written += 1
            else:
                kind = "device file" if member.ischr() or member.isblk() else "special file"
                if member.isfifo():
                    kind = "FIFO"
                raise InvalidInput(f"{label}: member {member.name!r} is a {kind}")
    return written
