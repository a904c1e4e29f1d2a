"""MLflow's model endpoints: the model registry and MLflow 3's logged models."""

from __future__ import annotations

from typing import Any

from ..core.errors import InvalidInput
from . import convert
from .calls import Call, Route, whole_number
from .tracking import experiment_id

REGISTRY = "mlstudio:registry"


def _tags(call: Call) -> dict[str, str]:
    return dict(call.args.pairs("tags", "tag"))


def _name(call: Call) -> str:
    return str(call.args.string("name", required=True))


def _version(call: Call) -> int:
    value = call.args.required("version")
    try:
        return whole_number(value, "version")
    except InvalidInput as error:
        raise InvalidInput(f"Invalid model version {value!r}", field="version") from error


# -- registered models ---------------------------------------------------------------------


def create_registered_model(call: Call) -> dict[str, Any]:
    created = call.services.registry.create_model(
        call.context, _name(call), call.args.text("description"), _tags(call)
    )
    return {"registered_model": convert.registered_model(created)}


def get_registered_model(call: Call) -> dict[str, Any]:
    return {
        "registered_model": convert.registered_model(
            call.services.registry.get_model(call.context, _name(call))
        )
    }


def rename_registered_model(call: Call) -> dict[str, Any]:
    renamed = call.services.registry.rename_model(
        call.context, _name(call), call.args.string("new_name", required=True)
    )
    return {"registered_model": convert.registered_model(renamed)}


def update_registered_model(call: Call) -> dict[str, Any]:
    updated = call.services.registry.update_model(
        call.context, _name(call), call.args.text("description")
    )
    return {"registered_model": convert.registered_model(updated)}


def delete_registered_model(call: Call) -> dict[str, Any]:
    call.services.registry.delete_model(call.context, _name(call))
    return {}


def search_registered_models(call: Call) -> dict[str, Any]:
    models, token = call.services.registry.search_models(
        call.context,
        call.args.string("filter"),
        call.args.integer("max_results", 100),
        call.args.strings("order_by"),
        call.args.string("page_token"),
    )
    body: dict[str, Any] = {
        "registered_models": [convert.registered_model(item) for item in models]
    }
    if token:
        body["next_page_token"] = token
    return body


def get_latest_versions(call: Call) -> dict[str, Any]:
    versions = call.services.registry.latest_versions(
        call.context, _name(call), call.args.strings("stages")
    )
    return {"model_versions": [convert.model_version(item) for item in versions]}


def set_registered_model_tag(call: Call) -> dict[str, Any]:
    call.services.registry.set_model_tag(
        call.context,
        _name(call),
        call.args.string("key", required=True),
        call.args.string("value", ""),
    )
    return {}


def delete_registered_model_tag(call: Call) -> dict[str, Any]:
    call.services.registry.delete_model_tag(
        call.context, _name(call), call.args.string("key", required=True)
    )
    return {}


def set_alias(call: Call) -> dict[str, Any]:
    call.services.registry.set_alias(
        call.context, _name(call), call.args.string("alias", required=True), _version(call)
    )
    return {}


def delete_alias(call: Call) -> dict[str, Any]:
    call.services.registry.delete_alias(
        call.context, _name(call), call.args.string("alias", required=True)
    )
    return {}


def get_by_alias(call: Call) -> dict[str, Any]:
    found = call.services.registry.version_by_alias(
        call.context, _name(call), call.args.string("alias", required=True)
    )
    return {"model_version": convert.model_version(found)}


# -- model versions ------------------------------------------------------------------------


def create_model_version(call: Call) -> dict[str, Any]:
    created = call.services.registry.create_version(
        call.context,
        _name(call),
        call.args.string("source", required=True),
        run_id=call.args.string("run_id"),
        run_link=call.args.string("run_link"),
        description=call.args.text("description"),
        tags=_tags(call),
        model_id=call.args.string("model_id"),
    )
    return {"model_version": convert.model_version(created)}


def get_model_version(call: Call) -> dict[str, Any]:
    return {
        "model_version": convert.model_version(
            call.services.registry.get_version(call.context, _name(call), _version(call))
        )
    }


def update_model_version(call: Call) -> dict[str, Any]:
    updated = call.services.registry.update_version(
        call.context, _name(call), _version(call), call.args.text("description")
    )
    return {"model_version": convert.model_version(updated)}


def transition_stage(call: Call) -> dict[str, Any]:
    updated = call.services.registry.update_version(
        call.context, _name(call), _version(call), stage=call.args.string("stage", required=True)
    )
    return {"model_version": convert.model_version(updated)}


def delete_model_version(call: Call) -> dict[str, Any]:
    call.services.registry.delete_version(call.context, _name(call), _version(call))
    return {}


def search_model_versions(call: Call) -> dict[str, Any]:
    versions, token = call.services.registry.search_versions(
        call.context,
        call.args.string("filter"),
        call.args.integer("max_results", 10000),
        call.args.string("page_token"),
        call.args.strings("order_by"),
    )
    body: dict[str, Any] = {"model_versions": [convert.model_version(item) for item in versions]}
    if token:
        body["next_page_token"] = token
    return body


def get_download_uri(call: Call) -> dict[str, Any]:
    uri = call.services.registry.download_uri(call.context, _name(call), str(_version(call)))
    return {"artifact_uri": uri}


