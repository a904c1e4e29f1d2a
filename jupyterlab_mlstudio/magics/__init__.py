"""``%mlstudio`` line magics (``%load_ext jupyterlab_mlstudio``)."""

from __future__ import annotations

import argparse
import shlex
from typing import Any

from IPython.core.magic import Magics, line_magic, magics_class
from IPython.display import display

from ..client import Client
from ..compute.models import GIB
from ..core.errors import MLStudioError
from .tables import Table


class _Parser(argparse.ArgumentParser):
    """argparse that reports mistakes instead of exiting the kernel."""

    def error(self, message: str) -> Any:
        raise MLStudioError(f"{message}\n\n{self.format_usage()}")


def _parser() -> _Parser:
    parser = _Parser(prog="%mlstudio", description="ML Studio from a notebook.")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    commands.add_parser("status", help="server version, store, runtime backends and host")
    types = commands.add_parser("instance-types", help="the instance-type catalogue")
    types.add_argument("--available", action="store_true", help="only types that can run here")
    commands.add_parser("help", help="this help")
    return parser


def status_tables(client: Client) -> list[Table]:
    """The status report as two tables: the server, then its runtime backends."""
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
    return [server, backends]


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


@magics_class
class MLStudioMagics(Magics):
    """``%mlstudio status``, ``%mlstudio instance-types`` and more (``%mlstudio help``)."""

    _client: Client | None = None

    @property
    def client(self) -> Client:
        if self._client is None:
            self._client = Client()
        return self._client

    @line_magic
    def mlstudio(self, line: str) -> None:
        """Run an ML Studio command; ``%mlstudio help`` lists them."""
        parser = _parser()
        try:
            args = parser.parse_args(shlex.split(line))
            if args.command in (None, "help"):
                print(parser.format_help())
            elif args.command == "status":
                for table in status_tables(self.client):
                    display(table)
            elif args.command == "instance-types":
                display(instance_type_table(self.client, args.available))
        except MLStudioError as error:
            print(f"ML Studio: {error.message}")
        except Exception as error:  # the server's own discovery message, connection problems
            print(f"ML Studio: {error}")
