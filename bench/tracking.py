"""Experiment tracking, side by side with MLflow's own server, in one run on this machine.

    python bench/tracking.py [--points 100000] [--mlflow-sample 2000] [--runs 10000]

Starts a Jupyter server with ML Studio and ``mlflow server --workers 1`` (SQLite store), both on
127.0.0.1, then measures:

A. 100,000 metric points logged with our client (``tracking.log_metric`` per point) against the
   mlflow client and server: batched by hand (``MlflowClient.log_batch``, 1000 points a call,
   MLflow's fastest path), and point by point (``mlflow.log_metric``, synchronous and
   ``synchronous=False``). The point-by-point styles take about 20-30 ms a point here, so they
   are timed on ``--mlflow-sample`` points and their 100,000-point time is projected (said so in
   the output); ``--mlflow-sample 100000`` times them in full (about an hour).
B. The same mlflow-client workload against our MLflow face and against mlflow server.
C. An experiment with ``--runs`` runs: the first page of runs and a filtered, sorted search.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

TOKEN = "bench-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, headers: dict[str, str], what: str, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=2):
                return
        except OSError:
            time.sleep(0.25)
    raise SystemExit(f"{what} did not start; see {log}")


def start_ours(work: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "server",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={TOKEN}",
        f"--ServerApp.root_dir={work}",
        f"--MLStudioApp.data_dir={work / 'ours'}",
        "--ServerApp.log_level=WARN",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(work / "runtime"))
    with open(work / "ours.log", "wb") as log:
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    wait_until_up(
        f"{url}/mlstudio/api/v1/status",
        {"Authorization": f"token {TOKEN}"},
        "ML Studio",
        work / "ours.log",
    )
    return server, url


def start_mlflow(work: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "mlflow",
        "server",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--backend-store-uri",
        f"sqlite:///{work / 'mlflow.db'}",
        "--artifacts-destination",
        str(work / "mlflow-artifacts"),
    ]
    # The server's background job runner (a pool of worker processes for MLflow's own async
    # jobs, unused by tracking) keeps both cores busy for seconds after start and would slow
    # every measurement here, ours included; tracking needs none of it.
    env = dict(os.environ, MLFLOW_SERVER_ENABLE_JOB_EXECUTION="false")
    with open(work / "mlflow.log", "wb") as log:
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    wait_until_up(f"{url}/health", {}, "mlflow server", work / "mlflow.log")
    return server, url


def timed(function: Callable[[], Any]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def ours_points(url: str, points: int) -> float:
    os.environ["MLSTUDIO_URL"], os.environ["MLSTUDIO_TOKEN"] = url, TOKEN
    from jupyterlab_mlstudio import tracking

    def log() -> None:
        with tracking.start_run(experiment="bench-points"):
            for step in range(points):
                tracking.log_metric("loss", 1.0 / (step + 1), step=step)

    return timed(log)


def use_mlflow(url: str, token: str | None) -> Any:
    import mlflow

    if token:
        os.environ["MLFLOW_TRACKING_TOKEN"] = token
    else:
        os.environ.pop("MLFLOW_TRACKING_TOKEN", None)
    os.environ.pop("MLFLOW_EXPERIMENT_ID", None)
    mlflow.tracking.fluent._active_experiment_id = None
    mlflow.set_tracking_uri(url)
    return mlflow


def mlflow_batched(url: str, points: int) -> float:
    mlflow = use_mlflow(url, None)
    from mlflow.entities import Metric

    def log() -> None:
        mlflow.set_experiment("bench-batched")
        client = mlflow.MlflowClient()
        with mlflow.start_run() as run:
            stamp = int(time.time() * 1000)
            for start in range(0, points, 1000):
                batch = [
                    Metric("loss", 1.0 / (step + 1), stamp, step)
                    for step in range(start, min(points, start + 1000))
                ]
                client.log_batch(run.info.run_id, metrics=batch)

    return timed(log)


def mlflow_per_point(url: str, points: int, synchronous: bool) -> float:
    mlflow = use_mlflow(url, None)

    def log() -> None:
        mlflow.set_experiment("bench-per-point")
        with mlflow.start_run():
            for step in range(points):
                mlflow.log_metric("loss", 1.0 / (step + 1), step=step, synchronous=synchronous)
            if not synchronous:
                mlflow.flush_async_logging()

    return timed(log)


def workload(url: str, token: str | None) -> float:
    """A typical session with the mlflow client: runs with params, tags, metrics, then reads."""
    mlflow = use_mlflow(url, token)
    from mlflow.entities import Metric

    def run() -> None:
        mlflow.set_experiment(f"workload-{time.time_ns()}")
        client = mlflow.MlflowClient()
        ids = []
        for index in range(20):
            with mlflow.start_run(run_name=f"run-{index}") as active:
                mlflow.log_params({f"p{k}": k * index for k in range(10)})
                mlflow.set_tags({f"t{k}": "x" for k in range(5)})
                stamp = int(time.time() * 1000)
                client.log_batch(
                    active.info.run_id,
                    metrics=[Metric("loss", 1.0 / (s + 1), stamp, s) for s in range(500)],
                )
                for step in range(20):
                    mlflow.log_metric("accuracy", step / 20, step=step)
                ids.append(active.info.run_id)
        runs = mlflow.search_runs(
            filter_string="metrics.accuracy > 0.5 and params.p1 != 'none'", output_format="list"
        )
        assert len(runs) == 20
        for run_id in ids[:5]:
            assert len(client.get_metric_history(run_id, "loss")) == 500

    return timed(run)


def populate_runs(work: Path, count: int) -> str:
    """``count`` runs with params and metrics, written straight into our server's store."""
    from jupyterlab_mlstudio.core.context import RequestContext
    from jupyterlab_mlstudio.experiments.service import ExperimentService
    from jupyterlab_mlstudio.store import Database

    database = Database(f"sqlite:///{work / 'ours' / 'mlstudio.db'}")
    service = ExperimentService(database)
    context = RequestContext(owner=os.environ.get("USER", "bench"))
    experiment = service.create_experiment(context, "ten-thousand")
    for index in range(count):
        run = service.create_run(
            context,
            experiment.experiment_id,
            f"run-{index:05d}",
            params={
                "depth": str(index % 7),
                "lr": str(0.001 * (index % 11)),
                "optimizer": ("adam", "sgd")[index % 2],
            },
        )
        service.log_batch(
            context,
            run.run_id,
            [("accuracy", (index % 997) / 997, 0, 1), ("loss", 1 - (index % 991) / 991, 0, 1)],
        )
    database.dispose()
    return experiment.experiment_id


