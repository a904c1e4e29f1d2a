"""``%mlstudio runs`` and ``%mlstudio compare``: runs as a table, their curves overlaid."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from IPython.display import HTML

from ..client import Client
from ..core.errors import InvalidInput
from .charts import line_chart
from .tables import Table

MAX_COLUMNS = 6
CHART_POINTS = 600


def _when(ms: int | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(ms / 1000)) if ms else ""


def _duration(run: dict[str, Any]) -> str:
    if not run.get("end_time"):
        return "running" if run["status"] == "RUNNING" else ""
    return f"{(run['end_time'] - run['start_time']) / 1000:.1f} s"


def runs_table(client: Client, experiment: str | None, filter: str | None, limit: int) -> Table:
    """Runs with their most common params and the last value of their metrics."""
    runs = client.runs(experiment, filter=filter, max_items=limit)
    params = sorted({key for run in runs for key in run["params"]})[:MAX_COLUMNS]
    metrics = sorted({item["key"] for run in runs for item in run["metrics"]})[:MAX_COLUMNS]
    rows = []
    for run in runs:
        latest = {item["key"]: item["value"] for item in run["metrics"]}
        rows.append(
            [
                run["name"],
                run["run_id"][:8],
                run["status"],
                _when(run["start_time"]),
                _duration(run),
                *[run["params"].get(key, "") for key in params],
                *[
                    f"{latest[key]:.4g}"
                    if isinstance(latest.get(key), float)
                    else latest.get(key, "")
                    for key in metrics
                ],
            ]
        )
    title = f"Runs of {experiment}" if experiment else "Runs"
    return Table(
        ["Run", "Id", "Status", "Started (UTC)", "Duration", *params, *metrics], rows, title=title
    )


def _resolve(client: Client, wanted: list[str]) -> list[dict[str, Any]]:
    runs = client.runs(max_items=5000)
    chosen = []
    for key in wanted:
        matches = [run for run in runs if run["run_id"].startswith(key) or run["name"] == key]
        if len(matches) != 1:
            raise InvalidInput(f"{key!r} names {len(matches)} runs; give a longer id")
        chosen.append(matches[0])
    return chosen


def compare_charts(client: Client, wanted: list[str], only: list[str] | None) -> HTML:
    """One chart per metric, one line per run."""
    runs = _resolve(client, wanted)
    keys = sorted({item["key"] for run in runs for item in run["metrics"]})
    if only:
        keys = [key for key in keys if key in only]
    if not keys:
        raise InvalidInput("These runs have no metrics to compare")
    parts = []
    for key in keys:
        series: dict[str, Sequence[tuple[float, float]]] = {}
        for run in runs:
            label = f"{run['name']} ({run['run_id'][:6]})"
            points = client.metric_history(run["run_id"], key, max_points=CHART_POINTS)
            series[label] = [(float(point["step"]), float(point["value"])) for point in points]
        parts.append(line_chart(series, title=key))
    return HTML("<div class='jp-mlstudio-compare'>" + "".join(parts) + "</div>")
