"""Experiment tracking through our own faces: the REST API, the Python tracking client (with a
connection that drops answers), and the %mlstudio runs / compare magics."""

from __future__ import annotations

import asyncio
import json
import math
import socket
import threading
import time

import pytest
from tornado.httpclient import HTTPClientError

from jupyterlab_mlstudio import tracking
from jupyterlab_mlstudio.magics import MagicFailed
from jupyterlab_mlstudio.tracking import Tracker

from .aws_helpers import in_thread


@pytest.fixture
def server(jp_fetch, jp_http_port, jp_base_url, jp_serverapp, monkeypatch):
    url = f"http://127.0.0.1:{jp_http_port}{jp_base_url}"
    monkeypatch.setenv("MLSTUDIO_URL", url)
    monkeypatch.setenv("MLSTUDIO_TOKEN", jp_serverapp.identity_provider.token)
    monkeypatch.delenv("MLSTUDIO_RUN_ID", raising=False)
    monkeypatch.setattr(tracking, "_active", None)
    return url


async def _get(jp_fetch, *path, **params):
    response = await jp_fetch("mlstudio", "api", "v1", *path, params=params or None)
    return json.loads(response.body)


async def test_start_run_logs_params_metrics_tags_and_artifacts_then_finishes(
    server, jp_fetch, tmp_path
):
    (tmp_path / "report.txt").write_text("all good")
    (tmp_path / "plots").mkdir()
    (tmp_path / "plots" / "curve.svg").write_text("<svg/>")

    def train():
        with tracking.start_run(
            experiment="notebook", run_name="baseline", tags={"team": "cv"}
        ) as run:
            tracking.log_params({"lr": 0.1, "layers": 3})
            for step in range(1000):
                tracking.log_metric("loss", 1 / (step + 1), step=step)
            tracking.log_metrics({"accuracy": 0.93, "weird": math.inf})
            tracking.set_tag("stage", "dev")
            tracking.log_artifact(str(tmp_path / "report.txt"))
            tracking.log_artifacts(str(tmp_path / "plots"), artifact_path="figures")
        return run.run_id

    run_id = await in_thread(train)
    run = await _get(jp_fetch, "runs", run_id)
    assert run["status"] == "FINISHED" and run["end_time"]
    assert run["name"] == "baseline" and run["params"] == {"lr": "0.1", "layers": "3"}
    assert run["tags"]["team"] == "cv" and run["tags"]["stage"] == "dev"
    latest = {item["key"]: item for item in run["metrics"]}
    assert (
        latest["loss"]["count"] == 1000
        and latest["loss"]["min"] == 0.001
        and latest["loss"]["max"] == 1.0
    )
    assert latest["weird"]["value"] == "Infinity"
    full = await _get(jp_fetch, "runs", run_id, "metrics", "loss")
    assert full["total"] == 1000 and [p["step"] for p in full["points"]] == list(range(1000))
    thin = await _get(jp_fetch, "runs", run_id, "metrics", "loss", max_points="100")
    assert (
        thin["total"] == 1000 and len(thin["points"]) <= 102 and thin["points"][-1]["step"] == 999
    )
    top = await _get(jp_fetch, "runs", run_id, "artifacts")
    assert [(e["path"], e["is_dir"]) for e in top["entries"]] == [
        ("figures", True),
        ("report.txt", False),
    ]
    inner = await _get(jp_fetch, "runs", run_id, "artifacts", path="figures")
    assert [e["path"] for e in inner["entries"]] == ["figures/curve.svg"]
    body = await jp_fetch(
        "mlstudio", "api", "v1", "runs", run_id, "artifact", params={"path": "report.txt"}
    )
    assert body.body == b"all good" and body.headers["Content-Type"].startswith("text/plain")