def query_times(url: str, params: dict[str, Any], repeat: int = 15) -> tuple[float, int]:
    query = urllib.parse.urlencode(params, doseq=True)
    request = urllib.request.Request(
        f"{url}/mlstudio/api/v1/runs?{query}", headers={"Authorization": f"token {TOKEN}"}
    )
    times = []
    size = 0
    for _ in range(repeat):
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        times.append(time.perf_counter() - started)
        size = len(body)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--mlflow-sample", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=10_000)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="mlstudio-bench-tracking-"))
    os.chdir(work)
    ours, ours_url = start_ours(work)
    theirs, mlflow_url = start_mlflow(work)
    try:
        print(f"A. {args.points:,} metric points, end to end (start run → last point stored)")
        ours_time = ours_points(ours_url, args.points)
        batched = mlflow_batched(mlflow_url, args.points)
        sample = min(args.mlflow_sample, args.points)
        sync = mlflow_per_point(mlflow_url, sample, True) * args.points / sample
        asynchronous = mlflow_per_point(mlflow_url, sample, False) * args.points / sample
        note = "" if sample == args.points else f" (projected from {sample:,} points)"
        print(f"   ours, tracking.log_metric per point        {ours_time:9.2f} s")
        print(
            f"   mlflow, MlflowClient.log_batch x1000       {batched:9.2f} s   ours is {batched / ours_time:6.1f}x faster"
        )
        print(
            f"   mlflow, mlflow.log_metric per point        {sync:9.2f} s   ours is {sync / ours_time:6.1f}x faster{note}"
        )
        print(
            f"   mlflow, log_metric(synchronous=False)      {asynchronous:9.2f} s   ours is {asynchronous / ours_time:6.1f}x faster{note}"
        )

        print(
            "\nB. the same mlflow-client workload (20 runs: params, tags, 520 points each; search; histories)"
        )
        face = f"{ours_url}/mlstudio/mlflow"
        workload(face, TOKEN)  # warm both once
        workload(mlflow_url, None)
        on_ours = statistics.median(workload(face, TOKEN) for _ in range(3))
        on_theirs = statistics.median(workload(mlflow_url, None) for _ in range(3))
        print(f"   mlflow client → our MLflow face            {on_ours:9.2f} s")
        print(
            f"   mlflow client → mlflow server              {on_theirs:9.2f} s   ours is {on_theirs / on_ours:6.1f}x faster"
        )

        print(
            f"\nC. an experiment with {args.runs:,} runs (median of 15 requests, client-observed)"
        )
        started = time.perf_counter()
        experiment_id = populate_runs(work, args.runs)
        print(f"   (stored {args.runs:,} runs in {time.perf_counter() - started:.1f} s)")
        first, size = query_times(ours_url, {"experiment_id": experiment_id, "max_items": 100})
        print(
            f"   first page of 100 runs                     {first * 1000:9.1f} ms  ({size / 1024:.0f} KiB)"
        )
        filtered, size = query_times(
            ours_url,
            {
                "experiment_id": experiment_id,
                "max_items": 100,
                "filter": "metrics.accuracy > 0.5 and params.optimizer = 'adam' and params.depth = '3'",
                "order_by": "metrics.loss DESC",
            },
        )
        print(
            f"   filtered and sorted search, first page     {filtered * 1000:9.1f} ms  ({size / 1024:.0f} KiB)"
        )
        print(
            f"   target: under 200 ms each: {'ok' if max(first, filtered) < 0.2 else 'OVER TARGET'}"
        )
    finally:
        for server in (ours, theirs):
            server.terminate()
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
