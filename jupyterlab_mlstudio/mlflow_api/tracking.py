"""MLflow's tracking endpoints: experiments, runs, metrics, params, tags, inputs and outputs."""

from __future__ import annotations

from typing import Any

from ..core.clock import now_ms
from ..core.errors import InvalidInput
from ..experiments.models import MetricPoint, Param, RunStatus, Tag, ViewType
from ..experiments.validation import check_batch, check_key
from ..store.lookup import required
from . import convert
from .calls import Call, Route

DEFAULT_EXPERIMENT_ID = "0"


def _view(value: Any) -> ViewType:
    if value in (None, ""):
        return ViewType.ACTIVE_ONLY
    mapping = {"1": "ACTIVE_ONLY", "2": "DELETED_ONLY", "3": "ALL"}
    name = mapping.get(str(value), str(value).upper())
    try:
        return ViewType(name)
    except ValueError as error:
        raise InvalidInput(f"Invalid view_type {value!r}", field="view_type") from error


def experiment_id(call: Call, name: str = "experiment_id") -> str:
    """The experiment a call names; ``0`` is MLflow's Default experiment, made on first use."""
    value = call.args.string(name, required=True)
    if value == DEFAULT_EXPERIMENT_ID:
        return call.services.experiments.default_experiment(call.context).experiment_id
    return str(value)


# -- experiments ---------------------------------------------------------------------------


def create_experiment(call: Call) -> dict[str, Any]:
    tags = dict(call.args.pairs("tags", "tag"))
    created = call.services.experiments.create_experiment(
        call.context,
        call.args.string("name", required=True),
        call.args.string("artifact_location"),
        tags,
    )
    return {"experiment_id": created.experiment_id}


def get_experiment(call: Call) -> dict[str, Any]:
    return {
        "experiment": convert.experiment(
            call.services.experiments.get_experiment(call.context, experiment_id(call))
        )
    }


def get_experiment_by_name(call: Call) -> dict[str, Any]:
    name = call.args.string("experiment_name", required=True)
    found = required(
        call.services.experiments.experiment_by_name(call.context, name),
        f"Could not find experiment with name '{name}'",
    )
    return {"experiment": convert.experiment(found)}


def search_experiments(call: Call) -> dict[str, Any]:
    experiments, token = call.services.experiments.search_experiments(
        call.context,
        view=_view(call.args.get("view_type")),
        filter=call.args.string("filter"),
        order_by=call.args.strings("order_by"),
        max_results=call.args.integer("max_results", 1000),
        page_token=call.args.string("page_token"),
    )
    body: dict[str, Any] = {"experiments": [convert.experiment(item) for item in experiments]}
    if token:
        body["next_page_token"] = token
    return body


def update_experiment(call: Call) -> dict[str, Any]:
    identifier = experiment_id(call)
    new_name = call.args.string("new_name")
    if new_name:
        call.services.experiments.rename_experiment(call.context, identifier, new_name)
    return {}


def delete_experiment(call: Call) -> dict[str, Any]:
    call.services.experiments.set_experiment_stage(call.context, experiment_id(call), "deleted")
    return {}


def restore_experiment(call: Call) -> dict[str, Any]:
    call.services.experiments.set_experiment_stage(call.context, experiment_id(call), "active")
    return {}


def set_experiment_tag(call: Call) -> dict[str, Any]:
    call.services.experiments.set_experiment_tag(
        call.context,
        experiment_id(call),
        call.args.string("key", required=True),
        call.args.string("value", ""),
    )
    return {}


def delete_experiment_tag(call: Call) -> dict[str, Any]:
    call.services.experiments.delete_experiment_tag(
        call.context, experiment_id(call), call.args.string("key", required=True)
    )
    return {}


# -- runs ----------------------------------------------------------------------------------


def run_id(call: Call) -> str:
    value = call.args.string("run_id") or call.args.string("run_uuid")
    if not value:
        call.args.required("run_id")
    return str(value)


def create_run(call: Call) -> dict[str, Any]:
    tags = dict(call.args.pairs("tags", "tag"))
    if call.args.string("user_id"):
        tags.setdefault("mlflow.user", call.args.string("user_id"))
    created = call.services.experiments.start_run(
        call.context,
        experiment_id=experiment_id(call) if call.args.get("experiment_id") is not None else None,
        name=call.args.string("run_name"),
        tags=tags,
        start_time=call.args.integer("start_time"),
    )
    return {"run": convert.run(created)}


def get_run(call: Call) -> dict[str, Any]:
    return {"run": convert.run(call.services.experiments.get_run(call.context, run_id(call)))}


def update_run(call: Call) -> dict[str, Any]:
    status = call.args.string("status")
    try:
        parsed = RunStatus(status) if status else None
    except ValueError as error:
        raise InvalidInput(f"Invalid run status {status!r}", field="status") from error
    updated = call.services.experiments.update_run(
        call.context,
        run_id(call),
        parsed,
        call.args.integer("end_time"),
        call.args.string("run_name"),
    )
    return {"run_info": convert.run_info(updated)}


def delete_run(call: Call) -> dict[str, Any]:
    call.services.experiments.set_run_stage(call.context, run_id(call), "deleted")
    return {}


def restore_run(call: Call) -> dict[str, Any]:
    call.services.experiments.set_run_stage(call.context, run_id(call), "active")
    return {}


