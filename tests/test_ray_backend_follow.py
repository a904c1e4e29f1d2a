"""How the ``ray`` backend follows a unit's job: the log arrives through Ray's tail (only what is
new), the job is asked for less often while nothing happens, and the whole log is read once at
the end, which also catches what a broken tail missed. The cluster's API is replaced by a
scripted one (below the backend, the unit under test); the real cluster is in
``test_ray_training.py``."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from jupyterlab_mlstudio.runtime.base import UnitState
from jupyterlab_mlstudio.runtime.ray import backend as ray_backend
from jupyterlab_mlstudio.runtime.ray.api import RayApiError
from jupyterlab_mlstudio.runtime.ray.backend import MARK, RayBackend

START = f"{MARK}start {{}}\n"
EXIT = f'{MARK}exit {{"exit_code": 0}}\n'


class ScriptedApi:
    """A cluster whose one job's log and state the test sets; counts the calls made."""

    def __init__(self, break_tail: bool = False) -> None:
        self.log = "Runtime env is setting up.\n"
        self.status = "RUNNING"
        self.calls: dict[str, int] = {"job": 0, "logs": 0, "tail": 0}
        self.break_tail = break_tail
        self.changed = threading.Condition()

    def write(self, text: str) -> None:
        with self.changed:
            self.log += text
            self.changed.notify_all()

    def end(self) -> None:
        with self.changed:
            self.status = "SUCCEEDED"
            self.changed.notify_all()

    def job(self, unit: str) -> dict[str, Any]:
        self.calls["job"] += 1
        return {"status": self.status, "submission_id": unit}

    def logs(self, unit: str) -> str:
        self.calls["logs"] += 1
        return self.log

    def tail(self, unit: str) -> Iterator[str]:
        self.calls["tail"] += 1
        sent = 0  # each tail sends the log from its start
        while True:
            with self.changed:
                self.changed.wait_for(
                    lambda sent=sent: sent < len(self.log) or self.status != "RUNNING", timeout=5
                )
                fresh, sent = self.log[sent:], len(self.log)
                ended = self.status != "RUNNING"
            if fresh:
                yield fresh
            if self.break_tail and "step=1" in self.log[:sent]:
                raise RayApiError("Ray's log tail broke")
            if ended:
                return


def backend_with(api: ScriptedApi) -> RayBackend:
    backend = RayBackend("http://127.0.0.1:1")
    backend.api = api  # type: ignore[assignment]
    return backend


def read_until(backend: RayBackend, wanted: str, timeout: float = 10) -> list[str]:
    deadline = time.monotonic() + timeout
    lines: list[str] = []
    cursor = None
    while time.monotonic() < deadline:
        read = backend.read_logs("unit-1", cursor)
        cursor = read.cursor
        lines += [text for _, text in read.lines]
        if wanted in lines:
            return lines
        time.sleep(0.02)
    raise AssertionError(f"{wanted!r} never came: {lines}")


def test_the_log_comes_through_the_tail_and_the_whole_log_is_read_once_at_the_end(monkeypatch):
    monkeypatch.setattr(ray_backend, "IDLE_REFRESH_SECONDS", 0.4)
    api = ScriptedApi()
    backend = backend_with(api)
    api.write(START + "step=0\n")

    # While the job runs, its lines arrive as they are written, without reading the whole log
    assert read_until(backend, "step=0") == ["step=0"]
    api.write("step=1\n")
    assert read_until(backend, "step=1") == ["step=0", "step=1"]
    assert api.calls["logs"] == 0 and api.calls["tail"] == 1

    # And while nothing happens the job is asked for less and less often (0.1 s doubling to 0.4)
    asked = api.calls["job"]
    for _ in range(100):
        assert backend.status("unit-1").state is UnitState.RUNNING
        time.sleep(0.02)
    assert api.calls["job"] - asked <= 8, api.calls

    # When it ends, the rest of the log and how it ended come, the whole log read once
    api.write("step=2\n" + EXIT)
    api.end()
    deadline = time.monotonic() + 10
    while backend.status("unit-1").state is UnitState.RUNNING:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    status = backend.status("unit-1")
    assert status.state is UnitState.EXITED and status.exit_code == 0
    final = backend.read_logs("unit-1", 0)
    assert [text for _, text in final.lines] == ["step=0", "step=1", "step=2"]
    assert final.complete and api.calls["logs"] == 1


@pytest.mark.parametrize("restarted", [False, True])
def test_a_broken_tail_loses_no_line(restarted):
    # Given a tail that breaks after the second step (or a server restarted, reading anew)
    api = ScriptedApi(break_tail=True)
    backend = backend_with(api)
    api.write(START + "step=0\nstep=1\n")
    read_until(backend, "step=1")
    api.write("step=2\nstep=3\n" + EXIT)
    api.end()
    if restarted:
        backend = backend_with(api)

    # When the job has ended, every line is there once, in order, and how it ended
    deadline = time.monotonic() + 15
    while backend.status("unit-1").state is UnitState.RUNNING:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    lines = [text for _, text in backend.read_logs("unit-1", 0).lines]
    assert lines == ["step=0", "step=1", "step=2", "step=3"]
    assert backend.status("unit-1").exit_code == 0
