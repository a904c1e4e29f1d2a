"""MLflow 3's logged models on the MLflow face, as MLflow's server keeps them: metrics logged
with a ``model_id``, the ``mlflow.modelVersions`` tag, the ``datasets`` filter, and the run's
``log-model`` history."""

from __future__ import annotations

import json

import pytest

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow import MlflowClient  # noqa: E402


async def _model_and_run(name: str = "models"):
    client = MlflowClient()
    experiment_id = await in_thread(client.create_experiment, name)
    run_id = (await in_thread(client.create_run, experiment_id)).info.run_id
    model = await in_thread(client.create_logged_model, experiment_id, "clf", run_id)
    return client, experiment_id, run_id, model.model_id


async def test_a_metric_logged_with_a_model_id_is_attached_to_the_model(tracking):  # noqa: F811
    # Given a logged model and the run that made it
    client, _, run_id, model_id = await _model_and_run()
    # When the run logs a metric for the model, measured on a dataset
    await in_thread(
        client.log_metric,
        run_id,
        "accuracy",
        0.9,
        timestamp=5,
        step=1,
        model_id=model_id,
        dataset_name="iris-test",
        dataset_digest="abc123",
    )
    # Then the model carries it, and the run too
    metrics = (await in_thread(client.get_logged_model, model_id)).metrics
    assert [(m.key, m.value, m.step, m.run_id, m.model_id) for m in metrics] == [
        ("accuracy", 0.9, 1, run_id, model_id)
    ]
    assert (metrics[0].dataset_name, metrics[0].dataset_digest) == ("iris-test", "abc123")
    assert (await in_thread(client.get_run, run_id)).data.metrics == {"accuracy": 0.9}


async def test_a_metric_for_an_unknown_model_is_refused_and_not_logged(tracking):  # noqa: F811
    client, _, run_id, _ = await _model_and_run()
    with pytest.raises(mlflow.exceptions.MlflowException) as raised:
        await in_thread(client.log_metric, run_id, "loss", 0.1, model_id="m-" + "0" * 32)
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"
    assert (await in_thread(client.get_run, run_id)).data.metrics == {}


async def test_search_logged_models_honours_its_datasets_filter(tracking):  # noqa: F811
    client, experiment_id, run_id, measured = await _model_and_run()
    other = (await in_thread(client.create_logged_model, experiment_id, "other")).model_id
    await in_thread(
        client.log_metric,
        run_id,
        "f1",
        0.5,
        model_id=measured,
        dataset_name="holdout",
        dataset_digest="d1",
    )
    await in_thread(
        client.log_metric,
        run_id,
        "f1",
        0.4,
        model_id=other,
        dataset_name="train",
        dataset_digest="d2",
    )
    found = await in_thread(
        client.search_logged_models, [experiment_id], datasets=[{"dataset_name": "holdout"}]
    )
    assert [model.model_id for model in found] == [measured]
    both = await in_thread(client.search_logged_models, [experiment_id])
    assert {model.model_id for model in both} == {measured, other}


async def test_search_logged_models_honours_filter_string_and_order_by(tracking):  # noqa: F811
    # Given three models with an accuracy, a param and a tag each
    client = MlflowClient()
    experiment_id = await in_thread(client.create_experiment, "model-search")
    run_id = (await in_thread(client.create_run, experiment_id)).info.run_id
    ids = {}
    for name, accuracy, alpha in (
        ("small", 0.7, "0.1"),
        ("mid", 0.85, "0.5"),
        ("big", 0.95, "0.5"),
    ):
        model = await in_thread(
            client.create_logged_model,
            experiment_id,
            name,
            params={"alpha": alpha},
            tags={"size": name},
        )
        ids[name] = model.model_id
        await in_thread(client.log_metric, run_id, "accuracy", accuracy, model_id=model.model_id)

    async def names(**kwargs) -> list[str]:
        found = await in_thread(client.search_logged_models, [experiment_id], **kwargs)
        return [model.name for model in found]

    # When filtering by metric, param, tag and attribute, Then only the matching models return
    assert set(await names(filter_string="metrics.accuracy > 0.8")) == {"mid", "big"}
    assert set(await names(filter_string="params.alpha = '0.5' AND tags.size != 'big'")) == {"mid"}
    assert await names(filter_string="name LIKE 'sm%'") == ["small"]
    # When ordering by a metric either way, Then the order follows it
    order = [{"field_name": "metrics.accuracy", "ascending": False}]
    assert await names(order_by=order) == ["big", "mid", "small"]
    assert await names(order_by=[{"field_name": "name", "ascending": True}]) == [
        "big",
        "mid",
        "small",
    ]
    # When the filter is malformed, Then it is INVALID_PARAMETER_VALUE
    with pytest.raises(mlflow.exceptions.MlflowException) as raised:
        await names(filter_string="attributes.colour = 'red'")
    assert raised.value.error_code == "INVALID_PARAMETER_VALUE"


