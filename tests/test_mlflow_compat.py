"""The real mlflow client (pinned in the test extras) against the MLflow-compatible face."""

from __future__ import annotations

import math

import pytest

from .aws_helpers import in_thread

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow import MlflowClient  # noqa: E402
from mlflow.exceptions import MlflowException  # noqa: E402


@pytest.fixture
def tracking(jp_fetch, jp_http_port, jp_base_url, jp_serverapp, monkeypatch, tmp_path):
    """mlflow pointed at this server, as a user would point it."""
    uri = f"http://127.0.0.1:{jp_http_port}{jp_base_url}mlstudio/mlflow"
    monkeypatch.setenv("MLFLOW_TRACKING_TOKEN", jp_serverapp.identity_provider.token)
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
    monkeypatch.chdir(tmp_path)
    # mlflow remembers the active experiment per process: forget the last test's server.
    monkeypatch.setattr(mlflow.tracking.fluent, "_active_experiment_id", None)
    monkeypatch.delenv("MLFLOW_EXPERIMENT_ID", raising=False)
    monkeypatch.delenv("MLFLOW_EXPERIMENT_NAME", raising=False)
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    yield uri
    mlflow.set_tracking_uri(None)


def _code(raised) -> str:
    return raised.value.error_code


async def test_experiments_create_find_rename_delete_restore(tracking):
    client = MlflowClient()
    experiment_id = await in_thread(client.create_experiment, "vision", tags={"team": "cv"})
    experiment = await in_thread(client.get_experiment, experiment_id)
    assert experiment.name == "vision" and experiment.tags == {"team": "cv"}
    assert experiment.artifact_location == f"mlflow-artifacts:/{experiment_id}"
    assert (await in_thread(client.get_experiment_by_name, "vision")).experiment_id == experiment_id
    with pytest.raises(MlflowException) as raised:
        await in_thread(client.create_experiment, "vision")
    assert _code(raised) == "RESOURCE_ALREADY_EXISTS"
    await in_thread(client.rename_experiment, experiment_id, "vision-2")
    await in_thread(client.set_experiment_tag, experiment_id, "stage", "dev")
    found = await in_thread(client.search_experiments, filter_string="name LIKE 'vision%'")
    assert [item.name for item in found] == ["vision-2"]
    await in_thread(client.delete_experiment, experiment_id)
    assert (await in_thread(client.get_experiment, experiment_id)).lifecycle_stage == "deleted"
    deleted = await in_thread(
        client.search_experiments, view_type=mlflow.entities.ViewType.DELETED_ONLY
    )
    assert experiment_id in [item.experiment_id for item in deleted]
    await in_thread(client.restore_experiment, experiment_id)
    assert (await in_thread(client.get_experiment, experiment_id)).lifecycle_stage == "active"
    with pytest.raises(MlflowException) as raised:
        await in_thread(client.get_experiment, "does-not-exist")
    assert _code(raised) == "RESOURCE_DOES_NOT_EXIST"


def _log_runs():
    mlflow.set_experiment("search")
    for index in range(12):
        with mlflow.start_run(run_name=f"run-{index:02d}"):
            mlflow.log_params(
                {"lr": str(0.1 * (index % 3)), "optimizer": "adam" if index % 2 else "sgd"}
            )
            mlflow.log_metrics({"accuracy": index / 12, "loss": 1 - index / 12})
            mlflow.set_tag("team", "vision" if index < 6 else "nlp")
    return mlflow.get_experiment_by_name("search").experiment_id


async def test_runs_log_search_order_and_page_with_mlflows_syntax(tracking):
    experiment_id = await in_thread(_log_runs)
    client = MlflowClient()
    runs = await in_thread(
        client.search_runs,
        [experiment_id],
        "metrics.accuracy >= 0.5 and params.optimizer = 'adam' and tags.team LIKE 'nl%'",
        order_by=["metrics.accuracy DESC"],
    )
    assert [run.info.run_name for run in runs] == ["run-11", "run-09", "run-07"]
    page = await in_thread(
        client.search_runs, [experiment_id], max_results=5, order_by=["attributes.run_name ASC"]
    )
    assert [run.info.run_name for run in page] == [f"run-{index:02d}" for index in range(5)]
    assert page.token
    rest = await in_thread(
        client.search_runs,
        [experiment_id],
        max_results=100,
        order_by=["attributes.run_name ASC"],
        page_token=page.token,
    )
    assert len(rest) == 7
    frame = await in_thread(
        mlflow.search_runs,
        experiment_names=["search"],
        filter_string="attributes.status = 'FINISHED'",
    )
    assert len(frame) == 12 and "metrics.accuracy" in frame.columns
    with pytest.raises(MlflowException) as raised:
        await in_thread(client.search_runs, [experiment_id], "metrics.accuracy >> 1")
    assert _code(raised) == "INVALID_PARAMETER_VALUE"


