"""Job start on the Ray backend: CreateTrainingJob until the first log line, against
``ray job submit`` of the same script on the same cluster, in one run.

    python bench/ray_start.py [--runs 5]

Needs root and Ray in this Python (scripts/lib.sh: ensure_ray). Starts a local Ray cluster (a
head and a worker) in a loopback-only network namespace and a Jupyter server with ML Studio
inside the same namespace (``tests/ray_helpers.py`` says why), then, for each run, side by side:

- ray:   ``ray job submit --working-dir CODE -- python train.py`` until the script's first line
         appears on the command's output (it uploads the folder, submits, then tails the log);
- ours:  boto3 ``CreateTrainingJob`` (instance type on the cluster) until ``GetLogEvents``
         returns the script's first line (the host's stream found by ``DescribeLogStreams``
         with the prefix ``<job>/algo-1``, as the SageMaker SDK does: streams are named
         ``<job>/algo-1-<epoch>``, and asking for ``<job>/algo-1`` found nothing, which is why
         the warm-up job "printed no first line in 300 s").

Prints each median and the ratio ours / ray. Target (issue 18): ours at most half of
``ray job submit``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import boto3

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live_server import live_server  # noqa: E402
from tests.ray_helpers import start_cluster, stop_cluster  # noqa: E402

SCRIPT = "print('first line', flush=True)\n"


def time_ray_submit(dashboard: str, code: Path) -> float:
    command = [
        sys.executable,
        "-c",
        "from ray.scripts.scripts import main; main()",
        "job",
        "submit",
        f"--address={dashboard}",
        f"--working-dir={code}",
        "--",
        "python",
        "train.py",
    ]
    env = dict(os.environ, RAY_USAGE_STATS_ENABLED="0")
    began = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    for raw in process.stdout:
        if raw.decode(errors="replace").strip() == "first line":
            took = time.perf_counter() - began
            break
    else:
        raise RuntimeError("ray job submit never printed the script's first line")
    process.wait(60)
    return took


def time_ours(sagemaker, logs, code: Path, out: Path, name: str) -> float:
    began = time.perf_counter()
    sagemaker.create_training_job(
        TrainingJobName=name,
        AlgorithmSpecification={"TrainingImage": "default", "TrainingInputMode": "File"},
        RoleArn="arn:aws:iam::000000000000:role/r",
        HyperParameters={
            "sagemaker_program": '"train.py"',
            "sagemaker_submit_directory": f'"file://{code}"',
        },
        OutputDataConfig={"S3OutputPath": f"file://{out}"},
        ResourceConfig={"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 1},
        StoppingCondition={"MaxRuntimeInSeconds": 600},
    )
    group = "/aws/sagemaker/TrainingJobs"
    stream = None
    while True:
        # As the SageMaker SDK follows a job: its host's stream (named <job>/algo-1-<epoch>,
        # found by prefix), then that stream's events.
        events = []
        if stream is None:
            found = logs.describe_log_streams(
                logGroupName=group, logStreamNamePrefix=f"{name}/algo-1"
            )["logStreams"]
            stream = found[0]["logStreamName"] if found else None
        if stream is not None:
            events = logs.get_log_events(
                logGroupName=group, logStreamName=stream, startFromHead=True
            )["events"]
        if any(event["message"] == "first line" for event in events):
            return time.perf_counter() - began
        if time.perf_counter() - began > 300 or (len(events) == 0 and checked(sagemaker, name)):
            described = sagemaker.describe_training_job(TrainingJobName=name)
            raise RuntimeError(f"{name} printed no first line: {described}")
        time.sleep(0.01)


def checked(sagemaker, name: str) -> bool:
    """Whether ``name`` ended (so no first line is coming); asked once a second at most."""
    now = time.monotonic()
    if now - CHECKED.get(name, 0.0) < 1.0:
        return False
    CHECKED[name] = now
    status = sagemaker.describe_training_job(TrainingJobName=name)["TrainingJobStatus"]
    return status not in ("InProgress", "Stopping")


CHECKED: dict[str, float] = {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ray-bench-") as temp:
        work = Path(temp)
        code = work / "code"
        code.mkdir()
        (code / "train.py").write_text(SCRIPT)
        cluster = start_cluster(work)
        try:
            with cluster.inside():
                settings = {
                    "allowed_file_roots": [str(work)],
                    "ray_address": cluster.dashboard,
                    "ray_resources": {"ml.m5.large": {"CPU": 1}},
                    "monitor_interval": 3600.0,
                }
                with live_server(work / "server", mlstudio=settings) as server:
                    clients = {
                        "endpoint_url": f"{server.url}/mlstudio/aws",
                        "region_name": "us-east-1",
                        "aws_access_key_id": "me",
                        "aws_secret_access_key": server.token,
                    }
                    sagemaker = boto3.client("sagemaker", **clients)
                    logs = boto3.client("logs", **clients)
                    # One of each first: the cluster's first job pays for worker start-up.
                    time_ray_submit(cluster.dashboard, code)
                    time_ours(sagemaker, logs, code, work / "out", "warm-up")
                    ray_times, our_times = [], []
                    for run in range(args.runs):
                        ray_times.append(time_ray_submit(cluster.dashboard, code))
                        our_times.append(
                            time_ours(sagemaker, logs, code, work / "out", f"start-{run}")
                        )
        finally:
            stop_cluster(cluster)
    ray_median, our_median = statistics.median(ray_times), statistics.median(our_times)
    print(f"runs: {args.runs}; load average: {os.getloadavg()[0]:.2f}")
    print(f"ray job submit -> first line: median {ray_median:.3f} s  {ray_times}")
    print(f"CreateTrainingJob -> first line (ray backend): median {our_median:.3f} s  {our_times}")
    ratio = our_median / ray_median
    print(
        f"ours / ray job submit: {ratio:.2f} (target: at most 0.50) {'ok' if ratio <= 0.5 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