async def test_registering_a_logged_model_tags_it_with_its_model_versions(tracking):  # noqa: F811
    client, _, run_id, model_id = await _model_and_run()
    await in_thread(client.create_registered_model, "clf-registered")
    version = await in_thread(
        client.create_model_version,
        "clf-registered",
        f"models:/{model_id}",
        run_id,
        model_id=model_id,
    )
    tags = (await in_thread(client.get_logged_model, model_id)).tags
    assert json.loads(tags["mlflow.modelVersions"]) == [
        {"name": "clf-registered", "version": int(version.version)}
    ]


async def test_log_model_appends_to_the_runs_model_history(tracking, jp_fetch):  # noqa: F811
    client, _, run_id, _ = await _model_and_run()

    async def log(model: dict):
        return await jp_fetch(
            "mlstudio",
            "mlflow",
            "api",
            "2.0",
            "mlflow",
            "runs",
            "log-model",
            method="POST",
            body=json.dumps({"run_id": run_id, "model_json": json.dumps(model)}),
            raise_error=False,
        )

    model = {
        "run_id": run_id,
        "artifact_path": "model",
        "utc_time_created": "2026-12-07 04:00:00.000000",
        "flavors": {"sklearn": {"sklearn_version": "1.5", "config": {"big": "x"}}},
        "signature": {"inputs": "[]"},
    }
    assert (await log(model)).code == 200
    assert (await log({**model, "artifact_path": "second"})).code == 200
    history = json.loads(
        (await in_thread(client.get_run, run_id)).data.tags["mlflow.log-model.history"]
    )
    assert [entry["artifact_path"] for entry in history] == ["model", "second"]
    assert history[0]["flavors"] == {"sklearn": {"sklearn_version": "1.5"}}
    assert "signature" not in history[0]
    refused = await log({"run_id": run_id})
    assert refused.code == 400 and "missing mandatory fields" in json.loads(refused.body)["message"]


async def test_a_logged_models_files_can_be_listed_and_downloaded(
    tracking,  # noqa: F811
    jp_fetch,
    tmp_path,
):
    # Given a logged model with files
    client, _, _, model_id = await _model_and_run()
    (tmp_path / "files" / "sub").mkdir(parents=True)
    (tmp_path / "files" / "MLmodel").write_text("flavors: {}\n")
    (tmp_path / "files" / "sub" / "weights.bin").write_bytes(b"\x00\x01")
    await in_thread(client.log_model_artifacts, model_id, str(tmp_path / "files"))

    async def get(*path, **params):
        return await jp_fetch(
            "mlstudio",
            "mlflow",
            "ajax-api",
            "2.0",
            "mlflow",
            "logged-models",
            model_id,
            "artifacts",
            *path,
            params=params,
            raise_error=False,
        )

    # When the UI lists its root and a folder, and downloads a file
    root = json.loads((await get("directories")).body)
    inner = json.loads((await get("directories", artifact_directory_path="sub")).body)
    download = await get("files", artifact_file_path="MLmodel")
    # Then it sees MLflow's listing and the file with its type
    assert [(item["path"], item["is_dir"]) for item in root["files"]] == [
        ("MLmodel", False),
        ("sub", True),
    ]
    assert root["root_uri"].endswith(f"/models/{model_id}/artifacts")
    assert inner["files"] == [{"path": "sub/weights.bin", "is_dir": False, "file_size": 2}]
    assert download.code == 200 and download.body == b"flavors: {}\n"
    assert download.headers["Content-Type"] == "text/plain"
    missing = await get("files")
    assert missing.code == 400 and "artifact_file_path" in json.loads(missing.body)["message"]
