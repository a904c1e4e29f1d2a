"""SageMaker's ``Auto`` early stopping as an Optuna pruner.

SageMaker's rule (developer guide, "Stop Training Jobs Early"): after each epoch of a training
job, take its objective value; for every previous training job that reached the same epoch, take
the running average of its objective up to that epoch; stop the current job if its value is worse
than the median of those averages. Optuna's ``MedianPruner`` compares the trial's best value
with the median of completed trials' raw values at the step, ignoring pruned trials, which is
a different rule; hence this one.

SageMaker does not say how many previous jobs it waits for; this pruner waits for
``min_trials`` of them (3 by default) so the first trials are never judged against one other.
"""

from __future__ import annotations

import statistics
from typing import Any

from optuna.pruners import BasePruner
from optuna.study import StudyDirection
from optuna.trial import FrozenTrial, TrialState

#: Previous trials that must have reached an epoch before a trial is judged at it.
MIN_TRIALS = 3


class MedianRunningAveragePruner(BasePruner):
    """Stops a trial whose objective at epoch ``s`` is worse than the median, over previous
    trials that reached ``s``, of their running averages up to ``s``."""

    def __init__(self, min_trials: int = MIN_TRIALS) -> None:
        self.min_trials = min_trials

    def prune(self, study: Any, trial: FrozenTrial) -> bool:
        return self.verdict(study, trial) is not None

    def verdict(self, study: Any, trial: FrozenTrial) -> str | None:
        """Why ``trial`` should stop now, or None to let it go on."""
        step = trial.last_step
        if step is None:
            return None
        value = trial.intermediate_values[step]
        averages = []
        for other in study.get_trials(
            deepcopy=False, states=(TrialState.COMPLETE, TrialState.PRUNED)
        ):
            if other.number == trial.number:
                continue
            values = [v for s, v in other.intermediate_values.items() if s <= step]
            if values and max(other.intermediate_values) >= step:
                averages.append(sum(values) / len(values))
        if len(averages) < self.min_trials:
            return None
        median = statistics.median(averages)
        maximize = study.direction == StudyDirection.MAXIMIZE
        worse = value < median if maximize else value > median
        if not worse:
            return None
        return (
            f"Stopped early: the objective at epoch {step} ({value:g}) is worse than the median "
            f"({median:g}) of {len(averages)} earlier training jobs' running averages at that epoch"
        )
