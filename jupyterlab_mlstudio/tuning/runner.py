"""The tuning driver: one thread per tuning job, launching trials as training jobs.

Each turn of the loop reads the trials (rows and their training jobs' records), tells the study
about trials that ended, feeds running trials' per-epoch objective to the pruner (stopping a
trial it condemns), decides whether the tuning job ends (stop requested, a failure SageMaker
would fail on, a completion criterion, the budget spent) and otherwise launches trials while
fewer than MaxParallelTrainingJobs run and the host's capacity ledger fits one more.

A trial is recorded (number, parameters, name) before its training job is created, and the
training job's name derives from the row, so a restart at any point neither repeats a trial nor
loses one: a row without its training job gets it, a training job that exists is found.
"""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING, Any

from ..compute.capacity import Claim
from ..compute.models import GIB
from ..core.clock import now_ms
from ..core.errors import Conflict, IllegalTransition, MLStudioError, NotFound
from ..jobs.runner import JobRunner
from . import criteria
from .models import CreateTuningJobRequest
from .orm import TuningJobRecord, TuningTrialRecord
from .plan import Plan, trial_name
from .reads import Trial, trials_of
from .search import PastTrial, Search
from .states import TuningJobStatus as T
from .warm import parent_trials

if TYPE_CHECKING:
    from ..jobs.supervisor import JobRef, JobSupervisor
    from .jobs import TuningJobs

log = logging.getLogger(__name__)

#: Trials that must fail with a client error (and none succeed) before the tuning job fails.
FAIL_AFTER = 3


