"""A real server killed while an endpoint is InService, and started again on the same data:
the endpoint serves again without a new CreateEndpoint. The unit that outlived the server is
re-adopted as it is (same process); one that died while no server watched is started again."""

from __future__ import annotations

import contextlib
import json
import os
import signal
from pathlib import Path

import psutil

from .endpoint_helpers import (
    breast_cancer,
    clients,
    create_model,
    csv_rows,
    invoke,
    model_artifact,
    variant,
    wait_for,
)
from .live_server import live_server


def unit_pids(data_dir: Path, endpoint: str) -> dict[str, int]:
    """Live launcher PIDs of the endpoint's process units, by unit folder."""
    pids = {}
    for folder in sorted((data_dir / "units").glob(f"mlstudio-serve-endpoint-{endpoint}-*")):
        pid = int(json.loads((folder / "unit.json").read_text())["pid"])
        if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
            pids[folder.name] = pid
    return pids


def kill_unit(folder: Path) -> None:
    """SIGKILL a process unit whole: its launcher's and its serving process's groups."""
    for name, key in (("unit.json", "pid"), ("status.json", "child_pid")):
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            os.killpg(int(json.loads((folder / name).read_text())[key]), signal.SIGKILL)


def test_an_in_service_endpoint_serves_again_after_the_server_is_killed_and_restarted(tmp_path):
    data, model = model_artifact(code=None)
    artifact = tmp_path / "root" / "model.tar.gz"
    artifact.parent.mkdir(parents=True)
    artifact.write_bytes(data)
    features, _ = breast_cancer()
    body = csv_rows(features[:3])
    expected = model.predict(features[:3]).tolist()
    data_dir = tmp_path / "mlstudio"
    try:
        _kill_and_restart(tmp_path, artifact, body, expected, data_dir)
    finally:
        # Units outlive their server by design: a failed run must not leave them behind.
        for folder in (data_dir / "units").glob("mlstudio-serve-endpoint-lasting-*"):
            kill_unit(folder)


def _kill_and_restart(
    tmp_path: Path, artifact: Path, body: bytes, expected: list[int], data_dir: Path
) -> None:
    # Given an endpoint with two instances InService on a server
    with live_server(tmp_path) as server:
        sagemaker, runtime, _ = clients(f"{server.url}/mlstudio/aws", server.token)
        create_model(sagemaker, "lasting", f"file://{artifact}")
        sagemaker.create_endpoint_config(
            EndpointConfigName="lasting",
            ProductionVariants=[variant("AllTraffic", "lasting", 1.0, 2)],
        )
        sagemaker.create_endpoint(EndpointName="lasting", EndpointConfigName="lasting")
        sagemaker.get_waiter("endpoint_in_service").wait(
            EndpointName="lasting", WaiterConfig={"Delay": 1, "MaxAttempts": 180}
        )
        assert invoke(runtime, "lasting", body)[0] == expected
        before = unit_pids(data_dir, "lasting")
        assert len(before) == 2

        # When the server dies with no chance to clean up, and one unit dies while no server
        # watches it
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(30)
    survivor, victim = sorted(before)
    assert unit_pids(data_dir, "lasting") == before, "the units outlive their server"
    kill_unit(data_dir / "units" / victim)
    wait_for(lambda: victim not in unit_pids(data_dir, "lasting"), 10, "the unit's death")

    # Then a new server on the same data serves the endpoint without a new CreateEndpoint
    with live_server(tmp_path) as server:
        sagemaker, runtime, _ = clients(f"{server.url}/mlstudio/aws", server.token)

        def both_serve() -> bool:
            description = sagemaker.describe_endpoint(EndpointName="lasting")
            variants = description["ProductionVariants"]
            return description["EndpointStatus"] == "InService" and [
                item["CurrentInstanceCount"] for item in variants
            ] == [2]

        wait_for(both_serve, 120, "both instances InService again", interval=0.5)
        answers = [invoke(runtime, "lasting", body) for _ in range(10)]
        assert answers == [(expected, "AllTraffic")] * 10
        # And the survivor was re-adopted as it was; the dead unit runs again
        after = unit_pids(data_dir, "lasting")
        assert after[survivor] == before[survivor]
        assert len(after) == 2
        sagemaker.delete_endpoint(EndpointName="lasting")
        sagemaker.get_waiter("endpoint_deleted").wait(
            EndpointName="lasting", WaiterConfig={"Delay": 1, "MaxAttempts": 60}
        )
        assert unit_pids(data_dir, "lasting") == {}