async def test_run_events_say_when_runs_appear_finish_and_are_deleted(
    server, jp_fetch, jp_serverapp
):
    # Given a listener on the server's run events
    received: list[dict] = []

    async def listener(logger, schema_id, data):
        received.append(dict(data))

    jp_serverapp.event_logger.add_listener(
        schema_id="https://schema.jupyter.org/jupyterlab_mlstudio/run/v1", listener=listener
    )

    # When a run is made and finished through the client, then deleted and restored
    def run_once():
        with tracking.start_run(experiment="events", run_name="watched") as run:
            tracking.log_metric("loss", 0.5)
        return run.run_id

    run_id = await in_thread(run_once)
    experiment_id = (await _get(jp_fetch, "runs", run_id))["experiment_id"]
    for action in ("delete", "restore"):
        await jp_fetch(
            "mlstudio",
            "mlflow",
            "api",
            "2.0",
            "mlflow",
            "runs",
            action,
            method="POST",
            body=json.dumps({"run_id": run_id}),
        )
    for _ in range(200):
        if len(received) >= 4:
            break
        await asyncio.sleep(0.02)

    # Then the front ends heard each change, with the run's experiment and status
    assert [(e["action"], e["status"]) for e in received] == [
        ("created", "RUNNING"),
        ("updated", "FINISHED"),
        ("deleted", "FINISHED"),
        ("restored", "FINISHED"),
    ]
    assert {(e["run_id"], e["experiment_id"], e["name"]) for e in received} == {
        (run_id, experiment_id, "watched")
    }
    assert received[1]["end_time"] and received[0]["end_time"] is None


async def test_a_run_whose_block_raises_ends_failed(server, jp_fetch):
    def fail():
        with pytest.raises(ZeroDivisionError), tracking.start_run(experiment="notebook") as run:
            tracking.log_metric("x", 1.0)
            1 / 0  # noqa: B018
        return run.run_id

    run = await _get(jp_fetch, "runs", await in_thread(fail))
    assert run["status"] == "FAILED" and run["metrics"][0]["value"] == 1.0


class DroppingProxy:
    """Forwards HTTP requests to the server but drops the answers of the first ``drops``
    batch requests after the server applied them, as a flaky network would."""

    def __init__(self, target: tuple[str, int], drops: int) -> None:
        self.target = target
        self.drops = drops
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.dropped = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._relay, args=(client,), daemon=True).start()

    def _relay(self, client: socket.socket) -> None:
        with client:
            while True:
                request = self._read(client)
                if not request:
                    return
                with socket.create_connection(self.target) as upstream:
                    upstream.sendall(request)
                    answer = self._read(upstream)
                if b"/batch" in request.split(b"\r\n", 1)[0] and self.dropped < self.drops:
                    self.dropped += 1
                    return  # the server applied the batch; the client never hears so
                client.sendall(answer)

    @staticmethod
    def _read(sock: socket.socket) -> bytes:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return b""
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        while len(body) < length:
            body += sock.recv(65536)
        return head + b"\r\n\r\n" + body

    def close(self) -> None:
        self.listener.close()


async def test_a_connection_lost_mid_batch_loses_no_point_and_duplicates_none(
    server, jp_fetch, jp_http_port, jp_base_url, jp_serverapp
):
    run = json.loads(
        (
            await jp_fetch(
                "mlstudio",
                "api",
                "v1",
                "runs",
                method="POST",
                body=json.dumps({"experiment_name": "flaky"}),
            )
        ).body
    )
    proxy = DroppingProxy(("127.0.0.1", jp_http_port), drops=3)
    try:
        tracker = Tracker(
            f"http://127.0.0.1:{proxy.port}{jp_base_url}",
            jp_serverapp.identity_provider.token,
            run["run_id"],
            flush_interval=0.05,
        )

        def log():
            for step in range(3000):
                tracker.log_metric("loss", float(step), step=step)
                if step % 500 == 0:
                    time.sleep(0.05)
            tracker.close()

        await in_thread(log)
    finally:
        proxy.close()
    assert proxy.dropped == 3
    history = await _get(jp_fetch, "runs", run["run_id"], "metrics", "loss")
    assert [point["step"] for point in history["points"]] == list(range(3000))


