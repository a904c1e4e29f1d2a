"""``%%mlstudio process``: run a cell as ``process.py`` in a processing job and watch it."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..client import Client
from ..client.processing import ProcessingJob
from ..core.errors import MLStudioError
from .train import parse_pairs


class ProcessingCellFailed(MLStudioError):
    """A ``%%mlstudio process`` job ended other than Completed: the cell fails."""


def add_parser(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    process = commands.add_parser(
        "process",
        help="(cell magic) run the cell as process.py in a processing job: inputs in "
        "/opt/ml/processing/input/<name>, outputs from /opt/ml/processing/output/<name>",
    )
    process.add_argument("--name", help="job name (default: generated)")
    process.add_argument("--image", default="default", help="image (default: this server's Python)")
    process.add_argument("--instance-type", dest="instance_type", default=None)
    process.add_argument("--instance-count", dest="instance_count", type=int, default=1)
    process.add_argument("--input", action="append", metavar="NAME=URI", help="an input folder")
    process.add_argument("--output", action="append", metavar="NAME=URI", help="an output folder")
    process.add_argument(
        "--continuous", action="store_true", help="upload outputs while the job runs"
    )
    process.add_argument("--env", action="append", metavar="NAME=VALUE", help="a variable")
    process.add_argument("--max-runtime", dest="max_runtime", type=int, default=None)
    process.add_argument("--no-wait", dest="no_wait", action="store_true", help="return at once")
    process.add_argument("arguments", nargs="*", help="arguments of the script (after --)")


def run_cell(client: Client, cell: str, args: Any) -> ProcessingJob:
    """Create the job from the cell's code and, unless ``--no-wait``, follow it to the end."""
    folder = Path(tempfile.mkdtemp(prefix="mlstudio-process-"))
    script = folder / "process.py"
    script.write_text(cell)
    job = client.create_processing_job(
        script,
        inputs=parse_pairs(args.input, "--input"),
        outputs=parse_pairs(args.output, "--output"),
        arguments=list(args.arguments) or None,
        name=args.name,
        image=args.image,
        instance_type=args.instance_type,
        instance_count=args.instance_count,
        environment=parse_pairs(args.env, "--env"),
        max_runtime=args.max_runtime,
        continuous=args.continuous,
    )
    if args.no_wait:
        print(f"{job.name} started; job.wait() follows it, job.stop() stops it.")
        return job
    try:
        detail = job.wait(raise_on_failure=False)
    except KeyboardInterrupt:
        print(f"Stopped watching; {job.name} goes on.", file=sys.stderr)
        return job
    status = detail.processing_job_status.value
    if status != "Completed":
        reason = detail.failure_reason or "no reason was given"
        raise ProcessingCellFailed(f"{job.name} {status}: {reason}")
    for name, uri in job.outputs().items():
        print(f"{name}: {uri}")
    return job
