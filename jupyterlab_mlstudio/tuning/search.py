"""The study behind a tuning job: Optuna's samplers and pruners, asked and told in turn.

- ``Bayesian``: TPE (multivariate, with the constant liar for trials still running). Optuna's
  GP sampler takes seconds per suggestion on a laptop CPU, against the 100 ms the tuner may
  add between trials; TPE takes milliseconds.
- ``Random``: random sampling. ``Grid``: every categorical combination once (Optuna's grid
  sampler; the study's "grid exhausted" signal, which ask-and-tell use turns into an error, is
  expected and swallowed). ``Hyperband``: random sampling with Optuna's Hyperband pruner over
  epochs between MinResource and MaxResource.
- ``TrainingJobEarlyStoppingType=Auto``: SageMaker's median rule (``pruning.py``).

Every trial's suggestion is drawn by a sampler seeded from the tuning job's seed and the trial
number, so the same RandomSeed gives the same trials, and a study rebuilt after a restart (from
the stored trials, in the order they were created) carries on as it would have.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .plan import Plan
from .pruning import MedianRunningAveragePruner

#: Hyperband's reduction factor (Optuna's and the Hyperband paper's default).
REDUCTION_FACTOR = 3
#: TPE's random start: at most this many trials, and about a fifth of a small budget.
TPE_STARTUP = 10


def trial_seed(seed: int, number: int) -> int:
    digest = hashlib.sha256(f"{seed}:{number}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


@dataclass
class PastTrial:
    """A trial as stored: enough to put it back into a study."""

    number: int  # our 1-based number (0 for a warm-start parent's trial)
    params: dict[str, Any]
    outcome: str | None  # COMPLETE | PRUNED | FAIL | None (running)
    value: float | None
    intermediate: dict[int, float] = field(default_factory=dict)
    system_attrs: dict[str, Any] = field(default_factory=dict)


class Search:
    """One tuning job's study, in memory; rebuilt from stored trials on every start."""

    def __init__(self, plan: Plan, seed: int, study_name: str) -> None:
        import optuna

        optuna.logging.set_verbosity(optuna.logging.WARNING)
        self.plan = plan
        self.seed = seed
        self.distributions = plan.space.distributions()
        self.median_rule = MedianRunningAveragePruner() if plan.early_stopping else None
        self.study = optuna.create_study(
            study_name=study_name,
            direction="maximize" if plan.maximize else "minimize",
            sampler=self._sampler(0),
            pruner=self._pruner(),
        )
        #: Our trial number -> the study's trial number.
        self.numbers: dict[int, int] = {}
        self.grid = plan.space.grid() if plan.strategy == "Grid" else None

    # -- building --------------------------------------------------------------------------

    def _sampler(self, number: int) -> Any:
        from optuna.samplers import GridSampler, RandomSampler, TPESampler

        seed = trial_seed(self.seed, number)
        strategy = self.plan.strategy
        if strategy == "Bayesian":
            startup = max(3, min(TPE_STARTUP, self.plan.budget // 5))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # multivariate TPE is marked experimental
                return TPESampler(
                    seed=seed,
                    multivariate=True,
                    group=True,
                    constant_liar=True,
                    n_startup_trials=startup,
                )
        if strategy == "Grid":
            # One seed for every trial: it shuffles the grid, and every trial must see the same
            # order for grid ids to name the same combinations.
            size = len(self.plan.space.grid())
            return GridSampler({"combination": list(range(size))}, seed=self.seed)
        return RandomSampler(seed=seed)

    def _pruner(self) -> Any:
        from optuna.pruners import HyperbandPruner, NopPruner

        hyperband = self.plan.hyperband()
        if hyperband is not None:
            low, high = hyperband
            return HyperbandPruner(
                min_resource=low, max_resource=high, reduction_factor=REDUCTION_FACTOR
            )
        return self.median_rule or NopPruner()

    def _distributions(self) -> dict[str, Any]:
        if self.grid is None:
            return self.distributions
        from optuna.distributions import CategoricalDistribution

        return {"combination": CategoricalDistribution(list(range(len(self.grid))))}

    def rebuild(self, trials: Iterable[PastTrial]) -> None:
        """Put stored trials back, in order: warm-start parents' first, then this job's."""
        from optuna.trial import TrialState, create_trial

        states = {
            "COMPLETE": TrialState.COMPLETE,
            "PRUNED": TrialState.PRUNED,
            "FAIL": TrialState.FAIL,
            None: TrialState.RUNNING,
        }
        distributions = self._distributions()
        for trial in trials:
            state = states[trial.outcome]
            params = {key: value for key, value in trial.params.items() if key in distributions}
            frozen = create_trial(
                state=state,
                value=trial.value if state == TrialState.COMPLETE else None,
                params=params,
                distributions={key: distributions[key] for key in params},
                intermediate_values=dict(trial.intermediate),
                system_attrs=dict(trial.system_attrs),
            )
            self.study.add_trial(frozen)
            if trial.number:
                self.numbers[trial.number] = len(self.study.trials) - 1

    # -- asking and telling ----------------------------------------------------------------

    def ask(self, number: int) -> dict[str, Any]:
        """The study's values for trial ``number``."""
        self.study.sampler = self._sampler(number)
        trial = self.study.ask(fixed_distributions=self._distributions())
        self.numbers[number] = trial.number
        return dict(trial.params)

    def hyperparameters(self, params: dict[str, Any]) -> tuple[Any, dict[str, str]]:
        """The definition and tuned hyperparameters of a trial with the study's ``params``."""
        if self.grid is not None:
            params = self.grid[int(params["combination"])]
        return self.plan.space.hyperparameters(params)

    def system_attrs(self, number: int) -> dict[str, Any]:
        frozen = self.study.trials[self.numbers[number]]
        return {
            key: value
            for key, value in frozen.system_attrs.items()
            if isinstance(value, str | int | float | bool | list | dict | None)
        }

    def report(self, number: int, epoch: int, value: float) -> str | None:
        """Record the objective at ``epoch``; the reason to stop the trial now, if any."""
        import optuna

        trial = optuna.Trial(self.study, self.study.trials[self.numbers[number]]._trial_id)
        if epoch in self.study.trials[self.numbers[number]].intermediate_values:
            return None
        trial.report(value, epoch)
        if self.median_rule is not None:
            return self.median_rule.verdict(self.study, self.study.trials[self.numbers[number]])
        hyperband = self.plan.hyperband()
        if hyperband is not None:
            if epoch >= hyperband[1]:
                return f"Reached MaxResource ({hyperband[1]} epochs)"
            if trial.should_prune():
                return (
                    f"Stopped by Hyperband at epoch {epoch}: the objective ({value:g}) is not "
                    "among the best of its rung"
                )
        return None

    def tell(self, number: int, outcome: str, value: float | None) -> None:
        from optuna.trial import TrialState

        state = {"COMPLETE": TrialState.COMPLETE, "PRUNED": TrialState.PRUNED}.get(
            outcome, TrialState.FAIL
        )
        index = self.numbers[number]
        try:
            self.study.tell(
                index,
                values=value if state == TrialState.COMPLETE else None,
                state=state,
                skip_if_finished=True,
            )
        except RuntimeError as error:
            # The grid sampler ends the study when its last point is told; outside an
            # objective function that is an error, after the trial was stored.
            if "Study.stop" not in str(error):
                raise
