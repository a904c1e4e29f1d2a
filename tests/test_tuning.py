"""Hyperparameter tuning end to end through boto3: real trials (tiny standard-library scripts
on the process backend, code in a real S3 API server), each strategy and scaling type."""

from __future__ import annotations

import math
import re

import pytest

from .aws_helpers import aws_url, in_thread, sagemaker_client
from .tuning_helpers import (
    DEFAULT_RANGES,
    all_trials,
    ranges,
    tuning_code,
    tuning_request,
    wait_for_tuning,
)


@pytest.fixture
def mlstudio_config(s3_endpoint, aws_credentials):
    return {"s3_endpoint_url": s3_endpoint, "stop_grace_seconds": 3.0}


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    return sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token
    )


@pytest.fixture
def code(s3_endpoint, aws_credentials):
    return tuning_code(s3_endpoint)


def _in_range(name: str, value: str) -> bool:
    if name == "x":
        return 0.001 <= float(value) <= 1.0
    if name == "depth":
        return value.isdigit() and 2 <= int(value) <= 8
    return value in ("good", "bad")


async def test_bayesian_tuning_runs_its_trials_as_training_jobs_and_names_the_best(
    sagemaker, code, services
):
    # Given a Bayesian search over a logarithmic, an integer (Auto) and a categorical range
    request = tuning_request("bayes", code, strategy="Bayesian", max_jobs=5, parallel=2)

    # When it is created and runs to the end
    created = await in_thread(sagemaker.create_hyper_parameter_tuning_job, **request)
    assert created["HyperParameterTuningJobArn"].endswith(":hyper-parameter-tuning-job/bayes")
    described = await in_thread(wait_for_tuning, sagemaker, "bayes")

    # Then it completed its budget, counted as SageMaker counts
    assert described["HyperParameterTuningJobStatus"] == "Completed", described
    assert described["TrainingJobStatusCounters"] == {
        "Completed": 5,
        "InProgress": 0,
        "RetryableError": 0,
        "NonRetryableError": 0,
        "Stopped": 0,
    }
    assert described["ObjectiveStatusCounters"] == {"Succeeded": 5, "Pending": 0, "Failed": 0}
    config = described["HyperParameterTuningJobConfig"]
    assert config["TrainingJobEarlyStoppingType"] == "Off"
    assert set(config["ParameterRanges"]) >= {
        "ContinuousParameterRanges",
        "IntegerParameterRanges",
        "CategoricalParameterRanges",
    }
    definition = described["TrainingJobDefinition"]
    assert definition["StaticHyperParameters"]["_tuning_objective_metric"] == "score"
    assert definition["ResourceConfig"]["InstanceType"] == "local"
    assert described["ConsumedResources"]["RuntimeInSeconds"] >= 0

    # And every trial is a training job named as SageMaker names them, with its parameters
    trials = await in_thread(all_trials, sagemaker, "bayes", MaxResults=2)
    assert len(trials) == 5
    names = sorted(trial["TrainingJobName"] for trial in trials)
    for number, name in enumerate(names, start=1):
        assert re.fullmatch(rf"bayes-{number:03d}-[0-9a-f]{{8}}", name)
    for trial in trials:
        assert trial["TrainingJobStatus"] == "Completed"
        assert trial["ObjectiveStatus"] == "Succeeded"
        assert all(_in_range(key, value) for key, value in trial["TunedHyperParameters"].items())
        assert set(trial["TunedHyperParameters"]) == {"x", "depth", "kind"}

    # And the best is the trial with the highest final objective
    best = max(trials, key=lambda t: t["FinalHyperParameterTuningJobObjectiveMetric"]["Value"])
    assert described["BestTrainingJob"]["TrainingJobName"] == best["TrainingJobName"]
    assert described["BestTrainingJob"]["FinalHyperParameterTuningJobObjectiveMetric"] == {
        "Type": "Maximize",
        "MetricName": "score",
        "Value": best["FinalHyperParameterTuningJobObjectiveMetric"]["Value"],
    }

    # And a trial's own description names its tuning job and the objective hyperparameter
    trial = await in_thread(sagemaker.describe_training_job, TrainingJobName=names[0])
    assert trial["TuningJobArn"] == created["HyperParameterTuningJobArn"]
    assert trial["HyperParameters"]["_tuning_objective_metric"] == "score"
    tuned = next(t for t in trials if t["TrainingJobName"] == names[0])["TunedHyperParameters"]
    assert {key: trial["HyperParameters"][key] for key in tuned} == tuned

    # And never more than MaxParallelTrainingJobs ran at once
    spans = []
    for name in names:
        job = await in_thread(sagemaker.describe_training_job, TrainingJobName=name)
        spans.append((job["CreationTime"], job["TrainingEndTime"]))
    for moment, _ in spans:
        assert sum(1 for start, end in spans if start <= moment < end) <= 2

    # And the tuning job is an experiment whose runs are its trials
    context = services.server_context()
    experiment = services.experiments.experiment_by_name(context, "bayes")
    assert experiment is not None
    runs, _ = services.experiments.search_runs(context, [experiment.experiment_id])
    assert sorted(run.name for run in runs) == names
    assert all(run.params["x"] and "_tuning_objective_metric" not in run.params for run in runs)

    # And the listing sorts by the final objective and filters by status
    ordered = await in_thread(
        all_trials, sagemaker, "bayes", SortBy="FinalObjectiveMetricValue", SortOrder="Descending"
    )
    values = [t["FinalHyperParameterTuningJobObjectiveMetric"]["Value"] for t in ordered]
    assert values == sorted(values, reverse=True)
    assert await in_thread(all_trials, sagemaker, "bayes", StatusEquals="Failed") == []


