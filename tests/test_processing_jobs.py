"""Processing jobs end to end through boto3 on the process backend: real scikit-learn
preprocessing of a scikit-learn data set in the object store with several inputs and outputs,
continuous uploads and a stop, ShardedByS3Key over two instances, a failing script, and bad
requests refused with SageMaker's error codes."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from botocore.exceptions import ClientError
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from jupyterlab_mlstudio.objects.router import join_uri

from .aws_helpers import aws_url, in_thread
from .endpoint_helpers import clients
from .processing_helpers import (
    ROOT,
    processing_request,
    s3_input,
    s3_output,
    upload_script,
    wait_for_end,
    wait_until,
    with_tiny_instances,
)


@pytest.fixture
def mlstudio_config():
    return {"docker_enabled": False, "stop_grace_seconds": 2.0}


@pytest.fixture
def jp_server_config(jp_server_config):
    return with_tiny_instances(jp_server_config)


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    return clients(aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token)[0]


@pytest.fixture
def logs(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    import boto3

    return boto3.client(
        "logs",
        endpoint_url=aws_url(jp_http_port, jp_base_url),
        region_name="us-east-1",
        aws_access_key_id="tester",
        aws_secret_access_key=jp_serverapp.identity_provider.token,
    )


@pytest.fixture
def store(services):
    """(object stores, a folder of this test in them)."""
    return services.objects, join_uri(services.objects.default_root, "processing-tests")


def _csv(rows: np.ndarray) -> bytes:
    buffer = io.StringIO()
    np.savetxt(buffer, rows, delimiter=",")
    return buffer.getvalue().encode()


def _objects(objects, prefix: str) -> dict[str, bytes]:
    return {
        info.uri[len(prefix) :].lstrip("/"): objects.get_bytes(info.uri)
        for info in objects.list(prefix.rstrip("/") + "/")
    }


async def test_a_script_splits_and_scales_a_data_set_from_several_inputs_into_several_outputs(
    sagemaker, logs, store
):
    objects, root = store
    # Given the breast-cancer data set as two CSV objects (label first) under one prefix, the
    # split's parameters behind a manifest, and the script as the SDK uploads it
    data = load_breast_cancer()
    rows = np.column_stack([data.target, data.data])
    objects.put_bytes(f"{root}/raw/part-0.csv", _csv(rows[:300]))
    objects.put_bytes(f"{root}/raw/more/part-1.csv", _csv(rows[300:]))
    objects.put_bytes(
        f"{root}/params/params.json", json.dumps({"test_size": 0.25, "seed": 7}).encode()
    )
    manifest = [{"prefix": f"{root}/params/"}, "params.json"]
    objects.put_bytes(f"{root}/params.manifest", json.dumps(manifest).encode())
    code = upload_script(objects, root, "preprocess.py")
    request = processing_request(
        "prep",
        code,
        "preprocess.py",
        inputs=[
            s3_input("raw", f"{root}/raw", f"{ROOT}/input/raw"),
            s3_input(
                "params",
                f"{root}/params.manifest",
                f"{ROOT}/params",
                S3DataType="ManifestFile",
            ),
        ],
        outputs=[
            s3_output(name, f"{root}/out/{name}", f"{ROOT}/{name}")
            for name in ("train", "test", "scaler")
        ],
        Environment={"STAGE": "prep"},
        StoppingCondition={"MaxRuntimeInSeconds": 300},
        Tags=[{"Key": "team", "Value": "data"}],
    )
    request["AppSpecification"]["ContainerArguments"] = ["--mode", "split"]

    # When it runs as a processing job
    arn = (await in_thread(sagemaker.create_processing_job, **request))["ProcessingJobArn"]
    described = await in_thread(wait_for_end, sagemaker, "prep")

    # Then it completed, and its outputs are what scikit-learn gives on the same data
    assert described["ProcessingJobStatus"] == "Completed", described.get("FailureReason")
    assert arn.endswith(":processing-job/prep")
    assert described["ExitMessage"] == "426 training rows, 143 test rows"
    x_train, x_test, y_train, y_test = train_test_split(
        data.data, data.target, test_size=0.25, random_state=7, stratify=data.target
    )
    scaler = StandardScaler().fit(x_train)
    written = _objects(objects, f"{root}/out")
    assert sorted(written) == ["scaler/scaler.json", "test/test.csv", "train/train.csv"]
    train = np.loadtxt(io.BytesIO(written["train/train.csv"]), delimiter=",")
    test = np.loadtxt(io.BytesIO(written["test/test.csv"]), delimiter=",")
    np.testing.assert_allclose(train[:, 0], y_train)
    np.testing.assert_allclose(train[:, 1:], scaler.transform(x_train), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(test[:, 0], y_test)
    np.testing.assert_allclose(test[:, 1:], scaler.transform(x_test), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(json.loads(written["scaler/scaler.json"])["mean"], scaler.mean_)

    # And the description echoes the request as SageMaker's does
    assert described["AppSpecification"]["ContainerArguments"] == ["--mode", "split"]
    assert [item["InputName"] for item in described["ProcessingInputs"]] == [
        "raw",
        "params",
        "code",
    ]
    assert described["Environment"] == {"STAGE": "prep"}
    assert described["ProcessingStartTime"] <= described["ProcessingEndTime"]

    # And its log is in /aws/sagemaker/ProcessingJobs, one stream per instance
    streams = await in_thread(
        logs.describe_log_streams,
        logGroupName="/aws/sagemaker/ProcessingJobs",
        logStreamNamePrefix="prep/",
    )
    [stream] = [item["logStreamName"] for item in streams["logStreams"]]
    assert stream.startswith("prep/algo-1-")
    events = await in_thread(
        logs.get_log_events,
        logGroupName="/aws/sagemaker/ProcessingJobs",
        logStreamName=stream,
        startFromHead=True,
    )
    messages = [event["message"] for event in events["events"]]
    assert "files=2 rows=569 args=--mode split" in messages
    assert "job=prep host=algo-1" in messages

    # And it is listed, with its tags
    listed = await in_thread(sagemaker.list_processing_jobs, StatusEquals="Completed")
    assert [item["ProcessingJobName"] for item in listed["ProcessingJobSummaries"]] == ["prep"]
    tags = await in_thread(sagemaker.list_tags, ResourceArn=arn)
    assert tags["Tags"] == [{"Key": "team", "Value": "data"}]


async def test_continuous_outputs_upload_while_the_job_runs_and_a_stop_ends_it_stopped(
    sagemaker, store
):
    objects, root = store
    code = upload_script(objects, root, "stream.py")
    request = processing_request(
        "streaming",
        code,
        "stream.py",
        outputs=[
            s3_output("progress", f"{root}/progress", f"{ROOT}/progress", "Continuous"),
            s3_output("final", f"{root}/final", f"{ROOT}/final"),
        ],
    )
    # Given a job writing a file a step into a continuous output
    await in_thread(sagemaker.create_processing_job, **request)

    # When its files appear in the object store while it still runs
    def uploaded_while_running() -> bool:
        status = sagemaker.describe_processing_job(ProcessingJobName="streaming")
        return (
            status["ProcessingJobStatus"] == "InProgress"
            and len(_objects(objects, f"{root}/progress")) >= 3
        )

    await in_thread(wait_until, uploaded_while_running, 60, "continuous uploads")
    # And it is stopped
    await in_thread(sagemaker.stop_processing_job, ProcessingJobName="streaming")
    stopping = await in_thread(sagemaker.describe_processing_job, ProcessingJobName="streaming")
    described = await in_thread(wait_for_end, sagemaker, "streaming")

    # Then it went through Stopping to Stopped, without a failure reason, with the message
    # its container left (SageMaker gives ExitMessage for every terminal status)
    assert stopping["ProcessingJobStatus"] in ("Stopping", "Stopped")
    assert described["ProcessingJobStatus"] == "Stopped"
    assert "FailureReason" not in described
    assert described["ExitMessage"] == "streaming steps"
    # And the continuous output kept what was written; the end-of-job output was not uploaded
    steps = _objects(objects, f"{root}/progress")
    assert len(steps) >= 3
    assert all(int(body) == int(name[5:9]) for name, body in steps.items())
    assert _objects(objects, f"{root}/final") == {}
    # And a stopped job cannot be stopped again
    with pytest.raises(ClientError) as refused:
        await in_thread(sagemaker.stop_processing_job, ProcessingJobName="streaming")
    assert refused.value.response["Error"]["Code"] == "ValidationException"


async def test_sharded_inputs_split_objects_between_two_instances_and_replicated_ones_do_not(
    sagemaker, store
):
    objects, root = store
    for index in range(4):
        objects.put_bytes(f"{root}/shards/s{index}.txt", b"x")
    code = upload_script(objects, root, "shard.py")
    request = processing_request(
        "sharded",
        code,
        "shard.py",
        count=2,
        inputs=[
            s3_input(
                "shards",
                f"{root}/shards/",
                f"{ROOT}/input/shards",
                S3DataDistributionType="ShardedByS3Key",
            ),
            s3_input("all", f"{root}/shards/", f"{ROOT}/input/all"),
        ],
        outputs=[s3_output("report", f"{root}/report", f"{ROOT}/report")],
    )
    # Given four objects, sharded by key for one input and fully replicated for another
    # When a job runs on two instances
    await in_thread(sagemaker.create_processing_job, **request)
    described = await in_thread(wait_for_end, sagemaker, "sharded")

    # Then each instance saw half the shards, together all of them, and every replicated object
    assert described["ProcessingJobStatus"] == "Completed", described.get("FailureReason")
    reports = {name: json.loads(body) for name, body in _objects(objects, f"{root}/report").items()}
    assert sorted(reports) == ["algo-1.json", "algo-2.json"]
    first, second = reports["algo-1.json"], reports["algo-2.json"]
    assert first["hosts"] == ["algo-1", "algo-2"]
    assert len(first["shards"]) == len(second["shards"]) == 2
    assert sorted(first["shards"] + second["shards"]) == [f"s{i}.txt" for i in range(4)]
    assert first["all"] == second["all"] == [f"s{i}.txt" for i in range(4)]


async def test_a_failing_script_fails_the_job_with_its_exit_code_and_last_output(sagemaker, store):
    objects, root = store
    code = upload_script(objects, root, "fail.py")
    # Given a script that raises on its data
    await in_thread(
        sagemaker.create_processing_job, **processing_request("broken", code, "fail.py")
    )
    # When it runs
    described = await in_thread(wait_for_end, sagemaker, "broken")
    # Then the job failed, and the reason names the exit code and the script's last words
    assert described["ProcessingJobStatus"] == "Failed"
    reason = described["FailureReason"]
    assert reason.startswith("AlgorithmError: algo-1 exited with code 1.")
    assert "ValueError: column 'label' is missing from the input" in reason
    listed = await in_thread(sagemaker.list_processing_jobs, StatusEquals="Failed")
    assert listed["ProcessingJobSummaries"][0]["FailureReason"] == reason


@pytest.mark.parametrize(
    ("change", "code", "words"),
    [
        (
            lambda r: r["ProcessingInputs"][0]["S3Input"].update(S3InputMode="Pipe"),
            "ValidationException",
            "Pipe",
        ),
        (
            lambda r: r["ProcessingInputs"][0]["S3Input"].update(LocalPath="/tmp/code"),
            "ValidationException",
            "/opt/ml/processing/",
        ),
        (
            lambda r: r["ProcessingResources"]["ClusterConfig"].update(InstanceType="ml.nope.huge"),
            "ValidationException",
            "ml.nope.huge",
        ),
        (
            lambda r: r["AppSpecification"].pop("ContainerEntrypoint"),
            "ValidationException",
            "ContainerEntrypoint",
        ),
        (
            lambda r: r["AppSpecification"].update(ImageUri="no-such/image:1"),
            "ValidationException",
            "no-such/image:1",
        ),
        (
            lambda r: r["ProcessingInputs"].append(dict(r["ProcessingInputs"][0])),
            "ValidationException",
            "unique",
        ),
        (
            lambda r: r["ProcessingResources"]["ClusterConfig"].update(InstanceCount=100000),
            "ValidationException",
            "instanceCount",
        ),
    ],
    ids=["pipe", "local-path", "instance-type", "no-entrypoint", "image", "same-input", "count"],
)
async def test_bad_requests_are_refused_with_sagemakers_error_codes(
    sagemaker, store, change, code, words
):
    _, root = store
    request = processing_request("refused", f"{root}/code/x.py", "x.py")
    # Given a request with one thing wrong
    change(request)
    # When it is sent, then it is refused with SageMaker's code and a message naming the problem
    with pytest.raises(ClientError) as refused:
        await in_thread(sagemaker.create_processing_job, **request)
    error = refused.value.response["Error"]
    assert error["Code"] == code, error
    assert words in error["Message"]
    # And nothing was recorded
    listed = await in_thread(sagemaker.list_processing_jobs)
    assert listed["ProcessingJobSummaries"] == []


async def test_a_taken_name_and_an_unknown_job_are_refused(sagemaker, store):
    objects, root = store
    code = upload_script(objects, root, "fail.py")
    request = processing_request("twice", code, "fail.py")
    await in_thread(sagemaker.create_processing_job, **request)
    with pytest.raises(ClientError) as taken:
        await in_thread(sagemaker.create_processing_job, **request)
    assert taken.value.response["Error"]["Code"] == "ResourceInUse"
    with pytest.raises(ClientError) as missing:
        await in_thread(sagemaker.describe_processing_job, ProcessingJobName="nobody")
    assert missing.value.response["Error"]["Code"] == "ValidationException"
    await in_thread(wait_for_end, sagemaker, "twice")


async def test_a_job_over_its_max_runtime_is_stopped_as_sagemaker_stops_it(sagemaker, store, api):
    objects, root = store
    code = upload_script(objects, root, "stream.py")
    request = processing_request(
        "overtime",
        code,
        "stream.py",
        outputs=[s3_output("progress", f"{root}/overtime", f"{ROOT}/progress")],
        StoppingCondition={"MaxRuntimeInSeconds": 1},
    )
    # Given a job that would run for two minutes, allowed one second
    await in_thread(sagemaker.create_processing_job, **request)
    # When it runs past its limit
    described = await in_thread(wait_for_end, sagemaker, "overtime")
    # Then it was stopped (SageMaker: "after the condition is met, the processing job is
    # stopped"), with no failure reason, its container's message kept, and its end-of-job
    # outputs not uploaded (the job did not complete)
    assert described["ProcessingJobStatus"] == "Stopped"
    assert "FailureReason" not in described
    assert described["ExitMessage"] == "streaming steps"
    assert _objects(objects, f"{root}/overtime") == {}
    # And the UI's face says why it stopped
    status, detail = await api("GET", "processing-jobs/overtime")
    assert status == 200 and "MaxRuntimeInSeconds (1)" in detail["status_message"]


async def test_the_rest_face_lists_describes_reads_logs_and_refuses_a_stop_of_an_ended_job(
    sagemaker, api, store
):
    objects, root = store
    code = upload_script(objects, root, "fail.py")
    await in_thread(sagemaker.create_processing_job, **processing_request("rest", code, "fail.py"))
    await in_thread(wait_for_end, sagemaker, "rest")
    # When the UI's face is asked about the job
    status, listed = await api("GET", "processing-jobs", status="Failed")
    assert status == 200
    assert [item["processing_job_name"] for item in listed["processing_jobs"]] == ["rest"]
    status, detail = await api("GET", "processing-jobs/rest")
    assert status == 200
    assert detail["backend"] == "process" and detail["hosts"] == ["algo-1"]
    assert detail["failure_reason"].startswith("AlgorithmError: algo-1 exited with code 1.")
    status, page = await api("GET", "processing-jobs/rest/logs", host="algo-1")
    assert status == 200
    assert page["lines"][0]["message"] == "reading the data"
    assert page["total"] == len(page["lines"])
    # Then a host it does not have, an ended job's stop and an unknown job are refused
    status, error = await api("GET", "processing-jobs/rest/logs", host="algo-2")
    assert status == 400 and "rest has hosts algo-1" in str(error)
    status, error = await api("POST", "processing-jobs/rest/stop")
    assert status == 409 and "only a job in progress can be stopped" in str(error)
    status, error = await api("GET", "processing-jobs/nobody")
    assert status == 404 and "nobody" in str(error)