async def test_metric_history_tags_batch_and_special_values(tracking):
    client = MlflowClient()
    experiment_id = await in_thread(client.create_experiment, "history")
    run = await in_thread(client.create_run, experiment_id, run_name="curves")
    run_id = run.info.run_id
    for step in range(20):
        await in_thread(client.log_metric, run_id, "loss", 1 / (step + 1), step=step)
    from mlflow.entities import Metric, Param, RunTag

    await in_thread(
        client.log_batch,
        run_id,
        metrics=[
            Metric("odd", math.nan, 1, 0),
            Metric("odd", math.inf, 2, 1),
            Metric("odd", -math.inf, 3, 2),
        ],
        params=[Param("depth", "3")],
        tags=[RunTag("note", "batch")],
    )
    history = await in_thread(client.get_metric_history, run_id, "loss")
    assert [metric.step for metric in history] == list(range(20))
    odd = await in_thread(client.get_metric_history, run_id, "odd")
    assert math.isnan(odd[0].value) and odd[1].value == math.inf and odd[2].value == -math.inf
    await in_thread(client.set_tag, run_id, "temporary", "yes")
    await in_thread(client.delete_tag, run_id, "temporary")
    fetched = await in_thread(client.get_run, run_id)
    assert fetched.data.params == {"depth": "3"} and "temporary" not in fetched.data.tags
    assert fetched.data.tags["note"] == "batch" and fetched.data.metrics["loss"] == 0.05
    await in_thread(client.set_terminated, run_id, "FAILED")
    assert (await in_thread(client.get_run, run_id)).info.status == "FAILED"


async def test_mlflows_errors_and_limits(tracking):
    client = MlflowClient()
    experiment_id = await in_thread(client.create_experiment, "limits")
    run_id = (await in_thread(client.create_run, experiment_id)).info.run_id
    await in_thread(client.log_param, run_id, "lr", "0.1")
    with pytest.raises(MlflowException) as raised:
        await in_thread(client.log_param, run_id, "lr", "0.2")
    assert (
        _code(raised) == "INVALID_PARAMETER_VALUE"
        and "Changing param values is not allowed" in raised.value.message
    )
    with pytest.raises(MlflowException) as raised:
        await in_thread(client.log_param, run_id, "long", "x" * 6001)
    assert (
        _code(raised) == "INVALID_PARAMETER_VALUE"
        and "exceeded length limit of 6000" in raised.value.message
    )
    with pytest.raises(MlflowException) as raised:
        await in_thread(client.get_run, "0" * 32)
    assert _code(raised) == "RESOURCE_DOES_NOT_EXIST"
    await in_thread(client.delete_run, run_id)
    with pytest.raises(MlflowException) as raised:
        await in_thread(client.log_metric, run_id, "after", 1.0)
    assert (
        _code(raised) == "INVALID_PARAMETER_VALUE"
        and "must be in the 'active' state" in raised.value.message
    )
    await in_thread(client.restore_run, run_id)
    await in_thread(client.log_metric, run_id, "after", 1.0)


async def test_artifacts_through_the_proxy_and_paths_that_try_to_leave(
    tracking, tmp_path, jp_fetch
):
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "weights.bin").write_bytes(b"\x00\x01" * 1000)
    (tmp_path / "notes.txt").write_text("hello")

    def log():
        with mlflow.start_run() as run:
            mlflow.log_artifact(str(tmp_path / "notes.txt"))
            mlflow.log_artifacts(str(tmp_path / "model"), artifact_path="model")
        return run.info.run_id

    run_id = await in_thread(log)
    client = MlflowClient()
    top = await in_thread(client.list_artifacts, run_id)
    assert [(item.path, item.is_dir) for item in top] == [("model", True), ("notes.txt", False)]
    inner = await in_thread(client.list_artifacts, run_id, "model")
    assert [(item.path, item.file_size) for item in inner] == [("model/weights.bin", 2000)]
    local = await in_thread(client.download_artifacts, run_id, "model", str(tmp_path / "down"))
    assert (tmp_path / "down" / "model" / "weights.bin").read_bytes() == b"\x00\x01" * 1000
    assert local.endswith("model")
    from tornado.httpclient import HTTPClientError

    for bad in ("../../etc/passwd", "%2Fetc%2Fpasswd"):
        with pytest.raises(HTTPClientError) as raised:
            await jp_fetch("mlstudio", "mlflow", "api", "2.0", "mlflow-artifacts", "artifacts", bad)
        assert raised.value.code in (400, 404)