async def test_random_search_with_a_seed_gives_the_same_trials_again(sagemaker, code):
    # Given two random searches with the same seed, over linear and reverse-logarithmic ranges
    space = ranges(
        continuous=[
            {
                "Name": "x",
                "MinValue": "0.01",
                "MaxValue": "0.99",
                "ScalingType": "ReverseLogarithmic",
            },
            {"Name": "pause", "MinValue": "0", "MaxValue": "0.01", "ScalingType": "Linear"},
        ],
        integer=[
            {"Name": "depth", "MinValue": "1", "MaxValue": "1000", "ScalingType": "Logarithmic"}
        ],
    )
    for name in ("seeded-a", "seeded-b"):
        request = tuning_request(
            name, code, max_jobs=3, parallel=3, parameter_ranges=space, seed=42
        )
        await in_thread(sagemaker.create_hyper_parameter_tuning_job, **request)
    first = await in_thread(wait_for_tuning, sagemaker, "seeded-a")
    second = await in_thread(wait_for_tuning, sagemaker, "seeded-b")
    assert (
        first["HyperParameterTuningJobStatus"]
        == second["HyperParameterTuningJobStatus"]
        == "Completed"
    )

    # Then trial N of one got the same values as trial N of the other, inside the ranges
    def by_number(name):
        trials = all_trials(sagemaker, name)
        return [
            t["TunedHyperParameters"] for t in sorted(trials, key=lambda t: t["TrainingJobName"])
        ]

    a, b = await in_thread(by_number, "seeded-a"), await in_thread(by_number, "seeded-b")
    assert a == b and len(a) == 3
    for values in a:
        assert 0.01 <= float(values["x"]) <= 0.99
        assert 0 <= float(values["pause"]) <= 0.01
        assert 1 <= int(values["depth"]) <= 1000


async def test_grid_search_runs_every_combination_once(sagemaker, code):
    # Given categorical ranges only, and no MaxNumberOfTrainingJobs (as the SDK sends Grid)
    space = ranges(
        categorical=[
            {"Name": "kind", "Values": ["good", "bad"]},
            {"Name": "depth", "Values": ["3", "5", "7"]},
        ]
    )
    request = tuning_request(
        "grid", code, strategy="Grid", max_jobs=None, parallel=3, parameter_ranges=space, seed=None
    )
    await in_thread(sagemaker.create_hyper_parameter_tuning_job, **request)
    described = await in_thread(wait_for_tuning, sagemaker, "grid")

    # Then the job count is the grid's size, each combination ran once, and the best is right
    assert described["HyperParameterTuningJobStatus"] == "Completed", described
    assert (
        described["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxNumberOfTrainingJobs"] == 6
    )
    trials = await in_thread(all_trials, sagemaker, "grid")
    combos = sorted(
        (t["TunedHyperParameters"]["kind"], t["TunedHyperParameters"]["depth"]) for t in trials
    )
    assert combos == sorted((k, d) for k in ("good", "bad") for d in ("3", "5", "7"))
    assert described["BestTrainingJob"]["TunedHyperParameters"] == {"kind": "good", "depth": "5"}


