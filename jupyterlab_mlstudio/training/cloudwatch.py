"""CloudWatch metric operations of the AWS face over training jobs' metrics (what the SDK's
``training_job_analytics`` and the console's charts read); wire names and shapes as CloudWatch
has them (JSON 1.0, ``X-Amz-Target: GraniteServiceVersion20100801.<Op>``)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ..aws.registry import Action
from ..core.context import RequestContext
from ..core.errors import InvalidInput
from ..core.paging import decode_offset, encode_token
from .metrics import HOST_DIMENSION, JOB_DIMENSION, NAMESPACE, STATISTICS, series_key

if TYPE_CHECKING:
    from ..services import Services

RESOURCE = "mlstudio:training"
CODES = {"ValidationException": "InvalidParameterValue", "ResourceNotFound": "ResourceNotFound"}
LIST_PAGE = 500


def _dimensions(items: list[dict[str, Any]] | None) -> list[tuple[str, str]]:
    return [(str(item.get("Name")), str(item.get("Value"))) for item in items or []]


def _when(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc) if moment.tzinfo else moment


def get_metric_statistics(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``GetMetricStatistics``: one series per period, the statistics asked for."""
    statistics = params.get("Statistics") or []
    if params.get("ExtendedStatistics"):
        raise InvalidInput("Percentile statistics are not served here.", field="ExtendedStatistics")
    if not statistics:
        raise InvalidInput("Statistics must name at least one statistic.", field="Statistics")
    key = series_key(
        params["Namespace"], params["MetricName"], _dimensions(params.get("Dimensions"))
    )
    buckets = services.training_metrics.buckets(
        context, key, _when(params["StartTime"]), _when(params["EndTime"]), params["Period"]
    )
    return {
        "Label": key.metric,
        "Datapoints": [
            {
                "Timestamp": datetime.fromtimestamp(bucket.start_ms / 1000, tz=timezone.utc),
                "Unit": "None",
                **{name: bucket.statistic(name) for name in statistics},
            }
            for bucket in buckets
        ],
    }


def get_metric_data(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``GetMetricData``: each query's series, newest first unless ``ScanBy`` says otherwise."""
    start, end = _when(params["StartTime"]), _when(params["EndTime"])
    oldest_first = params.get("ScanBy") == "TimestampAscending"
    results = []
    for query in params["MetricDataQueries"]:
        stat = query.get("MetricStat")
        if stat is None:
            raise InvalidInput(
                "Metric math expressions are not served here; use MetricStat.",
                field="MetricDataQueries",
            )
        if stat["Stat"] not in STATISTICS:
            raise InvalidInput(f"Unsupported statistic {stat['Stat']}", field="Stat")
        metric = stat["Metric"]
        key = series_key(
            metric.get("Namespace", ""),
            metric.get("MetricName", ""),
            _dimensions(metric.get("Dimensions")),
        )
        buckets = services.training_metrics.buckets(context, key, start, end, stat["Period"])
        if not oldest_first:
            buckets.reverse()
        if query.get("ReturnData", True) is False:
            continue
        results.append(
            {
                "Id": query["Id"],
                "Label": query.get("Label") or key.metric,
                "Timestamps": [
                    datetime.fromtimestamp(bucket.start_ms / 1000, tz=timezone.utc)
                    for bucket in buckets
                ],
                "Values": [bucket.statistic(stat["Stat"]) for bucket in buckets],
                "StatusCode": "Complete",
            }
        )
    return {"MetricDataResults": results, "Messages": []}


def list_metrics(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``ListMetrics``: every job metric with points, under both dimensions, paged."""
    namespace = params.get("Namespace")
    if namespace not in (None, NAMESPACE):
        return {"Metrics": []}
    wanted_name = params.get("MetricName")
    filters = params.get("Dimensions") or []
    metrics = []
    for job, metric, hosts in services.training_metrics.listing(context):
        if wanted_name not in (None, metric):
            continue
        choices = [[{"Name": JOB_DIMENSION, "Value": job}]]
        choices += [[{"Name": HOST_DIMENSION, "Value": f"{job}/{host}"}] for host in hosts]
        for dimensions in choices:
            if all(_matches(dimensions, wanted) for wanted in filters):
                metrics.append(
                    {"Namespace": NAMESPACE, "MetricName": metric, "Dimensions": dimensions}
                )
    listing = [namespace, wanted_name, _dimensions(filters)]
    offset = decode_offset(params.get("NextToken"), "NextToken", listing)
    result: dict[str, Any] = {"Metrics": metrics[offset : offset + LIST_PAGE]}
    if offset + LIST_PAGE < len(metrics):
        result["NextToken"] = encode_token({"offset": offset + LIST_PAGE}, listing)
    return result


def _matches(dimensions: list[dict[str, str]], wanted: dict[str, Any]) -> bool:
    return any(
        item["Name"] == wanted.get("Name") and wanted.get("Value") in (None, item["Value"])
        for item in dimensions
    )


ACTIONS = [
    Action("cloudwatch", name, function, RESOURCE, "read", CODES)
    for name, function in (
        ("GetMetricStatistics", get_metric_statistics),
        ("GetMetricData", get_metric_data),
        ("ListMetrics", list_metrics),
    )
]
