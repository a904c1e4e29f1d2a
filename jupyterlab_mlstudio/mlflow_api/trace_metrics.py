"""The MLflow face's trace metrics query (``POST api/3.0/mlflow/traces/metrics``): counts,
latencies, token usage and assessment values of experiments' traces, aggregated and grouped."""

from __future__ import annotations

from typing import Any

from ..core.errors import InvalidInput
from ..tracing.metrics import MAX_RESULTS, reduction
from .calls import Args, Call, Route


def query_trace_metrics(call: Call) -> dict[str, Any]:
    reductions = [
        reduction(
            Args(item).string("aggregation_type", required=True),
            item.get("percentile_value"),
        )
        for item in call.args.entries("aggregations")
    ]
    experiment_ids = call.args.strings("experiment_ids")
    if any(item == "0" for item in experiment_ids):
        default = call.services.experiments.default_experiment(call.context).experiment_id
        experiment_ids = [default if item == "0" else item for item in experiment_ids]
    view = call.args.string("view_type", required=True)
    if not isinstance(view, str):
        raise InvalidInput("view_type names a view", field="view_type")
    points, token = call.services.trace_metrics.query(
        call.context,
        experiment_ids,
        view,
        call.args.string("metric_name", required=True),
        reductions,
        call.args.strings("dimensions"),
        call.args.strings("filters"),
        call.args.integer("time_interval_seconds"),
        call.args.integer("start_time_ms"),
        call.args.integer("end_time_ms"),
        call.args.integer("max_results", MAX_RESULTS),
        call.args.string("page_token"),
    )
    body: dict[str, Any] = {
        "data_points": [
            {"metric_name": item.metric_name, "dimensions": item.dimensions, "values": item.values}
            for item in points
        ]
    }
    if token:
        body["next_page_token"] = token
    return body


ROUTES = [Route("POST", "traces/metrics", query_trace_metrics)]
