"""A finished job as the SDK's attach and analytics read it: every DescribeTrainingJob field they
index, and its metrics through CloudWatch's GetMetricStatistics, GetMetricData and ListMetrics."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .s3face_helpers import (  # noqa: F401  (fixtures)
    face_s3,
    face_url,
    plain_base_url,
    server_token,
    without_aws_configuration,
)
from .training_helpers import job_request, wait_for_end

NAMESPACE = "/aws/sagemaker/TrainingJobs"
STEPS = 12
CODE = (
    f"for step in range({STEPS}):\n"
    "    print(f'step={step} loss={1 / (step + 1):.4f}', flush=True)\n"
)
LOSSES = [float(f"{1 / (step + 1):.4f}") for step in range(STEPS)]


@pytest.fixture
def mlstudio_config(no_aws_configuration):
    return {}


def cloudwatch_client(url: str, token: str) -> Any:
    return boto3.client(
        "cloudwatch",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="tester",
        aws_secret_access_key=token,
        config=Config(retries={"max_attempts": 1}),
    )


async def run_job(s3: Any, token: str, jp_http_port: int, jp_base_url: str) -> Any:
    """A job that printed STEPS losses, finished: the client and its description."""
    await in_thread(s3.create_bucket, Bucket="metrics")
    code = await in_thread(_upload, s3)
    sagemaker = sagemaker_client(aws_url(jp_http_port, jp_base_url), token)
    request = job_request(
        "with-metrics",
        code_uri=code,
        output="s3://metrics/out",
        metrics={"loss": r"loss=([0-9.]+)"},
    )
    await in_thread(sagemaker.create_training_job, **request)
    described = await in_thread(wait_for_end, sagemaker, "with-metrics")
    assert described["TrainingJobStatus"] == "Completed", described.get("FailureReason")
    return sagemaker, described


def _upload(s3: Any) -> str:
    import io
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo("train.py")
        info.size = len(CODE.encode())
        tar.addfile(info, io.BytesIO(CODE.encode()))
    s3.put_object(Bucket="metrics", Key="code.tar.gz", Body=buffer.getvalue())
    return "s3://metrics/code.tar.gz"


async def test_a_finished_job_answers_what_attach_and_analytics_index(
    s3, token, jp_http_port, jp_base_url
):
    # Given a job that extracted a metric and finished
    sagemaker, described = await run_job(s3, token, jp_http_port, jp_base_url)
    # Then the fields the SDKs index are there, as SageMaker fills them
    assert described["OutputDataConfig"]["KmsKeyId"] == ""
    assert described["BillableTimeInSeconds"] == described["TrainingTimeInSeconds"] >= 0
    assert described["EnableNetworkIsolation"] is False
    assert all("StatusMessage" in item for item in described["SecondaryStatusTransitions"])
    assert described["AlgorithmSpecification"]["MetricDefinitions"][0]["Name"] == "loss"
    tags = await in_thread(sagemaker.list_tags, ResourceArn=described["TrainingJobArn"])
    assert tags["Tags"] == []

    # When analytics asks CloudWatch for the job's metric over one period spanning the job
    cloudwatch = cloudwatch_client(aws_url(jp_http_port, jp_base_url), token)
    start = described["TrainingStartTime"] - timedelta(minutes=1)
    end = described["TrainingEndTime"] + timedelta(minutes=1)
    answer = await in_thread(
        cloudwatch.get_metric_statistics,
        Namespace=NAMESPACE,
        MetricName="loss",
        Dimensions=[{"Name": "TrainingJobName", "Value": "with-metrics"}],
        StartTime=start,
        EndTime=end,
        Period=3600,
        Statistics=["SampleCount", "Average", "Minimum", "Maximum", "Sum"],
    )
    # Then one data point summarises every extracted value
    (point,) = answer["Datapoints"]
    assert point["SampleCount"] == STEPS
    assert point["Sum"] == pytest.approx(sum(LOSSES))
    assert point["Average"] == pytest.approx(sum(LOSSES) / STEPS)
    assert (point["Minimum"], point["Maximum"]) == (min(LOSSES), max(LOSSES))
    assert abs(point["Timestamp"] - start) < timedelta(milliseconds=1)

    # And per-second periods hold each second's points, the Host dimension naming the same
    fine = await in_thread(
        cloudwatch.get_metric_statistics,
        Namespace=NAMESPACE,
        MetricName="loss",
        Dimensions=[{"Name": "Host", "Value": "with-metrics/algo-1"}],
        StartTime=start,
        EndTime=end,
        Period=1,
        Statistics=["SampleCount"],
    )
    assert sum(item["SampleCount"] for item in fine["Datapoints"]) == STEPS

    # And GetMetricData answers the same series, newest first
    data = await in_thread(
        cloudwatch.get_metric_data,
        MetricDataQueries=[
            {
                "Id": "loss",
                "MetricStat": {
                    "Metric": {
                        "Namespace": NAMESPACE,
                        "MetricName": "loss",
                        "Dimensions": [{"Name": "TrainingJobName", "Value": "with-metrics"}],
                    },
                    "Period": 1,
                    "Stat": "SampleCount",
                },
            }
        ],
        StartTime=start,
        EndTime=end,
    )
    (result,) = data["MetricDataResults"]
    assert result["StatusCode"] == "Complete" and sum(result["Values"]) == STEPS
    assert result["Timestamps"] == sorted(result["Timestamps"], reverse=True)

    # And ListMetrics names the metric under both dimensions
    listed = await in_thread(cloudwatch.list_metrics, Namespace=NAMESPACE, MetricName="loss")
    assert [metric["Dimensions"] for metric in listed["Metrics"]] == [
        [{"Name": "TrainingJobName", "Value": "with-metrics"}],
        [{"Name": "Host", "Value": "with-metrics/algo-1"}],
    ]


async def test_cloudwatch_queries_it_cannot_answer_are_refused_by_name(
    jp_fetch, token, jp_http_port, jp_base_url
):
    cloudwatch = cloudwatch_client(aws_url(jp_http_port, jp_base_url), token)
    now = datetime.now(tz=timezone.utc)
    asks = {
        "another namespace": {"Namespace": "AWS/EC2", "Dimensions": []},
        "no job named": {"Namespace": NAMESPACE, "Dimensions": []},
        "not a host": {"Namespace": NAMESPACE, "Dimensions": [{"Name": "Host", "Value": "x"}]},
    }
    for what, ask in asks.items():
        with pytest.raises(ClientError) as raised:
            await in_thread(
                cloudwatch.get_metric_statistics,
                MetricName="loss",
                StartTime=now - timedelta(hours=1),
                EndTime=now,
                Period=60,
                Statistics=["Average"],
                **ask,
            )
        error = raised.value.response
        assert error["Error"]["Code"] == "InvalidParameterValue", what
        assert error["ResponseMetadata"]["HTTPStatusCode"] == 400, what
    # A job that does not exist has no points, as CloudWatch answers for any unknown metric
    empty = await in_thread(
        cloudwatch.get_metric_statistics,
        Namespace=NAMESPACE,
        MetricName="loss",
        Dimensions=[{"Name": "TrainingJobName", "Value": "never-ran"}],
        StartTime=now - timedelta(hours=1),
        EndTime=now,
        Period=60,
        Statistics=["Average"],
    )
    assert empty["Datapoints"] == []
