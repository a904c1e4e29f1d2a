"""Training jobs that go wrong, are stopped, or wait: each ends with a reason that says which,
within seconds, and invalid requests create nothing."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time

import psutil
import pytest
from botocore.exceptions import ClientError

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .training_helpers import job_request, make_bucket, upload_code, wait_for_end, wait_for_status

BUCKET = "faults"
GIB = 1024**3


def _half_the_jobs_memory() -> float:
    """A size of which two never fit at once on this host (what jobs may use is total - 2 GiB)."""
    usable = psutil.virtual_memory().total / GIB - 2.0
    return round(usable * 0.6, 2)


@pytest.fixture
def mlstudio_config(s3_endpoint, aws_credentials):
    return {"s3_endpoint_url": s3_endpoint, "stop_grace_seconds": 2.0}


@pytest.fixture
def jp_server_config(jp_server_config):
    from jupyterlab_mlstudio.compute.catalogue import DEFAULT_INSTANCE_TYPES

    jp_server_config["InstanceTypeCatalogue"] = {
        "instance_types": [
            *DEFAULT_INSTANCE_TYPES,
            {"name": "ml.test.tiny", "vcpus": 1, "memory_gib": 0.25},
            {"name": "ml.test.big", "vcpus": 1, "memory_gib": _half_the_jobs_memory()},
        ]
    }
    return jp_server_config


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    return sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token
    )


@pytest.fixture
def script(s3_endpoint, aws_credentials):
    """Upload a one-file script and return a function making a job request for it."""
    make_bucket(s3_endpoint, BUCKET)

    def make(name: str, code: str, **kwargs):
        uri = upload_code(s3_endpoint, BUCKET, f"code/{name}/sourcedir.tar.gz", {"train.py": code})
        return job_request(name, code_uri=uri, output=f"s3://{BUCKET}/output", **kwargs)

    return make


async def _log_lines(jp_fetch, name):
    response = await jp_fetch(
        "mlstudio", "api", "v1", "training-jobs", name, "logs", params={"limit": "10000"}
    )
    return [line["message"] for line in json.loads(response.body)["lines"]]


async def _wait_for_line(jp_fetch, name, prefix, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [line for line in await _log_lines(jp_fetch, name) if line.startswith(prefix)]
        if found:
            return found[0]
        await asyncio.sleep(0.05)
    raise AssertionError(f"{name} never printed {prefix!r}")


async def _run(sagemaker, request):
    await in_thread(sagemaker.create_training_job, **request)
    return await in_thread(wait_for_end, sagemaker, request["TrainingJobName"], 120)


async def test_a_crashing_script_fails_with_its_exit_code_and_last_output(sagemaker, script):
    description = await _run(sagemaker, script("crash", "print('starting')\n1 / 0\n"))
    assert description["TrainingJobStatus"] == "Failed"
    assert description["SecondaryStatus"] == "Failed"
    reason = description["FailureReason"]
    assert reason.startswith("AlgorithmError: algo-1 exited with code 1.")
    assert "ZeroDivisionError" in reason
    assert "ModelArtifacts" not in description


async def test_the_failure_file_becomes_the_failure_reason(sagemaker, script):
    code = (
        "import os, sys\n"
        "open(os.path.join(os.environ['SM_OUTPUT_DIR'], 'failure'), 'w').write('bad input: ' + 'x' * 2000)\n"
        "sys.exit(2)\n"
    )
    description = await _run(sagemaker, script("failure-file", code))
    assert description["TrainingJobStatus"] == "Failed"
    assert description["FailureReason"].startswith("bad input: xxx")
    assert len(description["FailureReason"]) == 1024


async def test_running_out_of_memory_fails_and_says_so(sagemaker, script):
    code = "chunks = []\nwhile True:\n    chunks.append(bytearray(32 * 1024 * 1024))\n"
    started = time.monotonic()
    description = await _run(sagemaker, script("oom", code, instance_type="ml.test.tiny"))
    assert description["TrainingJobStatus"] == "Failed"
    assert description["FailureReason"].startswith(
        "OutOfMemoryError: algo-1 used more than 0.25 GiB"
    )
    assert time.monotonic() - started < 30


async def test_a_job_killed_from_outside_fails_and_says_by_what(sagemaker, script, jp_fetch):
    code = "import os, time\nprint(f'pid={os.getpid()}', flush=True)\ntime.sleep(120)\n"
    await in_thread(sagemaker.create_training_job, **script("killed", code))
    pid = int((await _wait_for_line(jp_fetch, "killed", "pid=")).split("=")[1])
    os.kill(pid, signal.SIGKILL)
    description = await in_thread(wait_for_end, sagemaker, "killed", 60)
    assert description["TrainingJobStatus"] == "Failed"
    assert (
        description["FailureReason"]
        == "AlgorithmError: algo-1 was killed by SIGKILL from outside the job"
    )


async def test_max_runtime_stops_the_job_and_keeps_what_it_saved(sagemaker, script):
    code = (
        "import os, signal, sys, time\n"
        "def save(*_):\n"
        "    open(os.path.join(os.environ['SM_MODEL_DIR'], 'partial.txt'), 'w').write('saved')\n"
        "    print('saved on SIGTERM', flush=True)\n"
        "    sys.exit(0)\n"
        "signal.signal(signal.SIGTERM, save)\n"
        "print('training', flush=True)\n"
        "time.sleep(120)\n"
    )
    started = time.monotonic()
    description = await _run(sagemaker, script("too-long", code, max_runtime=1))
    assert time.monotonic() - started < 30
    assert description["TrainingJobStatus"] == "Stopped"
    assert description["SecondaryStatus"] == "MaxRuntimeExceeded"
    assert description["ModelArtifacts"]["S3ModelArtifacts"].endswith(
        "too-long/output/model.tar.gz"
    )
    assert description["FailureReason"] == "Training job exceeded MaxRuntimeInSeconds provided"


async def test_stop_sends_sigterm_and_the_job_ends_stopped(sagemaker, script, jp_fetch):
    code = (
        "import signal, sys, time\n"
        "signal.signal(signal.SIGTERM, lambda *_: (print('got SIGTERM', flush=True), sys.exit(0)))\n"
        "while True:\n    print('working', flush=True)\n    time.sleep(0.1)\n"
    )
    await in_thread(sagemaker.create_training_job, **script("stop-me", code))
    await _wait_for_line(jp_fetch, "stop-me", "working")
    await in_thread(sagemaker.stop_training_job, TrainingJobName="stop-me")
    description = await in_thread(sagemaker.describe_training_job, TrainingJobName="stop-me")
    assert description["TrainingJobStatus"] in ("Stopping", "Stopped")
    description = await in_thread(wait_for_end, sagemaker, "stop-me", 30)
    assert description["TrainingJobStatus"] == "Stopped"
    assert description["SecondaryStatus"] == "Stopped"
    assert (await _log_lines(jp_fetch, "stop-me"))[-1] == "got SIGTERM"
    # A stopped job cannot be stopped again
    with pytest.raises(ClientError) as raised:
        await in_thread(sagemaker.stop_training_job, TrainingJobName="stop-me")
    assert raised.value.response["Error"]["Code"] == "ValidationException"


async def test_a_job_that_ignores_sigterm_is_killed_after_the_grace_period(
    sagemaker, script, jp_fetch
):
    code = "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nprint('stubborn', flush=True)\ntime.sleep(120)\n"
    await in_thread(sagemaker.create_training_job, **script("stubborn", code))
    await _wait_for_line(jp_fetch, "stubborn", "stubborn")
    started = time.monotonic()
    await in_thread(sagemaker.stop_training_job, TrainingJobName="stubborn")
    description = await in_thread(wait_for_end, sagemaker, "stubborn", 30)
    assert description["TrainingJobStatus"] == "Stopped"
    assert 1.5 < time.monotonic() - started < 15  # grace is 2 s in this module's server


async def test_a_job_that_does_not_fit_waits_pending_then_runs(sagemaker, script):
    long_code = "import time\nprint('holding memory', flush=True)\ntime.sleep(3)\n"
    await in_thread(
        sagemaker.create_training_job, **script("first-big", long_code, instance_type="ml.test.big")
    )
    await in_thread(wait_for_status, sagemaker, "first-big", "Training")
    await in_thread(
        sagemaker.create_training_job,
        **script("second-big", "print('my turn')\n", instance_type="ml.test.big"),
    )
    pending = await in_thread(wait_for_status, sagemaker, "second-big", "Pending", 30)
    message = pending["SecondaryStatusTransitions"][-1]["StatusMessage"]
    assert message.startswith("Pending: waiting for") and "GiB of memory" in message
    first = await in_thread(wait_for_end, sagemaker, "first-big", 60)
    second = await in_thread(wait_for_end, sagemaker, "second-big", 60)
    assert first["TrainingJobStatus"] == second["TrainingJobStatus"] == "Completed"
    assert second["TrainingStartTime"] >= first["TrainingEndTime"]
    statuses = [item["Status"] for item in second["SecondaryStatusTransitions"]]
    assert statuses == ["Starting", "Pending", "Downloading", "Training", "Uploading", "Completed"]


async def test_a_pending_job_can_be_stopped(sagemaker, script):
    await in_thread(
        sagemaker.create_training_job,
        **script("holder", "import time\ntime.sleep(4)\n", instance_type="ml.test.big"),
    )
    await in_thread(wait_for_status, sagemaker, "holder", "Training")
    await in_thread(
        sagemaker.create_training_job, **script("waiter", "print(1)\n", instance_type="ml.test.big")
    )
    await in_thread(wait_for_status, sagemaker, "waiter", "Pending", 30)
    await in_thread(sagemaker.stop_training_job, TrainingJobName="waiter")
    description = await in_thread(wait_for_end, sagemaker, "waiter", 30)
    assert description["TrainingJobStatus"] == "Stopped"
    assert "TrainingStartTime" not in description
    await in_thread(wait_for_end, sagemaker, "holder", 60)


async def _count(sagemaker):
    return len(
        (await in_thread(sagemaker.list_training_jobs, MaxResults=100))["TrainingJobSummaries"]
    )


@pytest.mark.parametrize(
    ("change", "code", "words"),
    [
        ({"TrainingJobName": "bad_name"}, "ValidationException", "regular expression pattern"),
        (
            {
                "ResourceConfig": {
                    "InstanceType": "ml.g5.xlarge",
                    "InstanceCount": 1,
                    "VolumeSizeInGB": 1,
                }
            },
            "ValidationException",
            "needs 1 GPU",
        ),
        (
            {
                "ResourceConfig": {
                    "InstanceType": "ml.nope.large",
                    "InstanceCount": 1,
                    "VolumeSizeInGB": 1,
                }
            },
            "ValidationException",
            "No instance type named",
        ),
        (
            {
                "ResourceConfig": {
                    "InstanceType": "ml.test.big",
                    "InstanceCount": 2,
                    "VolumeSizeInGB": 1,
                }
            },
            "ResourceLimitExceeded",
            "offers jobs at most",
        ),
        (
            {
                "AlgorithmSpecification": {
                    "TrainingImage": "no-such-image:1",
                    "TrainingInputMode": "File",
                }
            },
            "ValidationException",
            "no-such-image:1",
        ),
        (
            {"AlgorithmSpecification": {"TrainingImage": "default", "TrainingInputMode": "Pipe"}},
            "ValidationException",
            "TrainingInputMode",
        ),
        ({"HyperParameters": {}}, "ValidationException", "has no train command"),
        (
            {"OutputDataConfig": {"S3OutputPath": "ftp://nowhere"}},
            "ValidationException",
            "regular expression pattern: (?:(https|s3)://",
        ),
    ],
)
async def test_invalid_requests_get_sagemakers_error_codes_and_create_nothing(
    sagemaker, script, change, code, words
):
    before = await _count(sagemaker)
    request = {**script("valid-name", "print(1)\n"), **change}
    with pytest.raises(ClientError) as raised:
        await in_thread(sagemaker.create_training_job, **request)
    error = raised.value.response["Error"]
    assert error["Code"] == code, error
    assert words in error["Message"]
    assert await _count(sagemaker) == before


async def test_a_duplicate_name_is_resource_in_use_and_a_missing_job_a_validation_error(
    sagemaker, script
):
    request = script("twice", "print(1)\n")
    await in_thread(sagemaker.create_training_job, **request)
    with pytest.raises(ClientError) as raised:
        await in_thread(sagemaker.create_training_job, **request)
    assert raised.value.response["Error"]["Code"] == "ResourceInUse"
    await in_thread(wait_for_end, sagemaker, "twice", 60)
    with pytest.raises(ClientError) as raised:
        await in_thread(sagemaker.describe_training_job, TrainingJobName="never-made")
    assert raised.value.response["Error"] == {
        "Code": "ValidationException",
        "Message": "Requested resource not found.",
    }
    with pytest.raises(ClientError) as raised:
        await in_thread(sagemaker.stop_training_job, TrainingJobName="never-made")
    assert raised.value.response["Error"]["Code"] == "ResourceNotFound"


async def test_a_job_is_held_to_its_instance_types_vcpus(sagemaker, script, s3_endpoint):
    from .training_helpers import read_tarball

    code = (
        "import json, os\n"
        "seen = {'affinity': len(os.sched_getaffinity(0)), 'sm_num_cpus': os.environ['SM_NUM_CPUS']}\n"
        "json.dump(seen, open(os.path.join(os.environ['SM_MODEL_DIR'], 'cpus.json'), 'w'))\n"
    )
    description = await _run(sagemaker, script("one-cpu", code, instance_type="ml.test.tiny"))
    assert description["TrainingJobStatus"] == "Completed", description.get("FailureReason")
    seen = json.loads(
        read_tarball(s3_endpoint, description["ModelArtifacts"]["S3ModelArtifacts"])["cpus.json"]
    )
    assert seen == {"affinity": 1, "sm_num_cpus": "1"}


async def test_a_job_whose_run_cannot_be_stored_is_not_stored_either(
    sagemaker, script, services, monkeypatch
):
    from jupyterlab_mlstudio.core.context import RequestContext
    from jupyterlab_mlstudio.core.errors import BackendUnavailable
    from jupyterlab_mlstudio.training.service import TRAINING_EXPERIMENT

    # Given a record store that fails right after the job's run is written
    experiments = services.training.experiments
    store_run = experiments.create_run

    def failing(*args, **kwargs):
        store_run(*args, **kwargs)
        raise BackendUnavailable("The record store failed: disk I/O error")

    monkeypatch.setattr(experiments, "create_run", failing)
    # When a training job is created
    with pytest.raises(ClientError) as raised:
        await in_thread(sagemaker.create_training_job, **script("half", "print(1)\n"))
    # Then the client hears the store failed, and neither the job nor its run was kept
    assert raised.value.response["Error"]["Code"] == "ServiceUnavailable"
    monkeypatch.undo()
    with pytest.raises(ClientError) as raised:
        await in_thread(sagemaker.describe_training_job, TrainingJobName="half")
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    context = RequestContext(owner="x", domain=services.default_domain)
    experiment = experiments.ensure_experiment(context, TRAINING_EXPERIMENT)
    runs, _ = experiments.search_runs(
        context, [experiment.experiment_id], filter="tags.`mlstudio.training_job` = 'half'"
    )
    assert runs == []
