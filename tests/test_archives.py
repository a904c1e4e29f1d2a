"""Unpacking a client's tar archive: the same protection on every supported Python."""

from __future__ import annotations

import io
import os
import stat
import tarfile
from pathlib import Path

import pytest

from jupyterlab_mlstudio.core.archives import extract_tar
from jupyterlab_mlstudio.core.errors import InvalidInput


def _archive(path: Path, members: list[tuple[tarfile.TarInfo, bytes | None]]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for info, data in members:
            if data is not None:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            else:
                tar.addfile(info)
    return path


def _file(name: str, data: bytes = b"x", mode: int = 0o644, uid: int = 0) -> tuple:
    info = tarfile.TarInfo(name)
    info.mode = mode
    info.uid = info.gid = uid
    return info, data


def _entry(name: str, kind: bytes, linkname: str = "") -> tuple:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    info.mode = 0o755
    return info, None


def test_a_source_folder_unpacks_with_its_folders_links_and_executable_bits(tmp_path):
    # Given a sourcedir.tar.gz as the SageMaker SDK packs it, with a link that stays inside
    archive = _archive(
        tmp_path / "sourcedir.tar.gz",
        [
            _entry("pkg", tarfile.DIRTYPE),
            _file("pkg/train.py", b"print('hi')\n", mode=0o755),
            _file("pkg/data/values.txt", b"1 2 3\n"),
            _entry("pkg/current", tarfile.SYMTYPE, "data"),
            _entry("pkg/copy.txt", tarfile.LNKTYPE, "pkg/data/values.txt"),
        ],
    )
    # When it is unpacked
    target = tmp_path / "code"
    count = extract_tar(archive, target)
    # Then every file is there, executable where it was, and the inner link resolves
    assert count == 3
    assert (target / "pkg/train.py").read_text() == "print('hi')\n"
    assert os.stat(target / "pkg/train.py").st_mode & stat.S_IXUSR
    assert (target / "pkg/current/values.txt").read_text() == "1 2 3\n"
    assert (target / "pkg/copy.txt").read_text() == "1 2 3\n"


def test_a_root_folder_entry_with_an_empty_name_is_the_folder_itself(tmp_path):
    # Given a model.tar.gz as the SageMaker SDK repacks it (tar.add(folder, arcname="/"))
    folder = tmp_path / "model"
    (folder / "code").mkdir(parents=True)
    (folder / "model.joblib").write_bytes(b"weights")
    (folder / "code" / "inference.py").write_text("def model_fn(d): ...\n")
    archive = tmp_path / "model.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=os.path.sep)
    with tarfile.open(archive) as tar:
        assert "" in tar.getnames()
    # When it is unpacked
    extract_tar(archive, tmp_path / "out")
    # Then the files land at the top of the folder
    assert (tmp_path / "out/model.joblib").read_bytes() == b"weights"
    assert (tmp_path / "out/code/inference.py").exists()


def test_files_belong_to_the_caller_and_lose_set_id_bits(tmp_path):
    # Given a member that claims another owner and the setuid bit
    archive = _archive(tmp_path / "a.tar.gz", [_file("tool", b"#!/bin/sh\n", 0o4755, 4321)])
    # When it is unpacked
    extract_tar(archive, tmp_path / "out")
    # Then it is the caller's file, without the setuid bit
    info = os.stat(tmp_path / "out/tool")
    assert info.st_uid == os.getuid()
    assert not info.st_mode & (stat.S_ISUID | stat.S_ISGID)
    assert stat.S_IMODE(info.st_mode) == 0o755


@pytest.mark.parametrize(
    ("members", "says"),
    [
        ([_file("/etc/evil")], "absolute path"),
        ([_file("../evil")], "'..'"),
        ([_file("a/../../evil")], "'..'"),
        ([_entry("out", tarfile.SYMTYPE, "/etc")], "points outside"),
        ([_entry("out", tarfile.SYMTYPE, "../..")], "points outside"),
        (
            [_entry("d", tarfile.SYMTYPE, "."), _entry("d/up", tarfile.SYMTYPE, "d/../..")],
            "points outside",
        ),
        ([_entry("h", tarfile.LNKTYPE, "/etc/passwd")], "absolute path"),
        ([_entry("h", tarfile.LNKTYPE, "missing")], "not a file extracted"),
        ([_entry("dev", tarfile.CHRTYPE)], "device file"),
        ([_entry("dev", tarfile.BLKTYPE)], "device file"),
        ([_entry("pipe", tarfile.FIFOTYPE)], "FIFO"),
    ],
    ids=[
        "absolute",
        "dotdot",
        "nested-dotdot",
        "absolute-link",
        "relative-link-out",
        "link-through-link",
        "hardlink-absolute",
        "hardlink-missing",
        "char-device",
        "block-device",
        "fifo",
    ],
)
def test_members_that_would_reach_outside_or_make_special_files_are_refused(
    tmp_path, members, says
):
    # Given an archive with a member that must not be written
    archive = _archive(tmp_path / "bad.tar.gz", members)
    outside_before = sorted(os.listdir(tmp_path))
    # When it is unpacked, Then it is refused with the reason, and nothing lands outside
    with pytest.raises(InvalidInput, match=says):
        extract_tar(archive, tmp_path / "out")
    assert sorted(os.listdir(tmp_path)) == sorted({*outside_before, "out"})


def test_a_link_planted_earlier_cannot_carry_a_later_file_outside(tmp_path):
    # Given an archive whose first link points inside and whose later member reuses its name
    # as a folder that would lead elsewhere through a second link
    (tmp_path / "victim").mkdir()
    archive = _archive(
        tmp_path / "a.tar.gz",
        [_entry("sub", tarfile.DIRTYPE), _entry("sub/esc", tarfile.SYMTYPE, "../../victim")],
    )
    # When it is unpacked, Then the escaping link is refused and the outside folder stays empty
    with pytest.raises(InvalidInput, match="points outside"):
        extract_tar(archive, tmp_path / "out")
    assert list((tmp_path / "victim").iterdir()) == []


def test_a_file_that_is_not_an_archive_is_invalid_input(tmp_path):
    # Given a file that is not a tar archive
    bogus = tmp_path / "code.tar.gz"
    bogus.write_bytes(b"not a tar file at all")
    # When it is unpacked, Then the refusal says so
    with pytest.raises(InvalidInput, match="not a readable tar archive"):
        extract_tar(bogus, tmp_path / "out")
