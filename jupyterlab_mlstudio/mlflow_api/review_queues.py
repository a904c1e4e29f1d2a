"""The MLflow face's review queue endpoints (``api/3.0/mlflow/review-queues/...``): make, read,
list, change and delete an experiment's review queues; add, remove, list and mark the traces
in one."""

from __future__ import annotations

from typing import Any

from ..reviewqueues.service import ReviewItem, ReviewQueue
from .calls import Call, Route
from .tracking import experiment_id


def queue_out(item: ReviewQueue) -> dict[str, Any]:
    body: dict[str, Any] = {
        "queue_id": item.queue_id,
        "experiment_id": item.experiment_id,
        "name": item.name,
        "queue_type": item.queue_type,
        "creation_time_ms": item.creation_time_ms,
        "last_update_time_ms": item.last_update_time_ms,
        "users": item.users,
        "schema_ids": item.schema_ids,
    }
    if item.created_by is not None:
        body["created_by"] = item.created_by
    return body


def item_out(item: ReviewItem) -> dict[str, Any]:
    body: dict[str, Any] = {
        "queue_id": item.queue_id,
        "item_type": item.item_type,
        "item_id": item.item_id,
        "status": item.status,
        "creation_time_ms": item.creation_time_ms,
        "last_update_time_ms": item.last_update_time_ms,
    }
    if item.completed_by is not None:
        body["completed_by"] = item.completed_by
    if item.completed_time_ms is not None:
        body["completed_time_ms"] = item.completed_time_ms
    return body


def _queue_id(call: Call) -> str:
    return call.args.string("queue_id", required=True)


def create_review_queue(call: Call) -> dict[str, Any]:
    created = call.services.review_queues.create(
        call.context,
        experiment_id(call),
        call.args.string("name", required=True),
        call.args.string("queue_type", required=True),
        call.args.string("created_by"),
        call.args.strings("users"),
        call.args.strings("schema_ids"),
    )
    return {"review_queue": queue_out(created)}


def get_or_create_user_queue(call: Call) -> dict[str, Any]:
    found = call.services.review_queues.user_queue(
        call.context, experiment_id(call), call.args.string("user", required=True)
    )
    return {"review_queue": queue_out(found)}


def get_review_queue(call: Call) -> dict[str, Any]:
    found = call.services.review_queues.get(call.context, _queue_id(call))
    return {"review_queue": queue_out(found)}


def get_review_queue_by_name(call: Call) -> dict[str, Any]:
    found = call.services.review_queues.by_name(
        call.context, experiment_id(call), call.args.string("name", required=True)
    )
    return {"review_queue": queue_out(found)}


def list_review_queues(call: Call) -> dict[str, Any]:
    found, token = call.services.review_queues.list_queues(
        call.context,
        experiment_id(call),
        call.args.string("user"),
        call.args.string("item_id"),
        call.args.integer("max_results"),
        call.args.string("page_token"),
    )
    body: dict[str, Any] = {"review_queues": [queue_out(item) for item in found]}
    if token:
        body["next_page_token"] = token
    return body


def update_review_queue(call: Call) -> dict[str, Any]:
    """Users and schemas change only when ``update_users``/``update_schema_ids`` say so (an
    empty list then clears them)."""
    updated = call.services.review_queues.update(
        call.context,
        _queue_id(call),
        users=call.args.strings("users") if call.args.flag("update_users") else None,
        schema_ids=call.args.strings("schema_ids") if call.args.flag("update_schema_ids") else None,
        name=call.args.string("name"),
        new_owner=call.args.string("new_owner"),
    )
    return {"review_queue": queue_out(updated)}


def delete_review_queue(call: Call) -> dict[str, Any]:
    call.services.review_queues.delete(call.context, _queue_id(call))
    return {}


def add_items(call: Call) -> dict[str, Any]:
    added = call.services.review_queues.add_items(
        call.context,
        _queue_id(call),
        call.args.strings("item_ids"),
        call.args.string("item_type", "TRACE"),
    )
    return {"items": [item_out(item) for item in added]}


def remove_items(call: Call) -> dict[str, Any]:
    call.services.review_queues.remove_items(
        call.context, _queue_id(call), call.args.strings("item_ids")
    )
    return {}


def list_items(call: Call) -> dict[str, Any]:
    found, token = call.services.review_queues.list_items(
        call.context,
        _queue_id(call),
        call.args.string("status"),
        call.args.integer("max_results"),
        call.args.string("page_token"),
    )
    body: dict[str, Any] = {"items": [item_out(item) for item in found]}
    if token:
        body["next_page_token"] = token
    return body


def set_item_status(call: Call) -> dict[str, Any]:
    item = call.services.review_queues.set_status(
        call.context,
        _queue_id(call),
        call.args.string("item_id", required=True),
        call.args.string("status", required=True),
        call.args.string("completed_by"),
    )
    return {"item": item_out(item)}


ROUTES = [
    Route("POST", "review-queues/create", create_review_queue, "write"),
    Route("POST", "review-queues/get-or-create-user", get_or_create_user_queue, "write"),
    Route("GET", "review-queues/get", get_review_queue),
    Route("GET", "review-queues/get-by-name", get_review_queue_by_name),
    Route("GET", "review-queues/list", list_review_queues),
    Route("POST", "review-queues/update", update_review_queue, "write"),
    Route("POST", "review-queues/delete", delete_review_queue, "write"),
    Route("POST", "review-queues/items/add", add_items, "write"),
    Route("POST", "review-queues/items/remove", remove_items, "write"),
    Route("GET", "review-queues/items/list", list_items),
    Route("POST", "review-queues/items/set-status", set_item_status, "write"),
]
