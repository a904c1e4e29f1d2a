"""CloudWatch Logs operations of the AWS face: what SageMaker tooling reads job logs with."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..aws.registry import Action
from ..core.context import RequestContext
from ..core.errors import InvalidInput, NotFound
from ..core.paging import decode_offset, encode_token
from . import patterns

if TYPE_CHECKING:
    from ..services import Services

RESOURCE = "mlstudio:logs"
CODES = {
    "ResourceNotFound": "ResourceNotFoundException",
    "ValidationException": "InvalidParameterException",
}
KNOWN_GROUPS = (
    "/aws/sagemaker/TrainingJobs",
    "/aws/sagemaker/TransformJobs",
    "/aws/sagemaker/ProcessingJobs",
)
#: One log group per endpoint, as on SageMaker (streams ``<variant>/<instance>``).
ENDPOINT_GROUPS = "/aws/sagemaker/Endpoints/"
#: Most events one FilterLogEvents page gathers from its streams.
FILTER_LIMIT = 10000


def _group(params: dict[str, Any]) -> str:
    group = params.get("logGroupName") or params.get("logGroupIdentifier")
    if not group:
        raise InvalidInput("logGroupName is required", field="logGroupName")
    if group not in KNOWN_GROUPS and not str(group).startswith(ENDPOINT_GROUPS):
        raise NotFound("The specified log group does not exist.")
    return str(group)


def describe_log_streams(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``DescribeLogStreams``: by name prefix or by last event time, paged."""
    group = _group(params)
    by_time = params.get("orderBy") == "LastEventTime"
    prefix = params.get("logStreamNamePrefix") or ""
    if by_time and prefix:
        raise InvalidInput("Cannot order by LastEventTime with a logStreamNamePrefix.")
    streams = services.logs.streams(context, group, prefix, by_time, bool(params.get("descending")))
    limit = int(params.get("limit") or 50)
    listing = [group, prefix, by_time, bool(params.get("descending"))]
    offset = decode_offset(params.get("nextToken"), "nextToken", listing)
    page = streams[offset : offset + limit]
    result: dict[str, Any] = {
        "logStreams": [
            {
                "logStreamName": stream.name,
                "creationTime": stream.creation_time,
                "firstEventTimestamp": stream.first_event_time,
                "lastEventTimestamp": stream.last_event_time,
                "lastIngestionTime": stream.last_ingestion_time,
                "storedBytes": stream.stored_bytes,
                "arn": f"arn:aws:logs:local:000000000000:log-group:{group}:log-stream:"
                f"{stream.name}",
            }
            for stream in page
        ]
    }
    if offset + limit < len(streams):
        result["nextToken"] = encode_token({"offset": offset + limit}, listing)
    return result


def get_log_events(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``GetLogEvents`` with CloudWatch's forward and backward tokens."""
    group = _group(params)
    page = services.logs.events(
        context,
        group,
        params["logStreamName"],
        token=params.get("nextToken"),
        start_from_head=bool(params.get("startFromHead")),
        start_time=params.get("startTime"),
        end_time=params.get("endTime"),
        limit=int(params.get("limit") or 10000),
    )
    return {
        "events": [
            {
                "timestamp": event.timestamp,
                "message": event.message,
                "ingestionTime": event.ingestion_time,
            }
            for event in page.events
        ],
        "nextForwardToken": page.next_forward_token,
        "nextBackwardToken": page.next_backward_token,
    }


def filter_log_events(
    services: Services, context: RequestContext, params: dict[str, Any]
) -> dict[str, Any]:
    """``FilterLogEvents`` over a group's streams (named, or by prefix), oldest first, paged.
    ``filterPattern`` in CloudWatch's term syntax (``patterns.py``); the other syntaxes are
    refused rather than ignored."""
    group = _group(params)
    pattern = patterns.parse(params.get("filterPattern"))
    names = params.get("logStreamNames")
    prefix = params.get("logStreamNamePrefix") or ""
    if names and prefix:
        raise InvalidInput("Give logStreamNames or logStreamNamePrefix, not both.")
    streams = [
        stream.name
        for stream in services.logs.streams(context, group, prefix)
        if not names or stream.name in names
    ]
    events: list[dict[str, Any]] = []
    for stream in streams:
        page = services.logs.events(
            context,
            group,
            stream,
            start_from_head=True,
            start_time=params.get("startTime"),
            end_time=params.get("endTime"),
            limit=FILTER_LIMIT,
        )
        events.extend(
            {
                "logStreamName": stream,
                "timestamp": event.timestamp,
                "message": event.message,
                "ingestionTime": event.ingestion_time,
                "eventId": f"{stream}/{event.seq}",
            }
            for event in page.events
            if pattern is None or pattern.matches(event.message)
        )
    events.sort(key=lambda event: (event["timestamp"], event["eventId"]))
    limit = int(params.get("limit") or FILTER_LIMIT)
    listing = [
        group,
        prefix,
        sorted(names or []),
        params.get("startTime"),
        params.get("endTime"),
        params.get("filterPattern") or "",
    ]
    offset = decode_offset(params.get("nextToken"), "nextToken", listing)
    result: dict[str, Any] = {
        "events": events[offset : offset + limit],
        "searchedLogStreams": [
            {"logStreamName": name, "searchedCompletely": True} for name in streams
        ],
    }
    if offset + limit < len(events):
        result["nextToken"] = encode_token({"offset": offset + limit}, listing)
    return result


ACTIONS = [
    Action("logs", "DescribeLogStreams", describe_log_streams, RESOURCE, "read", CODES),
    Action("logs", "GetLogEvents", get_log_events, RESOURCE, "read", CODES),
    Action("logs", "FilterLogEvents", filter_log_events, RESOURCE, "read", CODES),
]