async def test_hyperband_stops_weak_trials_and_ends_the_rest_at_max_resource(sagemaker, code):
    # Given Hyperband between 1 and 6 epochs, with MaxResource read from the static epochs
    request = tuning_request(
        "hyperband",
        code,
        strategy="Hyperband",
        max_jobs=6,
        parallel=2,
        seed=3,
        static={"epochs": "6", "pause": "0.25"},
        StrategyConfig={"HyperbandStrategyConfig": {"MinResource": 1}},
    )
    await in_thread(sagemaker.create_hyper_parameter_tuning_job, **request)
    described = await in_thread(wait_for_tuning, sagemaker, "hyperband")
    assert described["HyperParameterTuningJobStatus"] == "Completed", described
    trials = await in_thread(all_trials, sagemaker, "hyperband")
    assert len(trials) == 6
    # Then trials Hyperband ended are Stopped (at a rung, or at MaxResource), with the reason
    stopped = [t for t in trials if t["TrainingJobStatus"] == "Stopped"]
    assert stopped
    for trial in stopped:
        job = await in_thread(
            sagemaker.describe_training_job, TrainingJobName=trial["TrainingJobName"]
        )
        messages = " ".join(
            item.get("StatusMessage", "") for item in job["SecondaryStatusTransitions"]
        )
        assert "Hyperband" in messages or "MaxResource" in messages
    assert described["TrainingJobStatusCounters"]["Stopped"] == len(stopped)
    assert described["BestTrainingJob"]["TrainingJobName"] in {t["TrainingJobName"] for t in trials}


async def test_auto_early_stopping_stops_trials_worse_than_the_median(sagemaker, code):
    # Given early stopping, slow epochs and a categorical choice that makes some trials bad (all
    # good trials report the same series, so only a bad one is ever below the median)
    request = tuning_request(
        "early",
        code,
        max_jobs=8,
        parallel=2,
        seed=11,
        parameter_ranges=ranges(categorical=[{"Name": "kind", "Values": ["good", "bad"]}]),
        static={"epochs": "8", "pause": "0.3"},
        TrainingJobEarlyStoppingType="Auto",
    )
    await in_thread(sagemaker.create_hyper_parameter_tuning_job, **request)
    described = await in_thread(wait_for_tuning, sagemaker, "early")
    assert described["HyperParameterTuningJobStatus"] == "Completed", described
    trials = await in_thread(all_trials, sagemaker, "early")
    stopped = [t for t in trials if t["TrainingJobStatus"] == "Stopped"]
    # Then some bad trials were stopped early, counted as Stopped, with the rule's reason
    assert stopped, [t["TunedHyperParameters"] for t in trials]
    assert described["TrainingJobStatusCounters"]["Stopped"] == len(stopped)
    for trial in stopped:
        job = await in_thread(
            sagemaker.describe_training_job, TrainingJobName=trial["TrainingJobName"]
        )
        messages = [item.get("StatusMessage", "") for item in job["SecondaryStatusTransitions"]]
        assert trial["TunedHyperParameters"]["kind"] == "bad", (trial, messages)
        assert any("median" in message for message in messages), messages
    assert described["BestTrainingJob"]["TunedHyperParameters"]["kind"] == "good"


