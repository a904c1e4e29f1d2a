"""The process backend's units: a private /opt/ml for root and for ordinary users alike, host
folders under /opt still visible, the user's own identity, and everything a unit started ended
with it (a child that called setsid() and ignores SIGTERM included). These tests run as root and,
in CI, as an unprivileged user too."""

from __future__ import annotations

import json
import os
import socket
import sys
import textwrap
import time
from pathlib import Path

import pytest

from jupyterlab_mlstudio.runtime.base import ContainerSpec, Mount, UnitState
from jupyterlab_mlstudio.runtime.probe import userns_setting
from jupyterlab_mlstudio.runtime.process import ProcessBackend


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


def _wait_for(condition, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def _script(folder: Path, name: str, code: str) -> str:
    path = folder / name
    path.write_text(textwrap.dedent(code))
    return str(path)


@pytest.fixture
def backend(tmp_path):
    created = ProcessBackend(tmp_path / "units")
    yield created
    created.close()


def _spec(name: str, script: str, **kwargs) -> ContainerSpec:
    return ContainerSpec(
        name=name,
        image=sys.executable,
        command=[sys.executable, script],
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        stop_grace_seconds=30.0,
        **kwargs,
    )


def test_a_unit_gets_its_own_opt_ml_as_whichever_user_runs_the_server(backend, tmp_path):
    # Given a job folder with a channel, and a script that uses the absolute /opt/ml paths
    host_opt_ml_before = os.path.lexists("/opt/ml")
    job = tmp_path / "job"
    (job / "input/data/train").mkdir(parents=True)
    (job / "input/data/train/values.txt").write_text("1 2 3\n")
    (job / "model").mkdir()
    script = _script(
        tmp_path,
        "train.py",
        """
        import json, os
        values = open("/opt/ml/input/data/train/values.txt").read().split()
        with open("/opt/ml/model/m.txt", "w") as handle:
            handle.write(" ".join(reversed(values)))
        json.dump(
            {"uid": os.getuid(), "gid": os.getgid(), "opt": sorted(os.listdir("/opt"))},
            open("/opt/ml/model/seen.json", "w"),
        )
        """,
    )
    assert backend.private_mounts, backend.no_mounts_reason
    # When it runs as a unit with the job folder at /opt/ml
    backend.start(_spec("opt-ml", script, mounts=[Mount(str(job), "/opt/ml")]))
    status = backend.wait("opt-ml", 60)
    # Then it succeeded and its files are in the job folder, owned by this user
    assert status.state == UnitState.EXITED and status.exit_code == 0, (
        status,
        backend.read_logs("opt-ml").lines,
    )
    assert (job / "model/m.txt").read_text() == "3 2 1"
    assert (job / "model/m.txt").stat().st_uid == os.getuid()
    # And inside, it was this user, and the host's /opt entries were all still there
    import json

    seen = json.loads((job / "model/seen.json").read_text())
    assert (seen["uid"], seen["gid"]) == (os.getuid(), os.getgid())
    assert set(os.listdir("/opt")) - {"ml"} <= set(seen["opt"])
    # And the host did not get an /opt/ml it did not have
    assert os.path.lexists("/opt/ml") == host_opt_ml_before


def test_a_missing_mount_point_is_made_inside_the_unit_only(backend, tmp_path):
    # Given a host folder with entries of its own but no "ml" in it (as /opt may have no /opt/ml)
    host = tmp_path / "host"
    (host / "conda/bin").mkdir(parents=True)
    (host / "conda/bin/tool").write_text("kept")
    (host / "note.txt").write_text("note")
    (host / "link").symlink_to("conda")
    job = tmp_path / "job"
    job.mkdir()
    (job / "marker").write_text("job folder")
    script = _script(
        tmp_path,
        "look.py",
        f"""
        import os
        host = {str(host)!r}
        print(sorted(os.listdir(host)))
        print(open(os.path.join(host, "ml/marker")).read())
        print(open(os.path.join(host, "conda/bin/tool")).read())
        print(open(os.path.join(host, "link/bin/tool")).read())
        open(os.path.join(host, "ml/written"), "w").write("from the unit")
        """,
    )
    # When a unit mounts the job folder at host/ml
    backend.start(_spec("missing-target", script, mounts=[Mount(str(job), str(host / "ml"))]))
    status = backend.wait("missing-target", 60)
    lines = [text for _, text in backend.read_logs("missing-target").lines]
    # Then inside, the folder kept its entries and gained "ml"
    assert status.exit_code == 0, lines
    assert lines == ["['conda', 'link', 'ml', 'note.txt']", "job folder", "kept", "kept"]
    # And outside, nothing was created in the host folder; the write landed in the job folder
    assert sorted(os.listdir(host)) == ["conda", "link", "note.txt"]
    assert (job / "written").read_text() == "from the unit"


def test_the_units_processes_are_this_user_as_seen_from_outside(backend, tmp_path):
    # Given a unit with private mounts that reports its pid and then waits
    job = tmp_path / "job"
    job.mkdir()
    script = _script(
        tmp_path,
        "wait.py",
        """
        import os, time
        open("/opt/ml/pid", "w").write(str(os.getpid()))
        time.sleep(60)
        """,
    )
    backend.start(_spec("identity", script, mounts=[Mount(str(job), "/opt/ml")]))
    pid = int(_wait_for(lambda: (job / "pid").exists() and (job / "pid").read_text(), what="pid"))
    # When its process is looked at from outside
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    uids = next(line for line in status if line.startswith("Uid:")).split()[1:]
    gids = next(line for line in status if line.startswith("Gid:")).split()[1:]
    backend.stop("identity", 0)
    backend.wait("identity", 30)
    # Then it is this user and group, real and effective
    assert set(uids) == {str(os.getuid())}
    assert set(gids) == {str(os.getgid())}


SETSID_CHILD = """
import os, signal, subprocess, sys, time
child = subprocess.Popen(
    [sys.executable, "-c",
     "import os, signal, time\\n"
     "signal.signal(signal.SIGTERM, signal.SIG_IGN)\\n"
     "os.setsid()\\n"
     "open(%r + '.tmp', 'w').write(str(os.getpid()))\\n"
     "os.replace(%r + '.tmp', %r)\\n"
     "time.sleep(600)\\n"],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=False,
)
print("started", flush=True)
%s
"""


def _setsid_child(pid_file: Path, then: str) -> str:
    """A script whose child leaves the session, ignores SIGTERM and writes its pid; the script
    itself then runs ``then``."""
    path = str(pid_file)
    return SETSID_CHILD % (path, path, path, then)


def test_stopping_a_unit_ends_a_child_that_left_the_group_and_ignores_sigterm(backend, tmp_path):
    # Given a unit whose child called setsid() and ignores SIGTERM
    pid_file = tmp_path / "child.pid"
    script = _script(tmp_path, "stubborn.py", _setsid_child(pid_file, "time.sleep(600)"))
    backend.start(_spec("setsid-stop", script))
    child = int(_wait_for(lambda: pid_file.exists() and pid_file.read_text(), what="child pid"))
    assert os.getsid(child) == child  # it really left the unit's session
    # When the unit is stopped with a short grace period
    backend.stop("setsid-stop", 0.5)
    status = backend.wait("setsid-stop", 30)
    # Then the unit reports exited only once the child is gone too
    assert status.state == UnitState.EXITED
    assert not _alive(child)


def test_what_a_command_leaves_behind_ends_when_it_exits(backend, tmp_path):
    # Given a command that starts a setsid child ignoring SIGTERM and then exits at once
    pid_file = tmp_path / "child.pid"
    wait = f"while not os.path.exists({str(pid_file)!r}): time.sleep(0.01)"
    script = _script(tmp_path, "leaves.py", _setsid_child(pid_file, wait))
    backend.start(_spec("setsid-exit", script))
    status = backend.wait("setsid-exit", 30)
    # Then once the unit has exited, nothing it started is left
    assert status.state == UnitState.EXITED and status.exit_code == 0
    child = int(pid_file.read_text())
    assert not _alive(child)


def test_killing_a_unit_ends_every_process_it_started(backend, tmp_path):
    # Given a running unit with a child that left its session
    pid_file = tmp_path / "child.pid"
    script = _script(tmp_path, "killed.py", _setsid_child(pid_file, "time.sleep(600)"))
    backend.start(_spec("setsid-kill", script))
    child = int(_wait_for(lambda: pid_file.exists() and pid_file.read_text(), what="child pid"))
    # When the unit is killed outright
    backend.kill("setsid-kill")
    # Then the child is gone as well
    _wait_for(lambda: not _alive(child), 10, "the child to end")
    assert backend.status("setsid-kill").state != UnitState.RUNNING


def test_without_namespaces_a_unit_says_so_and_opt_ml_fails_with_the_reason(tmp_path):
    # Given a backend where private mounts are switched off, as on a host that forbids them
    backend = ProcessBackend(tmp_path / "units", isolation="none")
    try:
        # Then its status warns, with the setting that turns them back on
        status = backend.probe()
        assert not backend.private_mounts
        assert len(status.warnings) == 1 and "process_isolation = 'auto'" in status.warnings[0]
        assert "no private /opt/ml" in status.warnings[0]
        # When a unit that expected /opt/ml opens an absolute /opt/ml path
        script = _script(
            tmp_path,
            "absolute.py",
            """
            try:
                open("/opt/ml/model/m.txt", "w")
            except FileNotFoundError as error:
                print("caught:", error, flush=True)
            import os
            os.makedirs("/opt/ml/model/sub", exist_ok=True)
            """,
        )
        backend.start(_spec("fallback", script, opt_ml_fallback=True))
        status = backend.wait("fallback", 60)
        lines = [text for _, text in backend.read_logs("fallback").lines]
    finally:
        backend.close()
    # Then the unit's first log line says why, the error names the cause (still a
    # FileNotFoundError for code that catches one), and the script failed on it
    assert lines[0].startswith("ML Studio: jobs have no private /opt/ml"), lines
    caught = next(line for line in lines if line.startswith("caught:"))
    assert "/opt/ml/model/m.txt" in caught and "no private /opt/ml" in caught
    assert status.exit_code == 1
    assert any("FileNotFoundError" in line and "SM_*" in line for line in lines), lines


def test_the_host_setting_that_forbids_user_namespaces_is_named(tmp_path):
    # Given sysctl files as a Debian or Ubuntu kernel has them
    debian = tmp_path / "unprivileged_userns_clone"
    ubuntu = tmp_path / "apparmor_restrict_unprivileged_userns"
    debian.write_text("1\n")
    ubuntu.write_text("1\n")
    settings = (
        (str(debian), "0", "sysctl -w kernel.unprivileged_userns_clone=1"),
        (str(ubuntu), "1", "sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"),
    )
    # Then the one that forbids is named, and none when nothing forbids
    assert userns_setting(settings) == "sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"
    ubuntu.write_text("0\n")
    assert userns_setting(settings) is None
    debian.write_text("0\n")
    assert userns_setting(settings) == "sysctl -w kernel.unprivileged_userns_clone=1"


def test_a_host_that_forbids_user_namespaces_gets_the_sysctl_that_allows_them(
    tmp_path, monkeypatch
):
    # Given a host whose namespace probe fails and whose sysctl forbids user namespaces
    from jupyterlab_mlstudio.runtime import probe

    setting = tmp_path / "unprivileged_userns_clone"
    setting.write_text("0\n")
    monkeypatch.setattr(
        probe,
        "USERNS_SETTINGS",
        ((str(setting), "0", "sysctl -w kernel.unprivileged_userns_clone=1"),),
    )
    monkeypatch.setattr(ProcessBackend, "_probe_namespace", lambda self: None)
    backend = ProcessBackend(tmp_path / "units")
    try:
        # Then the backend's warning names that setting as the one-line fix
        warnings = backend.probe().warnings
    finally:
        backend.close()
    assert warnings == [
        "jobs have no private /opt/ml (scripts must use the SM_* paths): this host forbids "
        "unprivileged user namespaces; enable them with: "
        "sysctl -w kernel.unprivileged_userns_clone=1"
    ]


LISTENER = """
import os, socket, subprocess, sys, time
listener = subprocess.Popen(
    [sys.executable, "-c", "import os, socket, time\\n"
     "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\\n"
     "open(%r + '.tmp', 'w').write(f'{os.getpid()} {s.getsockname()[1]}')\\n"
     "os.replace(%r + '.tmp', %r)\\n"
     "time.sleep(600)"],
    preexec_fn=os.setpgrp,  # its own process group (process_group= is 3.11+)
)
time.sleep(600)
"""


def test_a_unit_whose_launcher_is_killed_leaves_nothing_listening(backend, tmp_path):
    # Given a unit whose command started a server in a process group of its own, listening
    found = tmp_path / "listener"
    path = str(found)
    script = _script(tmp_path, "serves.py", LISTENER % (path, path, path))
    backend.start(_spec("launcher-killed", script))
    pid, port = map(
        int, _wait_for(lambda: found.exists() and found.read_text(), what="server").split()
    )
    assert os.getpgid(pid) == pid
    # When the unit's launcher is killed with SIGKILL (nothing of it can clean up)
    launcher = int(json.loads((backend.root / "launcher-killed" / "unit.json").read_text())["pid"])
    os.kill(launcher, 9)
    _wait_for(lambda: not _alive(launcher), 10, "the launcher to die")
    # Then the backend reports the unit lost, and its server no longer runs or listens
    assert backend.status("launcher-killed").state == UnitState.LOST
    assert not _alive(pid)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    assert (
        "left running were ended" in (backend.root / "launcher-killed" / "launcher.err").read_text()
    )
