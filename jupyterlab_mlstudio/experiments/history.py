"""Metric histories of several runs at once, as charts that compare runs read them: every point
of each run (by time), or a sample of steps that keeps each run's first and last step."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..core.context import RequestContext
from ..core.errors import InvalidInput
from .models import MetricPoint
from .runs import RunService

#: The most runs one request may name, and the most points a run may give (MLflow's limits).
MAX_RUNS = 100
MAX_POINTS_BULK = 25000
MAX_STEPS_SAMPLED = 2500


@dataclass(frozen=True)
class RunPoint:
    """A metric point and the run it belongs to."""

    run_id: str
    point: MetricPoint


def _check_runs(run_ids: list[str]) -> None:
    if not run_ids:
        raise InvalidInput("Name at least one run_id.", field="run_id")
    if len(run_ids) > MAX_RUNS:
        raise InvalidInput(
            f"At most {MAX_RUNS} run_ids may be named; {len(run_ids)} were.", field="run_id"
        )


def history_bulk(
    runs: RunService,
    context: RequestContext,
    run_ids: list[str],
    key: str,
    max_results: int | None = None,
) -> list[RunPoint]:
    """Every point of ``key`` in each run (runs by id, a run's points by time, step, value),
    at most ``max_results`` (capped at 25,000) in all."""
    _check_runs(run_ids)
    limit = min(max_results or MAX_POINTS_BULK, MAX_POINTS_BULK)
    if limit < 1:
        raise InvalidInput("max_results must be positive", field="max_results")
    found: list[RunPoint] = []
    for run_id in sorted(set(run_ids)):
        points, _ = runs.metric_history(context, run_id, key, limit)
        ordered = sorted(points, key=lambda point: (point.timestamp, point.step, point.value))
        found += [RunPoint(run_id, point) for point in ordered]
    return found[:limit]


def sample_steps(
    step_lists: list[list[int]], max_results: int, start: int | None, end: int | None
) -> set[int]:
    """About ``max_results`` steps spread evenly over the steps the runs logged in
    ``[start, end]``, plus each run's first and last step inside that range."""
    every = sorted({step for steps in step_lists for step in steps})
    if start is None or end is None:
        start, end = 0, (every[-1] if every else 0)
    edges = {
        step
        for steps in step_lists
        if steps
        for step in (min(steps), max(steps))
        if start <= step <= end
    }
    low, high = bisect.bisect_left(every, start), bisect.bisect_right(every, end)
    inside = every[low:high]
    if len(inside) <= max_results:
        return set(inside) | edges
    stride = len(inside) / max_results
    chosen = {inside[int(index * stride)] for index in range(max_results)}
    chosen.add(inside[-1])
    return chosen | edges


def history_bulk_interval(
    runs: RunService,
    context: RequestContext,
    run_ids: list[str],
    key: str,
    max_results: int | None = None,
    start_step: int | None = None,
    end_step: int | None = None,
) -> list[RunPoint]:
    """The points of ``key`` at sampled steps (``sample_steps``), run by run in the order the
    runs were named, a run's points by step, then time."""
    _check_runs(run_ids)
    limit = MAX_STEPS_SAMPLED if max_results is None else max_results
    if not 1 <= limit <= MAX_STEPS_SAMPLED:
        raise InvalidInput(
            f"max_results must be between 1 and {MAX_STEPS_SAMPLED}.", field="max_results"
        )
    if (start_step is None) != (end_step is None):
        raise InvalidInput(
            "If either start step or end step are specified, both must be specified.",
            field="start_step",
        )
    if start_step is not None and end_step is not None and start_step > end_step:
        raise InvalidInput(
            "end_step must be greater than start_step. "
            f"Found start_step={start_step} and end_step={end_step}.",
            field="end_step",
        )
    histories = {
        run_id: runs.metric_history(context, run_id, key)[0] for run_id in dict.fromkeys(run_ids)
    }
    steps = sample_steps(
        [[point.step for point in points] for points in histories.values()],
        limit,
        start_step,
        end_step,
    )
    found: list[RunPoint] = []
    for run_id, points in histories.items():
        kept = sorted(
            (point for point in points if point.step in steps),
            key=lambda point: (point.step, point.timestamp),
        )
        found += [RunPoint(run_id, point) for point in kept[: max(limit, len(steps))]]
    return found
