"""A kernel's end is the end of everything it started: a child that called setsid() and ignores
SIGTERM dies with the kernel, whether the kernel is shut down or killed. (CI runs this file as
root and as an unprivileged user.)"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest

from .kernel_helpers import notebook, open_kernel

KERNEL = "mlstudio-default-python3"

SPAWN = """
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c",
    "import os, signal, time\\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\\n"
    "os.setsid()\\n"
    "time.sleep(600)\\n"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = time.monotonic() + 30
while os.getsid(child.pid) != child.pid and time.monotonic() < deadline:
    time.sleep(0.01)
print(child.pid, os.getsid(child.pid))
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


async def _kernel_with_a_setsid_child(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, name: str
) -> tuple[str, int]:
    (jp_root_dir / f"{name}.ipynb").write_text(notebook({}))
    response = await jp_fetch(
        "api",
        "sessions",
        method="POST",
        body=json.dumps(
            {"path": f"{name}.ipynb", "name": name, "type": "notebook", "kernel": {"name": KERNEL}}
        ),
    )
    kernel_id = json.loads(response.body)["kernel"]["id"]
    kernel = await open_kernel(jp_ws_fetch, kernel_id)
    try:
        pid, session = (int(part) for part in (await kernel.run_ok(SPAWN)).split())
    finally:
        kernel.close()
    assert pid == session and _alive(pid)  # it left the kernel's session and lives
    return kernel_id, pid


async def _gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.02)
    return True


async def test_shutting_a_kernel_down_ends_a_child_that_left_its_group(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path
) -> None:
    # Given a kernel whose child called setsid() and ignores SIGTERM
    kernel_id, child = await _kernel_with_a_setsid_child(
        jp_fetch, jp_ws_fetch, jp_root_dir, "graceful"
    )
    # When the kernel is shut down through the kernels API
    await jp_fetch("api", "kernels", kernel_id, method="DELETE")
    # Then the child is gone by the time the shutdown has answered
    assert not _alive(child)


async def test_killing_a_kernel_ends_a_child_that_left_its_group(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, jp_serverapp: Any
) -> None:
    # Given a kernel whose child called setsid() and ignores SIGTERM
    kernel_id, child = await _kernel_with_a_setsid_child(
        jp_fetch, jp_ws_fetch, jp_root_dir, "killed"
    )
    # When the kernel is killed at once (no shutdown request)
    await jp_serverapp.kernel_manager.shutdown_kernel(kernel_id, now=True)
    # Then the child is gone too
    assert await _gone(child)


async def test_where_the_host_gives_cgroups_a_kernel_has_one_and_leaves_none_behind(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, jp_serverapp: Any
) -> None:
    from jupyterlab_mlstudio.runtime import reaper

    parent = reaper.cgroup_parent()
    if parent is None:
        pytest.skip("this user may not create cgroups here (no delegated cgroup v2 folder)")
    # Given a kernel with a setsid child, in its own cgroup
    kernel_id, child = await _kernel_with_a_setsid_child(
        jp_fetch, jp_ws_fetch, jp_root_dir, "cgroup"
    )
    top = jp_serverapp.kernel_manager.get_kernel(kernel_id).provisioner.pid
    cgroup = Path(parent) / f"mlstudio-{top}"
    assert child in reaper.cgroup_pids(str(cgroup))
    # When the kernel is shut down
    await jp_fetch("api", "kernels", kernel_id, method="DELETE")
    # Then neither the child nor the kernel's cgroup is left
    assert await _gone(child)
    assert not cgroup.exists()


async def test_interrupting_a_kernel_still_reaches_it_below_the_reaper(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path
) -> None:
    # Given a kernel busy in a long call
    (jp_root_dir / "interrupt.ipynb").write_text(notebook({}))
    response = await jp_fetch(
        "api",
        "sessions",
        method="POST",
        body=json.dumps(
            {"path": "interrupt.ipynb", "name": "i", "type": "notebook", "kernel": {"name": KERNEL}}
        ),
    )
    kernel_id = json.loads(response.body)["kernel"]["id"]
    kernel = await open_kernel(jp_ws_fetch, kernel_id)
    try:
        started = jp_root_dir / "interrupt.started"
        busy = asyncio.ensure_future(
            kernel.run(
                "import pathlib, time\npathlib.Path('interrupt.started').touch()\ntime.sleep(120)",
                timeout=90,
            )
        )
        deadline = time.monotonic() + 60
        while not started.exists() and not busy.done() and time.monotonic() < deadline:
            await asyncio.wait([busy], timeout=0.1)
        assert started.exists(), "the cell did not start"
        # When it is interrupted through the kernels API, once the cell runs (again until the
        # cell has ended: a signal that lands while the kernel switches handlers is lost)
        deadline = time.monotonic() + 60
        while not busy.done() and time.monotonic() < deadline:
            await jp_fetch("api", "kernels", kernel_id, "interrupt", method="POST", body=b"")
            await asyncio.wait([busy], timeout=0.5)
        status, text = await busy
        # Then the cell ends with KeyboardInterrupt and the kernel goes on
        assert status == "error" and "KeyboardInterrupt" in text, text
        assert (await kernel.run_ok("print(6 * 7)")).strip() == "42"
    finally:
        kernel.close()
    await jp_fetch("api", "kernels", kernel_id, method="DELETE")
