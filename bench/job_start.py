"""How long from CreateTrainingJob to the script's first log line, against running it directly.

    python bench/job_start.py [--runs 20] [--docker] [--no-warm]

Starts a Jupyter server with ML Studio on 127.0.0.1 (a temporary data dir, process backend),
then, for each run, times two things side by side:

- direct:  launching ``python train.py`` (or ``docker run IMAGE python3 train.py``) until its
           first line of output arrives;
- ours:    boto3 ``CreateTrainingJob`` for the same script until ``GetLogEvents`` returns its
           first line.

It prints the median of each and the overhead, with the targets: at most 150 ms over direct on
the process backend, 500 ms over a bare ``docker run`` on Docker.

Then (unless ``--no-warm``) cold against warm starts, for a script that imports numpy and
scikit-learn before its first line: the same runs against a server with
``MLStudioApp.warm_starts = False`` and one with warm starts (after two jobs of the script, which
record its modules and let its warm parent import them), beside ``python train.py`` itself.
Target: the first line within 150 ms of CreateTrainingJob with warm starts.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config

SCRIPT = "print('first line', flush=True)\n"
IMPORTING = "import numpy\nimport sklearn.ensemble\n\nprint('first line', flush=True)\n"
IMAGE = "mlstudio/python-base:bookworm"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(work: Path, token: str, *options: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(
        os.environ, JUPYTER_RUNTIME_DIR=str(work / "runtime"), JUPYTER_DATA_DIR=str(work / "data")
    )
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "server",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={work}",
        f"--MLStudioApp.data_dir={work / 'mlstudio'}",
        "--ServerApp.log_level=WARN",
        *options,
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    with open(work / "server.log", "wb") as log:
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(
                f"{url}/mlstudio/api/v1/status", headers={"Authorization": f"token {token}"}
            )
            with urllib.request.urlopen(request, timeout=2):
                return server, url
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"the server did not start; see {work / 'server.log'}")


def direct_process(script: Path) -> float:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.wait()
    return elapsed


def direct_docker(folder: Path) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        ["docker", "run", "--rm", "-v", f"{folder}:/code:ro", IMAGE, "python3", "/code/train.py"],
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.wait()
    return elapsed


def ours(
    sagemaker,
    logs,
    name: str,
    code_dir: Path,
    image: str,
    output: str,
    stored: list[float] | None = None,
) -> float:
    """Seconds from CreateTrainingJob to the client's first sight of the first line. With
    ``stored``, also appends the seconds to when the server stored it (its ingestion time):
    the client's own polling, a few requests on a loaded machine, is not in that one."""
    request = {
        "TrainingJobName": name,
        "AlgorithmSpecification": {"TrainingImage": image, "TrainingInputMode": "File"},
        "RoleArn": "arn:aws:iam::000000000000:role/bench",
        "HyperParameters": {
            "sagemaker_program": "train.py",
            "sagemaker_submit_directory": f"file://{code_dir}",
        },
        "OutputDataConfig": {"S3OutputPath": output},
        "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 1},
        "StoppingCondition": {"MaxRuntimeInSeconds": 600},
    }
    started, sent = time.perf_counter(), time.time()
    sagemaker.create_training_job(**request)
    polls = 0
    while True:
        polls += 1
        if polls % 500 == 0:
            status = sagemaker.describe_training_job(TrainingJobName=name)
            if status["TrainingJobStatus"] in ("Failed", "Stopped"):
                raise SystemExit(
                    f"{name} {status['TrainingJobStatus']}: {status.get('FailureReason')}"
                )
        streams = logs.describe_log_streams(
            logGroupName="/aws/sagemaker/TrainingJobs", logStreamNamePrefix=f"{name}/"
        )
        if streams["logStreams"]:
            events = logs.get_log_events(
                logGroupName="/aws/sagemaker/TrainingJobs",
                logStreamName=streams["logStreams"][0]["logStreamName"],
                startFromHead=True,
                limit=1,
            )
            if events["events"]:
                seen = time.perf_counter() - started
                if stored is not None:
                    stored.append(events["events"][0]["ingestionTime"] / 1000 - sent)
                return seen
        time.sleep(0.01)


def wait_done(sagemaker, name: str) -> None:
    while sagemaker.describe_training_job(TrainingJobName=name)["TrainingJobStatus"] not in (
        "Completed",
        "Failed",
        "Stopped",
    ):
        time.sleep(0.05)


def clients(url: str, token: str) -> tuple[Any, Any]:
    session = boto3.session.Session()
    common = {
        "endpoint_url": f"{url}/mlstudio/aws",
        "region_name": "us-east-1",
        "aws_access_key_id": "bench",
        "aws_secret_access_key": token,
        "config": Config(retries={"max_attempts": 1}),
    }
    return session.client("sagemaker", **common), session.client("logs", **common)


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(20)
    except subprocess.TimeoutExpired:
        server.kill()


