"""A model version's source must lie in a run's or logged model's artifacts or an allowed store,
refused as MLflow refuses it, whichever face creates the version."""

from __future__ import annotations

import pytest

from jupyterlab_mlstudio.core.errors import InvalidInput
from jupyterlab_mlstudio.registry.sources import check_relative_parts, is_inside

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow import MlflowClient  # noqa: E402
from mlflow.exceptions import MlflowException  # noqa: E402


@pytest.mark.parametrize(
    "source",
    [
        "mlflow-artifacts://host:9000/models/../../../",
        "mlflow-artifacts://host:9000/models/..%2f..%2f..%2fetc",
        "mlflow-artifacts:/1/%252e%252e/%252e%252e/x",
        "http://host:5000/api/2.0/mlflow-artifacts/artifacts/../../../../",
        "s3://bucket/models/path/../../other/path",
        "file://path/to/../../../../some/where",
        "/models/artifacts/../../../",
        "s3://bucket/a\x00b",
        "s3://bucket/a/./b",
    ],
)
def test_relative_path_parts_are_refused_however_encoded(source):
    with pytest.raises(InvalidInput) as raised:
        check_relative_parts(source)
    assert raised.value.field == "source"
    assert "Invalid model version source" in raised.value.message


@pytest.mark.parametrize(
    ("source", "root", "inside"),
    [
        ("mlflow-artifacts:/1/r/artifacts/model", "mlflow-artifacts:/1/r/artifacts", True),
        ("mlflow-artifacts://h:9/1/r/artifacts/m", "mlflow-artifacts:/1/r/artifacts", True),
        (
            "http://h/x/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/m",
            "mlflow-artifacts:/1/r/artifacts",
            True,
        ),
        ("mlflow-artifacts:/1/r/artifactsX/m", "mlflow-artifacts:/1/r/artifacts", False),
        ("mlflow-artifacts:/1/other/artifacts", "mlflow-artifacts:/1/r/artifacts", False),
        ("s3://b/exp/r/artifacts/model", "s3://b/exp/r/artifacts", True),
        ("s3://other/exp/r/artifacts/model", "s3://b/exp/r/artifacts", False),
        ("/data/r/artifacts/model", "file:///data/r/artifacts", True),
        ("/etc", "file:///data/r/artifacts", False),
    ],
)
def test_inside_compares_whole_path_segments(source, root, inside):
    assert is_inside(source, root) is inside


async def _run_and_model(client: MlflowClient) -> tuple[str, str, str]:
    experiment_id = await in_thread(client.create_experiment, "sources")
    run = await in_thread(client.create_run, experiment_id)
    await in_thread(client.create_registered_model, "guarded")
    return experiment_id, run.info.run_id, run.info.artifact_uri


@pytest.mark.parametrize(
    "source",
    [
        "mlflow-artifacts://host:9000/models/../../../",
        "/etc",
        "/tmp",
        "file:///etc/passwd",
        "mlflow-artifacts:/0/someone-elses-run/artifacts/model",
        "https://example.invalid/model.pkl",
        "runs:/not-a-run/model",
        "models:/m-00000000000000000000000000000000",
        "models:/guarded/7",
    ],
)
async def test_the_mlflow_face_refuses_sources_outside_any_run_without_a_run(tracking, source):  # noqa: F811
    client = MlflowClient()
    await _run_and_model(client)
    with pytest.raises(MlflowException) as raised:
        await in_thread(client.create_model_version, "guarded", source)
    assert raised.value.error_code == "INVALID_PARAMETER_VALUE"
    assert "Invalid model version source" in raised.value.message
    assert await in_thread(client.search_model_versions, "name = 'guarded'") == []


async def test_a_local_path_or_another_runs_files_are_refused_even_with_a_run(tracking):  # noqa: F811
    client = MlflowClient()
    experiment_id, run_id, artifact_uri = await _run_and_model(client)
    other = (await in_thread(client.create_run, experiment_id)).info.run_id
    for source in ("/tmp", f"runs:/{other}/model", f"{artifact_uri}/../../{other}/artifacts"):
        with pytest.raises(MlflowException) as raised:
            await in_thread(client.create_model_version, "guarded", source, run_id)
        assert raised.value.error_code == "INVALID_PARAMETER_VALUE", source


async def test_sources_inside_a_run_or_a_logged_model_are_accepted(tracking, services):  # noqa: F811
    client = MlflowClient()
    experiment_id, run_id, artifact_uri = await _run_and_model(client)
    first = await in_thread(client.create_model_version, "guarded", f"runs:/{run_id}/model")
    assert first.run_id == run_id  # taken from the runs:/ URI
    second = await in_thread(
        client.create_model_version, "guarded", f"{artifact_uri}/model", run_id
    )
    assert second.source == f"{artifact_uri}/model"

    logged = await in_thread(mlflow.initialize_logged_model, "net", experiment_id=experiment_id)
    third = await in_thread(
        client.create_model_version,
        "guarded",
        f"models:/{logged.model_id}",
        model_id=logged.model_id,
    )
    fourth = await in_thread(
        client.create_model_version,
        "guarded",
        f"{logged.artifact_location}/MLmodel",
        model_id=logged.model_id,
    )
    stored = [
        services.registry.get_version(services.server_context(), "guarded", int(item.version))
        for item in (third, fourth)
    ]  # the mlflow client does not read model_id back; the registry keeps it
    assert [item.model_id for item in stored] == [logged.model_id, logged.model_id]
    by_version = await in_thread(client.create_model_version, "guarded", "models:/guarded/1")
    assert [first.version, second.version, third.version, fourth.version, by_version.version] == [
        "1",
        "2",
        "3",
        "4",
        "5",
    ]


async def test_a_store_this_server_uses_is_an_allowed_source(tracking):  # noqa: F811
    client = MlflowClient()
    await _run_and_model(client)
    created = await in_thread(client.create_model_version, "guarded", "s3://models/iris/1")
    assert created.source == "s3://models/iris/1"


async def test_the_mlflow_client_registers_a_logged_model_as_users_do(tracking):  # noqa: F811
    from sklearn.datasets import load_iris
    from sklearn.linear_model import LogisticRegression

    def log_and_register() -> tuple[str, str]:
        data = load_iris()
        mlflow.set_experiment("register")
        with mlflow.start_run() as run:
            model = LogisticRegression(max_iter=300).fit(data.data, data.target)
            mlflow.sklearn.log_model(model, name="model", registered_model_name="iris-lr")
        again = mlflow.register_model(f"runs:/{run.info.run_id}/model", "iris-lr")
        return run.info.run_id, again.version

    run_id, version = await in_thread(log_and_register)
    assert version == "2"
    versions = await in_thread(MlflowClient().search_model_versions, "name = 'iris-lr'")
    assert {item.run_id for item in versions} == {run_id}
    loaded = await in_thread(mlflow.sklearn.load_model, "models:/iris-lr/2")
    assert loaded.predict([[5.1, 3.5, 1.4, 0.2]]).tolist() == [0]
