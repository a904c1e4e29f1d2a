"""Kernels in registered images on instance types: launcher entries, the sessions API applying a
notebook's metadata, limits that hold, switching with packages kept, idle shutdown."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from tornado.httpclient import HTTPClientError

from jupyterlab_mlstudio.compute.catalogue import DEFAULT_INSTANCE_TYPES
from jupyterlab_mlstudio.kernels.idle import cull_once

from .kernel_helpers import notebook, open_kernel, wait_for_spec

SMALL = {"name": "ml.test.small", "vcpus": 1, "memory_gib": 1}
LARGE = {"name": "ml.test.large", "vcpus": 2, "memory_gib": 2}
KERNEL = "mlstudio-default-python3"


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    jp_server_config["InstanceTypeCatalogue"] = {
        "instance_types": [*DEFAULT_INSTANCE_TYPES, SMALL, LARGE]
    }
    return jp_server_config


def probe_wheel(folder: Path, value: int = 42) -> Path:
    """A one-module wheel, installable offline."""
    name, version = "mlstudio_probe_pkg", "1.0"
    path = folder / f"{name}-{version}-py3-none-any.whl"
    files = {
        f"{name}/__init__.py": f"VALUE = {value}\n",
        f"{name}-{version}.dist-info/METADATA": (
            f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
        ),
        f"{name}-{version}.dist-info/WHEEL": (
            "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        ),
    }
    record = []
    for file, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=")
        record.append(f"{file},sha256={digest.decode()},{len(text.encode())}")
    record.append(f"{name}-{version}.dist-info/RECORD,,")
    with zipfile.ZipFile(path, "w") as archive:
        for file, text in files.items():
            archive.writestr(file, text)
        archive.writestr(f"{name}-{version}.dist-info/RECORD", "\n".join(record) + "\n")
    return path


async def start_session(jp_fetch: Any, path: str, kernel: str = KERNEL) -> dict[str, Any]:
    response = await jp_fetch(
        "api",
        "sessions",
        method="POST",
        body=json.dumps(
            {"path": path, "name": Path(path).name, "type": "notebook", "kernel": {"name": kernel}}
        ),
    )
    return json.loads(response.body)


async def test_registered_images_appear_as_kernel_specs_under_their_display_name_and_logo(
    jp_fetch: Any, services: Any
) -> None:
    specs = json.loads((await jp_fetch("api", "kernelspecs")).body)["kernelspecs"]
    assert KERNEL in specs, sorted(specs)
    spec = specs[KERNEL]["spec"]
    # The image's display name, not its name: the launcher tells it from Python 3 (ipykernel).
    assert spec["display_name"] == "This server's Python"
    # ML Studio's logo on the launcher's card.
    logo = specs[KERNEL]["resources"]["logo-svg"]
    assert logo.endswith(f"/kernelspecs/{KERNEL}/logo-svg.svg"), logo
    answer = await jp_fetch("kernelspecs", KERNEL, "logo-svg.svg")
    assert answer.body.startswith(b"<svg")
    assert spec["metadata"]["kernel_provisioner"]["provisioner_name"] == "mlstudio-process"
    assert spec["metadata"]["mlstudio"]["image"] == "default"


async def test_sessions_api_applies_notebook_metadata_and_limits_hold(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, api: Any
) -> None:
    (jp_root_dir / "small.ipynb").write_text(
        notebook({"mlstudio": {"image": "default", "instance_type": "ml.test.small"}})
    )
    session = await start_session(jp_fetch, "small.ipynb")
    kernel = await open_kernel(jp_ws_fetch, session["kernel"]["id"])
    try:
        text = await kernel.run_ok(
            "import os\nprint(len(os.sched_getaffinity(0)), os.environ['MLSTUDIO_INSTANCE_TYPE'])"
        )
        assert text.split() == ["1", "ml.test.small"]
        # Past the type's 1 GiB: the allocation fails inside the kernel, which lives on.
        text = await kernel.run_ok(
            "try:\n    block = bytearray(2 * 1024**3)\n    print('allocated')\n"
            "except MemoryError:\n    print('MemoryError')"
        )
        assert text.strip() == "MemoryError"
        assert (await kernel.run_ok("print(6 * 7)")).strip() == "42"
        code, usage = await api("GET", f"kernels/{session['kernel']['id']}")
        assert code == 200, usage
        assert usage["instance_type"] == "ml.test.small" and usage["cpus"] == 1
        assert usage["memory_limit_bytes"] == 1024**3
        assert usage["memory_used_bytes"] > 10 * 1024**2
    finally:
        kernel.close()


async def test_switching_instance_type_keeps_notebook_and_packages(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, api: Any, tmp_path: Path
) -> None:
    cells = ["print('hello')", "x = 1"]
    (jp_root_dir / "work.ipynb").write_text(
        notebook({"mlstudio": {"image": "default", "instance_type": "ml.test.small"}}, cells)
    )
    session = await start_session(jp_fetch, "work.ipynb")
    kernel_id = session["kernel"]["id"]
    kernel = await open_kernel(jp_ws_fetch, kernel_id)
    wheel = probe_wheel(tmp_path)
    try:
        text = await kernel.run_ok(
            f"%pip install --no-index --no-deps --disable-pip-version-check {wheel}", timeout=120
        )
        assert "Successfully installed" in text, text
        assert (
            await kernel.run_ok("import mlstudio_probe_pkg; print(mlstudio_probe_pkg.VALUE)")
        ).strip() == "42"
    finally:
        kernel.close()

    code, result = await api(
        "POST", f"kernels/{kernel_id}/profile", {"instance_type": "ml.test.large"}
    )
    assert code == 200, result
    assert result["kernel_id"] == kernel_id and result["instance_type"] == "ml.test.large"
    saved = json.loads((jp_root_dir / "work.ipynb").read_text())
    assert saved["metadata"]["mlstudio"] == {"image": "default", "instance_type": "ml.test.large"}
    assert ["".join(cell["source"]) for cell in saved["cells"]] == cells

    kernel = await open_kernel(jp_ws_fetch, kernel_id)
    try:
        text = await kernel.run_ok(
            "import os, mlstudio_probe_pkg\n"
            "print(os.environ['MLSTUDIO_INSTANCE_TYPE'], len(os.sched_getaffinity(0)), "
            "mlstudio_probe_pkg.VALUE)"
        )
        assert text.split() == ["ml.test.large", "2", "42"]
    finally:
        kernel.close()


async def test_a_type_that_cannot_run_here_is_refused_and_the_notebook_untouched(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, api: Any, services: Any
) -> None:
    if services.monitor.host().gpus:
        pytest.skip("this host has GPUs")
    path = jp_root_dir / "gpu.ipynb"
    path.write_text(notebook({"mlstudio": {"image": "default", "instance_type": "ml.test.small"}}))
    before = path.read_bytes()
    session = await start_session(jp_fetch, "gpu.ipynb")
    kernel_id = session["kernel"]["id"]
    code, error = await api(
        "POST", f"kernels/{kernel_id}/profile", {"instance_type": "ml.g5.xlarge"}
    )
    assert code == 400, error
    assert "needs 1 GPU; this host has none" in error["message"]
    code, error = await api("POST", f"kernels/{kernel_id}/profile", {"image": "no-such-image"})
    assert code == 400 and "Image no-such-image does not exist" in error["message"], error
    code, error = await api(
        "POST", "kernels/profile-check", {"image": "default", "instance_type": "ml.p3.2xlarge"}
    )
    assert code == 400 and "GPU" in error["message"], error
    assert path.read_bytes() == before
    kernel = await open_kernel(jp_ws_fetch, kernel_id)
    kernel.close()

    # A notebook that names a GPU type cannot start its kernel; the sessions API says why.
    (jp_root_dir / "on-gpu.ipynb").write_text(
        notebook({"mlstudio": {"image": "default", "instance_type": "ml.g5.xlarge"}})
    )
    with pytest.raises(HTTPClientError) as failure:
        await start_session(jp_fetch, "on-gpu.ipynb")
    assert failure.value.response is not None
    assert b"needs 1 GPU" in failure.value.response.body


async def test_a_busy_kernel_is_switched_only_when_forced(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, api: Any
) -> None:
    (jp_root_dir / "busy.ipynb").write_text(notebook({}))
    session = await start_session(jp_fetch, "busy.ipynb")
    kernel_id = session["kernel"]["id"]
    kernel = await open_kernel(jp_ws_fetch, kernel_id)
    try:
        running = asyncio.ensure_future(kernel.run("import time\ntime.sleep(30)", timeout=60))
        for _ in range(50):
            await asyncio.sleep(0.1)
            model = json.loads((await jp_fetch("api", "kernels", kernel_id)).body)
            if model["execution_state"] == "busy":
                break
        code, error = await api(
            "POST", f"kernels/{kernel_id}/profile", {"instance_type": "ml.test.small"}
        )
        assert code == 409, error
        assert "busy" in error["message"]
        code, result = await api(
            "POST",
            f"kernels/{kernel_id}/profile",
            {"instance_type": "ml.test.small", "force": True},
        )
        assert code == 200, result
        running.cancel()
    finally:
        kernel.close()
    kernel = await open_kernel(jp_ws_fetch, kernel_id)
    try:
        assert (
            await kernel.run_ok("import os; print(os.environ['MLSTUDIO_INSTANCE_TYPE'])")
        ).strip() == "ml.test.small"
    finally:
        kernel.close()


async def test_a_switch_answered_before_it_runs_is_kept_until_done_and_awaited_at_shutdown(
    jp_fetch: Any, jp_root_dir: Path, api: Any, services: Any
) -> None:
    # Given a notebook's kernel on the small type
    (jp_root_dir / "later.ipynb").write_text(
        notebook({"mlstudio": {"image": "default", "instance_type": "ml.test.small"}})
    )
    session = await start_session(jp_fetch, "later.ipynb")
    kernel_id = session["kernel"]["id"]
    switcher = services.kernel_switcher
    # When a switch is asked for without waiting
    code, result = await api(
        "POST", f"kernels/{kernel_id}/profile", {"instance_type": "ml.test.large", "wait": False}
    )
    # Then the answer comes first, and the switcher holds the switch still to run
    assert code == 202, result
    assert result["done"] is False and result["instance_type"] == "ml.test.large"
    assert switcher.pending == 1
    assert services.kernels.running(kernel_id).profile.instance_type.name == "ml.test.small"
    # And what the server awaits when it stops is the switch itself, done to the end
    await switcher.close()
    assert switcher.pending == 0
    assert services.kernels.running(kernel_id).profile.instance_type.name == "ml.test.large"
    saved = json.loads((jp_root_dir / "later.ipynb").read_text())
    assert saved["metadata"]["mlstudio"]["instance_type"] == "ml.test.large"


async def test_switching_image_moves_the_session_to_a_kernel_of_that_image(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, api: Any
) -> None:
    code, created = await api(
        "POST",
        "images",
        {"name": "second", "display_name": "Second", "base_image": f"file://{sys.executable}"},
    )
    assert code == 201, created
    for _ in range(100):
        code, entry = await api("GET", "images/second")
        if entry["versions"][0]["image_version_status"] != "CREATING":
            break
        await asyncio.sleep(0.1)
    assert entry["versions"][0]["image_version_status"] == "CREATED", entry
    spec = await wait_for_spec(jp_fetch, "mlstudio-second-python3")
    assert spec["display_name"] == "Second"

    (jp_root_dir / "move.ipynb").write_text(notebook({}, ["a = 1"]))
    session = await start_session(jp_fetch, "move.ipynb")
    old_id = session["kernel"]["id"]
    code, result = await api("POST", f"kernels/{old_id}/profile", {"image": "second"})
    assert code == 200, result
    assert result["kernel_id"] != old_id and result["kernel_name"] == "mlstudio-second-python3"
    sessions = json.loads((await jp_fetch("api", "sessions")).body)
    moved = next(item for item in sessions if item["path"] == "move.ipynb")
    assert moved["kernel"]["id"] == result["kernel_id"]
    assert moved["kernel"]["name"] == "mlstudio-second-python3"
    saved = json.loads((jp_root_dir / "move.ipynb").read_text())
    assert saved["metadata"]["mlstudio"]["image"] == "second"
    assert saved["metadata"]["kernelspec"]["name"] == "mlstudio-second-python3"
    kernel = await open_kernel(jp_ws_fetch, result["kernel_id"])
    try:
        assert (
            await kernel.run_ok("import os; print(os.environ['MLSTUDIO_IMAGE'])")
        ).strip() == "second"
    finally:
        kernel.close()

    # Deleting the image removes its launcher entry.
    code, _ = await api("DELETE", "images/second")
    assert code == 204
    specs = json.loads((await jp_fetch("api", "kernelspecs")).body)["kernelspecs"]
    assert "mlstudio-second-python3" not in specs


async def test_idle_kernels_are_shut_down_after_their_types_timeout(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, api: Any, services: Any, jp_serverapp: Any
) -> None:
    code, body = await api("PUT", "kernels/idle-timeouts/ml.test.small", {"minutes": 0.01})
    assert code == 200 and body["minutes"] == 0.01, body
    code, body = await api("PUT", "kernels/idle-timeouts/ml.test.small", {"minutes": -1})
    assert code == 400, body
    code, body = await api("PUT", "kernels/idle-timeouts/ml.nope", {"minutes": 5})
    assert code == 404, body
    code, table = await api("GET", "kernels/idle-timeouts")
    assert table["timeouts"]["ml.test.small"] == 0.01 and table["timeouts"]["local"] == 0

    (jp_root_dir / "idle.ipynb").write_text(
        notebook({"mlstudio": {"instance_type": "ml.test.small"}})
    )
    (jp_root_dir / "busy.ipynb").write_text(notebook({}))
    idle = await start_session(jp_fetch, "idle.ipynb")
    kept = await start_session(jp_fetch, "busy.ipynb")
    for item in (idle, kept):
        (await open_kernel(jp_ws_fetch, item["kernel"]["id"])).close()
    await asyncio.sleep(1.0)
    manager = jp_serverapp.kernel_manager
    stopped = await cull_once(services.kernels, manager, services.events)
    assert stopped == [idle["kernel"]["id"]]
    assert idle["kernel"]["id"] not in manager
    assert kept["kernel"]["id"] in manager


async def test_magics_show_and_switch_the_kernels_profile(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path
) -> None:
    (jp_root_dir / "magic.ipynb").write_text(notebook({}, ["%mlstudio instance ml.test.small"]))
    session = await start_session(jp_fetch, "magic.ipynb")
    kernel_id = session["kernel"]["id"]
    kernel = await open_kernel(jp_ws_fetch, kernel_id)
    try:
        text = await kernel.run_ok("%load_ext jupyterlab_mlstudio\n%mlstudio instance")
        assert "Instance type" in text and "local" in text, text
        text = await kernel.run_ok("%mlstudio image")
        assert "default" in text and "CREATED" in text, text
        # A refused switch fails the cell, saying why.
        status, text = await kernel.run("%mlstudio instance ml.g5.xlarge")
        assert status == "error" and "needs 1 GPU" in text, text
        text = await kernel.run_ok("%mlstudio instance ml.test.small")
        assert "Switching this notebook to default on ml.test.small" in text, text
    finally:
        kernel.close()
    await asyncio.sleep(1.0)
    kernel = await open_kernel(jp_ws_fetch, kernel_id)
    try:
        text = await kernel.run_ok("import os; print(os.environ['MLSTUDIO_INSTANCE_TYPE'])")
        assert text.strip() == "ml.test.small"
    finally:
        kernel.close()
    saved = json.loads((jp_root_dir / "magic.ipynb").read_text())
    assert saved["metadata"]["mlstudio"]["instance_type"] == "ml.test.small"
    assert "".join(saved["cells"][0]["source"]) == "%mlstudio instance ml.test.small"


async def test_a_kernel_that_dies_on_start_says_why(
    jp_fetch: Any, jp_root_dir: Path, api: Any, tmp_path: Path, jp_serverapp: Any
) -> None:
    script = tmp_path / "broken-env" / "bin" / "python3"
    script.parent.mkdir(parents=True)
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-m" ]; then echo "boom: this environment is broken" >&2; exit 3; fi\n'
        f'exec {sys.executable} "$@"\n'
    )
    script.chmod(0o755)
    code, created = await api(
        "POST", "images", {"name": "broken", "base_image": f"file://{script.parent.parent}"}
    )
    assert code == 201, created
    for _ in range(100):
        code, entry = await api("GET", "images/broken")
        if entry["versions"][0]["image_version_status"] != "CREATING":
            break
        await asyncio.sleep(0.1)
    assert entry["versions"][0]["image_version_status"] == "CREATED", entry
    await wait_for_spec(jp_fetch, "mlstudio-broken-python3")
    (jp_root_dir / "broken.ipynb").write_text(notebook({}))
    session = await start_session(jp_fetch, "broken.ipynb", "mlstudio-broken-python3")
    kernel_id = session["kernel"]["id"]
    message = None
    for _ in range(300):
        code, body = await api("GET", f"kernels/{kernel_id}")
        message = body.get("last_exit") if code == 200 else body.get("message")
        if message and "boom" in message:
            break
        await asyncio.sleep(0.1)
    assert message and "exit code 3" in message and "boom: this environment is broken" in message, (
        message
    )
    # jupyter_client cannot shut a kernel down while its restarter is starting it again (its
    # ready future is pending, and so would the server's own clean-up be): stop restarting it
    # and let the start under way settle first.
    manager = jp_serverapp.kernel_manager
    if kernel_id in manager:
        manager.get_kernel(kernel_id).stop_restarter()
        for _ in range(1500):
            if kernel_id not in manager or manager.get_kernel(kernel_id).ready.done():
                break
            await asyncio.sleep(0.02)
    with contextlib.suppress(HTTPClientError):  # the kernel may be gone already
        await jp_fetch("api", "sessions", session["id"], method="DELETE")
