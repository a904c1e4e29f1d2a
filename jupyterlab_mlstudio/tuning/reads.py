"""Reading trials: each trial row with its training job's record, summaries and counters.

A trial's status, times and failure are its training job's (read here, never written); what the
tuner learnt (objective, outcome) is the trial row's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ..core.clock import ms_to_datetime
from ..core.context import RequestContext, visible
from ..core.paging import decode_token, encode_token
from ..training.models import TrainingJobStatus
from ..training.orm import TrainingJobRecord
from .models import (
    FinalObjective,
    ObjectiveCounters,
    ObjectiveStatus,
    SortOrder,
    StatusCounters,
    TrialPage,
    TrialQuery,
    TrialSortBy,
    TrialSummary,
)
from .orm import TuningJobRecord, TuningTrialRecord

#: A trial recorded but not yet created as a training job reads as this status.
NOT_LAUNCHED = TrainingJobStatus.IN_PROGRESS.value


@dataclass
class Trial:
    """A trial row with its training job's record (None until it is created)."""

    row: TuningTrialRecord
    job: TrainingJobRecord | None

    @property
    def status(self) -> str:
        if self.job is not None:
            return self.job.status
        # A trial whose training job could not be created failed; one not created yet runs.
        return "Failed" if self.row.outcome == "FAIL" else NOT_LAUNCHED

    @property
    def secondary(self) -> str:
        return self.job.secondary_status if self.job is not None else "Starting"

    @property
    def ended(self) -> bool:
        return self.status in ("Completed", "Failed", "Stopped")

    @property
    def failure_reason(self) -> str | None:
        return self.job.failure_reason if self.job is not None else self.row.stop_reason

    def final_metric(self, name: str) -> float | None:
        if self.job is None:
            return None
        for item in self.job.final_metrics or []:
            if item.get("MetricName") == name:
                return float(item["Value"])
        return None

    def objective_status(self) -> ObjectiveStatus:
        if self.row.outcome is None:
            return ObjectiveStatus.PENDING
        if self.row.objective is not None:
            return ObjectiveStatus.SUCCEEDED
        return ObjectiveStatus.FAILED

    def client_error(self) -> bool:
        """Failed through the request's or the algorithm's fault (not retryable)."""
        reason = self.failure_reason or ""
        return self.status == "Failed" and not reason.startswith("InternalServerError")


def _joined() -> Any:
    return select(TuningTrialRecord, TrainingJobRecord).outerjoin(
        TrainingJobRecord,
        and_(
            TrainingJobRecord.domain == TuningTrialRecord.domain,
            TrainingJobRecord.name == TuningTrialRecord.training_job_name,
        ),
    )


def trials_of(session: Session, tuning_job_id: int) -> list[Trial]:
    """Every trial of a tuning job, by number."""
    rows = session.execute(
        _joined()
        .where(TuningTrialRecord.tuning_job_id == tuning_job_id)
        .order_by(TuningTrialRecord.number)
    ).all()
    return [Trial(row, job) for row, job in rows]


def counters(trials: list[Trial]) -> tuple[StatusCounters, ObjectiveCounters]:
    """``TrainingJobStatusCounters`` and ``ObjectiveStatusCounters`` as SageMaker counts."""
    status = StatusCounters()
    objective = ObjectiveCounters()
    for trial in trials:
        if trial.status == "Completed":
            status.completed += 1
        elif trial.status == "Stopped":
            status.stopped += 1
        elif trial.status == "Failed":
            if trial.client_error():
                status.non_retryable_error += 1
            else:
                status.retryable_error += 1
        else:
            status.in_progress += 1
        match trial.objective_status():
            case ObjectiveStatus.SUCCEEDED:
                objective.succeeded += 1
            case ObjectiveStatus.PENDING:
                objective.pending += 1
            case _:
                objective.failed += 1
    return status, objective


