"""The MLflow face's label schema endpoints (``api/3.0/mlflow/label-schemas/...``): create,
read (by id or by name), list, change and delete an experiment's label schemas."""

from __future__ import annotations

from typing import Any

from ..labelschemas.service import LabelSchema
from .calls import Call, Route
from .tracking import experiment_id


def schema_out(item: LabelSchema) -> dict[str, Any]:
    body: dict[str, Any] = {
        "schema_id": item.schema_id,
        "experiment_id": item.experiment_id,
        "name": item.name,
        "type": item.kind,
        "enable_comment": item.enable_comment,
        "input": item.answer,
        "created_by": item.created_by,
        "created_at": item.created_at,
        "last_updated_at": item.last_updated_at,
        "is_default": False,
    }
    if item.instruction is not None:
        body["instruction"] = item.instruction
    return body


def create_label_schema(call: Call) -> dict[str, Any]:
    created = call.services.label_schemas.create(
        call.context,
        experiment_id(call),
        call.args.string("name", required=True),
        call.args.string("type", required=True),
        call.args.required("input"),
        call.args.text("instruction"),
        call.args.flag("enable_comment"),
    )
    return {"label_schema": schema_out(created)}


def get_label_schema(call: Call) -> dict[str, Any]:
    found = call.services.label_schemas.get(
        call.context, call.args.string("schema_id", required=True)
    )
    return {"label_schema": schema_out(found)}


def get_label_schema_by_name(call: Call) -> dict[str, Any]:
    found = call.services.label_schemas.by_name(
        call.context, experiment_id(call), call.args.string("name", required=True)
    )
    return {"label_schema": schema_out(found)}


def list_label_schemas(call: Call) -> dict[str, Any]:
    found, token = call.services.label_schemas.list_schemas(
        call.context,
        experiment_id(call),
        max_results=call.args.integer("max_results", 100),
        page_token=call.args.string("page_token"),
    )
    body: dict[str, Any] = {"label_schemas": [schema_out(item) for item in found]}
    if token:
        body["next_page_token"] = token
    return body


def update_label_schema(call: Call) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for key in ("name", "instruction"):
        if call.args.values.get(key) is not None:
            changes[key] = call.args.string(key)
    if call.args.values.get("enable_comment") is not None:
        changes["enable_comment"] = call.args.flag("enable_comment")
    if call.args.values.get("input") is not None:
        changes["input"] = call.args.values["input"]
    updated = call.services.label_schemas.update(
        call.context, call.args.string("schema_id", required=True), changes
    )
    return {"label_schema": schema_out(updated)}


def delete_label_schema(call: Call) -> dict[str, Any]:
    call.services.label_schemas.delete(call.context, call.args.string("schema_id", required=True))
    return {}


ROUTES = [
    Route("POST", "label-schemas/create", create_label_schema, "write"),
    Route("GET", "label-schemas/get", get_label_schema),
    Route("GET", "label-schemas/get-by-name", get_label_schema_by_name),
    Route("GET", "label-schemas/list", list_label_schemas),
    Route("PATCH", "label-schemas/update", update_label_schema, "write"),
    Route("DELETE", "label-schemas/delete", delete_label_schema, "write"),
]
