"""Tuning-job logic: no Tornado, no wire formats; records in, SageMaker shapes out."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..core.clock import ms_to_datetime, now_ms
from ..core.context import RequestContext, visible
from ..core.errors import Conflict, IllegalTransition, MLStudioError, NotFound
from ..experiments.service import ExperimentService
from ..jobs.supervisor import JobSupervisor
from ..store import Database
from ..store.listing import job_filters, keyset_page
from ..training.service import TrainingJobService
from . import criteria, insights, warm
from .jobs import tuning_ref
from .models import (
    CompletionDetails,
    ConsumedResources,
    CreateTuningJobRequest,
    SortOrder,
    TrialPage,
    TrialQuery,
    TrialSummary,
    TuningJobDetail,
    TuningJobPage,
    TuningJobQuery,
    TuningJobSortBy,
    TuningJobSummary,
)
from .orm import TuningJobRecord
from .plan import OBJECTIVE_HYPERPARAMETER, Plan, resource_config
from .reads import Trial, best, counters, page_trials, summary, trials_of
from .states import MACHINE, STARTING_MESSAGE, TuningJobStatus

_SORT_COLUMNS = {
    TuningJobSortBy.NAME: TuningJobRecord.name,
    TuningJobSortBy.CREATION_TIME: TuningJobRecord.creation_time,
    TuningJobSortBy.STATUS: TuningJobRecord.status,
}


def _definition_field(problem: MLStudioError, field: str, tuning_resources: bool) -> str:
    """A training request's field, as the tuning request's definition names it."""
    inner = problem.field or ""
    if inner.startswith("HyperParameters."):
        inner = "StaticHyperParameters." + inner.removeprefix("HyperParameters.")
    if inner.startswith("ResourceConfig") and tuning_resources:
        inner = "HyperParameterTuningResourceConfig" + inner.removeprefix("ResourceConfig")
    return f"{field}.{inner}" if inner else field


class TuningJobService:
    """Creates, describes, lists and stops tuning jobs; the supervisor runs them."""

    def __init__(
        self,
        database: Database,
        *,
        supervisor: JobSupervisor,
        training: TrainingJobService,
        experiments: ExperimentService,
        region: str = "us-east-1",
        account: str = "000000000000",
    ) -> None:
        self.database = database
        self.supervisor = supervisor
        self.training = training
        self.experiments = experiments
        self.region = region
        self.account = account

    # -- create ----------------------------------------------------------------------------

    def _validate(self, context: RequestContext, request: CreateTuningJobRequest) -> Plan:
        plan = Plan.read(request)
        for definition, field in zip(plan.space.definitions, plan.fields, strict=True):
            source = plan.definitions[definition.index]
            # A trial with the first value of every range stands for them all: what training
            # refuses (image, instance type, capacity, data, code) does not depend on values.
            sample = {
                parameter.name: parameter.values[0]
                if parameter.kind == "categorical"
                else parameter.hyperparameter(parameter.low)
                for parameter in definition.parameters
            }
            name = f"{request.hyper_parameter_tuning_job_name}-001-00000000"
            trial = plan.trial_request(
                request.hyper_parameter_tuning_job_name, name, definition, sample
            )
            try:
                self.training.validate(context, trial)
            except MLStudioError as problem:
                where = _definition_field(
                    problem, field, source.hyper_parameter_tuning_resource_config is not None
                )
                problem.field = where
                raise
        with self.database.session() as session:
            warm.check(session, context, plan)
        return plan

    def create(self, context: RequestContext, request: CreateTuningJobRequest) -> str:
        """Check the request by SageMaker's rules, record the job and start its driver;
        returns its ARN. Nothing is created when the request is refused."""
        try:
            self._validate(context, request)
        except MLStudioError as problem:
            # Every refusal names its field, whichever face carries the message.
            if problem.field and problem.field not in problem.message:
                problem.message = f"{problem.field}: {problem.message}"
                problem.args = (problem.message,)
            raise
        name = request.hyper_parameter_tuning_job_name
        arn = f"arn:aws:sagemaker:{self.region}:{self.account}:hyper-parameter-tuning-job/{name}"
        config = request.hyper_parameter_tuning_job_config
        seed = config.random_seed if config.random_seed is not None else secrets.randbelow(2**31)
        now = now_ms()
        record = TuningJobRecord(
            name=name,
            arn=arn,
            creation_time=now,
            last_modified_time=now,
            request=request.model_dump(mode="json", by_alias=True, exclude_none=True),
            seed=seed,
            completion={},
            supervisor=self.supervisor.supervisor_id,
            domain=context.domain,
            space=context.space,
            owner=context.owner,
        )
        MACHINE.begin(record, STARTING_MESSAGE, at=now)
        try:
            with self.database.session() as session:
                session.add(record)
        except IntegrityError as error:
            raise Conflict(
                f"A hyperparameter tuning job named {name} already exists ({arn})",
                field="HyperParameterTuningJobName",
            ) from error
        # The tuning job is an experiment whose runs are its trials.
        self.experiments.ensure_experiment(context, name)
        self.supervisor.submit(tuning_ref(context, name))
        return arn

    # -- read ------------------------------------------------------------------------------

    def _get(self, context: RequestContext, name: str) -> TuningJobRecord:
        with self.database.session() as session:
            record = session.scalar(
                select(TuningJobRecord).where(
                    visible(TuningJobRecord, context), TuningJobRecord.name == name
                )
            )
            if record is None:
                raise NotFound(f"Requested resource not found: hyperparameter tuning job {name}")
            session.expunge(record)
            return record

    def _plan(self, record: TuningJobRecord) -> Plan:
        return Plan.read(
            CreateTuningJobRequest.model_validate(record.request, context={"aws": True})
        )

    def _summarizer(self, record: TuningJobRecord, plan: Plan) -> Any:
        def summarize(trial: Trial) -> TrialSummary:
            index = 0
            if plan.space.several:
                names = [definition.definition_name for definition in plan.definitions]
                index = names.index(trial.row.definition_name)
            objective = plan.objectives[index]
            return summary(trial, record, objective.metric_name, objective.type)

        return summarize

    def describe(self, context: RequestContext, name: str) -> TuningJobDetail:
        """``DescribeHyperParameterTuningJob``, current while the job runs."""
        record = self._get(context, name)
        plan = self._plan(record)
        with self.database.session() as session:
            trials = trials_of(session, record.id)
            parents = warm.parents(session, context, plan)
            parent_trials = {
                parent.name: (parent, trials_of(session, parent.id)) for parent in parents
            }
        summarize = self._summarizer(record, plan)
        status, objective = counters(trials)
        found = best(trials, plan.maximize)
        overall = None
        warm_config = plan.request.warm_start_config
        if warm_config is not None and warm_config.warm_start_type == "IdenticalDataAndAlgorithm":
            candidates = [(found, summarize)] if found else []
            for parent, rows in parent_trials.values():
                top = best(rows, plan.maximize)
                if top is not None:
                    candidates.append((top, self._summarizer(parent, self._plan(parent))))
            if candidates:
                sign = 1 if plan.maximize else -1
                chosen, maker = max(
                    candidates, key=lambda item: sign * (item[0].row.objective or 0)
                )
                overall = maker(chosen)
        config = plan.request.hyper_parameter_tuning_job_config
        given = config.tuning_job_completion_criteria
        progress = criteria.progress(
            trials,
            plan.maximize,
            None,
            bool(
                given
                and given.convergence_detected
                and given.convergence_detected.complete_on_convergence == "Enabled"
            ),
        )
        end = record.end_time
        return TuningJobDetail.model_validate(
            {
                "hyper_parameter_tuning_job_name": record.name,
                "hyper_parameter_tuning_job_arn": record.arn,
                "hyper_parameter_tuning_job_config": self._config_echo(plan),
                **self._definitions_echo(plan),
                "hyper_parameter_tuning_job_status": record.status,
                "creation_time": ms_to_datetime(record.creation_time),
                "hyper_parameter_tuning_end_time": ms_to_datetime(end),
                "last_modified_time": ms_to_datetime(record.last_modified_time),
                "training_job_status_counters": status,
                "objective_status_counters": objective,
                "best_training_job": summarize(found) if found else None,
                "overall_best_training_job": overall,
                "warm_start_config": warm_config,
                "failure_reason": record.failure_reason,
                "tuning_job_completion_details": CompletionDetails(
                    number_of_training_jobs_objective_not_improving=progress.not_improving,
                    convergence_detected_time=ms_to_datetime(progress.converged_at),
                ),
                "consumed_resources": ConsumedResources(
                    runtime_in_seconds=((end or now_ms()) - record.creation_time) // 1000
                ),
                "experiment_name": record.name,
                "trials_launched": len(trials),
                "max_trials": plan.budget,
            }
        )

    def _config_echo(self, plan: Plan) -> dict[str, Any]:
        """The config as given, with what SageMaker fills in: the job count (Grid's too), the
        early-stopping type, and all three range lists."""
        config = plan.request.hyper_parameter_tuning_job_config.model_copy(deep=True)
        config.resource_limits.max_number_of_training_jobs = plan.budget
        return config.model_dump(exclude_none=True)

    def _definitions_echo(self, plan: Plan) -> dict[str, Any]:
        echoed = []
        for definition, objective in zip(plan.definitions, plan.objectives, strict=True):
            copy = definition.model_copy(deep=True)
            copy.static_hyper_parameters = {
                **copy.static_hyper_parameters,
                OBJECTIVE_HYPERPARAMETER: objective.metric_name,
            }
            # The SDK's attach reads ResourceConfig even when it sent the tuning variant.
            copy.resource_config = resource_config(definition)
            if copy.output_data_config.kms_key_id is None:
                copy.output_data_config.kms_key_id = ""
            echoed.append(copy.model_dump(exclude_none=True))
        if plan.request.training_job_definitions is not None:
            return {"training_job_definitions": echoed}
        return {"training_job_definition": echoed[0]}

    def list(self, context: RequestContext, query: TuningJobQuery) -> TuningJobPage:
        """One page of ``ListHyperParameterTuningJobs``, filtered and ordered as asked."""
        record = TuningJobRecord
        rows, token = keyset_page(
            self.database,
            select(record).where(visible(record, context), *job_filters(record, query)),
            column=_SORT_COLUMNS[query.sort_by],
            id_column=record.id,
            descending=query.sort_order == SortOrder.DESCENDING,
            max_results=query.max_results,
            token=query.next_token,
            listing=query.model_dump(mode="json", exclude={"next_token", "max_results"}),
        )
        with self.database.session() as session:
            summaries = []
            for row in rows:
                status, objective = counters(trials_of(session, row.id))
                limits = row.request["HyperParameterTuningJobConfig"]["ResourceLimits"]
                summaries.append(
                    TuningJobSummary(
                        hyper_parameter_tuning_job_name=row.name,
                        hyper_parameter_tuning_job_arn=row.arn,
                        hyper_parameter_tuning_job_status=TuningJobStatus(row.status),
                        strategy=row.request["HyperParameterTuningJobConfig"]["Strategy"],
                        creation_time=ms_to_datetime(row.creation_time),
                        hyper_parameter_tuning_end_time=ms_to_datetime(row.end_time),
                        last_modified_time=ms_to_datetime(row.last_modified_time),
                        training_job_status_counters=status,
                        objective_status_counters=objective,
                        resource_limits=limits,
                    )
                )
        return TuningJobPage(hyper_parameter_tuning_job_summaries=summaries, next_token=token)

    def trials(self, context: RequestContext, name: str, query: TrialQuery) -> TrialPage:
        """One page of ``ListTrainingJobsForHyperParameterTuningJob``."""
        record = self._get(context, name)
        plan = self._plan(record)
        with self.database.session() as session:
            return page_trials(session, context, record, query, self._summarizer(record, plan))

    def table(self, context: RequestContext, name: str) -> insights.TrialTable:
        """Every trial as a row, for the tuning view and the Python client."""
        record = self._get(context, name)
        with self.database.session() as session:
            trials = trials_of(session, record.id)
        return insights.table(self._plan(record), trials)

    def importances(self, context: RequestContext, name: str) -> insights.Importances:
        """Which parameters mattered, over the completed trials."""
        record = self._get(context, name)
        with self.database.session() as session:
            trials = trials_of(session, record.id)
        return insights.importances(self._plan(record), trials)

    # -- stop ------------------------------------------------------------------------------

    def stop(self, context: RequestContext, name: str) -> None:
        """Stop the tuning job and its running trials; every result is kept."""
        record = self._get(context, name)
        if record.status != TuningJobStatus.IN_PROGRESS.value:
            raise IllegalTransition(
                f"The request was rejected because the tuning job is in status {record.status}."
            )
        self.supervisor.request_stop(
            tuning_ref(context, name), TuningJobStatus.STOPPING, "Stopping the tuning job"
        )
