"""Serving one model three ways, measured in one run, side by side.

    python bench/endpoint.py [--seconds 3] [--soak 30]

The model: a logistic regression on scikit-learn's breast cancer data (30 features), one row
per request as CSV. Served:

- in-process: ``model.predict`` on the parsed row (the floor);
- the serving unit alone: its ``/invocations`` called directly (what the router adds is the
  difference between this and ours);
- ours: an ML Studio endpoint (process backend, built-in scikit-learn handler), called through
  boto3 ``InvokeEndpoint`` (SigV4) and through plain HTTP (``http.client`` with kept-alive
  connections, the REST face's ``/endpoints/{name}/invocations`` with the server token);
- mlflow: ``mlflow models serve`` of the same model (``--workers 1``, see ENVIRONMENT.md), plain
  HTTP the same way.

Latency p50/p99 and throughput at concurrency 1, 8 and 32; then, on ours: 30 s at concurrency
32 (failed requests, p99); killing one of two instances under load (failed share, seconds until
both serve again); UpdateEndpoint under load (failed requests); memory per instance. Targets:
p50 overhead over in-process at most 1.5 ms; throughput at concurrency 8 at least 1.5 x mlflow;
the soak with no failure and p99 < 100 ms; the kill failing < 0.5 % and recovering within 5 s;
the update failing none.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import io
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import psutil
from botocore.config import Config
from tracking import TOKEN, free_port, start_ours, wait_until_up

AUTH = {"Authorization": f"token {TOKEN}"}


# -- the model ---------------------------------------------------------------------------------


def train() -> tuple[Any, list[bytes], Any]:
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    data = load_breast_cancer()
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500))
    model.fit(data.data, data.target)
    rows = [",".join(f"{value:.10g}" for value in row).encode() for row in data.data]
    return model, rows, data.data


def csv_header(row: bytes) -> bytes:
    """A header line for ``row`` (column names as pandas gives an unnamed frame's)."""
    return ",".join(str(index) for index in range(row.count(b",") + 1)).encode() + b"\n"


def artifact(model: Any, work: Path) -> str:
    import joblib

    buffer = io.BytesIO()
    joblib.dump(model, buffer)
    path = work / "model.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("model.joblib")
        info.size = len(buffer.getvalue())
        tar.addfile(info, io.BytesIO(buffer.getvalue()))
    return f"file://{path}"


# -- load --------------------------------------------------------------------------------------


class Result:
    def __init__(self, name: str, latencies: list[float], failures: int, seconds: float) -> None:
        self.name, self.latencies, self.failures, self.seconds = name, latencies, failures, seconds

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds

    def row(self) -> str:
        return (
            f"{self.name:34s} p50 {self.percentile(0.5) * 1000:7.3f} ms  "
            f"p99 {self.percentile(0.99) * 1000:7.3f} ms  {self.throughput:8.0f} req/s"
            + (f"  {self.failures} failed" if self.failures else "")
        )


def load(
    name: str,
    make_call: Callable[[], Callable[[bytes], bool]],
    rows: list[bytes],
    concurrency: int,
    seconds: float,
    during: Callable[[], None] | None = None,
) -> Result:
    """``concurrency`` threads, each with its own caller, for ``seconds``."""
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    stop = threading.Event()
    ready = threading.Barrier(concurrency + 1)

    def worker(offset: int) -> None:
        call = make_call()
        mine: list[float] = []
        bad = 0
        index = offset
        ready.wait()
        while not stop.is_set():
            row = rows[index % len(rows)]
            index += 1
            started = time.perf_counter()
            try:
                ok = call(row)
            except Exception:
                ok = False
            if ok:
                mine.append(time.perf_counter() - started)
            else:
                bad += 1
        with lock:
            latencies.extend(mine)
            failures[0] += bad

    threads = [threading.Thread(target=worker, args=(i * 37,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    ready.wait()
    began = time.perf_counter()
    side = threading.Thread(target=during, daemon=True) if during is not None else None
    if side is not None:
        side.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    result = Result(name, latencies, failures[0], time.perf_counter() - began)
    if side is not None:
        # What happened under load (a kill's recovery, an update) is reported once it ends.
        side.join(120)
    return result


#: The first refusal each HTTP peer answered, by port: a failed peer must say why.
FIRST_REFUSAL: dict[int, str] = {}


def http_caller(
    port: int, path: str, headers: dict[str, str], prefix: bytes = b""
) -> Callable[[], Callable[[bytes], bool]]:
    """Kept-alive ``http.client`` callers; ``prefix`` goes before each row (a CSV header)."""

    def make() -> Callable[[bytes], bool]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

        def call(row: bytes) -> bool:
            nonlocal connection
            try:
                connection.request("POST", path, body=prefix + row, headers=headers)
                response = connection.getresponse()
                answer = response.read()
                if response.status != 200:
                    FIRST_REFUSAL.setdefault(
                        port, f"{response.status}: {answer[:300].decode('utf-8', 'replace')}"
                    )
                return response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                return False

        return call

    return make


def boto3_caller(runtime: Any, endpoint: str) -> Callable[[], Callable[[bytes], bool]]:
    def make() -> Callable[[bytes], bool]:
        def call(row: bytes) -> bool:
            runtime.invoke_endpoint(
                EndpointName=endpoint, Body=row, ContentType="text/csv", Accept="application/json"
            )["Body"].read()
            return True

        return call

    return make


def in_process_caller(model: Any) -> Callable[[], Callable[[bytes], bool]]:
    import numpy

    def make() -> Callable[[bytes], bool]:
        def call(row: bytes) -> bool:
            features = numpy.array([[float(value) for value in row.split(b",")]])
            json.dumps(model.predict(features).tolist())
            return True

        return call

    return make


# -- servers -----------------------------------------------------------------------------------


def start_mlflow_serve(model: Any, work: Path) -> tuple[subprocess.Popen[bytes], int]:
    import mlflow.sklearn

    path = work / "mlflow-model"
    mlflow.sklearn.save_model(model, str(path))
    port = free_port()
    command = [
        sys.executable, "-m", "mlflow", "models", "serve", "-m", str(path), "--env-manager",
        "local", "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
    ]  # fmt: skip
    with open(work / "mlflow-serve.log", "wb") as log:
        # mlflow execs `uvicorn` by name: the environment's scripts must be on PATH.
        scripts = str(Path(sys.executable).parent)
        env = {**os.environ, "PATH": f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}"}
        server = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=env
        )
    wait_until_up(
        f"http://127.0.0.1:{port}/ping", {}, "mlflow models serve", work / "mlflow-serve.log"
    )
    return server, port


def deploy(sagemaker: Any, uri: str, name: str, count: int) -> None:
    model = f"{name}-model"
    sagemaker.create_model(
        ModelName=model,
        ExecutionRoleArn="arn:aws:iam::000000000000:role/bench",
        PrimaryContainer={"Image": "default", "ModelDataUrl": uri},
    )
    sagemaker.create_endpoint_config(
        EndpointConfigName=name,
        ProductionVariants=[
            {
                "VariantName": "AllTraffic",
                "ModelName": model,
                "InitialInstanceCount": count,
                "InstanceType": "ml.t3.medium",
            }
        ],
    )
    sagemaker.create_endpoint(EndpointName=name, EndpointConfigName=name)
    sagemaker.get_waiter("endpoint_in_service").wait(
        EndpointName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 300}
    )


def instances(url: str, name: str) -> list[dict[str, Any]]:
    import urllib.request

    request = urllib.request.Request(f"{url}/mlstudio/api/v1/endpoints/{name}", headers=AUTH)
    with urllib.request.urlopen(request, timeout=10) as response:
        view = json.loads(response.read())
    return [item for variant in view["variants"] for item in variant["instances"]]


def unit_pids(data_dir: Path, name: str) -> list[int]:
    """Launcher PIDs of the endpoint's process units (each leads its own process group);
    every endpoint's when ``name`` is empty."""
    pids = []
    pattern = f"mlstudio-serve-endpoint-{name}-*" if name else "mlstudio-serve-endpoint-*"
    for folder in sorted((data_dir / "units").glob(pattern)):
        info = json.loads((folder / "unit.json").read_text())
        if psutil.pid_exists(info["pid"]):
            pids.append(int(info["pid"]))
    return pids


def kill_units(data_dir: Path, name: str, first_only: bool = False) -> None:
    """SIGKILL process units whole (launcher and serving process lead their own groups)."""
    pattern = f"mlstudio-serve-endpoint-{name}-*" if name else "mlstudio-serve-endpoint-*"
    for folder in sorted((data_dir / "units").glob(pattern)):
        for file, key in (("unit.json", "pid"), ("status.json", "child_pid")):
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                os.killpg(int(json.loads((folder / file).read_text())[key]), signal.SIGKILL)
        if first_only:
            return


def unit_port(data_dir: Path, name: str) -> int:
    """The loopback port the endpoint's first unit listens on (what the router forwards to)."""
    for pid in unit_pids(data_dir, name):
        process = psutil.Process(pid)
        for member in [process, *process.children(recursive=True)]:
            for connection in member.net_connections(kind="tcp"):
                if connection.status == psutil.CONN_LISTEN:
                    return int(connection.laddr.port)
    raise SystemExit(f"no unit of endpoint {name} listens")


def tree_rss(pid: int) -> int:
    try:
        process = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)])
    except psutil.Error:
        return 0


