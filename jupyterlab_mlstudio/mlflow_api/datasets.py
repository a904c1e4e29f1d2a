"""The MLflow face's evaluation dataset endpoints (``api/3.0/mlflow/datasets/...``): create,
read, search and delete datasets, their tags and experiments, and upsert, list and delete their
records. Tags and records cross the wire as JSON text inside the JSON body, as MLflow sends them.
"""

from __future__ import annotations

import json
from typing import Any

from ..core.errors import InvalidInput
from ..evaldatasets.service import EvalDataset
from ..experiments.validation import check_key
from .calls import Call, Route
from .tracking import DEFAULT_EXPERIMENT_ID


def _json_text(call: Call, name: str, kind: type, required: bool = False) -> Any:
    """A parameter that carries JSON as text (``tags``, ``records``), parsed and type-checked."""
    raw = call.args.string(name, required=required)
    if raw is None:
        return kind()
    try:
        value = json.loads(raw)
    except ValueError as error:
        raise InvalidInput(f"'{name}' must be valid JSON text", field=name) from error
    if not isinstance(value, kind):
        wanted = "an object" if kind is dict else "a list"
        raise InvalidInput(f"'{name}' must be JSON text of {wanted}", field=name)
    return value


def _tags(call: Call) -> dict[str, Any]:
    tags = _json_text(call, "tags", dict)
    for key in tags:
        check_key(key, "tag")
    return tags


def _experiments(call: Call) -> list[str]:
    out = []
    for value in call.args.strings("experiment_ids"):
        if value == DEFAULT_EXPERIMENT_ID:
            value = call.services.experiments.default_experiment(call.context).experiment_id
        out.append(value)
    return out


def dataset_out(dataset: EvalDataset) -> dict[str, Any]:
    body: dict[str, Any] = {
        "dataset_id": dataset.dataset_id,
        "name": dataset.name,
        "tags": json.dumps(dataset.tags),
        "digest": dataset.digest,
        "created_time": dataset.created_time,
        "last_update_time": dataset.last_update_time,
        "experiment_ids": dataset.experiment_ids,
    }
    for key in ("created_by", "last_updated_by", "schema", "profile"):
        if getattr(dataset, key) is not None:
            body[key] = getattr(dataset, key)
    return body


def create_dataset(call: Call) -> dict[str, Any]:
    tags = {key: str(value) for key, value in _tags(call).items() if value is not None}
    created = call.services.eval_datasets.create(
        call.context,
        call.args.string("name", required=True),
        _experiments(call),
        tags,
        created_by=call.args.string("created_by"),
        schema=call.args.string("schema"),
        profile=call.args.string("profile"),
    )
    return {"dataset": dataset_out(created)}


def get_dataset(call: Call) -> dict[str, Any]:
    return {"dataset": dataset_out(call.services.eval_datasets.get(call.context, _id(call)))}


def delete_dataset(call: Call) -> dict[str, Any]:
    call.services.eval_datasets.delete(call.context, _id(call))
    return {}


def search_datasets(call: Call) -> dict[str, Any]:
    found, token = call.services.eval_datasets.search(
        call.context,
        _experiments(call),
        filter=call.args.string("filter_string"),
        order_by=call.args.strings("order_by"),
        max_results=call.args.integer("max_results", 1000),
        page_token=call.args.string("page_token"),
    )
    body: dict[str, Any] = {"datasets": [dataset_out(item) for item in found]}
    if token:
        body["next_page_token"] = token
    return body


def set_dataset_tags(call: Call) -> dict[str, Any]:
    call.services.eval_datasets.set_tags(call.context, _id(call), _tags(call))
    return {}


def delete_dataset_tag(call: Call) -> dict[str, Any]:
    call.services.eval_datasets.delete_tag(call.context, _id(call), call.path["key"])
    return {}


def upsert_records(call: Call) -> dict[str, Any]:
    records = _json_text(call, "records", list, required=True)
    inserted, updated = call.services.eval_datasets.upsert_records(call.context, _id(call), records)
    return {"inserted_count": inserted, "updated_count": updated}


def get_records(call: Call) -> dict[str, Any]:
    found, token = call.services.eval_datasets.records(
        call.context,
        _id(call),
        max_results=call.args.integer("max_results", 1000),
        page_token=call.args.string("page_token"),
    )
    body: dict[str, Any] = {"records": json.dumps(found)}
    if token:
        body["next_page_token"] = token
    return body


def delete_records(call: Call) -> dict[str, Any]:
    ids = call.args.strings("dataset_record_ids")
    if not ids:
        call.args.required("dataset_record_ids")
    deleted = call.services.eval_datasets.delete_records(call.context, _id(call), ids)
    return {"deleted_count": deleted}


def get_experiment_ids(call: Call) -> dict[str, Any]:
    return {"experiment_ids": call.services.eval_datasets.experiment_ids(call.context, _id(call))}


def add_experiments(call: Call) -> dict[str, Any]:
    call.args.required("experiment_ids")
    dataset = call.services.eval_datasets.add_experiments(
        call.context, _id(call), _experiments(call)
    )
    return {"dataset": dataset_out(dataset)}


def remove_experiments(call: Call) -> dict[str, Any]:
    call.args.required("experiment_ids")
    dataset = call.services.eval_datasets.remove_experiments(
        call.context, _id(call), _experiments(call)
    )
    return {"dataset": dataset_out(dataset)}


def _id(call: Call) -> str:
    return call.path.get("dataset_id") or call.args.string("dataset_id", required=True)


ROUTES = [
    # Fixed paths before the ones with a dataset id in them.
    Route("POST", "datasets/create", create_dataset, "write"),
    Route("POST", "datasets/search", search_datasets),
    Route("GET", "datasets/search", search_datasets),
    Route("POST", "datasets/add-experiments", add_experiments, "write"),
    Route("POST", "datasets/remove-experiments", remove_experiments, "write"),
    Route("GET", "datasets/{dataset_id}", get_dataset),
    Route("DELETE", "datasets/{dataset_id}", delete_dataset, "write"),
    Route("PATCH", "datasets/{dataset_id}/tags", set_dataset_tags, "write"),
    Route("DELETE", "datasets/{dataset_id}/tags/{key}", delete_dataset_tag, "write"),
    Route("POST", "datasets/{dataset_id}/records", upsert_records, "write"),
    Route("GET", "datasets/{dataset_id}/records", get_records),
    Route("DELETE", "datasets/{dataset_id}/records", delete_records, "write"),
    Route("GET", "datasets/{dataset_id}/experiment-ids", get_experiment_ids),
    Route("POST", "datasets/{dataset_id}/add-experiments", add_experiments, "write"),
    Route("POST", "datasets/{dataset_id}/remove-experiments", remove_experiments, "write"),
]