def _metric(item: dict[str, Any], call: Call) -> MetricPoint:
    from .calls import Args

    args = Args(item)
    return MetricPoint(
        key=check_key(args.string("key", required=True), "metric"),
        value=args.number("value", required=True),
        step=args.integer("step", 0),
        timestamp=args.integer("timestamp", now_ms()),
    )


def log_metric(call: Call) -> dict[str, Any]:
    point = _metric(call.args.values, call)
    call.services.experiments.log_batch(call.context, run_id(call), metrics=[point])
    return {}


def log_param(call: Call) -> dict[str, Any]:
    key = check_key(call.args.string("key", required=True), "param")
    param = Param(key=key, value=call.args.string("value", ""))
    call.services.experiments.log_batch(call.context, run_id(call), params=[param])
    return {}


def set_tag(call: Call) -> dict[str, Any]:
    tag = Tag(
        key=check_key(call.args.string("key", required=True), "tag"),
        value=call.args.string("value", ""),
    )
    call.services.experiments.log_batch(call.context, run_id(call), tags=[tag])
    return {}


def delete_tag(call: Call) -> dict[str, Any]:
    call.services.experiments.delete_tag(
        call.context, run_id(call), call.args.string("key", required=True)
    )
    return {}


def log_batch(call: Call) -> dict[str, Any]:
    metrics = call.args.entries("metrics")
    check_batch(len(metrics), len(call.args.entries("params")), len(call.args.entries("tags")))
    params = call.args.pairs("params", "param")
    tags = call.args.pairs("tags", "tag")
    call.services.experiments.log_batch(
        call.context,
        run_id(call),
        metrics=[_metric(item, call) for item in metrics],
        params=[Param(key=key, value=value) for key, value in params],
        tags=[Tag(key=key, value=value) for key, value in tags],
    )
    return {}


def log_inputs(call: Call) -> dict[str, Any]:
    inputs: list[dict[str, Any]] = [
        {"kind": "dataset", "dataset_input": item} for item in call.args.entries("datasets")
    ]
    inputs += [
        {"kind": "model", "model_id": item.get("model_id")} for item in call.args.entries("models")
    ]
    call.services.experiments.log_io(call.context, run_id(call), inputs, [])
    return {}


def log_outputs(call: Call) -> dict[str, Any]:
    outputs = [
        {"model_id": item.get("model_id"), "step": item.get("step", 0)}
        for item in call.args.entries("models")
    ]
    call.services.experiments.log_io(call.context, run_id(call), [], outputs)
    return {}


def get_metric_history(call: Call) -> dict[str, Any]:
    identifier = run_id(call)
    points, token = call.services.experiments.metric_history(
        call.context,
        identifier,
        call.args.string("metric_key", required=True),
        call.args.integer("max_results"),
        call.args.string("page_token"),
    )
    body: dict[str, Any] = {"metrics": [convert.metric(point) for point in points]}
    if token:
        body["next_page_token"] = token
    return body


def search_runs(call: Call) -> dict[str, Any]:
    ids = [
        call.services.experiments.default_experiment(call.context).experiment_id
        if item == DEFAULT_EXPERIMENT_ID
        else item
        for item in call.args.strings("experiment_ids")
    ]
    runs, token = call.services.experiments.search_runs(
        call.context,
        ids,
        filter=call.args.string("filter"),
        view=_view(call.args.get("run_view_type")),
        max_results=call.args.integer("max_results", 1000),
        order_by=call.args.strings("order_by"),
        page_token=call.args.string("page_token"),
    )
    body: dict[str, Any] = {"runs": [convert.run(item) for item in runs]}
    if token:
        body["next_page_token"] = token
    return body


ROUTES = [
    Route("POST", "experiments/create", create_experiment, "write"),
    Route("GET", "experiments/get", get_experiment),
    Route("GET", "experiments/get-by-name", get_experiment_by_name),
    Route("POST", "experiments/search", search_experiments),
    Route("GET", "experiments/search", search_experiments),
    Route("POST", "experiments/update", update_experiment, "write"),
    Route("POST", "experiments/delete", delete_experiment, "write"),
    Route("POST", "experiments/restore", restore_experiment, "write"),
    Route("POST", "experiments/set-experiment-tag", set_experiment_tag, "write"),
    Route("POST", "experiments/delete-experiment-tag", delete_experiment_tag, "write"),
    Route("POST", "runs/create", create_run, "write"),
    Route("GET", "runs/get", get_run),
    Route("POST", "runs/update", update_run, "write"),
    Route("POST", "runs/delete", delete_run, "write"),
    Route("POST", "runs/restore", restore_run, "write"),
    Route("POST", "runs/log-metric", log_metric, "write"),
    Route("POST", "runs/log-parameter", log_param, "write"),
    Route("POST", "runs/set-tag", set_tag, "write"),
    Route("POST", "runs/delete-tag", delete_tag, "write"),
    Route("POST", "runs/log-batch", log_batch, "write"),
    Route("POST", "runs/log-inputs", log_inputs, "write"),
    Route("POST", "runs/outputs", log_outputs, "write"),
    Route("POST", "runs/search", search_runs),
    Route("GET", "metrics/get-history", get_metric_history),
]