def summary(
    trial: Trial, tuning: TuningJobRecord, metric: str, objective_type: Any
) -> TrialSummary:
    """``HyperParameterTrainingJobSummary`` of one trial."""
    row, job = trial.row, trial.job
    final = (
        FinalObjective(type=objective_type, metric_name=metric, value=row.objective)
        if row.objective is not None
        else None
    )
    arn_prefix = tuning.arn.split(":hyper-parameter-tuning-job/")[0]
    return TrialSummary(
        training_job_definition_name=row.definition_name,
        training_job_name=row.training_job_name,
        training_job_arn=job.arn if job else f"{arn_prefix}:training-job/{row.training_job_name}",
        tuning_job_name=tuning.name,
        creation_time=ms_to_datetime(job.creation_time if job else row.creation_time),
        training_start_time=ms_to_datetime(job.training_start_time if job else None),
        training_end_time=ms_to_datetime(job.training_end_time if job else None),
        training_job_status=TrainingJobStatus(trial.status),
        tuned_hyper_parameters={key: str(value) for key, value in row.hyperparameters.items()},
        failure_reason=trial.failure_reason,
        final_hyper_parameter_tuning_job_objective_metric=final,
        objective_status=trial.objective_status(),
    )


def best(trials: list[Trial], maximize: bool) -> Trial | None:
    """The best trial that completed (a trial Hyperband ran to MaxResource counts)."""
    done = [
        trial
        for trial in trials
        if trial.row.objective is not None
        and trial.row.outcome == "COMPLETE"
        and trial.status in ("Completed", "Stopped")
    ]
    if not done:
        return None
    key = (lambda t: t.row.objective) if maximize else (lambda t: -t.row.objective)
    return max(done, key=key)


def page_trials(
    session: Session,
    context: RequestContext,
    tuning: TuningJobRecord,
    query: TrialQuery,
    summarize: Any,
) -> TrialPage:
    """One page of ``ListTrainingJobsForHyperParameterTuningJob``. Sorted by the final
    objective, trials that reported none are left out, as on SageMaker."""
    status = func.coalesce(TrainingJobRecord.status, NOT_LAUNCHED)
    created = func.coalesce(TrainingJobRecord.creation_time, TuningTrialRecord.creation_time)
    columns = {
        TrialSortBy.NAME: TuningTrialRecord.training_job_name,
        TrialSortBy.CREATION_TIME: created,
        TrialSortBy.STATUS: status,
        TrialSortBy.FINAL_OBJECTIVE_METRIC_VALUE: TuningTrialRecord.objective,
    }
    column: Any = columns[query.sort_by]
    descending = query.sort_order == SortOrder.DESCENDING
    statement = _joined().where(
        TuningTrialRecord.tuning_job_id == tuning.id, visible(TuningTrialRecord, context)
    )
    if query.status_equals is not None:
        statement = statement.where(status == query.status_equals.value)
    if query.sort_by == TrialSortBy.FINAL_OBJECTIVE_METRIC_VALUE:
        statement = statement.where(TuningTrialRecord.objective.is_not(None))
    listing = {
        "tuning": tuning.name,
        **query.model_dump(mode="json", exclude={"next_token", "max_results"}),
    }
    position = decode_token(query.next_token, "NextToken", listing)
    if position is not None:
        after, last = position.get("k"), position.get("id")
        newer = column < after if descending else column > after
        tie = TuningTrialRecord.id < last if descending else TuningTrialRecord.id > last
        statement = statement.where(or_(newer, and_(column == after, tie)))
    order = (
        (column.desc(), TuningTrialRecord.id.desc())
        if descending
        else (column, TuningTrialRecord.id)
    )
    rows = session.execute(statement.order_by(*order).limit(query.max_results + 1)).all()
    token = None
    if len(rows) > query.max_results:
        rows = rows[: query.max_results]
        row, job = rows[-1]
        key = {
            TrialSortBy.NAME: row.training_job_name,
            TrialSortBy.CREATION_TIME: job.creation_time if job else row.creation_time,
            TrialSortBy.STATUS: job.status if job else NOT_LAUNCHED,
            TrialSortBy.FINAL_OBJECTIVE_METRIC_VALUE: row.objective,
        }[query.sort_by]
        token = encode_token({"k": key, "id": row.id}, listing)
    return TrialPage(
        training_job_summaries=[summarize(Trial(row, job)) for row, job in rows], next_token=token
    )