def set_model_version_tag(call: Call) -> dict[str, Any]:
    call.services.registry.set_version_tag(
        call.context,
        _name(call),
        _version(call),
        call.args.string("key", required=True),
        call.args.string("value", ""),
    )
    return {}


def delete_model_version_tag(call: Call) -> dict[str, Any]:
    call.services.registry.delete_version_tag(
        call.context, _name(call), _version(call), call.args.string("key", required=True)
    )
    return {}


# -- logged models (MLflow 3) --------------------------------------------------------------


def create_logged_model(call: Call) -> dict[str, Any]:
    params = dict(call.args.pairs("params", "param"))
    created = call.services.logged_models.create(
        call.context,
        experiment_id(call),
        call.args.string("name"),
        model_type=call.args.string("model_type"),
        source_run_id=call.args.string("source_run_id"),
        params=params,
        tags=_tags(call),
    )
    return {"model": convert.logged_model(created)}


def get_logged_model(call: Call) -> dict[str, Any]:
    return {
        "model": convert.logged_model(
            call.services.logged_models.get(call.context, call.path["model_id"])
        )
    }


def finalize_logged_model(call: Call) -> dict[str, Any]:
    status = call.args.get("status")
    if isinstance(status, int):
        status = {
            1: "LOGGED_MODEL_PENDING",
            2: "LOGGED_MODEL_READY",
            3: "LOGGED_MODEL_UPLOAD_FAILED",
        }.get(status)
    updated = call.services.logged_models.finalize(call.context, call.path["model_id"], str(status))
    return {"model": convert.logged_model(updated)}


def delete_logged_model(call: Call) -> dict[str, Any]:
    call.services.logged_models.delete(call.context, call.path["model_id"])
    return {}


def set_logged_model_tags(call: Call) -> dict[str, Any]:
    updated = call.services.logged_models.set_tags(call.context, call.path["model_id"], _tags(call))
    return {"model": convert.logged_model(updated)}


def delete_logged_model_tag(call: Call) -> dict[str, Any]:
    call.services.logged_models.delete_tag(
        call.context, call.path["model_id"], call.path["tag_key"]
    )
    return {}


def log_logged_model_params(call: Call) -> dict[str, Any]:
    params = dict(call.args.pairs("params", "param"))
    call.services.logged_models.log_params(call.context, call.path["model_id"], params)
    return {}


def search_logged_models(call: Call) -> dict[str, Any]:
    models, token = call.services.logged_models.search(
        call.context,
        call.args.strings("experiment_ids"),
        call.args.integer("max_results", 100),
        call.args.string("page_token"),
        datasets=call.args.entries("datasets"),
        filter=call.args.string("filter"),
        order_by=call.args.entries("order_by"),
    )
    body: dict[str, Any] = {"models": [convert.logged_model(item) for item in models]}
    if token:
        body["next_page_token"] = token
    return body


def _r(method: str, path: str, function: Any, access: str = "read") -> Route:
    return Route(method, path, function, access, REGISTRY)


ROUTES = [
    _r("POST", "registered-models/create", create_registered_model, "write"),
    _r("GET", "registered-models/get", get_registered_model),
    _r("POST", "registered-models/rename", rename_registered_model, "write"),
    _r("PATCH", "registered-models/update", update_registered_model, "write"),
    _r("DELETE", "registered-models/delete", delete_registered_model, "write"),
    _r("GET", "registered-models/search", search_registered_models),
    _r("POST", "registered-models/get-latest-versions", get_latest_versions),
    _r("GET", "registered-models/get-latest-versions", get_latest_versions),
    _r("POST", "registered-models/set-tag", set_registered_model_tag, "write"),
    _r("DELETE", "registered-models/delete-tag", delete_registered_model_tag, "write"),
    _r("POST", "registered-models/alias", set_alias, "write"),
    _r("DELETE", "registered-models/alias", delete_alias, "write"),
    _r("GET", "registered-models/alias", get_by_alias),
    _r("POST", "model-versions/create", create_model_version, "write"),
    _r("GET", "model-versions/get", get_model_version),
    _r("PATCH", "model-versions/update", update_model_version, "write"),
    _r("POST", "model-versions/transition-stage", transition_stage, "write"),
    _r("DELETE", "model-versions/delete", delete_model_version, "write"),
    _r("GET", "model-versions/search", search_model_versions),
    _r("GET", "model-versions/get-download-uri", get_download_uri),
    _r("POST", "model-versions/set-tag", set_model_version_tag, "write"),
    _r("DELETE", "model-versions/delete-tag", delete_model_version_tag, "write"),
    Route("POST", "logged-models", create_logged_model, "write"),
    Route("POST", "logged-models/search", search_logged_models),
    Route("GET", "logged-models/{model_id}", get_logged_model),
    Route("PATCH", "logged-models/{model_id}", finalize_logged_model, "write"),
    Route("DELETE", "logged-models/{model_id}", delete_logged_model, "write"),
    Route("PATCH", "logged-models/{model_id}/tags", set_logged_model_tags, "write"),
    Route("DELETE", "logged-models/{model_id}/tags/{tag_key}", delete_logged_model_tag, "write"),
    Route("POST", "logged-models/{model_id}/params", log_logged_model_params, "write"),
]
