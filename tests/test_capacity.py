"""One capacity ledger per host: kernels and jobs reserve memory and GPUs from it and never
oversubscribe them; what is reserved, and by whom, shows in the status.

The machine has no GPU: the server's ``gpu_command`` is a script that answers as nvidia-smi
would on a host with one GPU.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import psutil
import pytest
from tornado.httpclient import HTTPClientError

from jupyterlab_mlstudio.compute.capacity import CapacityLedger, Claim, Reservation, Shortfall
from jupyterlab_mlstudio.compute.catalogue import DEFAULT_INSTANCE_TYPES
from jupyterlab_mlstudio.compute.models import GIB, Gpu, HostResources

from .kernel_helpers import notebook, open_kernel, start_session

# -- the ledger on its own ------------------------------------------------------------------


def _ledger(memory_gib: float = 10, gpus: int = 2, cpus: int = 4) -> CapacityLedger:
    host = HostResources(
        cpus=cpus,
        memory_bytes=int(memory_gib * GIB),
        gpus=[Gpu(index=index, name="Test GPU") for index in range(gpus)],
    )
    return CapacityLedger(lambda: host, reserved_memory_bytes=GIB, cpus=lambda: list(range(cpus)))


def _claim(holder: str, memory_gib: float = 0, gpus: int = 0, pin: int = 0, kind: str = "kernel"):
    return Claim(
        kind=kind,
        name=holder,
        holder=holder,
        owner="alice",
        instance_type="ml.test",
        memory_bytes=int(memory_gib * GIB),
        gpus=gpus,
        vcpus=float(pin or 1),
        pin_cpus=pin,
    )


def test_memory_is_never_handed_out_twice_and_the_refusal_names_the_holder() -> None:
    ledger = _ledger(memory_gib=10)  # 9 GiB to hand out
    first = ledger.try_reserve(_claim("nb.ipynb", memory_gib=6))
    assert isinstance(first, Reservation) and first.memory_bytes == 6 * GIB
    second = ledger.try_reserve(_claim("job", memory_gib=4, kind="training-job"))
    assert isinstance(second, Shortfall)
    assert second.waiting() == (
        "waiting for 4 GiB of memory: 3.0 GiB free, held by kernel nb.ipynb (ml.test, alice)"
    )
    assert "this host has 3.0 GiB free" in second.refusal()
    # A type without a size takes no memory, so it still fits
    assert isinstance(ledger.try_reserve(_claim("local-kernel")), Reservation)
    # Once the holder returns its memory, the job fits
    assert ledger.release("nb.ipynb") is True
    assert isinstance(ledger.try_reserve(_claim("job", memory_gib=4)), Reservation)


def test_a_gpu_is_never_held_twice() -> None:
    ledger = _ledger(gpus=2)
    whole_host = ledger.try_reserve(_claim("local-gpu-kernel", gpus=2))
    assert isinstance(whole_host, Reservation) and whole_host.gpus == [0, 1]
    waiting = ledger.try_reserve(_claim("gpu-job", gpus=1, kind="training-job"))
    assert isinstance(waiting, Shortfall)
    assert waiting.waiting().startswith("waiting for 1 GPU(s): 0 free, held by kernel")
    ledger.release("local-gpu-kernel")
    one = ledger.try_reserve(_claim("gpu-job", gpus=1))
    other = ledger.try_reserve(_claim("gpu-kernel", gpus=1))
    assert isinstance(one, Reservation) and isinstance(other, Reservation)
    assert {*one.gpus, *other.gpus} == {0, 1}


def test_kernels_are_pinned_to_the_least_used_cpus_which_stay_shared() -> None:
    ledger = _ledger(cpus=4)
    first = ledger.try_reserve(_claim("a", pin=2))
    second = ledger.try_reserve(_claim("b", pin=3))
    assert isinstance(first, Reservation) and isinstance(second, Reservation)
    assert first.cpus == [0, 1]
    assert second.cpus == [0, 2, 3]  # 2 and 3 are free; then the lowest of the shared ones
    report = ledger.report()
    assert report.vcpus_reserved == 5 and report.cpus == 4


def test_a_check_counts_what_the_replaced_holder_has_as_free() -> None:
    ledger = _ledger(memory_gib=10)
    ledger.try_reserve(_claim("kernel", memory_gib=6))
    assert ledger.check(_claim("kernel", memory_gib=8)) is not None
    assert ledger.check(_claim("kernel", memory_gib=8), replacing="kernel") is None


def test_returning_a_reservation_tells_the_listeners() -> None:
    ledger = _ledger()
    calls: list[str] = []
    ledger.listeners.append(lambda: calls.append("freed"))
    ledger.try_reserve(_claim("kernel", memory_gib=1))
    assert ledger.release("nobody") is False
    assert ledger.release("kernel") is True
    assert calls == ["freed"]


def test_magics_show_who_holds_what() -> None:
    from jupyterlab_mlstudio.magics import reservations_table

    ledger = _ledger(memory_gib=10, gpus=1, cpus=2)
    ledger.try_reserve(_claim("work/train.ipynb", memory_gib=4, gpus=1, pin=1))
    ledger.try_reserve(_claim("nightly", memory_gib=2, kind="training-job"))
    text = str(reservations_table(ledger.report()))
    lines = text.splitlines()
    assert (
        lines[0] == "Reserved: 6.0 of 9.0 GiB memory, 1 of 1 GPU(s), 2 vCPU(s) on 2 shared CPU(s)"
    )
    assert lines[3].split() == [
        *("kernel", "work/train.ipynb", "alice", "ml.test", "4", "GiB", "0"),
        *("1", "(CPUs", "0)"),
    ]
    assert lines[4].split()[:5] == ["training-job", "nightly", "alice", "ml.test", "2"]


# -- kernels and jobs on one server ---------------------------------------------------------

JOB_MEMORY_GIB = round((psutil.virtual_memory().total / GIB - 2.0) * 0.6, 2)
GPU_TYPE = {"name": "ml.test.gpu", "vcpus": 1, "memory_gib": 0.25, "gpus": 1}
BIG_TYPE = {"name": "ml.test.big", "vcpus": 1, "memory_gib": JOB_MEMORY_GIB}
SMALL_TYPE = {"name": "ml.test.small", "vcpus": 1, "memory_gib": 0.5}
KERNEL = "mlstudio-default-python3"


@pytest.fixture
def fake_gpu(tmp_path: Path) -> Path:
    """A command that answers as nvidia-smi does on a host with one GPU."""
    script = tmp_path / "fake-nvidia-smi"
    script.write_text("#!/bin/sh\necho '0, NVIDIA Test GPU, 15360, GPU-00000000-0000-test'\n")
    script.chmod(0o755)
    return script


@pytest.fixture
def mlstudio_config(fake_gpu: Path) -> dict[str, Any]:
    return {"gpu_command": str(fake_gpu), "stop_grace_seconds": 2.0}


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    jp_server_config["InstanceTypeCatalogue"] = {
        "instance_types": [*DEFAULT_INSTANCE_TYPES, GPU_TYPE, BIG_TYPE, SMALL_TYPE]
    }
    return jp_server_config


async def _session(jp_fetch: Any, path: str) -> dict[str, Any]:
    return await start_session(jp_fetch, path, KERNEL)


async def _end_session(jp_fetch: Any, session: dict[str, Any]) -> None:
    await jp_fetch("api", "sessions", session["id"], method="DELETE")


def _job_body(root: Path, name: str, instance_type: str, code: str) -> dict[str, Any]:
    folder = root / "code" / name
    folder.mkdir(parents=True)
    (folder / "train.py").write_text(code)
    return {
        "training_job_name": name,
        "algorithm_specification": {"training_image": "default"},
        "hyper_parameters": {
            "sagemaker_program": "train.py",
            "sagemaker_submit_directory": f"file://{folder}",
        },
        "output_data_config": {"s3_output_path": f"file://{root / 'out'}"},
        "resource_config": {"instance_type": instance_type, "instance_count": 1},
    }


async def _job_reaches(api: Any, name: str, secondary: str, timeout: float = 60) -> dict:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        code, detail = await api("GET", f"training-jobs/{name}")
        assert code == 200, detail
        if detail["secondary_status"] == secondary:
            return detail
        assert detail["training_job_status"] in ("InProgress", "Stopping") or (
            secondary in ("Completed", "Failed", "Stopped")
        ), detail
        assert asyncio.get_running_loop().time() < deadline, (
            f"{name} stayed {detail['secondary_status']}: {detail.get('failure_reason')}"
        )
        await asyncio.sleep(0.1)


async def _reservations(api: Any) -> list[dict[str, Any]]:
    code, status = await api("GET", "status")
    assert code == 200, status
    return list(status["capacity"]["reservations"])


async def test_a_kernel_and_a_job_never_share_the_gpu(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, api: Any, services: Any
) -> None:
    # Given the fake GPU, and a notebook kernel on a GPU type that holds it
    assert [gpu.index for gpu in services.monitor.host().gpus] == [0]
    (jp_root_dir / "gpu.ipynb").write_text(
        notebook({"mlstudio": {"image": "default", "instance_type": "ml.test.gpu"}})
    )
    session = await _session(jp_fetch, "gpu.ipynb")
    kernel = await open_kernel(jp_ws_fetch, session["kernel"]["id"])
    try:
        assert (
            await kernel.run_ok("import os; print(os.environ['CUDA_VISIBLE_DEVICES'])")
        ).strip() == "0"
    finally:
        kernel.close()
    held = await _reservations(api)
    assert [(item["kind"], item["name"], item["gpus"]) for item in held] == [
        ("kernel", "gpu.ipynb", [0])
    ]
    # When a job asks for a GPU too
    body = _job_body(jp_root_dir, "gpu-job", "ml.test.gpu", "print('trained on the GPU')\n")
    code, created = await api("POST", "training-jobs", body)
    assert code == 201, created
    # Then it waits, Pending, saying who holds the GPU
    pending = await _job_reaches(api, "gpu-job", "Pending")
    message = pending["secondary_status_transitions"][-1]["status_message"]
    assert message.startswith("Pending: waiting for 1 GPU(s): 0 free, held by kernel gpu.ipynb")
    # And once the kernel shuts down, the job gets the GPU and runs
    await _end_session(jp_fetch, session)
    done = await _job_reaches(api, "gpu-job", "Completed")
    statuses = [item["status"] for item in done["secondary_status_transitions"]]
    assert statuses == ["Starting", "Pending", "Downloading", "Training", "Uploading", "Completed"]
    assert await _reservations(api) == []


async def test_a_kernel_cannot_take_the_gpu_a_job_holds(
    jp_fetch: Any, jp_root_dir: Path, api: Any
) -> None:
    # Given a job that holds the GPU until the test lets it finish
    release = jp_root_dir / "release"
    code = (
        "import os, time\nprint('holding the GPU', flush=True)\n"
        f"while not os.path.exists({str(release)!r}):\n    time.sleep(0.05)\n"
    )
    status, created = await api(
        "POST", "training-jobs", _job_body(jp_root_dir, "holder", "ml.test.gpu", code)
    )
    assert status == 201, created
    await _job_reaches(api, "holder", "Training")
    held = await _reservations(api)
    assert [(item["kind"], item["name"], item["gpus"]) for item in held] == [
        ("training-job", "holder", [0])
    ]
    # When a notebook on a GPU type starts its kernel through the sessions API
    (jp_root_dir / "wants-gpu.ipynb").write_text(
        notebook({"mlstudio": {"image": "default", "instance_type": "ml.test.gpu"}})
    )
    with pytest.raises(HTTPClientError) as refused:
        await _session(jp_fetch, "wants-gpu.ipynb")
    # Then it is refused, saying what is missing and who holds it
    assert refused.value.response is not None
    reason = json.loads(refused.value.response.body)["message"]
    assert "cannot start a kernel now" in reason
    assert "needs 1 GPU(s) and this host has 0 free (held by training-job holder" in reason
    # And once the job ends, the same notebook starts
    release.write_text("go")
    await _job_reaches(api, "holder", "Completed")
    session = await _session(jp_fetch, "wants-gpu.ipynb")
    held = await _reservations(api)
    assert [(item["kind"], item["gpus"]) for item in held] == [("kernel", [0])]
    await _end_session(jp_fetch, session)


async def test_memory_a_kernel_reserved_is_not_handed_to_a_job(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, api: Any
) -> None:
    # Given a kernel on a type that takes most of what the host hands out
    (jp_root_dir / "big.ipynb").write_text(
        notebook({"mlstudio": {"image": "default", "instance_type": "ml.test.big"}})
    )
    session = await _session(jp_fetch, "big.ipynb")
    (await open_kernel(jp_ws_fetch, session["kernel"]["id"])).close()
    code, status = await api("GET", "status")
    capacity = status["capacity"]
    assert capacity["memory_reserved_bytes"] == int(JOB_MEMORY_GIB * GIB)
    (entry,) = capacity["reservations"]
    assert entry["kind"] == "kernel" and entry["instance_type"] == "ml.test.big"
    assert entry["owner"] and entry["vcpus"] == 1 and len(entry["cpus"]) == 1
    # When a job asks for as much
    body = _job_body(jp_root_dir, "big-job", "ml.test.big", "print('my turn')\n")
    code, created = await api("POST", "training-jobs", body)
    assert code == 201, created
    # Then it stays Pending, saying the kernel holds the memory
    pending = await _job_reaches(api, "big-job", "Pending")
    message = pending["secondary_status_transitions"][-1]["status_message"]
    assert message.startswith(f"Pending: waiting for {JOB_MEMORY_GIB:g} GiB of memory")
    assert "held by kernel big.ipynb (ml.test.big" in message
    code, again = await api("GET", "training-jobs/big-job")
    assert again["secondary_status"] == "Pending"
    # And runs once the kernel shuts down
    await _end_session(jp_fetch, session)
    await _job_reaches(api, "big-job", "Completed")


async def test_kernels_return_their_reservation_on_switch_idle_shutdown_and_failure(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, api: Any, services: Any, jp_serverapp: Any
) -> None:
    from jupyterlab_mlstudio.kernels.idle import cull_once

    (jp_root_dir / "moving.ipynb").write_text(
        notebook({"mlstudio": {"image": "default", "instance_type": "ml.test.small"}})
    )
    session = await _session(jp_fetch, "moving.ipynb")
    kernel_id = session["kernel"]["id"]
    (await open_kernel(jp_ws_fetch, kernel_id)).close()
    assert [item["instance_type"] for item in await _reservations(api)] == ["ml.test.small"]
    # A restart in another profile holds that profile's share instead
    code, switched = await api("POST", f"kernels/{kernel_id}/profile", {"instance_type": "local"})
    assert code == 200, switched
    (await open_kernel(jp_ws_fetch, kernel_id)).close()
    held = await _reservations(api)
    assert [(item["instance_type"], item["memory_bytes"]) for item in held] == [("local", 0)]
    # A switch to a type the host cannot take now is refused before the kernel restarts
    (jp_root_dir / "big.ipynb").write_text(
        notebook({"mlstudio": {"image": "default", "instance_type": "ml.test.big"}})
    )
    big = await _session(jp_fetch, "big.ipynb")
    code, refused = await api(
        "POST", f"kernels/{kernel_id}/profile", {"instance_type": "ml.test.big"}
    )
    assert code == 409 and "cannot start a kernel now" in refused["message"], refused
    await _end_session(jp_fetch, big)
    # Idle shutdown returns the reservation
    code, _ = await api("PUT", "kernels/idle-timeouts/local", {"minutes": 0.001})
    assert code == 200
    await asyncio.sleep(0.5)
    stopped = await cull_once(services.kernels, jp_serverapp.kernel_manager, services.events)
    assert stopped == [kernel_id]
    assert await _reservations(api) == []
    # A reservation whose kernel never started is returned by the idle loop's sweep
    services.capacity.try_reserve(
        Claim("kernel", "lost", "lost-kernel", "me", "ml.test.small", GIB, 0, 1.0, 1)
    )
    assert services.kernels.release_stale(set(), older_than_ms=0) == ["lost-kernel"]
    assert await _reservations(api) == []