async def test_model_registry_versions_aliases_and_tags(tracking):
    client = MlflowClient()
    experiment_id = await in_thread(client.create_experiment, "registry")
    run_id = (await in_thread(client.create_run, experiment_id)).info.run_id
    await in_thread(
        client.create_registered_model,
        "iris-classifier",
        tags={"task": "classification"},
        description="first",
    )
    with pytest.raises(MlflowException) as raised:
        await in_thread(client.create_registered_model, "iris-classifier")
    assert _code(raised) == "RESOURCE_ALREADY_EXISTS"
    first = await in_thread(
        client.create_model_version, "iris-classifier", f"runs:/{run_id}/model", run_id
    )
    second = await in_thread(
        client.create_model_version, "iris-classifier", f"runs:/{run_id}/model2", run_id
    )
    assert (first.version, second.version) == ("1", "2")
    await in_thread(client.set_registered_model_alias, "iris-classifier", "champion", "2")
    champion = await in_thread(client.get_model_version_by_alias, "iris-classifier", "champion")
    assert champion.version == "2" and champion.run_id == run_id
    await in_thread(client.set_model_version_tag, "iris-classifier", "1", "validated", "no")
    await in_thread(client.update_model_version, "iris-classifier", "1", description="baseline")
    model = await in_thread(client.get_registered_model, "iris-classifier")
    assert model.aliases == {"champion": "2"} and model.tags == {"task": "classification"}
    versions = await in_thread(client.search_model_versions, f"run_id = '{run_id}'")
    assert sorted(item.version for item in versions) == ["1", "2"]
    found = await in_thread(client.search_registered_models, "name LIKE 'iris%'")
    assert [item.name for item in found] == ["iris-classifier"]
    await in_thread(client.rename_registered_model, "iris-classifier", "iris")
    await in_thread(client.delete_model_version, "iris", "1")
    assert [
        item.version for item in await in_thread(client.search_model_versions, "name = 'iris'")
    ] == ["2"]
    await in_thread(client.delete_registered_model, "iris")
    with pytest.raises(MlflowException) as raised:
        await in_thread(client.get_registered_model, "iris")
    assert _code(raised) == "RESOURCE_DOES_NOT_EXIST"


async def test_sklearn_autolog_on_a_real_fit_logs_params_metrics_and_a_loadable_model(tracking):
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression

    def train():
        mlflow.set_experiment("autolog")
        mlflow.sklearn.autolog()
        data = load_breast_cancer()
        with mlflow.start_run() as run:
            LogisticRegression(max_iter=500).fit(data.data, data.target)
        mlflow.sklearn.autolog(disable=True)
        return run.info.run_id

    run_id = await in_thread(train)
    client = MlflowClient()
    run = await in_thread(client.get_run, run_id)
    assert run.data.params["max_iter"] == "500"
    assert run.data.metrics["training_accuracy_score"] > 0.9
    assert run.data.tags["estimator_name"] == "LogisticRegression"
    outputs = run.outputs.model_outputs
    assert outputs, "autolog recorded no logged model"

    def load():
        from sklearn.datasets import load_breast_cancer as again

        model = mlflow.sklearn.load_model(f"models:/{outputs[0].model_id}")
        data = again()
        return model.score(data.data, data.target)

    assert await in_thread(load) > 0.9


async def test_registered_models_show_on_the_rest_face_for_the_ui(tracking, jp_fetch):
    import json

    client = MlflowClient()
    experiment_id = await in_thread(client.create_experiment, "for-ui")
    run_id = (await in_thread(client.create_run, experiment_id)).info.run_id
    await in_thread(client.create_registered_model, "digits")
    await in_thread(client.create_model_version, "digits", f"runs:/{run_id}/model", run_id)
    await in_thread(client.set_registered_model_alias, "digits", "prod", "1")
    listing = json.loads((await jp_fetch("mlstudio", "api", "v1", "models")).body)
    assert [model["name"] for model in listing["models"]] == ["digits"]
    detail = json.loads((await jp_fetch("mlstudio", "api", "v1", "models", "digits")).body)
    assert detail["model"]["aliases"] == {"prod": 1}
    assert [(v["version"], v["run_id"], v["aliases"]) for v in detail["versions"]] == [
        (1, run_id, ["prod"])
    ]


async def test_a_model_whose_name_has_a_quote_shows_its_versions_on_the_rest_face(
    tracking, jp_fetch
):
    import json

    # Given a model whose name would break a filter string, with two versions
    client = MlflowClient()
    experiment_id = await in_thread(client.create_experiment, "quoted-model-source")
    run = await in_thread(client.create_run, experiment_id)
    await in_thread(client.create_registered_model, "bob's model")
    for _ in range(2):
        await in_thread(
            client.create_model_version, "bob's model", f"runs:/{run.info.run_id}/model"
        )
    # When the UI reads it
    detail = json.loads((await jp_fetch("mlstudio", "api", "v1", "models", "bob's model")).body)
    # Then it has its versions, newest first
    assert detail["model"]["name"] == "bob's model"
    assert [v["version"] for v in detail["versions"]] == [2, 1]
