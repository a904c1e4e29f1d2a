"""A real server killed mid-way through a processing job and started again on the same data:
the job carries on from its running unit, ends Completed with its output uploaded, and its log
has every line once."""

from __future__ import annotations

from pathlib import Path

import boto3

from .aws_helpers import sagemaker_client
from .live_server import live_server
from .processing_helpers import (
    ROOT,
    SCRIPTS,
    processing_request,
    s3_output,
    wait_for_end,
    wait_until,
)

GROUP = "/aws/sagemaker/ProcessingJobs"


def _logs(url: str, token: str):
    return boto3.client(
        "logs",
        endpoint_url=f"{url}/mlstudio/aws",
        region_name="us-east-1",
        aws_access_key_id="tester",
        aws_secret_access_key=token,
    )


def _lines(logs) -> list[str]:
    streams = logs.describe_log_streams(logGroupName=GROUP, logStreamNamePrefix="survivor/")
    lines: list[str] = []
    for stream in streams["logStreams"]:
        token = None
        while True:
            extra = {"nextToken": token} if token else {}
            page = logs.get_log_events(
                logGroupName=GROUP,
                logStreamName=stream["logStreamName"],
                startFromHead=True,
                **extra,
            )
            lines += [event["message"] for event in page["events"]]
            if not page["events"]:
                break
            token = page["nextForwardToken"]
    return lines


def test_a_killed_server_carries_on_with_a_processing_job_without_losing_a_line(
    tmp_path: Path,
):
    store = tmp_path / "server" / "root" / "store"
    (store / "code").mkdir(parents=True)
    (store / "code" / "count.py").write_bytes((SCRIPTS / "count.py").read_bytes())
    request = processing_request(
        "survivor",
        f"file://{store}/code/count.py",
        "count.py",
        outputs=[s3_output("out", f"file://{store}/out", f"{ROOT}/out")],
    )
    request["ProcessingResources"]["ClusterConfig"]["InstanceType"] = "ml.t3.medium"
    # Given a processing job that has printed some of its lines
    with live_server(tmp_path / "server") as server:
        sagemaker = sagemaker_client(f"{server.url}/mlstudio/aws", server.token)
        sagemaker.create_processing_job(**request)
        logs = _logs(server.url, server.token)
        wait_until(lambda: "line 3" in _lines(logs), 60, "the first lines in the log")
        # When the server dies without a chance to clean up
        server.process.kill()
        server.process.wait(timeout=30)

    # And a new server starts on the same data
    with live_server(tmp_path / "server") as server:
        sagemaker = sagemaker_client(f"{server.url}/mlstudio/aws", server.token)
        described = wait_for_end(sagemaker, "survivor", timeout=120)
        lines = _lines(_logs(server.url, server.token))

    # Then the job completed and uploaded its output
    assert described["ProcessingJobStatus"] == "Completed", described.get("FailureReason")
    assert (store / "out" / "count.txt").read_text() == "40"
    # And its log holds every line exactly once, in order
    assert lines == [f"line {n}" for n in range(40)]
