"""Warm starts on the process backend: a unit forked from a parent that has imported its modules
keeps the whole unit contract (its own /opt/ml as this user, environment, folder, arguments, a
stop that ends every process it started), forks from the clean parent and never from an earlier
unit, and starts cold, saying why, wherever the parent cannot serve it."""

from __future__ import annotations

import json
import os
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

from jupyterlab_mlstudio.runtime.base import ContainerSpec, Mount, Resources, UnitState
from jupyterlab_mlstudio.runtime.process import ProcessBackend
from jupyterlab_mlstudio.runtime.warm_pool import WarmSettings

from .test_process_isolation import _alive, _setsid_child, _wait_for

#: A module no interpreter has imported before a script's first line (cheap to import).
MODULE = "decimal"


def _backend(tmp_path: Path, **settings) -> ProcessBackend:
    return ProcessBackend(tmp_path / "units", warm=WarmSettings(**settings))


@pytest.fixture
def backend(tmp_path):
    created = _backend(tmp_path, modules={sys.executable: [MODULE]})
    yield created
    created.close()


def _spec(name: str, script: Path, *args: str, python: str = sys.executable, **kwargs):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **kwargs.pop("env", {})}
    return ContainerSpec(
        name=name,
        image=python,
        command=[python, str(script), *args],
        env=env,
        stop_grace_seconds=30.0,
        **kwargs,
    )


def _write(folder: Path, name: str, code: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(code))
    return path


def _unit_info(backend: ProcessBackend, unit: str) -> dict:
    return json.loads((backend.root / unit / "unit.json").read_text())


def _run(backend: ProcessBackend, spec: ContainerSpec) -> list[str]:
    backend.start(spec)
    status = backend.wait(spec.name, 60)
    lines = [text for _, text in backend.read_logs(spec.name).lines]
    assert status.state == UnitState.EXITED and status.exit_code == 0, (status, lines)
    return lines


def test_a_warm_unit_has_its_modules_imported_and_keeps_the_unit_contract(backend, tmp_path):
    # Given a job folder for /opt/ml and a script that reports what it finds at its first line
    job = tmp_path / "job"
    (job / "input").mkdir(parents=True)
    (job / "input/config.txt").write_text("from the job folder")
    work = tmp_path / "work"
    work.mkdir()
    script = _write(
        tmp_path,
        "look.py",
        f"""
        import json, os, sys
        seen = {{
            "preloaded": {MODULE!r} in sys.modules,
            "config": open("/opt/ml/input/config.txt").read(),
            "uid": os.getuid(),
            "cwd": os.getcwd(),
            "argv": sys.argv,
            "hyper": os.environ.get("SM_HP_DEPTH"),
            "name": __name__,
            "pgid_is_pid": os.getpgid(0) == os.getpid(),
        }}
        open("/opt/ml/seen.json", "w").write(json.dumps(seen))
        print("first line", flush=True)
        """,
    )
    assert backend.private_mounts, backend.no_mounts_reason
    # When it runs as a unit with per-unit variables, arguments and a working folder
    spec = _spec(
        "warm-contract",
        script,
        "--depth",
        "3",
        mounts=[Mount(str(job), "/opt/ml")],
        env={"SM_HP_DEPTH": "3"},
        workdir=str(work),
    )
    lines = _run(backend, spec)
    # Then it was forked warm: its module was already imported before its first line
    seen = json.loads((job / "seen.json").read_text())
    assert "warm" in _unit_info(backend, "warm-contract")
    assert seen["preloaded"] is True
    # And it had what a cold start has: /opt/ml, this user, its folder, argv, env, group
    assert lines == ["first line"]
    assert seen["config"] == "from the job folder"
    assert seen["uid"] == os.getuid()
    assert seen["cwd"] == str(work)
    assert seen["argv"] == [str(script), "--depth", "3"]
    assert seen["hyper"] == "3"
    assert seen["name"] == "__main__"
    assert seen["pgid_is_pid"] is True


def test_each_unit_forks_from_the_clean_parent_not_from_an_earlier_unit(backend, tmp_path):
    # Given a script that changes module state and the environment, and reports what it found
    script = _write(
        tmp_path,
        "dirty.py",
        f"""
        import os, sys
        module = sys.modules[{MODULE!r}]
        print("mark" in vars(module), "LEFT_BEHIND" in os.environ, flush=True)
        module.mark = True
        module.getcontext().prec = 3
        os.environ["LEFT_BEHIND"] = "yes"
        """,
    )
    # When it runs twice, one unit after the other
    first = _run(backend, _spec("dirty-1", script))
    second = _run(backend, _spec("dirty-2", script))
    # Then both were warm, and the second saw nothing the first did
    assert "warm" in _unit_info(backend, "dirty-1") and "warm" in _unit_info(backend, "dirty-2")
    assert first == second == ["False False"]


