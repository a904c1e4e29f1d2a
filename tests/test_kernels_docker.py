"""Kernels in Docker images: the instance type's limits hold inside the container, the
workspace is there, installed packages survive a switch (the test command starts a Docker
engine and builds mlstudio/sklearn:latest, which has ipykernel)."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

import pytest

from jupyterlab_mlstudio.compute.catalogue import DEFAULT_INSTANCE_TYPES

from .kernel_helpers import notebook, open_kernel, wait_for_spec
from .test_kernels import LARGE, SMALL, probe_wheel, start_session

IMAGE = "mlstudio/sklearn:latest"
KERNEL = "mlstudio-sklearn-python3"


@pytest.fixture(scope="module")
def engine() -> Any:
    if not os.environ.get("MLSTUDIO_TEST_DOCKER"):
        pytest.skip("no Docker engine was started for this run; scripts/test.sh starts one")
    import docker

    return docker.from_env()


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any], engine: Any) -> dict[str, Any]:
    jp_server_config["InstanceTypeCatalogue"] = {
        "instance_types": [*DEFAULT_INSTANCE_TYPES, SMALL, LARGE]
    }
    return jp_server_config


async def register_sklearn(api: Any, jp_fetch: Any) -> None:
    code, created = await api("POST", "images", {"name": "sklearn", "base_image": IMAGE})
    assert code == 201, created
    for _ in range(600):
        code, entry = await api("GET", "images/sklearn")
        if entry["versions"][0]["image_version_status"] != "CREATING":
            break
        await asyncio.sleep(0.1)
    assert entry["versions"][0]["image_version_status"] == "CREATED", entry
    await wait_for_spec(jp_fetch, KERNEL)


async def test_a_docker_kernel_runs_within_its_type_with_the_workspace(
    api: Any, jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, engine: Any, tmp_path: Path
) -> None:
    await register_sklearn(api, jp_fetch)
    specs = json.loads((await jp_fetch("api", "kernelspecs")).body)["kernelspecs"]
    assert specs[KERNEL]["spec"]["display_name"] == "sklearn"
    assert (
        specs[KERNEL]["spec"]["metadata"]["kernel_provisioner"]["provisioner_name"]
        == "mlstudio-docker"
    )

    (jp_root_dir / "data").mkdir()
    (jp_root_dir / "data" / "note.txt").write_text("from the workspace")
    (jp_root_dir / "data" / "d.ipynb").write_text(
        notebook({"mlstudio": {"image": "sklearn", "instance_type": "ml.test.small"}})
    )
    wheel = probe_wheel(jp_root_dir)
    session = await start_session(jp_fetch, "data/d.ipynb", KERNEL)
    kernel_id = session["kernel"]["id"]
    kernel = await open_kernel(jp_ws_fetch, kernel_id)
    try:
        text = await kernel.run_ok(
            "import os, sklearn\n"
            "print(len(os.sched_getaffinity(0)), os.environ['MLSTUDIO_INSTANCE_TYPE'], "
            "open('note.txt').read(), os.path.exists('/.dockerenv'))"
        )
        assert text.split() == ["1", "ml.test.small", "from", "the", "workspace", "True"], text
        text = await kernel.run_ok(
            "try:\n    block = bytearray(2 * 1024**3)\n    print('allocated')\n"
            "except MemoryError:\n    print('MemoryError')"
        )
        assert text.strip() == "MemoryError"
        await kernel.run_ok("open('written.txt', 'w').write('from the kernel')")
        assert (jp_root_dir / "data" / "written.txt").read_text() == "from the kernel"
        assert (jp_root_dir / "data" / "written.txt").stat().st_uid == os.getuid()
        text = await kernel.run_ok(
            f"%pip install --no-index --no-deps --disable-pip-version-check {jp_root_dir / wheel.name}",
            timeout=120,
        )
        assert "Successfully installed" in text, text
        code, usage = await api("GET", f"kernels/{kernel_id}")
        assert code == 200 and usage["kind"] == "docker" and usage["cpus"] == 1, usage
        assert usage["memory_used_bytes"] and usage["memory_limit_bytes"] == 1024**3
    finally:
        kernel.close()
    container = engine.containers.get(f"mlstudio-kernel-{kernel_id}")
    assert container.attrs["HostConfig"]["CpusetCpus"] == "0"

    code, result = await api(
        "POST", f"kernels/{kernel_id}/profile", {"instance_type": "ml.test.large"}
    )
    assert code == 200, result
    kernel = await open_kernel(jp_ws_fetch, kernel_id)
    try:
        text = await kernel.run_ok(
            "import os, mlstudio_probe_pkg\n"
            "print(len(os.sched_getaffinity(0)), mlstudio_probe_pkg.VALUE)"
        )
        assert text.split() == ["2", "42"], text
    finally:
        kernel.close()
    await jp_fetch("api", "sessions", session["id"], method="DELETE")
    for _ in range(50):
        if not engine.containers.list(all=True, filters={"label": f"mlstudio.kernel={kernel_id}"}):
            break
        await asyncio.sleep(0.1)
    assert not engine.containers.list(all=True, filters={"label": f"mlstudio.kernel={kernel_id}"})


async def test_interrupting_a_docker_kernel(
    api: Any, jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, engine: Any
) -> None:
    await register_sklearn(api, jp_fetch)
    (jp_root_dir / "i.ipynb").write_text(notebook({}))
    session = await start_session(jp_fetch, "i.ipynb", KERNEL)
    kernel_id = session["kernel"]["id"]
    kernel = await open_kernel(jp_ws_fetch, kernel_id)
    try:
        running = asyncio.ensure_future(kernel.run("import time\ntime.sleep(60)", timeout=90))
        await asyncio.sleep(1.0)
        await jp_fetch("api", "kernels", kernel_id, "interrupt", method="POST", body=b"")
        status, text = await asyncio.wait_for(running, 20)
        assert status == "error" and "KeyboardInterrupt" in text, text
    finally:
        kernel.close()
