"""``%mlstudio`` line magics (``%load_ext jupyterlab_mlstudio``)."""

from __future__ import annotations

import argparse
import shlex
from typing import Any

from IPython.core.magic import Magics, line_cell_magic, magics_class
from IPython.display import display

from ..client import Client
from ..compute.models import GIB, CapacityReport
from ..core.errors import MLStudioError
from .tables import Table


class MagicFailed(Exception):
    """A magic that failed. The cell fails as any failing cell does (so "Run All" stops
    there), and shows one line saying why instead of a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def _render_traceback_(self) -> list[str]:
        # IPython shows these lines in place of the traceback.
        return [f"ML Studio: {self.message}"]


class _Parser(argparse.ArgumentParser):
    """argparse that reports mistakes instead of exiting the kernel."""

    def error(self, message: str) -> Any:
        raise MLStudioError(f"{message}\n\n{self.format_usage()}")


def _parser() -> _Parser:
    parser = _Parser(prog="%mlstudio", description="ML Studio from a notebook.")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    commands.add_parser(
        "status", help="server version, store, runtime backends, host and what is reserved"
    )
    types = commands.add_parser("instance-types", help="the instance-type catalogue")
    types.add_argument("--available", action="store_true", help="only types that can run here")
    train = commands.add_parser("train", help="(cell magic) run the cell as train.py in a job")
    train.add_argument("--name", help="job name (default: generated)")
    train.add_argument("--image", default="default", help="image (default: this server's Python)")
    train.add_argument(
        "--instance-type", dest="instance_type", default=None, help="e.g. ml.m5.large"
    )
    train.add_argument("--instance-count", dest="instance_count", type=int, default=1)
    train.add_argument("--hp", action="append", metavar="NAME=VALUE", help="a hyperparameter")
    train.add_argument("--channel", action="append", metavar="NAME=URI", help="an input channel")
    train.add_argument(
        "--metric", action="append", metavar="NAME=REGEX", help="a metric definition"
    )
    train.add_argument("--output", default=None, help="S3OutputPath (default: the server's store)")
    train.add_argument("--max-runtime", dest="max_runtime", type=int, default=86400)
    train.add_argument("--no-wait", dest="no_wait", action="store_true", help="return at once")
    from .tune import add_parser as add_tune

    add_tune(commands, _Parser)
    from .process import add_parser as add_process

    add_process(commands, _Parser)
    jobs = commands.add_parser("jobs", help="recent training jobs")
    jobs.add_argument("--status", default=None)
    logs = commands.add_parser("logs", help="a job's log")
    logs.add_argument("name")
    logs.add_argument("--host", default="algo-1")
    logs.add_argument("--follow", action="store_true", help="keep printing until the job ends")
    stop = commands.add_parser("stop", help="stop a training job")
    stop.add_argument("name")
    runs = commands.add_parser("runs", help="runs of an experiment (all when none is named)")
    runs.add_argument("experiment", nargs="?")
    runs.add_argument("--filter", default=None, help='MLflow syntax, e.g. "metrics.acc > 0.9"')
    runs.add_argument("--max", type=int, default=50, help="at most this many runs (default 50)")
    compare = commands.add_parser("compare", help="metric curves of runs, overlaid")
    compare.add_argument("runs", nargs="+", metavar="RUN", help="run ids (or unique prefixes)")
    compare.add_argument("--metric", action="append", help="only these metrics")
    instance = commands.add_parser(
        "instance", help="move this notebook's kernel to an instance type (it restarts)"
    )
    instance.add_argument("type", nargs="?", help="e.g. ml.t3.large (none: show the current)")
    image = commands.add_parser("image", help="move this notebook's kernel to another image")
    image.add_argument("name", nargs="?", help="a registered image (none: list them)")
    from .endpoint_views import add_commands

    add_commands(commands)
    commands.add_parser("help", help="this help")
    return parser


def status_tables(client: Client) -> list[Table]:
    """The status report as tables: the server, its runtime backends, any warnings, and what
    kernels and jobs have reserved of the host."""
    status = client.status()
    gpus = ", ".join(gpu.name for gpu in status.host.gpus) or "none"
    server = Table(
        ["Item", "Value"],
        [
            ["Version", status.version],
            ["User", status.user],
            ["Domain / space", f"{status.domain} / {status.space}"],
            [
                "Record store",
                f"{status.store.dialect} ({status.store.url}), schema {status.store.revision}",
            ],
            ["Object store", status.object_store.default_root],
            ["Host CPUs", status.host.cpus],
            ["Host memory", f"{status.host.memory_bytes / GIB:.1f} GiB"],
            ["Host GPUs", gpus],
        ],
        title="ML Studio status",
    )
    backends = Table(
        ["Backend", "Available", "Detail"],
        [
            [
                backend.name,
                "yes" if backend.available else "no",
                backend.detail or backend.reason or "",
            ]
            for backend in status.backends
        ],
        title="Runtime backends",
    )
    warnings = [
        [backend.name, f"WARNING: {warning}"]
        for backend in status.backends
        for warning in backend.warnings
    ]
    tables = [server, backends]
    if warnings:
        tables.append(Table(["Backend", "Warning"], warnings, title="Warnings"))
    return [*tables, reservations_table(status.capacity)]


def reservations_table(capacity: CapacityReport) -> Table:
    """Who holds what of the host, under a title that sums it up."""
    gpus = f"{len(capacity.gpus_reserved)} of {len(capacity.gpus)} GPU(s)"
    title = (
        f"Reserved: {capacity.memory_reserved_bytes / GIB:.1f} of "
        f"{capacity.memory_bytes / GIB:.1f} GiB memory, {gpus}, "
        f"{capacity.vcpus_reserved:g} vCPU(s) on {capacity.cpus} shared CPU(s)"
    )
    rows = [
        [
            item.kind,
            item.name,
            item.owner,
            item.instance_type,
            f"{item.memory_bytes / GIB:g} GiB" if item.memory_bytes else "-",
            ", ".join(str(gpu) for gpu in item.gpus) or "-",
            f"{item.vcpus:g}"
            + (f" (CPUs {', '.join(str(cpu) for cpu in item.cpus)})" if item.cpus else ""),
        ]
        for item in capacity.reservations
    ]
    return Table(
        ["Kind", "Name", "Owner", "Instance type", "Memory", "GPUs", "vCPUs"], rows, title=title
    )


def instance_type_table(client: Client, available_only: bool = False) -> Table:
    """The catalogue as a table; unavailable types say why."""
    rows = []
    for item in client.instance_types(available=True if available_only else None):
        remark = item.reason if not item.available else (item.note or "")
        rows.append(
            [
                item.name,
                f"{item.vcpus:g}",
                f"{item.memory_gib:g}",
                item.gpus,
                "yes" if item.available else "no",
                remark,
            ]
        )
    return Table(
        ["Name", "vCPU", "Memory GiB", "GPUs", "Available", "Remark"], rows, title="Instance types"
    )


def jobs_table(client: Client, status: str | None = None) -> Table:
    rows = [
        [
            job["training_job_name"],
            job["training_job_status"],
            job["secondary_status"] or "",
            job["creation_time"][:19].replace("T", " "),
        ]
        for job in client.training_jobs(status=status)
    ]
    return Table(
        ["Name", "Status", "Secondary status", "Created (UTC)"], rows, title="Training jobs"
    )


@magics_class
class MLStudioMagics(Magics):
    """``%mlstudio status``, ``%mlstudio instance-types``, ``%%mlstudio train`` and more
    (``%mlstudio help``)."""

    @property
    def client(self) -> Client:
        # Found again on every command: the kernel may have moved to another server.
        return Client()

    @line_cell_magic
    def mlstudio(self, line: str, cell: str | None = None) -> Any:
        """Run an ML Studio command; ``%mlstudio help`` lists them."""
        parser = _parser()
        try:
            args = parser.parse_args(shlex.split(line))
            if args.command == "train":
                if not cell or not cell.strip():
                    raise MLStudioError(
                        "%%mlstudio train runs the cell's code: write it below the magic"
                    )
                from .train import run_cell

                return run_cell(self.client, cell, args)
            if args.command == "tune":
                if not cell or not cell.strip():
                    raise MLStudioError(
                        "%%mlstudio tune runs the cell's code in each trial: write it below"
                    )
                from .tune import run_cell as run_tuning

                return run_tuning(self.client, cell, args)
            if args.command == "process":
                if not cell or not cell.strip():
                    raise MLStudioError(
                        "%%mlstudio process runs the cell's code: write it below the magic"
                    )
                from .process import run_cell as run_processing

                return run_processing(self.client, cell, args)
            if cell is not None:
                raise MLStudioError(
                    f"%%mlstudio {args.command} takes no cell; use %mlstudio {args.command}"
                )
            if args.command in (None, "help"):
                print(parser.format_help())
            elif args.command == "status":
                for table in status_tables(self.client):
                    display(table)
            elif args.command == "instance-types":
                display(instance_type_table(self.client, args.available))
            elif args.command == "jobs":
                display(jobs_table(self.client, args.status))
            elif args.command == "logs":
                job = self.client.training_job(args.name)
                if args.follow:
                    for message in job.follow_logs(args.host):
                        print(message)
                else:
                    print("\n".join(line["message"] for line in job.logs(args.host)))
            elif args.command == "runs":
                from .tracking_views import runs_table

                display(runs_table(self.client, args.experiment, args.filter, args.max))
            elif args.command == "compare":
                from .tracking_views import compare_charts

                display(compare_charts(self.client, args.runs, args.metric))
            elif args.command in ("instance", "image"):
                from .kernel_views import switch_or_show

                switch_or_show(self.client, args)
            elif args.command in ("deploy", "invoke", "endpoints"):
                from . import endpoint_views

                if args.command == "deploy":
                    print(endpoint_views.run_deploy(self.client, args))
                elif args.command == "invoke":
                    print(endpoint_views.run_invoke(self.client, args))
                else:
                    for table in endpoint_views.endpoint_tables(self.client):
                        display(table)
            elif args.command == "stop":
                detail = self.client.training_job(args.name).stop()
                print(f"{detail.training_job_name}: {detail.training_job_status.value}")
        except MLStudioError as error:
            raise MagicFailed(error.message) from None
        except Exception as error:  # the server's own discovery message, connection problems
            raise MagicFailed(str(error)) from None
        return None
