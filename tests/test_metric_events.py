"""Points reach open charts live whatever face logged them: each logged batch is announced by
one ``run-metrics`` event, emitted by the run service once the points are committed."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest

from jupyterlab_mlstudio import tracking

from .aws_helpers import in_thread

SCHEMA = "https://schema.jupyter.org/jupyterlab_mlstudio/run-metrics/v1"
mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")


@pytest.fixture
def announced(jp_serverapp: Any) -> list[dict[str, Any]]:
    """The ``run-metrics`` events the server emits from now on."""
    received: list[dict[str, Any]] = []

    async def listener(logger: Any, schema_id: str, data: Any) -> None:
        received.append(json.loads(json.dumps(dict(data))))

    jp_serverapp.event_logger.add_listener(schema_id=SCHEMA, listener=listener)
    return received


async def _until(condition: Any, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition did not hold in time"
        await asyncio.sleep(0.02)


async def _settled(services: Any, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every event emitted so far, without waiting on the clock: a marker is sent the way the
    services send theirs (from a worker thread, delivered in order on the server's loop), so
    once it has arrived, nothing emitted before it is still on its way."""
    marker = {"run_id": "marker", "job": None, "points": []}
    await in_thread(services.events.emit, "run-metrics", marker)
    await _until(lambda: any(event["run_id"] == "marker" for event in events))
    return [event for event in events if event["run_id"] != "marker"]


async def test_a_point_logged_through_the_mlflow_face_is_announced_once(
    jp_fetch, jp_http_port, jp_base_url, jp_serverapp, monkeypatch, tmp_path, announced, services
):
    # Given the mlflow client pointed at the server
    uri = f"http://127.0.0.1:{jp_http_port}{jp_base_url}mlstudio/mlflow"
    monkeypatch.setenv("MLFLOW_TRACKING_TOKEN", jp_serverapp.identity_provider.token)
    monkeypatch.chdir(tmp_path)
    client = mlflow.MlflowClient(tracking_uri=uri)
    run = await in_thread(client.create_run, "0")
    # When it logs a point, then a batch with NaN
    await in_thread(client.log_metric, run.info.run_id, "loss", 0.25, step=3)
    await in_thread(
        client.log_batch,
        run.info.run_id,
        metrics=[
            mlflow.entities.Metric("loss", float("nan"), 1, 4),
            mlflow.entities.Metric("acc", 0.9, 1, 4),
        ],
    )
    events = await _settled(services, announced)
    # Then each was announced once, as it was logged
    assert [(e["run_id"], e["job"]) for e in events] == [(run.info.run_id, None)] * 2
    first, second = (event["points"] for event in events)
    assert [(p["key"], p["value"], p["step"]) for p in first] == [("loss", 0.25, 3)]
    assert [(p["key"], p["value"], p["step"]) for p in second] == [
        ("loss", "NaN", 4),
        ("acc", 0.9, 4),
    ]


async def test_a_resent_rest_batch_is_announced_only_when_applied(api, announced, services):
    # Given a run
    code, run = await api("POST", "runs", {"experiment_name": "events", "run_name": "r"})
    assert code == 201
    batch = {"batch_id": "b-1", "metric_rows": [["loss", 1.5, 0, 1000], ["loss", 1.0, 1, 2000]]}
    # When a batch is sent, then sent again with the same id
    assert (await api("POST", f"runs/{run['run_id']}/batch", batch))[1] == {"applied": True}
    assert (await api("POST", f"runs/{run['run_id']}/batch", batch))[1] == {"applied": False}
    events = await _settled(services, announced)
    # Then its points were announced once
    assert len(events) == 1
    assert [p["value"] for p in events[0]["points"]] == [1.5, 1.0]


async def test_a_refused_batch_is_not_announced(api, announced, services):
    code, run = await api("POST", "runs", {"experiment_name": "events", "run_name": "gone"})
    await api("PATCH", f"runs/{run['run_id']}", {"status": "FINISHED"})
    await api("POST", f"runs/{run['run_id']}/batch", {"params": [{"key": "a", "value": "1"}]})
    # A param may not change: the whole batch, points included, is refused
    code, _ = await api(
        "POST",
        f"runs/{run['run_id']}/batch",
        {"metric_rows": [["loss", 1.0, 0, 1]], "params": [{"key": "a", "value": "2"}]},
    )
    assert code == 400
    assert await _settled(services, announced) == []


async def test_points_of_the_python_tracking_client_are_announced(
    jp_fetch, jp_http_port, jp_base_url, jp_serverapp, monkeypatch, announced, services
):
    monkeypatch.setenv("MLSTUDIO_URL", f"http://127.0.0.1:{jp_http_port}{jp_base_url}")
    monkeypatch.setenv("MLSTUDIO_TOKEN", jp_serverapp.identity_provider.token)
    monkeypatch.delenv("MLSTUDIO_RUN_ID", raising=False)
    monkeypatch.setattr(tracking, "_active", None)

    def log() -> str:
        with tracking.start_run(experiment="events", run_name="client") as run:
            for step in range(3):
                tracking.log_metric("loss", 1 / (step + 1), step=step)
        return run.run_id

    run_id = await in_thread(log)
    events = await _settled(services, announced)
    points = [p for event in events for p in event["points"]]
    assert {e["run_id"] for e in events} == {run_id}
    assert [(p["step"], p["value"]) for p in points] == [(0, 1.0), (1, 0.5), (2, 1 / 3)]
