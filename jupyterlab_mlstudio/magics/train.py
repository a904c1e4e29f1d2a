"""``%%mlstudio train``: run a cell as ``train.py`` in a training job and watch it live."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ..client import Client
from ..client.progress import JobProgress, in_notebook
from ..client.training import TERMINAL, TrainingJob
from ..core.errors import MLStudioError
from .charts import line_chart


def parse_pairs(items: list[str] | None, what: str) -> dict[str, str]:
    """``["a=1", "b=2"]`` → ``{"a": "1", "b": "2"}``; a missing ``=`` is a readable error."""
    pairs = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ValueError(f"{what} must look like name=value, not {item!r}")
        pairs[key] = value
    return pairs


def run_cell(client: Client, cell: str, args: Any) -> TrainingJob:
    """Create the job from the cell's code and, unless ``--no-wait``, follow it to the end."""
    folder = Path(tempfile.mkdtemp(prefix="mlstudio-cell-"))
    entry = folder / "train.py"
    entry.write_text(cell)
    job = client.create_training_job(
        entry,
        name=args.name,
        image=args.image,
        instance_type=args.instance_type,
        instance_count=args.instance_count,
        hyperparameters=parse_pairs(args.hp, "--hp"),
        channels=parse_pairs(args.channel, "--channel"),
        metric_definitions=parse_pairs(args.metric, "--metric"),
        output_path=args.output,
        max_runtime=args.max_runtime,
    )
    if args.no_wait:
        print(follow_hint(job.name))
    else:
        watch(job)
    return job


def follow_hint(name: str) -> str:
    """What to do with a job the cell did not wait for: where to follow, and how to stop it."""
    return (
        f"{name} started. Follow it with %mlstudio logs {name} --follow, in the ML Studio "
        f"sidebar (Training jobs), or with %mlstudio jobs; stop it with %mlstudio stop {name}."
    )


class TrainingCellFailed(MLStudioError):
    """A ``%%mlstudio train`` job ended other than Completed: the cell fails, so Run All stops."""


class LiveView:
    """A notebook view of a running job: progress, a log pane and metric charts."""

    def __init__(self, name: str) -> None:
        import ipywidgets
        from IPython.display import display

        self.progress = JobProgress(name)
        self.log = ipywidgets.Output(
            layout={
                "max_height": "320px",
                "overflow": "auto",
                "border": "1px solid var(--jp-border-color2, #e0e0e0)",
            }
        )
        self.chart = ipywidgets.HTML()
        display(ipywidgets.VBox([self.log, self.chart]))

    def lines(self, lines: list[str]) -> None:
        if lines:
            with self.log:
                print("\n".join(lines))

    def metrics(self, series: dict[str, list[dict[str, Any]]]) -> None:
        if series:
            self.chart.value = line_chart(
                {
                    key: [(p["step"], float(p["value"])) for p in points]
                    for key, points in series.items()
                },
                title="Metrics",
            )


def watch(job: TrainingJob, poll: float = 0.5, metrics_every: float = 2.0) -> None:
    """Follow a job: live logs and charts in a notebook, plain lines in a terminal."""
    view = LiveView(job.name) if in_notebook() else None
    progress = view.progress if view else JobProgress(job.name)
    after = -1
    next_metrics = 0.0
    try:
        while True:
            detail = job.describe()
            progress.update(detail)
            lines = job.logs("algo-1", after)
            if lines:
                after = lines[-1]["seq"]
                messages = [line["message"] for line in lines]
                if view:
                    view.lines(messages)
                else:
                    print("\n".join(messages))
            finished = detail.training_job_status.value in TERMINAL
            if view and (time.monotonic() >= next_metrics or finished):
                next_metrics = time.monotonic() + metrics_every
                view.metrics(job.metrics())
            if finished and not lines:
                break
            if not lines:
                time.sleep(poll)
    except KeyboardInterrupt:
        print(
            f"Stopped watching; {job.name} goes on (%mlstudio stop {job.name} stops it).",
            file=sys.stderr,
        )
        return
    status = detail.training_job_status.value
    if status != "Completed":
        reason = detail.failure_reason or "no reason was given"
        raise TrainingCellFailed(f"{job.name} {status}: {reason}")
    if detail.model_artifacts:
        model = detail.model_artifacts.s3_model_artifacts
        print(f"{job.name} {status}; model: {model}")