def against_direct(work: Path, code: Path, args: argparse.Namespace) -> None:
    token = "bench-token"
    server, url = start_server(work, token)
    try:
        sagemaker, logs = clients(url, token)
        output = f"file://{work}/output"
        rows = []
        backends = [("process", "default", lambda: direct_process(code / "train.py"), 0.150)]
        if args.docker:
            backends.append(("docker", IMAGE, lambda: direct_docker(code), 0.500))
        for backend, image, direct, target in backends:
            ours(sagemaker, logs, f"warm-{backend}", code, image, output)  # warm caches once
            wait_done(sagemaker, f"warm-{backend}")
            direct()
            direct_times, our_times = [], []
            for run in range(args.runs):
                direct_times.append(direct())
                name = f"bench-{backend}-{run}"
                our_times.append(ours(sagemaker, logs, name, code, image, output))
                wait_done(sagemaker, name)
            direct_median = statistics.median(direct_times)
            our_median = statistics.median(our_times)
            overhead = our_median - direct_median
            rows.append((backend, direct_median, our_median, overhead, target))
        print(f"\nTime to the first log line, median of {args.runs} runs each")
        print(
            f"{'backend':<10}{'direct':>12}{'ML Studio':>12}{'overhead':>12}{'target':>10}"
            f"{'ratio':>8}  verdict"
        )
        for backend, direct_median, our_median, overhead, target in rows:
            verdict = "ok" if overhead <= target else "OVER TARGET"
            print(
                f"{backend:<10}{direct_median * 1000:>10.1f}ms{our_median * 1000:>10.1f}ms"
                f"{overhead * 1000:>10.1f}ms{target * 1000:>8.0f}ms"
                f"{our_median / direct_median:>8.2f}  {verdict}"
            )
        print(
            json.dumps(
                {
                    row[0]: {
                        "direct_ms": row[1] * 1000,
                        "ours_ms": row[2] * 1000,
                        "overhead_ms": row[3] * 1000,
                    }
                    for row in rows
                }
            )
        )
    finally:
        stop_server(server)


def cold_against_warm(work: Path, args: argparse.Namespace) -> None:
    code = work / "importing"
    code.mkdir()
    (code / "train.py").write_text(IMPORTING)
    target = 0.150
    medians: dict[str, float] = {}
    spreads: dict[str, tuple[float, float]] = {}
    direct_times = [direct_process(code / "train.py") for _ in range(max(3, args.runs // 4))]
    medians["direct"] = statistics.median(direct_times)
    spreads["direct"] = (min(direct_times), max(direct_times))
    for mode, options in (("cold", ["--MLStudioApp.warm_starts=False"]), ("warm", [])):
        folder = work / mode
        folder.mkdir()
        shutil.copytree(code, folder / "code")  # inside the folders this server may read
        token = f"bench-{mode}"
        server, url = start_server(folder, token, *options)
        try:
            sagemaker, logs = clients(url, token)
            output = f"file://{folder}/output"
            # Two jobs first: the first records the script's modules, during the second the
            # warm parent imports them (the second waits for it); caches are warm for both.
            for run in range(2):
                ours(sagemaker, logs, f"first-{mode}-{run}", folder / "code", "default", output)
                wait_done(sagemaker, f"first-{mode}-{run}")
            times: list[float] = []
            kept: list[float] = []
            for run in range(args.runs):
                name = f"imports-{mode}-{run}"
                times.append(
                    ours(sagemaker, logs, name, folder / "code", "default", output, stored=kept)
                )
                wait_done(sagemaker, name)
            medians[mode] = statistics.median(times)
            spreads[mode] = (min(times), max(times))
            medians[f"{mode}, stored"] = statistics.median(kept)
            spreads[f"{mode}, stored"] = (min(kept), max(kept))
        finally:
            stop_server(server)
    print(
        f"\nA script importing numpy and scikit-learn: CreateTrainingJob to its first log line,"
        f" median of {args.runs} runs (direct: python train.py, its first line)"
    )
    print("('stored': to the server's ingestion time of the line, without the client's polling)")
    print(f"{'start':<16}{'median':>12}{'min':>10}{'max':>10}")
    for mode in ("direct", "cold", "cold, stored", "warm", "warm, stored"):
        low, high = spreads[mode]
        print(f"{mode:<16}{medians[mode] * 1000:>10.1f}ms{low * 1000:>8.0f}ms{high * 1000:>8.0f}ms")
    print(f"load average: {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    verdict = "ok" if medians["warm"] <= target else "OVER TARGET"
    print(
        f"warm over cold: {medians['cold'] / medians['warm']:.1f}x faster; "
        f"target {target * 1000:.0f} ms warm: {verdict}"
    )
    print(json.dumps({f"{mode}_ms": value * 1000 for mode, value in medians.items()}))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--docker", action="store_true", help="also measure the Docker backend")
    parser.add_argument(
        "--no-warm", action="store_true", help="skip the cold against warm comparison"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="mlstudio-bench-"))
    code = work / "code"
    code.mkdir()
    (code / "train.py").write_text(SCRIPT)
    try:
        against_direct(work, code, args)
        if not args.no_warm:
            cold_against_warm(work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
