"""Tuning-job operations of the AWS face (SageMaker's wire names and shapes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..aws.registry import Action
from ..core.context import RequestContext
from .models import CreateTuningJobRequest, TrialQuery, TuningJobDetail, TuningJobQuery

if TYPE_CHECKING:
    from ..services import Services

RESOURCE = "mlstudio:tuning"
#: Statuses SageMaker has that no tuning job or trial here reaches.
_NEVER = ("Deleting", "DeleteFailed")


def create_hyper_parameter_tuning_job(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``CreateHyperParameterTuningJob``: checked by SageMaker's rules, recorded, started."""
    request = CreateTuningJobRequest.from_aws(params)
    return {"HyperParameterTuningJobArn": services.tuning.create(context, request)}


def describe_hyper_parameter_tuning_job(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``DescribeHyperParameterTuningJob``; a missing job is ResourceNotFound."""
    detail = services.tuning.describe(context, params["HyperParameterTuningJobName"])
    return detail.model_dump(by_alias=True, exclude_none=True, include=TuningJobDetail.aws_fields())


def list_hyper_parameter_tuning_jobs(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``ListHyperParameterTuningJobs``: name and status filters, times, sort, paging."""
    if params.get("StatusEquals") in _NEVER:
        return {"HyperParameterTuningJobSummaries": []}
    page = services.tuning.list(context, TuningJobQuery.from_aws(params))
    return page.model_dump(by_alias=True, exclude_none=True)


def stop_hyper_parameter_tuning_job(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``StopHyperParameterTuningJob``: its running trials are stopped, results kept."""
    services.tuning.stop(context, params["HyperParameterTuningJobName"])
    return {}


def list_training_jobs_for_hyper_parameter_tuning_job(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``ListTrainingJobsForHyperParameterTuningJob``: the trials, sorted, filtered, paged."""
    name = params.pop("HyperParameterTuningJobName")
    if params.get("StatusEquals") == "Deleting":
        return {"TrainingJobSummaries": []}
    page = services.tuning.trials(context, name, TrialQuery.from_aws(params))
    return page.model_dump(by_alias=True, exclude_none=True)


ACTIONS = [
    Action(
        "sagemaker",
        "CreateHyperParameterTuningJob",
        create_hyper_parameter_tuning_job,
        RESOURCE,
        "write",
    ),
    Action(
        "sagemaker",
        "DescribeHyperParameterTuningJob",
        describe_hyper_parameter_tuning_job,
        RESOURCE,
        "read",
    ),
    Action(
        "sagemaker",
        "ListHyperParameterTuningJobs",
        list_hyper_parameter_tuning_jobs,
        RESOURCE,
        "read",
    ),
    Action(
        "sagemaker",
        "StopHyperParameterTuningJob",
        stop_hyper_parameter_tuning_job,
        RESOURCE,
        "write",
    ),
    Action(
        "sagemaker",
        "ListTrainingJobsForHyperParameterTuningJob",
        list_training_jobs_for_hyper_parameter_tuning_job,
        RESOURCE,
        "read",
    ),
]