def test_stopping_a_warm_unit_ends_a_child_that_left_the_group_and_ignores_sigterm(
    backend, tmp_path
):
    # Given a warm unit whose child called setsid() and ignores SIGTERM
    pid_file = tmp_path / "child.pid"
    script = _write(tmp_path, "stubborn.py", _setsid_child(pid_file, "time.sleep(600)"))
    backend.start(_spec("warm-setsid", script))
    child = int(_wait_for(lambda: pid_file.exists() and pid_file.read_text(), what="child pid"))
    assert "warm" in _unit_info(backend, "warm-setsid")
    assert os.getsid(child) == child
    # When the unit is stopped with a short grace period
    backend.stop("warm-setsid", 0.5)
    status = backend.wait("warm-setsid", 30)
    # Then it reports exited only once the child is gone too
    assert status.state == UnitState.EXITED
    assert not _alive(child)


def test_a_parent_that_cannot_serve_sends_its_units_cold_and_says_why(tmp_path):
    # Given an image whose configured module starts a thread when imported (forking then is
    # unsafe), and a script that needs it
    library = tmp_path / "library"
    library.mkdir()
    _write(
        library,
        "spinner.py",
        """
        import threading, time
        threading.Thread(target=time.sleep, args=(600,), daemon=True, name="spinner").start()
        """,
    )
    script = _write(tmp_path, "uses.py", "import spinner\nprint('ran', flush=True)\n")
    backend = _backend(tmp_path, modules={sys.executable: ["spinner"]})
    try:
        # When two units of it start
        env = {"PYTHONPATH": str(library)}
        lines = [_run(backend, _spec(f"threads-{n}", script, env=env)) for n in (1, 2)]
        # Then both ran, cold, each with the reason recorded
        assert lines == [["ran"], ["ran"]]
        for unit in ("threads-1", "threads-2"):
            info = _unit_info(backend, unit)
            assert "warm" not in info
            assert "started Python threads (spinner)" in info["cold"]
    finally:
        backend.close()


def _pythons() -> list[str]:
    found = {sys.executable}
    for candidate in ("/usr/bin/python3", shutil.which("python3.13"), shutil.which("python3.10")):
        if candidate and os.access(candidate, os.X_OK) and "/shims/" not in candidate:
            found.add(os.path.realpath(candidate))
    return sorted(found)


def test_units_of_another_python_get_a_warm_parent_of_that_python(tmp_path):
    # Given every interpreter on this machine that can be an image
    pythons = _pythons()
    script = _write(
        tmp_path, "version.py", "import sys\nprint(sys.executable, sys.version_info[:2])\n"
    )
    backend = _backend(tmp_path)
    try:
        # When a unit runs on each
        for index, python in enumerate(pythons):
            lines = _run(backend, _spec(f"python-{index}", script, python=python))
            # Then it ran warm, on its own interpreter
            assert "warm" in _unit_info(backend, f"python-{index}"), python
            assert lines[0].startswith(str(Path(python).parent)), (python, lines)
        assert {plan.interpreter for plan in backend.warm.parents()} == set(pythons)
    finally:
        backend.close()


def test_a_python_older_than_warm_starts_support_runs_its_units_cold(tmp_path):
    # Given an interpreter older than the launcher supports in a warm parent
    old = sorted(Path(os.path.expanduser("~/.pyenv/versions")).glob("3.6.*/bin/python3.6"))
    if not old:
        pytest.skip("no Python 3.6 on this machine")
    script = _write(tmp_path, "old.py", "import sys\nprint(sys.version_info[:2])\n")
    backend = _backend(tmp_path)
    try:
        # When a unit runs on it
        lines = _run(backend, _spec("old-python", script, python=str(old[0])))
        # Then it ran cold, and says why
        assert lines == ["(3, 6)"]
        assert "older than warm starts need (3.7)" in _unit_info(backend, "old-python")["cold"]
    finally:
        backend.close()


def test_the_modules_a_script_imported_make_the_parent_of_its_next_run(tmp_path):
    # Given a backend with no modules configured, and a script that imports one
    script = _write(
        tmp_path,
        "imports.py",
        f"import sys\nprint({MODULE!r} in sys.modules, flush=True)\nimport {MODULE}\n",
    )
    backend = _backend(tmp_path)
    try:
        # When it runs twice
        first = _run(backend, _spec("record-1", script))
        second = _run(backend, _spec("record-2", script))
        # Then the first found nothing imported, the second found what the first imported
        assert first == ["False"]
        assert second == ["True"]
    finally:
        backend.close()