async def test_completion_criteria_end_the_tuning_job_early(sagemaker, code):
    # Given a target objective the first good trial reaches
    request = tuning_request(
        "target",
        code,
        max_jobs=30,
        parallel=1,
        seed=5,
        parameter_ranges=ranges(
            categorical=[{"Name": "kind", "Values": ["good", "bad"]}],
            continuous=[{"Name": "x", "MinValue": "0.02", "MaxValue": "0.05"}],
        ),
        TuningJobCompletionCriteria={"TargetObjectiveMetricValue": 0.5},
    )
    await in_thread(sagemaker.create_hyper_parameter_tuning_job, **request)
    described = await in_thread(wait_for_tuning, sagemaker, "target")
    # Then it completed as soon as a trial reached it, well within its budget
    assert described["HyperParameterTuningJobStatus"] == "Completed"
    trials = await in_thread(all_trials, sagemaker, "target")
    assert len(trials) < 30
    assert (
        described["BestTrainingJob"]["FinalHyperParameterTuningJobObjectiveMetric"]["Value"] >= 0.5
    )

    # And BestObjectiveNotImproving ends a search that stopped improving
    request = tuning_request(
        "flat",
        code,
        max_jobs=30,
        parallel=1,
        seed=5,
        parameter_ranges=ranges(categorical=[{"Name": "kind", "Values": ["bad"]}]),
        TuningJobCompletionCriteria={
            "BestObjectiveNotImproving": {"MaxNumberOfTrainingJobsNotImproving": 3}
        },
    )
    await in_thread(sagemaker.create_hyper_parameter_tuning_job, **request)
    described = await in_thread(wait_for_tuning, sagemaker, "flat")
    assert described["HyperParameterTuningJobStatus"] == "Completed"
    assert len(await in_thread(all_trials, sagemaker, "flat")) == 4
    assert described["TuningJobCompletionDetails"]["NumberOfTrainingJobsObjectiveNotImproving"] == 3


async def test_stop_ends_running_trials_and_keeps_every_result(sagemaker, code):
    # Given a tuning job whose trials take a while
    request = tuning_request(
        "halt", code, max_jobs=6, parallel=2, static={"epochs": "100", "pause": "0.1"}
    )
    await in_thread(sagemaker.create_hyper_parameter_tuning_job, **request)

    def two_running():
        trials = all_trials(sagemaker, "halt")
        return len(trials) == 2 and all(t["TrainingJobStatus"] == "InProgress" for t in trials)

    from .tuning_helpers import wait_until

    await in_thread(wait_until, two_running, 60, "two trials running")
    # When it is stopped
    await in_thread(sagemaker.stop_hyper_parameter_tuning_job, HyperParameterTuningJobName="halt")
    described = await in_thread(wait_for_tuning, sagemaker, "halt")
    # Then it is Stopped, its running trials were stopped, and nothing else was launched
    assert described["HyperParameterTuningJobStatus"] == "Stopped"
    trials = await in_thread(all_trials, sagemaker, "halt")
    assert len(trials) == 2
    assert {t["TrainingJobStatus"] for t in trials} == {"Stopped"}
    assert described["TrainingJobStatusCounters"]["Stopped"] == 2
    # And stopping it again is refused as SageMaker refuses it
    with pytest.raises(sagemaker.exceptions.ClientError, match="Stopped"):
        await in_thread(
            sagemaker.stop_hyper_parameter_tuning_job, HyperParameterTuningJobName="halt"
        )


async def test_failed_trials_are_recorded_and_a_tuning_job_of_failures_fails(sagemaker, code):
    # Given a search where one value of a categorical makes the script fail
    request = tuning_request(
        "mixed",
        code,
        max_jobs=6,
        parallel=2,
        seed=1,
        parameter_ranges=ranges(
            categorical=[{"Name": "kind", "Values": ["good", "crash"]}],
            continuous=[{"Name": "x", "MinValue": "0.01", "MaxValue": "0.1"}],
        ),
    )
    await in_thread(sagemaker.create_hyper_parameter_tuning_job, **request)
    described = await in_thread(wait_for_tuning, sagemaker, "mixed")
    # Then the tuning went on, counting failures as client errors
    assert described["HyperParameterTuningJobStatus"] == "Completed"
    counters = described["TrainingJobStatusCounters"]
    assert counters["Completed"] + counters["NonRetryableError"] == 6
    assert counters["NonRetryableError"] == described["ObjectiveStatusCounters"]["Failed"] > 0
    failed = await in_thread(all_trials, sagemaker, "mixed", StatusEquals="Failed")
    assert all("cannot train" in t["FailureReason"] for t in failed)

    # And a tuning job whose every trial fails with the same client error fails
    request = tuning_request(
        "doomed",
        code,
        max_jobs=10,
        parallel=1,
        parameter_ranges=ranges(categorical=[{"Name": "kind", "Values": ["crash"]}]),
    )
    await in_thread(sagemaker.create_hyper_parameter_tuning_job, **request)
    described = await in_thread(wait_for_tuning, sagemaker, "doomed")
    assert described["HyperParameterTuningJobStatus"] == "Failed"
    assert "cannot train" in described["FailureReason"]
    assert len(await in_thread(all_trials, sagemaker, "doomed")) == 3


