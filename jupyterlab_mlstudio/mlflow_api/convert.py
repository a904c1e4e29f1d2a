"""This server's shapes as MLflow's REST API writes them (protobuf JSON, snake_case)."""

from __future__ import annotations

from typing import Any

from ..experiments.logged_models import LoggedModel
from ..experiments.models import Experiment, MetricPoint, Run
from ..registry.models import ModelVersion, RegisteredModel


def pairs(values: dict[str, str]) -> list[dict[str, str]]:
    return [{"key": key, "value": value} for key, value in values.items()]


def experiment(item: Experiment) -> dict[str, Any]:
    return {
        "experiment_id": item.experiment_id,
        "name": item.name,
        "artifact_location": item.artifact_location,
        "lifecycle_stage": item.lifecycle_stage,
        "last_update_time": item.last_update_time,
        "creation_time": item.creation_time,
        "tags": pairs(item.tags),
    }


def run_info(run: Run) -> dict[str, Any]:
    info: dict[str, Any] = {
        "run_id": run.run_id,
        "run_uuid": run.run_id,
        "run_name": run.name,
        "experiment_id": run.experiment_id,
        "user_id": run.user_id,
        "status": run.status.value,
        "start_time": run.start_time,
        "artifact_uri": run.artifact_uri,
        "lifecycle_stage": run.lifecycle_stage,
    }
    if run.end_time is not None:
        info["end_time"] = run.end_time
    return info


def run(item: Run) -> dict[str, Any]:
    return {
        "info": run_info(item),
        "data": {
            "metrics": [
                {
                    "key": metric.key,
                    "value": metric.value,
                    "timestamp": metric.timestamp,
                    "step": metric.step,
                }
                for metric in item.metrics
            ],
            "params": pairs(item.params),
            "tags": pairs(item.tags),
        },
        "inputs": {
            "dataset_inputs": [
                entry["dataset_input"] for entry in item.inputs if entry.get("kind") == "dataset"
            ],
            "model_inputs": [
                {"model_id": entry["model_id"]}
                for entry in item.inputs
                if entry.get("kind") == "model"
            ],
        },
        "outputs": {"model_outputs": item.outputs},
    }


def metric(point: MetricPoint, run_id: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "key": point.key,
        "value": point.value,
        "timestamp": point.timestamp,
        "step": point.step,
    }
    if run_id:
        body["run_id"] = run_id
    return body


def model_version(item: ModelVersion) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": item.name,
        "version": str(item.version),
        "creation_timestamp": item.creation_time,
        "last_updated_timestamp": item.last_updated_time,
        "current_stage": item.stage,
        "source": item.source,
        "status": item.status,
        "tags": pairs(item.tags),
        "aliases": item.aliases,
    }
    if item.description is not None:
        body["description"] = item.description
    for key, value in (
        ("run_id", item.run_id),
        ("run_link", item.run_link),
        ("status_message", item.status_message),
        ("model_id", item.model_id),
    ):
        if value:
            body[key] = value
    return body


def registered_model(item: RegisteredModel) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": item.name,
        "creation_timestamp": item.creation_time,
        "last_updated_timestamp": item.last_updated_time,
        "latest_versions": [model_version(version) for version in item.latest_versions],
        "tags": pairs(item.tags),
        "aliases": [
            {"alias": alias, "version": str(version)}
            for alias, version in sorted(item.aliases.items())
        ],
    }
    if item.description is not None:
        body["description"] = item.description
    return body


def logged_model(item: LoggedModel) -> dict[str, Any]:
    info: dict[str, Any] = {
        "model_id": item.model_id,
        "experiment_id": item.experiment_id,
        "name": item.name,
        "creation_timestamp_ms": item.creation_time,
        "last_updated_timestamp_ms": item.last_updated_time,
        "artifact_uri": item.artifact_uri,
        "status": item.status,
        "tags": pairs(item.tags),
    }
    for key, value in (
        ("model_type", item.model_type),
        ("source_run_id", item.source_run_id),
        ("status_message", item.status_message),
    ):
        if value:
            info[key] = value
    metrics = []
    for point in item.metrics:
        entry: dict[str, Any] = {
            "key": point.key,
            "value": point.value,
            "timestamp": point.timestamp,
            "step": point.step,
            "model_id": item.model_id,
        }
        for key, value in (
            ("run_id", point.run_id),
            ("dataset_name", point.dataset_name),
            ("dataset_digest", point.dataset_digest),
        ):
            if value:
                entry[key] = value
        metrics.append(entry)
    return {"info": info, "data": {"params": pairs(item.params), "metrics": metrics}}
