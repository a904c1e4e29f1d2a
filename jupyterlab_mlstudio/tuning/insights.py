"""What the tuning view and the Python client show: the trials as a table, and which
parameters mattered (Optuna's importance evaluators over the completed trials)."""

from __future__ import annotations

import logging
import math

from pydantic import Field

from ..core.models import ApiModel
from .plan import Plan
from .reads import Trial

log = logging.getLogger(__name__)

#: Importances need at least this many completed trials to mean anything.
MIN_TRIALS_FOR_IMPORTANCE = 4


class TrialRow(ApiModel):
    """One trial, for tables and charts."""

    number: int
    training_job_name: str
    definition_name: str | None = None
    status: str = Field(description="The training job's TrainingJobStatus")
    secondary_status: str
    objective: float | None = None
    objective_status: str
    hyperparameters: dict[str, str]
    creation_time: int
    start_time: int | None = None
    end_time: int | None = None
    duration_seconds: float | None = None
    run_id: str | None = None
    reason: str | None = Field(default=None, description="Why it failed or was stopped early")


class SearchedParameter(ApiModel):
    name: str
    kind: str = Field(description="continuous, integer or categorical")
    scale: str | None = None
    min: float | None = None
    max: float | None = None
    values: list[str] | None = None


class TrialTable(ApiModel):
    """``GET /tuning-jobs/{name}/trials``: every trial, by number."""

    objective_metric: str
    objective_type: str
    parameters: list[SearchedParameter]
    trials: list[TrialRow]


class Importances(ApiModel):
    """``GET /tuning-jobs/{name}/importances``: each parameter's share of the objective's
    variation (sums to 1), by Optuna's default evaluator; empty with too few trials."""

    evaluator: str
    completed_trials: int
    importances: dict[str, float]


def table(plan: Plan, trials: list[Trial]) -> TrialTable:
    rows = []
    for trial in trials:
        job = trial.job
        start = job.training_start_time if job else None
        end = job.training_end_time if job else None
        rows.append(
            TrialRow(
                number=trial.row.number,
                training_job_name=trial.row.training_job_name,
                definition_name=trial.row.definition_name,
                status=trial.status,
                secondary_status=trial.secondary,
                objective=trial.row.objective,
                objective_status=trial.objective_status().value,
                hyperparameters={k: str(v) for k, v in trial.row.hyperparameters.items()},
                creation_time=job.creation_time if job else trial.row.creation_time,
                start_time=start,
                end_time=end,
                duration_seconds=(end - start) / 1000 if start and end else None,
                run_id=job.run_id if job else None,
                reason=trial.row.stop_reason or trial.failure_reason,
            )
        )
    seen: dict[str, SearchedParameter] = {}
    for definition in plan.space.definitions:
        for parameter in definition.parameters:
            seen.setdefault(parameter.name, SearchedParameter(**parameter.describe()))
    return TrialTable(
        objective_metric=plan.objectives[0].metric_name,
        objective_type=plan.objectives[0].type,
        parameters=list(seen.values()),
        trials=rows,
    )


def importances(plan: Plan, trials: list[Trial]) -> Importances:
    """Parameter importances over the completed trials, in the hyperparameters' own terms."""
    import optuna
    from optuna.trial import create_trial

    done = [t for t in trials if t.row.outcome == "COMPLETE" and t.row.objective is not None]
    evaluator = "PedAnovaImportanceEvaluator"
    if len(done) < MIN_TRIALS_FOR_IMPORTANCE:
        return Importances(evaluator=evaluator, completed_trials=len(done), importances={})
    parameters = {
        parameter.name: parameter
        for definition in plan.space.definitions
        for parameter in definition.parameters
    }
    distributions = {name: parameter.distribution() for name, parameter in parameters.items()}
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="maximize" if plan.maximize else "minimize")
    for trial in done:
        params = {}
        for name, text in trial.row.hyperparameters.items():
            if name in parameters:
                value = parameters[name].study_value(str(text))
                if value is not None:
                    params[name] = value
        study.add_trial(
            create_trial(
                value=trial.row.objective,
                params=params,
                distributions={name: distributions[name] for name in params},
            )
        )
    try:
        found = optuna.importance.get_param_importances(study)
    except (RuntimeError, ValueError) as error:  # e.g. every trial got the same values
        log.info("No parameter importances for this search: %s", error)
        found = {}
    cleaned = {name: float(value) for name, value in found.items() if math.isfinite(float(value))}
    return Importances(evaluator=evaluator, completed_trials=len(done), importances=cleaned)