async def test_warm_start_learns_from_parents(sagemaker, code):
    # Given a finished parent
    await in_thread(
        sagemaker.create_hyper_parameter_tuning_job,
        **tuning_request("parent", code, max_jobs=3, parallel=3),
    )
    parent = await in_thread(wait_for_tuning, sagemaker, "parent")
    assert parent["HyperParameterTuningJobStatus"] == "Completed"

    # When a child warm-starts from it with the same data and algorithm
    child = tuning_request("child", code, strategy="Bayesian", max_jobs=2, parallel=1)
    child["WarmStartConfig"] = {
        "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": "parent"}],
        "WarmStartType": "IdenticalDataAndAlgorithm",
    }
    await in_thread(sagemaker.create_hyper_parameter_tuning_job, **child)
    described = await in_thread(wait_for_tuning, sagemaker, "child")
    # Then the overall best is the best over the child and its parent
    assert described["HyperParameterTuningJobStatus"] == "Completed"
    assert described["WarmStartConfig"]["WarmStartType"] == "IdenticalDataAndAlgorithm"
    everything = await in_thread(all_trials, sagemaker, "parent") + await in_thread(
        all_trials, sagemaker, "child"
    )
    top = max(everything, key=lambda t: t["FinalHyperParameterTuningJobObjectiveMetric"]["Value"])
    assert described["OverallBestTrainingJob"]["TrainingJobName"] == top["TrainingJobName"]

    # And transfer learning accepts other ranges, and a parent that has not ended is refused
    transfer = tuning_request(
        "transfer",
        code,
        max_jobs=1,
        parallel=1,
        parameter_ranges=ranges(
            continuous=[{"Name": "x", "MinValue": "0.01", "MaxValue": "0.5"}],
            integer=[{"Name": "depth", "MinValue": "3", "MaxValue": "6"}],
        ),
        static={"kind": "good"},
    )
    transfer["WarmStartConfig"] = {
        "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": "parent"}],
        "WarmStartType": "TransferLearning",
    }
    await in_thread(sagemaker.create_hyper_parameter_tuning_job, **transfer)
    described = await in_thread(wait_for_tuning, sagemaker, "transfer")
    assert described["HyperParameterTuningJobStatus"] == "Completed"
    assert "OverallBestTrainingJob" not in described


def test_reverse_logarithmic_values_crowd_towards_one():
    from jupyterlab_mlstudio.tuning.models import ParameterRanges
    from jupyterlab_mlstudio.tuning.space import parameters

    (parameter,) = parameters(
        ParameterRanges.model_validate(
            {
                "ContinuousParameterRanges": [
                    {
                        "Name": "m",
                        "MinValue": "0.5",
                        "MaxValue": "0.999",
                        "ScalingType": "ReverseLogarithmic",
                    }
                ]
            }
        ),
        "ParameterRanges",
    )
    distribution = parameter.distribution()
    # The study samples 1 - m logarithmically: half its range lies above the geometric midpoint
    middle = math.sqrt(distribution.low * distribution.high)
    assert float(parameter.hyperparameter(middle)) > 0.97
    assert parameter.study_value(parameter.hyperparameter(0.25)) == pytest.approx(0.25)
    assert DEFAULT_RANGES["ContinuousParameterRanges"][0]["ScalingType"] == "Logarithmic"
