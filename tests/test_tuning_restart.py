"""A real server killed mid-tuning and started again on the same data: the tuning job carries
on, no trial is repeated or lost, and the counters are exact."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

from .aws_helpers import sagemaker_client
from .live_server import live_server
from .training_helpers import FIXTURES
from .tuning_helpers import all_trials, ranges, tuning_request, wait_for_tuning, wait_until


def _code(folder: Path) -> str:
    target = folder / "mlstudio" / "code" / "sourcedir.tar.gz"
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        tar.add(FIXTURES / "tune" / "train.py", arcname="train.py")
    target.write_bytes(buffer.getvalue())
    return f"file://{target}"


def test_a_killed_server_resumes_tuning_without_repeating_or_losing_a_trial(tmp_path):
    code = _code(tmp_path)
    request = tuning_request(
        "survivor",
        code,
        strategy="Bayesian",
        max_jobs=6,
        parallel=2,
        parameter_ranges=ranges(
            continuous=[{"Name": "x", "MinValue": "0.01", "MaxValue": "0.1"}],
            categorical=[{"Name": "kind", "Values": ["good", "bad"]}],
        ),
        static={"epochs": "4", "pause": "0.3"},
    )
    request["TrainingJobDefinition"]["OutputDataConfig"]["S3OutputPath"] = (
        f"file://{tmp_path / 'mlstudio' / 'output'}"
    )
    # Given a tuning job with some trials done and others running
    with live_server(tmp_path) as server:
        sagemaker = sagemaker_client(f"{server.url}/mlstudio/aws", server.token)
        sagemaker.create_hyper_parameter_tuning_job(**request)

        def midway() -> bool:
            trials = all_trials(sagemaker, "survivor")
            done = [t for t in trials if t["TrainingJobStatus"] == "Completed"]
            running = [t for t in trials if t["TrainingJobStatus"] == "InProgress"]
            return len(done) >= 2 and len(running) >= 1

        wait_until(midway, 120, "two trials done and one running")
        before = {t["TrainingJobName"]: t for t in all_trials(sagemaker, "survivor")}
        # When the server dies without a chance to clean up
        server.process.kill()
        server.process.wait(timeout=30)

    # And a new server starts on the same data
    with live_server(tmp_path) as server:
        sagemaker = sagemaker_client(f"{server.url}/mlstudio/aws", server.token)
        described = wait_for_tuning(sagemaker, "survivor", timeout=180)
        trials = all_trials(sagemaker, "survivor")
        jobs = sagemaker.list_training_jobs(MaxResults=100)["TrainingJobSummaries"]
        unscored = [
            sagemaker.describe_training_job(TrainingJobName=t["TrainingJobName"])
            for t in trials
            if t["ObjectiveStatus"] != "Succeeded"
        ]

    # Then the tuning job completed its budget exactly once per trial number
    assert described["HyperParameterTuningJobStatus"] == "Completed", described
    names = sorted(t["TrainingJobName"] for t in trials)
    assert [name.split("-")[1] for name in names] == [f"{n:03d}" for n in range(1, 7)]
    assert sorted(job["TrainingJobName"] for job in jobs) == names
    # And the trials seen before the crash are the same trials, with the same values
    for name, trial in before.items():
        again = next(t for t in trials if t["TrainingJobName"] == name)
        assert again["TunedHyperParameters"] == trial["TunedHyperParameters"]
    # And every counter is exact
    failures = [t.get("FailureReason") for t in trials if t["TrainingJobStatus"] != "Completed"]
    assert failures == []
    assert [
        (job["TrainingJobName"], job["TrainingJobStatus"], job.get("FailureReason"))
        for job in unscored
    ] == []
    assert described["TrainingJobStatusCounters"] == {
        "Completed": 6,
        "InProgress": 0,
        "RetryableError": 0,
        "NonRetryableError": 0,
        "Stopped": 0,
    }
    assert described["ObjectiveStatusCounters"] == {"Succeeded": 6, "Pending": 0, "Failed": 0}
