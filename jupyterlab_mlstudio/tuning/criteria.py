"""Completion criteria: when a tuning job has learnt enough to end before its budget.

- ``TargetObjectiveMetricValue``: a completed trial reached the target.
- ``BestObjectiveNotImproving``: that many trials in a row, in the order they ended, did not
  improve the best objective by at least 1 % (of its magnitude).
- ``ConvergenceDetected``: SageMaker does not publish its heuristic. Here a search has
  converged when at least ``CONVERGENCE_MIN`` trials reported an objective and the later half
  of them improved the best of the earlier half by less than 0.1 %.
- ``ResourceLimits.MaxRuntimeInSeconds``: the tuning job ran that long.
"""

from __future__ import annotations

from dataclasses import dataclass

from .reads import Trial

IMPROVEMENT = 0.01
CONVERGENCE_MIN = 10
CONVERGENCE_IMPROVEMENT = 0.001


def _better(value: float, best: float | None, maximize: bool, margin: float) -> bool:
    if best is None:
        return True
    gain = value - best if maximize else best - value
    return gain > margin * abs(best) if best != 0 else gain > 0


@dataclass
class Progress:
    """What the criteria see in the trials so far."""

    not_improving: int = 0
    converged_at: int | None = None  # the end time of the trial that showed convergence
    target_reached: bool = False


def progress(
    trials: list[Trial], maximize: bool, target: float | None, convergence: bool
) -> Progress:
    ended = sorted(
        (trial for trial in trials if trial.row.outcome is not None),
        key=lambda trial: (trial.row.end_time or 0, trial.row.number),
    )
    result = Progress()
    best: float | None = None
    values: list[float] = []
    for trial in ended:
        value = trial.row.objective
        if value is None:
            result.not_improving += 1
            continue
        if _better(value, best, maximize, IMPROVEMENT):
            result.not_improving = 0
        else:
            result.not_improving += 1
        if best is None or (value > best if maximize else value < best):
            best = value
        if trial.row.outcome == "COMPLETE":
            if target is not None and (value >= target if maximize else value <= target):
                result.target_reached = True
            values.append(value)
        if convergence and result.converged_at is None and _converged(values, maximize):
            result.converged_at = trial.row.end_time
    return result


def _converged(values: list[float], maximize: bool) -> bool:
    if len(values) < CONVERGENCE_MIN:
        return False
    half = len(values) // 2
    pick = max if maximize else min
    earlier, later = pick(values[:half]), pick(values[half:])
    return not _better(later, earlier, maximize, CONVERGENCE_IMPROVEMENT)
