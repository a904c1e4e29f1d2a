"""The endpoints MLflow's own UI and artifact helpers call beside the tracking API: a run's
artifact listing, metric histories of many runs, the datasets of experiments."""

from __future__ import annotations

from typing import Any

from ..experiments.datasets import search_datasets
from ..experiments.history import RunPoint, history_bulk, history_bulk_interval
from . import convert
from .calls import Call, Route
from .tracking import DEFAULT_EXPERIMENT_ID, run_id


def list_artifacts(call: Call) -> dict[str, Any]:
    """``GET artifacts/list``: one folder of a run, entries by path (files and folders mixed,
    as MLflow orders them), paths relative to the run's artifact root."""
    identifier = run_id(call)
    listing = call.services.run_artifacts.list(
        call.context, identifier, call.args.string("path", "")
    )
    files = []
    for entry in sorted(listing.entries, key=lambda item: item.path):
        item: dict[str, Any] = {"path": entry.path, "is_dir": entry.is_dir}
        if not entry.is_dir and entry.file_size is not None:
            item["file_size"] = entry.file_size
        files.append(item)
    run = call.services.experiments.get_run(call.context, identifier)
    return {"root_uri": run.artifact_uri, "files": files}


def list_logged_model_artifacts(call: Call) -> dict[str, Any]:
    """``GET logged-models/{model_id}/artifacts/directories``: one folder of a logged model."""
    model_id = call.path["model_id"]
    listing = call.services.model_artifacts.list(
        call.context, model_id, call.args.string("artifact_directory_path", "")
    )
    uri, _ = call.services.model_artifacts.root(call.context, model_id)
    files = []
    for entry in sorted(listing.entries, key=lambda item: item.path):
        item: dict[str, Any] = {"path": entry.path, "is_dir": entry.is_dir}
        if not entry.is_dir and entry.file_size is not None:
            item["file_size"] = entry.file_size
        files.append(item)
    return {"root_uri": uri, "files": files}


def _points(found: list[RunPoint]) -> dict[str, Any]:
    return {"metrics": [convert.metric(item.point, item.run_id) for item in found]}


def get_history_bulk(call: Call) -> dict[str, Any]:
    """``GET metrics/get-history-bulk?run_id=..&run_id=..&metric_key=..``."""
    return _points(
        history_bulk(
            call.services.experiments,
            call.context,
            call.args.strings("run_id"),
            call.args.string("metric_key", required=True),
            call.args.integer("max_results"),
        )
    )


def get_history_bulk_interval(call: Call) -> dict[str, Any]:
    """``GET metrics/get-history-bulk-interval?run_ids=..&metric_key=..[&start_step&end_step]``."""
    return _points(
        history_bulk_interval(
            call.services.experiments,
            call.context,
            call.args.strings("run_ids"),
            call.args.string("metric_key", required=True),
            call.args.integer("max_results"),
            call.args.integer("start_step"),
            call.args.integer("end_step"),
        )
    )


def search_experiment_datasets(call: Call) -> dict[str, Any]:
    """``POST experiments/search-datasets``: the datasets the experiments' runs read."""
    ids = [
        call.services.experiments.default_experiment(call.context).experiment_id
        if item == DEFAULT_EXPERIMENT_ID
        else item
        for item in call.args.strings("experiment_ids")
    ]
    summaries = search_datasets(call.services.database, call.context, ids)
    return {
        "dataset_summaries": [
            {
                "experiment_id": item.experiment_id,
                "name": item.name,
                "digest": item.digest,
                **({"context": item.context} if item.context is not None else {}),
            }
            for item in summaries
        ]
    }


ROUTES = [
    Route("GET", "artifacts/list", list_artifacts),
    Route("GET", "logged-models/{model_id}/artifacts/directories", list_logged_model_artifacts),
    Route("GET", "metrics/get-history-bulk", get_history_bulk),
    Route("GET", "metrics/get-history-bulk-interval", get_history_bulk_interval),
    Route("POST", "experiments/search-datasets", search_experiment_datasets),
]
