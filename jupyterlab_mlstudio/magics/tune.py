"""``%%mlstudio tune``: run a cell as ``train.py`` in a tuning job and watch the search live."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..client import Client
from ..client.tuning import TuningJob
from .train import parse_pairs


def add_parser(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    tune = commands.add_parser(
        "tune", help="(cell magic) tune the cell's hyperparameters: each trial runs it as train.py"
    )
    tune.add_argument(
        "--range",
        action="append",
        dest="ranges",
        metavar="NAME=SPEC",
        help="lr=1e-4:1e-1:log, depth=2:8:int, m=0.5:0.99:revlog or kind=a,b,c",
    )
    tune.add_argument(
        "--objective",
        required=True,
        metavar="METRIC:max|min",
        help="the metric to optimize, e.g. val_acc:max",
    )
    tune.add_argument(
        "--metric",
        action="append",
        metavar="NAME=REGEX",
        help="a metric definition (default for the objective: NAME=([0-9.eE+-]+))",
    )
    tune.add_argument("--max-jobs", dest="max_jobs", type=int, default=10)
    tune.add_argument("--parallel", type=int, default=1)
    tune.add_argument(
        "--strategy", default="Bayesian", choices=["Bayesian", "Random", "Grid", "Hyperband"]
    )
    tune.add_argument("--early-stopping", dest="early_stopping", action="store_true")
    tune.add_argument("--seed", type=int, default=None)
    tune.add_argument("--name", help="tuning job name (default: generated)")
    tune.add_argument("--image", default="default")
    tune.add_argument("--instance-type", dest="instance_type", default=None)
    tune.add_argument("--hp", action="append", metavar="NAME=VALUE", help="a static hyperparameter")
    tune.add_argument("--channel", action="append", metavar="NAME=URI", help="an input channel")
    tune.add_argument("--no-wait", dest="no_wait", action="store_true", help="return at once")


def run_cell(client: Client, cell: str, args: Any) -> TuningJob:
    """Create the tuning job from the cell's code and, unless ``--no-wait``, watch it."""
    metric, _, direction = args.objective.rpartition(":")
    if not metric or direction not in ("max", "min"):
        raise ValueError(
            f"--objective must look like METRIC:max or METRIC:min, not {args.objective!r}"
        )
    metrics = parse_pairs(args.metric, "--metric")
    metrics.setdefault(metric, rf"{metric}=([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)")
    folder = Path(tempfile.mkdtemp(prefix="mlstudio-tune-"))
    entry = folder / "train.py"
    entry.write_text(cell)
    job = client.create_tuning_job(
        entry,
        ranges=parse_pairs(args.ranges, "--range"),
        objective=metric,
        objective_type="Maximize" if direction == "max" else "Minimize",
        metric_definitions=metrics,
        max_jobs=args.max_jobs,
        max_parallel=args.parallel,
        strategy=args.strategy,
        early_stopping=args.early_stopping,
        seed=args.seed,
        name=args.name,
        image=args.image,
        instance_type=args.instance_type,
        hyperparameters=parse_pairs(args.hp, "--hp"),
        channels=parse_pairs(args.channel, "--channel"),
    )
    if args.no_wait:
        return job
    try:
        best = job.wait(raise_on_failure=False)
    except KeyboardInterrupt:
        print(f"Stopped watching; {job.name} goes on.", file=sys.stderr)
        return job
    detail = job.describe()
    if detail.failure_reason:
        print(
            f"{job.name} {detail.hyper_parameter_tuning_job_status.value}: {detail.failure_reason}",
            file=sys.stderr,
        )
    elif best is not None:
        print(f"{job.name} {detail.hyper_parameter_tuning_job_status.value}; best: {best.name}")
    return job
