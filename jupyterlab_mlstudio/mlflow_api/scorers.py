"""The MLflow face's scorer endpoints (``api/3.0/mlflow/scorers/...``): register a version,
list the newest of each, list one's versions, read one, delete one or all."""

from __future__ import annotations

from typing import Any

from ..scorers.service import OnlineConfig, ScorerVersion
from .calls import Call, Route
from .tracking import experiment_id


def _scorer(item: ScorerVersion) -> dict[str, Any]:
    return {
        "experiment_id": int(item.experiment_id) if item.experiment_id.isdigit() else 0,
        "scorer_name": item.name,
        "scorer_version": item.version,
        "serialized_scorer": item.serialized,
        "creation_time": item.creation_time,
        "scorer_id": item.scorer_id,
    }


def register_scorer(call: Call) -> dict[str, Any]:
    """``POST scorers/register``: the new version's number and id."""
    item = call.services.scorers.register(
        call.context,
        experiment_id(call),
        call.args.string("name", required=True),
        call.args.string("serialized_scorer", required=True),
    )
    return {
        "version": item.version,
        "scorer_id": item.scorer_id,
        "experiment_id": item.experiment_id,
        "name": item.name,
        "serialized_scorer": item.serialized,
        "creation_time": item.creation_time,
    }


def list_scorers(call: Call) -> dict[str, Any]:
    """``GET scorers/list?experiment_id=``: each scorer at its newest version."""
    found = call.services.scorers.list_latest(call.context, experiment_id(call))
    return {"scorers": [_scorer(item) for item in found]}


def list_scorer_versions(call: Call) -> dict[str, Any]:
    """``GET scorers/versions?experiment_id=&name=``: every version of one scorer."""
    found = call.services.scorers.versions(
        call.context, experiment_id(call), call.args.string("name", required=True)
    )
    return {"scorers": [_scorer(item) for item in found]}


def get_scorer(call: Call) -> dict[str, Any]:
    """``GET scorers/get?experiment_id=&name=[&version=]``: one version (the newest by default)."""
    item = call.services.scorers.get(
        call.context,
        experiment_id(call),
        call.args.string("name", required=True),
        call.args.integer("version"),
    )
    return {"scorer": _scorer(item)}


def delete_scorer(call: Call) -> dict[str, Any]:
    """``DELETE scorers/delete?experiment_id=&name=[&version=]``: one version, or all."""
    call.services.scorers.delete(
        call.context,
        experiment_id(call),
        call.args.string("name", required=True),
        call.args.integer("version"),
    )
    return {}


def _config(item: OnlineConfig) -> dict[str, Any]:
    body: dict[str, Any] = {
        "online_scoring_config_id": item.config_id,
        "scorer_id": item.scorer_id,
        "sample_rate": item.sample_rate,
        "experiment_id": item.experiment_id,
    }
    if item.filter_string:
        body["filter_string"] = item.filter_string
    return body


def set_online_scoring_config(call: Call) -> dict[str, Any]:
    """``PUT scorers/online-config``: how a registered scorer samples the experiment's traces
    (``sample_rate`` 0 stops it). The configuration is kept and served to clients; this server
    runs no judge on incoming traces itself."""
    item = call.services.scorers.set_online_config(
        call.context,
        experiment_id(call),
        call.args.string("name", required=True),
        call.args.number("sample_rate", required=True),
        call.args.string("filter_string"),
    )
    return {"config": _config(item)}


def online_scoring_configs(call: Call) -> dict[str, Any]:
    """``GET scorers/online-configs?scorer_ids=``: the configurations of those scorers that
    have one."""
    call.args.required("scorer_ids")
    found = call.services.scorers.online_configs(call.context, call.args.strings("scorer_ids"))
    return {"configs": [_config(item) for item in found]}


ROUTES = [
    Route("GET", "scorers/online-configs", online_scoring_configs),
    Route("PUT", "scorers/online-config", set_online_scoring_config, "write"),
    Route("POST", "scorers/register", register_scorer, "write"),
    Route("GET", "scorers/list", list_scorers),
    Route("GET", "scorers/versions", list_scorer_versions),
    Route("GET", "scorers/get", get_scorer),
    Route("DELETE", "scorers/delete", delete_scorer, "write"),
]
