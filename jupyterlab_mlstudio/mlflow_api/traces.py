"""MLflow's trace and assessment endpoints (the same under ``api/2.0`` and ``api/3.0``):
``StartTraceV3``, trace info and trace with spans, batch reads, search, tags, deletion, linking
to a run, and assessments. Times cross the wire as protobuf ``Timestamp``/``Duration`` text."""

from __future__ import annotations

import re
from typing import Any

from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp

from ..core.errors import InvalidInput
from ..experiments.validation import check_key
from ..tracing.models import Trace, TraceInfo
from .calls import Args, Call, Route, whole_number
from .tracking import DEFAULT_EXPERIMENT_ID


def _ms_from_timestamp(value: Any, name: str) -> int:
    if isinstance(value, str) and not value.lstrip("-").isdigit():
        stamp = Timestamp()
        try:
            stamp.FromJsonString(value)
        except ValueError as error:
            raise InvalidInput(f"Invalid timestamp {value!r} for '{name}'", field=name) from error
        return stamp.ToMilliseconds()
    return whole_number(value, name)


def _ms_from_duration(value: Any, name: str) -> int:
    if isinstance(value, str) and value.endswith("s"):
        duration = Duration()
        try:
            duration.FromJsonString(value)
        except ValueError as error:
            raise InvalidInput(f"Invalid duration {value!r} for '{name}'", field=name) from error
        return duration.ToMilliseconds()
    return whole_number(value, name)


def _timestamp(ms: int) -> str:
    stamp = Timestamp()
    stamp.FromMilliseconds(ms)
    return stamp.ToJsonString()


def _duration(ms: int) -> str:
    duration = Duration()
    duration.FromMilliseconds(ms)
    return duration.ToJsonString()


def _string_map(value: Any, name: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(key, str) and isinstance(item, str) for key, item in value.items()
    ):
        raise InvalidInput(f"Invalid value for '{name}': expected a map of strings", field=name)
    return value


def _experiment_of(call: Call, location: Any) -> str:
    if not isinstance(location, dict):
        raise InvalidInput("trace_location: expected an object", field="trace_location")
    experiment = Args(location.get("mlflow_experiment") or {}).string(
        "experiment_id", required=True
    )
    if experiment == DEFAULT_EXPERIMENT_ID:
        return call.services.experiments.default_experiment(call.context).experiment_id
    return str(experiment)


# -- conversions -------------------------------------------------------------------------------


def assessment_out(content: dict[str, Any]) -> dict[str, Any]:
    body = dict(content)
    for key in ("create_time", "last_update_time"):
        if isinstance(body.get(key), int):
            body[key] = _timestamp(body[key])
    return body


