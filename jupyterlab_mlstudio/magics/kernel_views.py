"""``%mlstudio instance`` and ``%mlstudio image``: show or switch this kernel's profile."""

from __future__ import annotations

import argparse

from IPython.display import display

from ..client import Client
from ..compute.models import GIB
from .tables import Table


def _gib(value: float | None) -> str:
    return "unlimited" if not value else f"{value / GIB:.1f} GiB"


def current_profile(client: Client) -> Table:
    usage = client.kernel_usage()
    idle = usage["idle_timeout_minutes"]
    return Table(
        ["Item", "Value"],
        [
            ["Image", f"{usage['image']} (version {usage['image_version']}, {usage['kind']})"],
            ["Instance type", usage["instance_type"]],
            ["CPUs", usage["cpus"]],
            ["Memory", f"{_gib(usage['memory_used_bytes'])} of {_gib(usage['memory_bytes'])}"],
            ["GPUs", usage["gpus"]],
            ["Idle shutdown", f"after {idle:g} min" if idle else "never"],
        ],
        title="This kernel",
    )


def images_table(client: Client) -> Table:
    rows = []
    for entry in client.images():
        latest = entry["versions"][0] if entry["versions"] else None
        rows.append(
            [
                entry["image"]["image_name"],
                latest["version"] if latest else "",
                latest["kind"] if latest else "",
                latest["image_version_status"] if latest else "no versions",
                (latest or {}).get("failure_reason") or (latest or {}).get("base_image", ""),
            ]
        )
    return Table(["Image", "Version", "Kind", "Status", "Base / problem"], rows, title="Images")


def switch_or_show(client: Client, args: argparse.Namespace) -> None:
    """Switch when a target is named (the kernel restarts right after this cell), else show."""
    target = args.type if args.command == "instance" else args.name
    if not target:
        display(current_profile(client) if args.command == "instance" else images_table(client))
        return
    kind = "instance_type" if args.command == "instance" else "image"
    result = client.switch_kernel(**{kind: target}, force=True, wait=False)
    print(
        f"Switching this notebook to {result['image']} on {result['instance_type']}: the kernel "
        "restarts in a moment (variables are lost, installed packages stay). Run the next cell "
        "once it is back."
    )