async def test_runs_rest_search_filter_order_paging_and_keys(server, jp_fetch):
    experiment = json.loads(
        (
            await jp_fetch(
                "mlstudio",
                "api",
                "v1",
                "experiments",
                method="POST",
                body=json.dumps({"name": "table"}),
            )
        ).body
    )
    for index in range(30):
        created = json.loads(
            (
                await jp_fetch(
                    "mlstudio",
                    "api",
                    "v1",
                    "runs",
                    method="POST",
                    body=json.dumps(
                        {
                            "experiment_id": experiment["experiment_id"],
                            "run_name": f"r{index:02d}",
                            "params": {"depth": str(index % 5)},
                        }
                    ),
                )
            ).body
        )
        batch = {"metrics": [{"key": "accuracy", "value": index / 30, "step": 0, "timestamp": 1}]}
        await jp_fetch(
            "mlstudio",
            "api",
            "v1",
            "runs",
            created["run_id"],
            "batch",
            method="POST",
            body=json.dumps(batch),
        )
    page = await _get(
        jp_fetch,
        "runs",
        experiment_id=experiment["experiment_id"],
        filter="metrics.accuracy > 0.5 and params.depth = '1'",
        order_by="metrics.accuracy DESC",
    )
    assert [run["name"] for run in page["runs"]] == ["r26", "r21", "r16"]
    first = await _get(
        jp_fetch,
        "runs",
        experiment_id=experiment["experiment_id"],
        max_items="10",
        order_by="attributes.run_name ASC",
    )
    assert [run["name"] for run in first["runs"]] == [f"r{index:02d}" for index in range(10)]
    second = await _get(
        jp_fetch,
        "runs",
        experiment_id=experiment["experiment_id"],
        max_items="10",
        order_by="attributes.run_name ASC",
        next_token=first["next_token"],
    )
    assert second["runs"][0]["name"] == "r10"
    keys = await _get(jp_fetch, "experiments", experiment["experiment_id"], "keys")
    assert keys["params"] == ["depth"] and keys["metrics"] == ["accuracy"]
    listing = await _get(jp_fetch, "experiments")
    counts = {item["name"]: item["run_count"] for item in listing["experiments"]}
    assert counts["table"] == 30 and "Default" in counts
    with pytest.raises(HTTPClientError) as raised:
        await jp_fetch(
            "mlstudio",
            "api",
            "v1",
            "runs",
            params={"experiment_id": experiment["experiment_id"], "filter": "metrics.accuracy >"},
        )
    error = json.loads(raised.value.response.body)
    assert (
        raised.value.code == 400
        and error["field"] == "filter"
        and "ends too early" in error["message"]
    )


async def test_runs_and_compare_magics(server, jp_fetch, capsys, ipython_shell):
    from IPython.utils.capture import capture_output

    def log(name, scale):
        with tracking.start_run(experiment="magic", run_name=name) as run:
            tracking.log_param("scale", scale)
            for step in range(20):
                tracking.log_metric("loss", scale / (step + 1), step=step)
        return run.run_id

    first = await in_thread(log, "small", 1)
    second = await in_thread(log, "large", 3)
    shell = ipython_shell
    shell.run_line_magic("load_ext", "jupyterlab_mlstudio")

    def run_magic(line):
        with capture_output() as captured:
            shell.run_line_magic("mlstudio", line)
        return captured

    table = await in_thread(run_magic, "runs magic")
    text = table.outputs[0].data["text/plain"]
    assert "small" in text and "large" in text and "scale" in text and "FINISHED" in text
    charts = await in_thread(run_magic, f"compare {first[:8]} {second[:8]}")
    svg = charts.outputs[0].data["text/html"]
    assert svg.count("<svg") == 1 and svg.count("<polyline") == 2 and "loss" in svg
    with pytest.raises(MagicFailed, match="names 0 runs"):
        await in_thread(run_magic, "compare nothing-like-this")