def tree_pss(pid: int) -> int:
    """Proportional set size of a process tree: pages shared between its processes (forked
    workers share their imports) counted once, not once per process as RSS counts them."""
    try:
        process = psutil.Process(pid)
        return sum(p.memory_full_info().pss for p in [process, *process.children(recursive=True)])
    except (psutil.Error, AttributeError):
        return 0


# -- the run -----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="per measurement")
    parser.add_argument("--soak", type=float, default=30.0, help="seconds at concurrency 32")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mlstudio-bench-endpoint-"))
    model, rows, _ = train()
    uri = artifact(model, work)
    server, url = start_ours(work)
    mlflow_server = None
    try:
        port = int(url.rsplit(":", 1)[1])
        aws = f"{url}/mlstudio/aws"
        config = Config(retries={"max_attempts": 1}, max_pool_connections=64)
        session = boto3.session.Session(
            aws_access_key_id="bench", aws_secret_access_key=TOKEN, region_name="us-east-1"
        )
        sagemaker = session.client("sagemaker", endpoint_url=aws, config=config)
        runtime = session.client("sagemaker-runtime", endpoint_url=aws, config=config)
        deploy(sagemaker, uri, "bench", 1)
        mlflow_server, mlflow_port = start_mlflow_serve(model, work)
        csv = {"Content-Type": "text/csv", "Accept": "application/json"}
        ours_http = http_caller(
            port, "/mlstudio/api/v1/endpoints/bench/invocations", {**csv, **AUTH}
        )
        peers = {
            "in-process": in_process_caller(model),
            # The serving unit called directly, without the router: what the router adds is
            # the difference between this and "ours: plain HTTP".
            "ours: unit alone": http_caller(unit_port(work / "ours", "bench"), "/invocations", csv),
            "ours: plain HTTP": ours_http,
            "ours: boto3 InvokeEndpoint": boto3_caller(runtime, "bench"),
            # mlflow's scoring server reads text/csv with pandas.read_csv: the first line is the
            # header, so a bare row is a frame with no rows and every request fails. Its CSV
            # contract is DataFrame.to_csv's: a header line, then the row.
            "mlflow models serve: plain HTTP": http_caller(
                mlflow_port, "/invocations", csv, prefix=csv_header(rows[0])
            ),
        }
        for name, make in peers.items():  # warm every path once
            load(name, make, rows, 1, 0.5)
        results: dict[tuple[str, int], Result] = {}
        for concurrency in (1, 8, 32):
            print(f"\nconcurrency {concurrency} ({args.seconds:g} s each)")
            for name, make in peers.items():
                result = load(name, make, rows, concurrency, args.seconds)
                results[(name, concurrency)] = result
                print("  " + result.row())
        floor = results[("in-process", 1)].percentile(0.5)
        overhead = results[("ours: plain HTTP", 1)].percentile(0.5) - floor
        failed = {name: sum(results[(name, c)].failures for c in (1, 8, 32)) for name in peers}
        print(
            f"\np50 overhead over in-process (plain HTTP, c=1): {overhead * 1000:.3f} ms (target <= 1.5)"
        )
        boto = results[("ours: boto3 InvokeEndpoint", 1)].percentile(0.5) - floor
        print(f"p50 overhead over in-process (boto3, c=1):      {boto * 1000:.3f} ms")
        unit = results[("ours: unit alone", 1)].percentile(0.5)
        print(
            f"of which the unit alone: {(unit - floor) * 1000:.3f} ms; the router (ours: plain "
            f"HTTP - unit alone): {(floor + overhead - unit) * 1000:.3f} ms"
        )
        mlflow_name = "mlflow models serve: plain HTTP"
        if failed["ours: plain HTTP"] or failed[mlflow_name]:
            # A peer that failed requests did less work: a ratio would measure nothing.
            print(
                f"throughput at c=8, ours / mlflow: not computed: ours failed "
                f"{failed['ours: plain HTTP']}, mlflow failed {failed[mlflow_name]} requests; "
                f"first refusals: {FIRST_REFUSAL}"
            )
        else:
            ratio = results[("ours: plain HTTP", 8)].throughput / max(
                1e-9, results[(mlflow_name, 8)].throughput
            )
            print(f"throughput at c=8, ours / mlflow: {ratio:.2f}x (target >= 1.5)")

        soak = load("ours: plain HTTP soak", ours_http, rows, 32, args.soak)
        print(f"\n{args.soak:g} s at concurrency 32: {soak.row()} (target: 0 failed, p99 < 100 ms)")

        data_dir = work / "ours"
        unit_rss = [tree_rss(pid) for pid in unit_pids(data_dir, "bench")]
        unit_pss = [tree_pss(pid) for pid in unit_pids(data_dir, "bench")]
        mlflow_rss = tree_rss(mlflow_server.pid)
        print(
            f"memory per instance: ours {statistics.mean(unit_rss) / 2**20:.0f} MiB RSS, "
            f"{statistics.mean(unit_pss) / 2**20:.0f} MiB PSS (the unit's processes); "
            f"mlflow models serve {mlflow_rss / 2**20:.0f} MiB RSS, "
            f"{tree_pss(mlflow_server.pid) / 2**20:.0f} MiB PSS"
        )

        # Two instances; one killed under load.
        deploy(sagemaker, uri, "pair", 2)
        pair_http = http_caller(
            port, "/mlstudio/api/v1/endpoints/pair/invocations", {**csv, **AUTH}
        )
        recovered: list[float] = []

        def kill_one() -> None:
            time.sleep(2.0)
            restarts = sum(item["restarts"] for item in instances(url, "pair"))
            killed = time.monotonic()
            kill_units(data_dir, "pair", first_only=True)
            # Recovered: the killed instance was restarted (its count went up, so the kill was
            # noticed) and both instances serve again.
            while time.monotonic() - killed < 30:
                now = instances(url, "pair")
                restarted = sum(item["restarts"] for item in now) > restarts
                if restarted and [item["state"] for item in now].count("InService") == 2:
                    recovered.append(time.monotonic() - killed)
                    return
                time.sleep(0.05)

        killed = load("ours: 2 instances, one killed", pair_http, rows, 8, 10.0, during=kill_one)
        total = len(killed.latencies) + killed.failures
        share = 100.0 * killed.failures / max(1, total)
        print(
            f"\nkill one of two under load (c=8, 10 s): {killed.failures} of {total} failed "
            f"({share:.3f} %, target < 0.5 %); both serve again after "
            f"{recovered[0] if recovered else float('nan'):.2f} s (target <= 5)"
        )

        # UpdateEndpoint under load.
        sagemaker.create_endpoint_config(
            EndpointConfigName="pair-v2",
            ProductionVariants=[
                {
                    "VariantName": "AllTraffic",
                    "ModelName": "pair-model",
                    "InitialInstanceCount": 2,
                    "InstanceType": "ml.t3.medium",
                }
            ],
        )

        def update() -> None:
            time.sleep(1.0)
            sagemaker.update_endpoint(EndpointName="pair", EndpointConfigName="pair-v2")
            time.sleep(2.0)
            sagemaker.get_waiter("endpoint_in_service").wait(
                EndpointName="pair", WaiterConfig={"Delay": 1, "MaxAttempts": 120}
            )

        updated = load("ours: UpdateEndpoint under load", pair_http, rows, 8, 15.0, during=update)
        config_now = sagemaker.describe_endpoint(EndpointName="pair")["EndpointConfigName"]
        print(
            f"UpdateEndpoint under load (c=8, 15 s): {updated.failures} of "
            f"{len(updated.latencies) + updated.failures} failed (target 0); serving {config_now}"
        )
    finally:
        if mlflow_server is not None:
            os.killpg(mlflow_server.pid, signal.SIGTERM)
            mlflow_server.wait(10)
        server.terminate()
        server.wait(30)
        kill_units(work / "ours", "")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