def test_units_needing_gpus_or_other_commands_always_start_cold(backend, tmp_path):
    # Given units that a warm parent must not (GPUs) or cannot (not a Python script) serve
    script = _write(tmp_path, "any.py", "print('x')\n")
    cases = {
        "gpus": _spec("gpu", script, resources=Resources(cpus=1.0, gpus=[0])),
        "shell": ContainerSpec(name="shell", image=sys.executable, command=["sh", "-c", "true"]),
        "inline": ContainerSpec(
            name="inline", image=sys.executable, command=[sys.executable, "-c", "print(1)"]
        ),
    }
    # When the backend plans how each would start
    plans = {case: backend.warm.plan(spec, dict(spec.env), "/") for case, spec in cases.items()}
    # Then none has a warm plan
    assert plans == {"gpus": None, "shell": None, "inline": None}


def test_without_private_mounts_or_with_warm_starts_off_units_start_cold(tmp_path):
    script = _write(tmp_path, "plain.py", "print('plain', flush=True)\n")
    # Given a backend without namespaces (a unit expecting /opt/ml gets the fallback paths)
    no_mounts = ProcessBackend(
        tmp_path / "no-mounts", isolation="none", warm=WarmSettings(modules={})
    )
    # And one with warm starts switched off
    off = ProcessBackend(tmp_path / "off", warm=WarmSettings(enabled=False))
    try:
        # When a unit runs on each
        _run(no_mounts, _spec("fallback", script, opt_ml_fallback=True))
        _run(off, _spec("switched-off", script))
        # Then both started cold
        assert "warm" not in _unit_info(no_mounts, "fallback")
        assert off.warm is None and "warm" not in _unit_info(off, "switched-off")
    finally:
        no_mounts.close()
        off.close()


def test_a_warm_unit_is_pinned_to_its_cpus_and_held_to_its_memory_limit(backend, tmp_path):
    # Given a script that reports the CPUs it may use, then takes far more memory than allowed
    script = _write(
        tmp_path,
        "greedy.py",
        """
        import os, time
        print(sorted(os.sched_getaffinity(0)), flush=True)
        hoard = []
        for _ in range(64):
            hoard.append(bytearray(16 * 1024 * 1024))
            time.sleep(0.02)
        print("never held to its limit", flush=True)
        """,
    )
    limit = 96 * 1024 * 1024
    # When it runs warm with one CPU and a memory limit
    spec = _spec("greedy", script, resources=Resources(cpus=1.0, memory_bytes=limit))
    backend.start(spec)
    status = backend.wait("greedy", 60)
    lines = [text for _, text in backend.read_logs("greedy").lines]
    # Then it ran on the CPU the backend chose for it, and was killed for its memory
    info = _unit_info(backend, "greedy")
    assert "warm" in info
    assert lines[0] == str(info["cpus"]) and len(info["cpus"]) == 1
    assert status.oom_killed, (status, lines)
    assert "never held to its limit" not in lines


SUBREAPER_SERVER = """
import json, os, sys, time
from pathlib import Path
from jupyterlab_mlstudio.runtime import reaper
from jupyterlab_mlstudio.runtime.base import ContainerSpec
from jupyterlab_mlstudio.runtime.process import ProcessBackend
from jupyterlab_mlstudio.runtime.warm_pool import WarmSettings

reaper.become_subreaper()  # as a server that is PID 1 of its container: orphans come here
root = Path(sys.argv[1])
backend = ProcessBackend(root / "units", warm=WarmSettings())
script = root / "quick.py"
script.write_text("print('done')")
for index in range(2):
    name = f"orphan-{index}"
    backend.start(ContainerSpec(name=name, image=sys.executable, command=[sys.executable, str(script)]))
    backend.wait(name, 60)
    warm = "warm" in json.loads((root / "units" / name / "unit.json").read_text())
    backend.remove(name)
backend.close()
zombies = []
for entry in os.listdir("/proc"):
    try:
        stat = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        continue
    if stat[0] == "Z" and int(stat[1]) == os.getpid():
        zombies.append(int(entry))
print(json.dumps({"warm": warm, "zombies": zombies}))
"""


def test_a_server_that_reaps_orphans_is_left_no_zombie_by_warm_units(tmp_path):
    # Given a server process that is its orphans' reaper (PID 1 of a container, a subreaper)
    import subprocess

    # When it runs warm units to their end and removes them
    done = subprocess.run(
        [sys.executable, "-c", SUBREAPER_SERVER, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # Then the units were warm, and none of their top processes is left a zombie of it
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"warm": True, "zombies": []}
