"""Warm starts: a tuning job that begins with what up to five earlier tuning jobs learnt.

SageMaker's rules, checked at creation: the parents exist and have ended, the objective metric
is the same, and the number of static plus tuned hyperparameters is the parents'.
``IdenticalDataAndAlgorithm`` also needs the same training image and input data (ranges and
limits may change, and a hyperparameter may move between static and tuned); ``TransferLearning``
lets data, image and ranges differ.

The study starts with the parents' finished trials whose values fit the new ranges (a parent's
static value counts for a hyperparameter that is tuned now). ``OverallBestTrainingJob`` (only
for ``IdenticalDataAndAlgorithm``) is the best over this job and its parents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.context import RequestContext, visible
from ..core.errors import InvalidInput
from .models import CreateTuningJobRequest
from .orm import TuningJobRecord, TuningTrialRecord
from .plan import OBJECTIVE_HYPERPARAMETER, Plan
from .space import DEFINITION_PARAM

if TYPE_CHECKING:
    from .search import PastTrial, Search

ENDED = ("Completed", "Stopped", "Failed")


def parents(session: Session, context: RequestContext, plan: Plan) -> list[TuningJobRecord]:
    config = plan.request.warm_start_config
    if config is None:
        return []
    names = [
        item.hyper_parameter_tuning_job_name for item in config.parent_hyper_parameter_tuning_jobs
    ]
    rows = session.scalars(
        select(TuningJobRecord).where(
            visible(TuningJobRecord, context), TuningJobRecord.name.in_(names)
        )
    ).all()
    by_name = {row.name: row for row in rows}
    return [by_name[name] for name in names if name in by_name]


def check(session: Session, context: RequestContext, plan: Plan) -> None:
    """Refuse a warm start SageMaker would refuse, naming the parent's field."""
    config = plan.request.warm_start_config
    if config is None:
        return
    found = {row.name: row for row in parents(session, context, plan)}
    mine = _hyperparameter_names(plan)
    for index, item in enumerate(config.parent_hyper_parameter_tuning_jobs):
        field = (
            f"WarmStartConfig.ParentHyperParameterTuningJobs.{index}.HyperParameterTuningJobName"
        )
        name = item.hyper_parameter_tuning_job_name
        if name == plan.request.hyper_parameter_tuning_job_name:
            raise InvalidInput("A tuning job cannot be its own parent", field=field)
        parent = found.get(name)
        if parent is None:
            raise InvalidInput(f"Parent tuning job {name} does not exist", field=field)
        if parent.status not in ENDED:
            raise InvalidInput(
                f"Parent tuning job {name} is {parent.status}; a parent must have ended",
                field=field,
            )
        theirs = Plan.read(
            CreateTuningJobRequest.model_validate(parent.request, context={"aws": True})
        )
        if theirs.objectives[0].metric_name != plan.objectives[0].metric_name:
            raise InvalidInput(
                f"The objective metric ({plan.objectives[0].metric_name}) must be the parent "
                f"{name}'s ({theirs.objectives[0].metric_name})",
                field=field,
            )
        if len(_hyperparameter_names(theirs)) != len(mine):
            raise InvalidInput(
                f"The number of static and tuned hyperparameters ({len(mine)}) must be the "
                f"parent {name}'s ({len(_hyperparameter_names(theirs))})",
                field=field,
            )
        if config.warm_start_type == "IdenticalDataAndAlgorithm":
            _check_identical(plan, theirs, name, field)


def _hyperparameter_names(plan: Plan) -> set[str]:
    definition = plan.definitions[0]
    static = {
        key
        for key in definition.static_hyper_parameters
        if not key.startswith("sagemaker_") and key != OBJECTIVE_HYPERPARAMETER
    }
    return static | {parameter.name for parameter in plan.space.definitions[0].parameters}


def _check_identical(plan: Plan, theirs: Plan, name: str, field: str) -> None:
    mine, other = plan.definitions[0], theirs.definitions[0]
    if mine.algorithm_specification.training_image != other.algorithm_specification.training_image:
        raise InvalidInput(
            f"IdenticalDataAndAlgorithm needs the parent {name}'s training image "
            f"({other.algorithm_specification.training_image}); use TransferLearning otherwise",
            field=field,
        )

    def data(definition: Any) -> list[tuple[str, str]]:
        return sorted(
            (channel.channel_name, channel.data_source.s3_data_source.s3_uri)
            for channel in definition.input_data_config
        )

    if data(mine) != data(other):
        raise InvalidInput(
            f"IdenticalDataAndAlgorithm needs the parent {name}'s input data; use "
            "TransferLearning otherwise",
            field=field,
        )


def parent_trials(
    session: Session, context: RequestContext, plan: Plan, search: Search
) -> list[PastTrial]:
    """The parents' finished trials, in the new study's terms (those that fit its ranges)."""
    from .search import PastTrial

    found: list[PastTrial] = []
    for parent in parents(session, context, plan):
        theirs = Plan.read(
            CreateTuningJobRequest.model_validate(parent.request, context={"aws": True})
        )
        static = {
            key: value for key, value in theirs.definitions[0].static_hyper_parameters.items()
        }
        rows = session.scalars(
            select(TuningTrialRecord)
            .where(
                TuningTrialRecord.tuning_job_id == parent.id,
                TuningTrialRecord.outcome.in_(("COMPLETE", "PRUNED")),
            )
            .order_by(TuningTrialRecord.number)
        ).all()
        for row in rows:
            params = _params(plan, search, {**static, **row.hyperparameters})
            if params is None:
                continue
            found.append(
                PastTrial(
                    number=0,
                    params=params,
                    outcome=row.outcome,
                    value=row.objective,
                    intermediate={int(k): float(v) for k, v in (row.intermediate or {}).items()},
                )
            )
    return found


def _params(plan: Plan, search: Search, values: dict[str, Any]) -> dict[str, Any] | None:
    for definition in plan.space.definitions:
        params: dict[str, Any] = {}
        for parameter in definition.parameters:
            text = values.get(parameter.name)
            value = None if text is None else parameter.study_value(str(text))
            if value is None:
                break
            params[parameter.key] = value
        else:
            if plan.space.several:
                params[DEFINITION_PARAM] = definition.name
            if search.grid is not None:
                if params not in search.grid:
                    return None
                return {"combination": search.grid.index(params)}
            return params
    return None
