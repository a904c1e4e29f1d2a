"""CreateHyperParameterTuningJob refuses what SageMaker refuses, naming the field, and creates
nothing; listings filter, sort and page. No trial runs here (every request is refused or the
tuning job is stopped before its trials matter)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from botocore.exceptions import ClientError

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .tuning_helpers import definition, ranges, tuning_request

CODE = "s3://tuning/code/tune/sourcedir.tar.gz"


@pytest.fixture
def mlstudio_config(s3_endpoint, aws_credentials):
    return {"s3_endpoint_url": s3_endpoint}


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    # Without boto3's own checks, so the server's are what answers
    return sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token, validate=False
    )


def _config(request: dict[str, Any]) -> dict[str, Any]:
    return request["HyperParameterTuningJobConfig"]


def _change(change: Any) -> dict[str, Any]:
    request = copy.deepcopy(tuning_request("bad", CODE))
    change(request)
    return request


LOG_RANGE = ranges(
    continuous=[{"Name": "x", "MinValue": "0", "MaxValue": "1", "ScalingType": "Logarithmic"}]
)
REVERSE = ranges(
    continuous=[
        {"Name": "x", "MinValue": "0.5", "MaxValue": "1.5", "ScalingType": "ReverseLogarithmic"}
    ]
)
CASES = {
    "objective not a metric": (
        lambda r: _config(r)["HyperParameterTuningJobObjective"].update(MetricName="loss"),
        "TrainingJobDefinition.AlgorithmSpecification.MetricDefinitions",
    ),
    "grid with a numeric range": (
        lambda r: _config(r).update(Strategy="Grid"),
        "HyperParameterTuningJobConfig.ParameterRanges",
    ),
    "grid with another job count": (
        lambda r: _config(r).update(
            Strategy="Grid",
            ParameterRanges=ranges(categorical=[{"Name": "kind", "Values": ["a", "b"]}]),
        ),
        "ResourceLimits.MaxNumberOfTrainingJobs",
    ),
    "hyperband with early stopping": (
        lambda r: _config(r).update(
            Strategy="Hyperband",
            TrainingJobEarlyStoppingType="Auto",
            StrategyConfig={"HyperbandStrategyConfig": {"MaxResource": 5}},
        ),
        "TrainingJobEarlyStoppingType",
    ),
    "hyperband without a resource": (
        lambda r: _config(r).update(Strategy="Hyperband"),
        "HyperbandStrategyConfig.MaxResource",
    ),
    "hyperband resources reversed": (
        lambda r: _config(r).update(
            Strategy="Hyperband",
            StrategyConfig={"HyperbandStrategyConfig": {"MinResource": 9, "MaxResource": 3}},
        ),
        "HyperbandStrategyConfig.MinResource",
    ),
    "strategy config without hyperband": (
        lambda r: _config(r).update(StrategyConfig={"HyperbandStrategyConfig": {"MaxResource": 3}}),
        "HyperParameterTuningJobConfig.StrategyConfig",
    ),
    "logarithmic range through zero": (
        lambda r: _config(r).update(ParameterRanges=LOG_RANGE),
        "ContinuousParameterRanges.0.ScalingType",
    ),
    "reverse logarithmic beyond one": (
        lambda r: _config(r).update(ParameterRanges=REVERSE),
        "ContinuousParameterRanges.0.ScalingType",
    ),
    "bounds not numbers": (
        lambda r: _config(r)["ParameterRanges"]["IntegerParameterRanges"][0].update(MinValue="two"),
        "IntegerParameterRanges.0.MinValue",
    ),
    "min above max": (
        lambda r: _config(r)["ParameterRanges"]["IntegerParameterRanges"][0].update(MinValue="9"),
        "IntegerParameterRanges.0.MinValue",
    ),
    "a range twice": (
        lambda r: _config(r)["ParameterRanges"]["CategoricalParameterRanges"].append(
            {"Name": "x", "Values": ["1"]}
        ),
        "HyperParameterTuningJobConfig.ParameterRanges",
    ),
    "no job count": (
        lambda r: _config(r)["ResourceLimits"].pop("MaxNumberOfTrainingJobs"),
        "ResourceLimits.MaxNumberOfTrainingJobs",
    ),
    "more parallel than jobs": (
        lambda r: _config(r)["ResourceLimits"].update(MaxParallelTrainingJobs=9),
        "ResourceLimits.MaxParallelTrainingJobs",
    ),
    "runtime below the minimum": (
        lambda r: _config(r)["ResourceLimits"].update(MaxRuntimeInSeconds=60),
        "maxRuntimeInSeconds",
    ),
    "unknown instance type": (
        lambda r: r["TrainingJobDefinition"]["ResourceConfig"].update(InstanceType="ml.nope"),
        "TrainingJobDefinition.ResourceConfig.InstanceType",
    ),
    "a parent that does not exist": (
        lambda r: r.update(
            WarmStartConfig={
                "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": "nobody"}],
                "WarmStartType": "TransferLearning",
            }
        ),
        "WarmStartConfig.ParentHyperParameterTuningJobs.0.HyperParameterTuningJobName",
    ),
    "both definition forms": (
        lambda r: r.update(
            TrainingJobDefinitions=[dict(r["TrainingJobDefinition"], DefinitionName="a")]
        ),
        "TrainingJobDefinition",
    ),
    "not-improving below three": (
        lambda r: _config(r).update(
            TuningJobCompletionCriteria={
                "BestObjectiveNotImproving": {"MaxNumberOfTrainingJobsNotImproving": 2}
            }
        ),
        "maxNumberOfTrainingJobsNotImproving",
    ),
}


async def test_a_request_breaking_a_rule_is_refused_naming_the_field(sagemaker):
    # One server for every case (each refusal is independent of the others)
    for case, (change, field) in sorted(CASES.items()):
        with pytest.raises(ClientError) as refused:
            await in_thread(sagemaker.create_hyper_parameter_tuning_job, **_change(change))
        error = refused.value.response["Error"]
        assert error["Code"] == "ValidationException", (case, error)
        assert field in error["Message"], (case, error["Message"])
    # And nothing was created by any of them
    listing = await in_thread(sagemaker.list_hyper_parameter_tuning_jobs)
    assert listing["HyperParameterTuningJobSummaries"] == []
    assert (await in_thread(sagemaker.list_training_jobs))["TrainingJobSummaries"] == []


async def test_a_gpu_instance_type_on_a_host_without_gpus_is_refused_with_the_reason(
    sagemaker, services
):
    if services.monitor.host().gpus:
        pytest.skip("this host has GPUs: the refusal is for hosts without them")
    request = tuning_request("gpu", CODE)
    request["TrainingJobDefinition"] = definition(
        CODE, instance_type="ml.g5.xlarge", tuning_resources=True
    )
    with pytest.raises(ClientError) as refused:
        await in_thread(sagemaker.create_hyper_parameter_tuning_job, **request)
    message = refused.value.response["Error"]["Message"]
    assert "GPU" in message and "HyperParameterTuningResourceConfig" in message, message
    assert (await in_thread(sagemaker.list_hyper_parameter_tuning_jobs))[
        "HyperParameterTuningJobSummaries"
    ] == []


async def test_listings_filter_sort_and_page_and_a_name_is_unique(sagemaker):
    # Given three tuning jobs, stopped at once (their trials do not matter here)
    for name in ("list-b", "list-a", "other-c"):
        await in_thread(
            sagemaker.create_hyper_parameter_tuning_job,
            **tuning_request(name, CODE, static={"epochs": "1000", "pause": "1"}),
        )
        await in_thread(sagemaker.stop_hyper_parameter_tuning_job, HyperParameterTuningJobName=name)
    # When a name is used twice, it is refused
    with pytest.raises(ClientError) as refused:
        await in_thread(
            sagemaker.create_hyper_parameter_tuning_job, **tuning_request("list-a", CODE)
        )
    assert refused.value.response["Error"]["Code"] == "ResourceInUse"
    # Then listings filter by name, sort by name (SageMaker's default) and page
    page = await in_thread(
        sagemaker.list_hyper_parameter_tuning_jobs, NameContains="list", MaxResults=1
    )
    names = [page["HyperParameterTuningJobSummaries"][0]["HyperParameterTuningJobName"]]
    page = await in_thread(
        sagemaker.list_hyper_parameter_tuning_jobs,
        NameContains="list",
        MaxResults=1,
        NextToken=page["NextToken"],
    )
    names.append(page["HyperParameterTuningJobSummaries"][0]["HyperParameterTuningJobName"])
    assert names == ["list-a", "list-b"] and "NextToken" not in page
    newest = await in_thread(
        sagemaker.list_hyper_parameter_tuning_jobs, SortBy="CreationTime", SortOrder="Descending"
    )
    summaries = newest["HyperParameterTuningJobSummaries"]
    assert [s["HyperParameterTuningJobName"] for s in summaries] == ["other-c", "list-a", "list-b"]
    assert summaries[0]["Strategy"] == "Random"
    assert summaries[0]["ResourceLimits"]["MaxParallelTrainingJobs"] == 2
    none = await in_thread(sagemaker.list_hyper_parameter_tuning_jobs, StatusEquals="Completed")
    assert none["HyperParameterTuningJobSummaries"] == []
    # And a missing job is ResourceNotFound
    with pytest.raises(ClientError) as missing:
        await in_thread(
            sagemaker.describe_hyper_parameter_tuning_job, HyperParameterTuningJobName="ghost"
        )
    assert missing.value.response["Error"]["Code"] == "ResourceNotFound"
