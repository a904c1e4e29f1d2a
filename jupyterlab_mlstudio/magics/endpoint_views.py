"""``%mlstudio deploy``, ``%mlstudio invoke`` and ``%mlstudio endpoints``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..client import Client
from ..client.endpoints import decode, parse_model_version
from ..core.errors import MLStudioError, NotFound
from .tables import Table


def add_commands(commands: Any) -> None:
    """The endpoint commands of the ``%mlstudio`` parser."""
    deploy = commands.add_parser(
        "deploy",
        help="serve a training job's or a registered model version's model on an endpoint",
    )
    deploy.add_argument(
        "source",
        metavar="JOB_OR_MODEL",
        help="a completed training job, a registered model (name, name/3, name@alias, "
        "models:/name/3) or a model made with CreateModel",
    )
    deploy.add_argument("--instance-type", dest="instance_type", default=None)
    deploy.add_argument("--count", type=int, default=1, help="instances (default 1)")
    deploy.add_argument("--name", default=None, help="endpoint name (default: generated)")
    deploy.add_argument("--no-wait", dest="no_wait", action="store_true", help="return at once")
    invoke = commands.add_parser("invoke", help="send DATA (CSV or JSON) to an endpoint")
    invoke.add_argument("endpoint")
    invoke.add_argument("data", nargs="+", help='e.g. 1.0,2.0,3.0 or "[[1.0, 2.0, 3.0]]"')
    invoke.add_argument("--variant", default=None, help="send to this variant only")
    invoke.add_argument("--accept", default="application/json")
    commands.add_parser("endpoints", help="endpoints and models, with what they hold")


def deploy_source(client: Client, source: str) -> dict[str, Any]:
    """Which kind of thing ``source`` names: a training job, a registered model version, or a
    model; as keyword arguments of ``client.deploy``."""
    if source.startswith("models:/") or "@" in source or "/" in source:
        return {"model_version": source}
    try:
        client.request("GET", f"training-jobs/{source}")
        return {"training_job": source}
    except NotFound:
        pass
    name, _ = parse_model_version(source)
    try:
        client.request("GET", f"models/{name}")
        return {"model_version": source}
    except NotFound:
        pass
    try:
        client.request("GET", f"models/{source}")
        return {"model": source}
    except NotFound:
        raise MLStudioError(
            f"{source} names no training job, registered model or model on this server"
        ) from None


def run_deploy(client: Client, args: argparse.Namespace) -> str:
    source = deploy_source(client, args.source)
    endpoint = client.deploy(
        **source,
        instance_type=args.instance_type,
        instance_count=args.count,
        endpoint_name=args.name,
        wait=not args.no_wait,
    )
    status = endpoint.status
    return f"Endpoint {endpoint.name}: {status}" + (
        f'  (try: %mlstudio invoke {endpoint.name} "..." )' if status == "InService" else ""
    )


def run_invoke(client: Client, args: argparse.Namespace) -> str:
    text = " ".join(args.data)
    try:
        json.loads(text)
        content_type = "application/json"
    except ValueError:
        content_type = "text/csv"
    body, answered_type, variant = client.endpoint(args.endpoint).invoke(
        text.encode(), content_type, args.accept, args.variant
    )
    result = decode(body, answered_type)
    shown = result.decode("utf-8", "replace") if isinstance(result, bytes) else json.dumps(result)
    return f"{shown}\n(variant {variant})"


def endpoint_tables(client: Client) -> list[Table]:
    rows = []
    for summary in client.endpoints():
        variants = ", ".join(
            f"{item['variant_name']} {item.get('current_instance_count') or 0}/"
            f"{item.get('desired_instance_count') or 0} x {item.get('instance_type', '?')} "
            f"w{item.get('current_weight', 0):g}"
            for item in summary.get("variants", [])
        )
        rows.append(
            [
                summary["endpoint_name"],
                summary["endpoint_status"],
                variants,
                summary.get("endpoint_config_name", ""),
                str(summary["creation_time"])[:19].replace("T", " "),
            ]
        )
    tables = [
        Table(
            [
                "Endpoint",
                "Status",
                "Variants (in service/desired x type, weight)",
                "Config",
                "Created (UTC)",
            ],
            rows,
            title="Endpoints",
        )
    ]
    try:
        models = client.request("GET", "models").get("models", [])
    except MLStudioError:
        models = None
    if models is not None:
        tables.append(
            Table(
                ["Model", "Created (UTC)"],
                [
                    [item["model_name"], str(item["creation_time"])[:19].replace("T", " ")]
                    for item in models
                ],
                title="Models",
            )
        )
    return tables