class TuningRunner(JobRunner):
    """Drives one tuning job from InProgress to Completed, Stopped or Failed."""

    def __init__(self, supervisor: JobSupervisor, kind: TuningJobs, ref: JobRef) -> None:
        super().__init__(supervisor, kind, ref)
        self.deps = kind.deps
        self.tuning_kind = kind
        self.stop_sent: set[str] = set()

    # -- the job ---------------------------------------------------------------------------

    def execute(self) -> None:
        record = self.record()
        if self.kind.machine.is_terminal(record):
            return
        self.tuning_kind.driving(self, True)
        try:
            self._drive(record)
        finally:
            self.tuning_kind.driving(self, False)

    def fail(self, reason: str) -> None:
        record = self.record()
        if self.kind.machine.is_terminal(record):
            return
        with self.deps.database.session() as session:
            trials = trials_of(session, record.id)
        self._stop_running(trials, "The tuning job failed")
        self.move(T.FAILED, "The tuning job failed", reason)

    def _drive(self, record: TuningJobRecord) -> None:
        request = CreateTuningJobRequest.model_validate(record.request, context={"aws": True})
        self.plan = plan = Plan.read(request)
        self.search = Search(plan, record.seed, record.name)
        with self.deps.database.session() as session:
            trials = trials_of(session, record.id)
            past = parent_trials(session, self.context, plan, self.search)
        past += [_past(trial) for trial in trials]
        self.search.rebuild(past)
        self.epochs = {trial.row.number: _epochs(trial.row.intermediate) for trial in trials}
        self.id = record.id
        while True:
            self.check_detached()
            record = self.record()
            with self.deps.database.session() as session:
                trials = trials_of(session, record.id)
            self._observe(trials)
            running = [trial for trial in trials if trial.row.outcome is None]
            ending = self._ending(record, trials)
            if ending is not None:
                to, message, reason = ending
                self._stop_running(running, message)
                if not running:
                    self.move(to, message, reason)
                    return
            else:
                self._launch(record, trials, running)
            self.pause(self._interval(record, running))

    def _interval(self, record: TuningJobRecord, running: list[Trial]) -> float:
        deps = self.deps
        interval = deps.idle_interval
        if running and (self.plan.early_stopping or self.plan.hyperband()):
            interval = deps.metric_interval
        limit = self.plan.config.resource_limits.max_runtime_in_seconds
        if limit:
            left = (record.creation_time + limit * 1000 - now_ms()) / 1000
            interval = max(0.05, min(interval, left))
        return interval

    # -- watching trials -------------------------------------------------------------------

    def _observe(self, trials: list[Trial]) -> None:
        for trial in trials:
            if trial.row.outcome is not None:
                continue
            if not trial.row.launched:
                continue
            if trial.job is None:  # launched, but the training job is gone (deleted)
                self._finish(trial, "FAIL", None, "The trial's training job no longer exists")
                continue
            watched = self.plan.early_stopping or self.plan.hyperband() is not None
            if watched and trial.job.run_id:
                self._feed_pruner(trial)
            if trial.ended:
                self._conclude(trial)

    def _metric(self, trial: Trial) -> str:
        definition, _ = self.search.hyperparameters(trial.row.params)
        return self.plan.objective_of(definition).metric_name

    def _feed_pruner(self, trial: Trial) -> None:
        assert trial.job is not None and trial.job.run_id
        try:
            points, _ = self.deps.experiments.metric_history(
                self.context, trial.job.run_id, self._metric(trial)
            )
        except NotFound:
            return
        number = trial.row.number
        seen = self.epochs.get(number, 0)
        verdict = None
        fresh = {}
        for point in points:
            epoch = point.step + 1
            if epoch <= seen:
                continue
            fresh[str(epoch)] = point.value
            seen = epoch
            verdict = self.search.report(number, epoch, point.value)
            if verdict:
                break
        if not fresh:
            return
        self.epochs[number] = seen
        attrs = self.search.system_attrs(number)

        def keep(row: TuningTrialRecord) -> None:
            row.intermediate = {**(row.intermediate or {}), **fresh}
            row.system_attrs = attrs
            if verdict and row.stop_reason is None:
                row.stop_reason = verdict

        self._write_trial(trial.row.id, keep)
        if verdict and not trial.ended and trial.row.stop_reason is None:
            self._stop_trial(trial, verdict)

    def _conclude(self, trial: Trial) -> None:
        """Tell the study how an ended trial went, and record it."""
        metric = self._metric(trial)
        value = trial.final_metric(metric)
        if value is None and trial.row.intermediate:
            value = trial.row.intermediate[max(trial.row.intermediate, key=int)]
        reason = trial.row.stop_reason or ""
        if trial.status == "Completed":
            outcome = "COMPLETE" if value is not None else "FAIL"
        elif trial.status == "Stopped":
            if value is None:
                outcome = "FAIL"
            elif reason.startswith("Reached MaxResource"):
                outcome = "COMPLETE"
            else:
                outcome = "PRUNED"
        else:
            outcome, value = "FAIL", None
        self._finish(trial, outcome, value, None)

    def _finish(self, trial: Trial, outcome: str, value: float | None, note: str | None) -> None:
        self.search.tell(trial.row.number, outcome, value)
        attrs = self.search.system_attrs(trial.row.number)
        moment = now_ms()

        def keep(row: TuningTrialRecord) -> None:
            row.outcome = outcome
            row.objective = value
            row.system_attrs = attrs
            row.end_time = moment
            if note:
                row.stop_reason = note

        self._write_trial(trial.row.id, keep)
        self._announce(f"Trial {trial.row.training_job_name} ended", trial.row.training_job_name)

    # -- ending ----------------------------------------------------------------------------

    def _ending(
        self, record: TuningJobRecord, trials: list[Trial]
    ) -> tuple[T, str, str | None] | None:
        """How the tuning job ends now, if it does: (status, message, failure reason)."""
        if record.status == T.STOPPING.value or self.stop_requested.is_set():
            return T.STOPPED, "The tuning job was stopped", None
        ended = [trial for trial in trials if trial.row.outcome is not None]
        succeeded = [trial for trial in ended if trial.row.objective is not None]
        failed = [trial for trial in ended if trial.client_error()]
        enough = len(failed) >= min(self.plan.budget, FAIL_AFTER)
        if not succeeded and enough and len(failed) == len(ended):
            last = failed[-1].failure_reason or "no reason given"
            return (
                T.FAILED,
                "The tuning job failed",
                f"ClientError: the first {len(failed)} training jobs failed: {last}"[:1024],
            )
        finished = record.completion.get("ending")
        if finished:
            return T.COMPLETED, finished, None
        reason = self._criterion(record, trials)
        if reason:
            self._remember_ending(reason)
            return T.COMPLETED, reason, None
        if len(trials) >= self.plan.budget and len(ended) == len(trials):
            if not succeeded:
                metric = self.plan.objectives[0].metric_name
                return (
                    T.FAILED,
                    "The tuning job failed",
                    f"ClientError: no training job reported the objective metric {metric}; "
                    "check the MetricDefinitions' regular expression against the jobs' logs",
                )
            return T.COMPLETED, "Hyperparameter tuning job completed", None
        return None

    def _criterion(self, record: TuningJobRecord, trials: list[Trial]) -> str | None:
        config = self.plan.config
        limit = config.resource_limits.max_runtime_in_seconds
        if limit and now_ms() - record.creation_time >= limit * 1000:
            return f"Reached MaxRuntimeInSeconds ({limit})"
        given = config.tuning_job_completion_criteria
        if given is None:
            return None
        target = given.target_objective_metric_value
        patience = (
            given.best_objective_not_improving.max_number_of_training_jobs_not_improving
            if given.best_objective_not_improving
            else None
        )
        convergence = bool(
            given.convergence_detected
            and given.convergence_detected.complete_on_convergence == "Enabled"
        )
        progress = criteria.progress(trials, self.plan.maximize, target, convergence)
        if progress.target_reached:
            return f"Reached TargetObjectiveMetricValue ({target:g})"
        if patience and progress.not_improving >= patience:
            return f"The best objective did not improve in {progress.not_improving} training jobs"
        if progress.converged_at is not None:
            return "Convergence detected"
        return None

    def _stop_running(self, running: list[Trial], message: str) -> None:
        for trial in running:
            if trial.row.launched and trial.job is not None and trial.status == "InProgress":
                self._stop_trial(trial, f"{message}: stopping its training jobs")

    def _stop_trial(self, trial: Trial, message: str) -> None:
        name = trial.row.training_job_name
        if name in self.stop_sent:
            return
        self.stop_sent.add(name)
        with contextlib.suppress(IllegalTransition, NotFound):  # it may have ended meanwhile
            self.deps.training.stop(self.context, name, message=message)

    # -- launching -------------------------------------------------------------------------

    def _launch(self, record: TuningJobRecord, trials: list[Trial], running: list[Trial]) -> None:
        for trial in running:  # recorded before a restart, not created yet
            if not trial.row.launched:
                self._create(record, trial.row)
        busy = len(running)
        count = len(trials)
        while busy < self.plan.parallel and count < self.plan.budget:
            starting = sum(1 for trial in running if trial.secondary in ("Starting", "Pending"))
            if not self._fits(starting + 1):
                return
            number = count + 1
            params = self.search.ask(number)
            row = self._record(record, number, params)
            self._create(record, row)
            running.append(Trial(row, None))
            busy += 1
            count += 1

    def _fits(self, trials: int) -> bool:
        """Whether ``trials`` more trials fit on the host now (capacity ledger)."""
        resources = self.plan.definitions[0]
        from .plan import resource_config

        config = resource_config(resources)
        instance = self.deps.catalogue.get(config.instance_type)
        if instance is None:
            return True
        count = config.instance_count * trials
        claim = Claim(
            kind="tuning-trial",
            name=self.ref.name,
            holder=f"probe:{self.ref.key}",
            owner=self.context.owner,
            instance_type=instance.name,
            memory_bytes=0 if instance.local else int(instance.memory_gib * GIB) * count,
            gpus=instance.gpus * count,
            vcpus=instance.effective_vcpus * count,
        )
        return self.deps.capacity.check(claim) is None

    def _record(
        self, record: TuningJobRecord, number: int, params: dict[str, Any]
    ) -> TuningTrialRecord:
        definition, tuned = self.search.hyperparameters(params)
        row = TuningTrialRecord(
            tuning_job_id=record.id,
            number=number,
            training_job_name=trial_name(record.name, number, params),
            definition_name=definition.name,
            params=params,
            hyperparameters=tuned,
            launched=False,
            intermediate={},
            system_attrs=self.search.system_attrs(number),
            creation_time=now_ms(),
            domain=record.domain,
            space=record.space,
            owner=record.owner,
        )
        with self.deps.database.session() as session:
            session.add(row)
            session.flush()
            session.expunge(row)
        return row

    def _create(self, record: TuningJobRecord, row: TuningTrialRecord) -> None:
        definition, tuned = self.search.hyperparameters(row.params)
        request = self.plan.trial_request(record.name, row.training_job_name, definition, tuned)
        note = None
        try:
            self.deps.training.create(self.context, request, tuning_job_arn=record.arn)
        except Conflict:
            pass  # created before a restart
        except MLStudioError as error:
            if error.status >= 500:
                raise
            note = f"ClientError: {error.message}"

        def launched(target: TuningTrialRecord) -> None:
            target.launched = note is None

        self._write_trial(row.id, launched)
        row.launched = note is None
        if note is not None:
            self._finish(Trial(row, None), "FAIL", None, note)
        else:
            self._announce(f"Launched trial {row.training_job_name}", row.training_job_name)

    # -- writes ----------------------------------------------------------------------------

    def _write_trial(self, row_id: int, change: Any) -> None:
        with self.deps.database.session() as session:
            row = session.get(TuningTrialRecord, row_id)
            if row is not None:
                change(row)

    def _remember_ending(self, reason: str) -> None:
        """Why the tuning job completes early (a restart while its trials stop keeps it)."""

        def keep(record: TuningJobRecord) -> None:
            record.completion = {**(record.completion or {}), "ending": reason}

        self.supervisor.write(self.ref, keep)

    def _announce(self, message: str, trial: str | None) -> None:
        record = self.record()
        self.deps.events.emit(
            "tuning-job",
            {
                "name": record.name,
                "status": record.status,
                "message": message,
                "failure_reason": record.failure_reason,
                "trial": trial,
            },
            where=(record.domain, record.space),
        )


def _epochs(intermediate: dict[str, Any]) -> int:
    return max((int(key) for key in intermediate), default=0)


def _past(trial: Trial) -> PastTrial:
    row = trial.row
    return PastTrial(
        number=row.number,
        params=dict(row.params),
        outcome=row.outcome,
        value=row.objective,
        intermediate={int(key): float(value) for key, value in (row.intermediate or {}).items()},
        system_attrs=dict(row.system_attrs or {}),
    )