def assessment_in(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidInput("assessment: expected an object", field="assessment")
    content = dict(value)
    for key in ("create_time", "last_update_time"):
        if content.get(key) is not None:
            content[key] = _ms_from_timestamp(content[key], key)
    content.pop("assessment_id", None)
    return content


def trace_info_out(info: TraceInfo) -> dict[str, Any]:
    body: dict[str, Any] = {
        "trace_id": info.trace_id,
        "trace_location": {
            "type": "MLFLOW_EXPERIMENT",
            "mlflow_experiment": {"experiment_id": info.experiment_id},
        },
        "request_time": _timestamp(info.request_time),
        "state": info.state,
        "trace_metadata": info.metadata,
        "tags": info.tags,
        "assessments": [assessment_out(item) for item in info.assessments],
    }
    if info.execution_duration is not None:
        body["execution_duration"] = _duration(info.execution_duration)
    for key in ("client_request_id", "request_preview", "response_preview"):
        if getattr(info, key) is not None:
            body[key] = getattr(info, key)
    return body


def trace_out(trace: Trace) -> dict[str, Any]:
    return {"trace_info": trace_info_out(trace.info), "spans": trace.spans}


def trace_info_in(call: Call, value: Any) -> TraceInfo:
    if not isinstance(value, dict):
        raise InvalidInput("trace.trace_info: expected an object", field="trace_info")
    args = Args(value)
    tags = _string_map(value.get("tags"), "tags")
    for key in tags:
        check_key(key, "tag")
    assessments = value.get("assessments") or []
    if not isinstance(assessments, list):
        raise InvalidInput("assessments: expected a list", field="assessments")
    duration = value.get("execution_duration")
    return TraceInfo(
        trace_id=args.string("trace_id", required=True),
        experiment_id=_experiment_of(call, value.get("trace_location")),
        request_time=_ms_from_timestamp(args.required("request_time"), "request_time"),
        execution_duration=None
        if duration in (None, "")
        else _ms_from_duration(duration, "execution_duration"),
        state=args.string("state", "STATE_UNSPECIFIED"),
        client_request_id=args.string("client_request_id"),
        request_preview=args.text("request_preview"),
        response_preview=args.text("response_preview"),
        tags=tags,
        metadata=_string_map(value.get("trace_metadata"), "trace_metadata"),
        assessments=[assessment_in(item) for item in assessments],
    )


# -- endpoints ---------------------------------------------------------------------------------


def start_trace(call: Call) -> dict[str, Any]:
    trace = call.args.required("trace")
    if not isinstance(trace, dict):
        raise InvalidInput("trace: expected an object", field="trace")
    info = trace_info_in(call, trace.get("trace_info"))
    created = call.services.traces.start_trace(call.context, info)
    return {"trace": {"trace_info": trace_info_out(created)}}


def get_trace_info(call: Call) -> dict[str, Any]:
    info = call.services.traces.get_info(call.context, call.path["trace_id"])
    return {"trace": {"trace_info": trace_info_out(info)}}


def get_trace(call: Call) -> dict[str, Any]:
    trace_id = call.args.string("trace_id", required=True)
    return {"trace": trace_out(call.services.traces.get_trace(call.context, trace_id))}


def batch_get_traces(call: Call) -> dict[str, Any]:
    traces = call.services.traces.get_traces(call.context, call.args.strings("trace_ids"))
    return {"traces": [trace_out(trace) for trace in traces]}


def batch_get_trace_infos(call: Call) -> dict[str, Any]:
    traces = call.services.traces.get_traces(call.context, call.args.strings("trace_ids"))
    return {"trace_infos": [trace_info_out(trace.info) for trace in traces]}


def search_traces(call: Call) -> dict[str, Any]:
    experiments = []
    for location in call.args.entries("locations"):
        experiments.append(_experiment_of(call, location))
    for experiment in call.args.strings("experiment_ids"):  # the older request's field
        experiments.append(
            _experiment_of(call, {"mlflow_experiment": {"experiment_id": experiment}})
        )
    infos, token = call.services.traces.search(
        call.context,
        experiments,
        filter=call.args.string("filter"),
        order_by=call.args.strings("order_by"),
        max_results=call.args.integer("max_results", 100),
        page_token=call.args.string("page_token"),
    )
    body: dict[str, Any] = {"traces": [trace_info_out(info) for info in infos]}
    if token:
        body["next_page_token"] = token
    return body


def set_trace_tag(call: Call) -> dict[str, Any]:
    key = call.args.string("key", required=True)
    check_key(key, "tag")
    value = call.args.text("value")
    call.services.traces.set_tag(call.context, call.path["trace_id"], key, value or "")
    return {}


def delete_trace_tag(call: Call) -> dict[str, Any]:
    key = call.args.string("key", required=True)
    call.services.traces.delete_tag(call.context, call.path["trace_id"], key)
    return {}


def delete_traces(call: Call) -> dict[str, Any]:
    deleted = call.services.traces.delete_traces(
        call.context,
        call.args.string("experiment_id", required=True),
        max_timestamp_millis=call.args.integer("max_timestamp_millis"),
        max_traces=call.args.integer("max_traces"),
        trace_ids=call.args.strings("request_ids") or call.args.strings("trace_ids") or None,
    )
    return {"traces_deleted": deleted}


def link_traces_to_run(call: Call) -> dict[str, Any]:
    call.services.traces.link_to_run(
        call.context,
        call.args.strings("trace_ids"),
        call.args.string("run_id", required=True),
    )
    return {}


def link_prompts_to_trace(call: Call) -> dict[str, Any]:
    """``POST traces/link-prompts``: the prompt versions (name and version) a trace used."""
    versions = []
    call.args.required("prompt_versions")
    for item in call.args.entries("prompt_versions"):
        entry = Args(item)
        name = entry.string("name", required=True)
        version = entry.get("version")
        if isinstance(version, int) and not isinstance(version, bool):
            version = str(version)
        if not isinstance(version, str) or not version.isdigit():
            raise InvalidInput(
                f"Invalid prompt version {version!r} for prompt {name!r}", field="prompt_versions"
            )
        versions.append((name, version))
    call.services.traces.link_prompts(
        call.context, call.args.string("trace_id", required=True), versions
    )
    return {}


def create_assessment(call: Call) -> dict[str, Any]:
    content = assessment_in(call.args.required("assessment"))
    content["trace_id"] = call.path["trace_id"]
    return {"assessment": assessment_out(call.services.assessments.create(call.context, content))}


def get_assessment(call: Call) -> dict[str, Any]:
    found = call.services.assessments.get(
        call.context, call.path["trace_id"], call.path["assessment_id"]
    )
    return {"assessment": assessment_out(found)}


def update_assessment(call: Call) -> dict[str, Any]:
    changes = assessment_in(call.args.required("assessment"))
    mask = call.args.get("update_mask") or {}
    paths = mask.get("paths") if isinstance(mask, dict) else mask
    if isinstance(paths, str):
        paths = [item.strip() for item in paths.split(",") if item.strip()]
    if not isinstance(paths, list) or not all(isinstance(item, str) for item in paths):
        raise InvalidInput("update_mask: expected field paths", field="update_mask")
    # A FieldMask's JSON form names its paths in camelCase.
    paths = [re.sub(r"(?<!^)([A-Z])", r"_\1", item).lower() for item in paths]
    updated = call.services.assessments.update(
        call.context, call.path["trace_id"], call.path["assessment_id"], changes, paths
    )
    return {"assessment": assessment_out(updated)}


def delete_assessment(call: Call) -> dict[str, Any]:
    call.services.assessments.delete(
        call.context, call.path["trace_id"], call.path["assessment_id"]
    )
    return {}


ROUTES = [
    # Fixed paths before the ones with a trace id in them.
    Route("GET", "traces/get", get_trace),
    Route("GET", "traces/batchGet", batch_get_traces),
    Route("POST", "traces/batchGetInfos", batch_get_trace_infos),
    Route("POST", "traces/search", search_traces),
    Route("POST", "traces/delete-traces", delete_traces, "write"),
    Route("POST", "traces/link-to-run", link_traces_to_run, "write"),
    Route("POST", "traces/link-prompts", link_prompts_to_trace, "write"),
    Route("POST", "traces", start_trace, "write"),
    Route("GET", "traces/{trace_id}", get_trace_info),
    Route("PATCH", "traces/{trace_id}/tags", set_trace_tag, "write"),
    Route("DELETE", "traces/{trace_id}/tags", delete_trace_tag, "write"),
    Route("POST", "traces/{trace_id}/assessments", create_assessment, "write"),
    Route("GET", "traces/{trace_id}/assessments/{assessment_id}", get_assessment),
    Route("PATCH", "traces/{trace_id}/assessments/{assessment_id}", update_assessment, "write"),
    Route("DELETE", "traces/{trace_id}/assessments/{assessment_id}", delete_assessment, "write"),
]
