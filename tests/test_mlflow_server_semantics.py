"""The MLflow face decides as MLflow's server does: request validation, search semantics (LIKE
and ILIKE, the order of version searches) and whose run a run is."""

from __future__ import annotations

import getpass
import json

import pytest

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow import MlflowClient  # noqa: E402
from mlflow.exceptions import MlflowException  # noqa: E402


async def _post(jp_fetch, endpoint: str, body: dict):
    return await jp_fetch(
        "mlstudio",
        "mlflow",
        "api",
        "2.0",
        "mlflow",
        *endpoint.split("/"),
        method="POST",
        body=json.dumps(body),
        raise_error=False,
    )


def _refused(response) -> str:
    assert response.code == 400, response.body
    error = json.loads(response.body)
    assert error["error_code"] == "INVALID_PARAMETER_VALUE"
    return str(error["message"])


async def _new_run(experiment: str = "semantics", **kwargs) -> str:
    client = MlflowClient()
    found = await in_thread(client.get_experiment_by_name, experiment)
    experiment_id = (
        found.experiment_id if found else await in_thread(client.create_experiment, experiment)
    )
    return (await in_thread(client.create_run, experiment_id, **kwargs)).info.run_id


# -- validation (item 5) -----------------------------------------------------------------------


async def test_a_run_id_that_is_not_a_string_is_a_400_not_a_404(
    tracking,  # noqa: F811
    jp_fetch,
):
    message = _refused(await _post(jp_fetch, "runs/update", {"run_id": 123, "status": "FAILED"}))
    assert "Invalid value 123 for parameter 'run_id' supplied" in message
    assert "Hint: Value was of type 'int'" in message


async def test_a_numeric_param_key_is_refused_and_nothing_is_logged(
    tracking,  # noqa: F811
    jp_fetch,
):
    run_id = await _new_run()
    message = _refused(
        await _post(jp_fetch, "runs/log-parameter", {"run_id": run_id, "key": 5, "value": "x"})
    )
    assert "parameter 'key'" in message
    assert (await in_thread(MlflowClient().get_run, run_id)).data.params == {}


async def test_a_numeric_tag_key_in_a_batch_is_refused(
    tracking,  # noqa: F811
    jp_fetch,
):
    run_id = await _new_run()
    body = {"run_id": run_id, "tags": [{"key": 7, "value": "x"}]}
    assert "parameter 'key'" in _refused(await _post(jp_fetch, "runs/log-batch", body))


async def test_a_numeric_experiment_name_is_refused(
    tracking,  # noqa: F811
    jp_fetch,
):
    assert "parameter 'name'" in _refused(await _post(jp_fetch, "experiments/create", {"name": 42}))


async def test_a_missing_run_id_reads_as_mlflows_missing_value(
    tracking,  # noqa: F811
    jp_fetch,
):
    message = _refused(await _post(jp_fetch, "runs/log-metric", {"key": "m", "value": 1.0}))
    assert message.startswith("Missing value for required parameter 'run_id'")


# -- search semantics (item 3) -----------------------------------------------------------------


async def test_like_on_runs_is_case_sensitive_and_ilike_is_not(tracking):  # noqa: F811
    # Given runs tagged "Vision" and "vision"
    upper = await _new_run(tags={"team": "Vision"})
    lower = await _new_run(tags={"team": "vision"})
    client = MlflowClient()
    experiment_id = (await in_thread(client.get_run, upper)).info.experiment_id

    async def found(text: str) -> set[str]:
        runs = await in_thread(client.search_runs, [experiment_id], text)
        return {run.info.run_id for run in runs}

    # Then LIKE tells capitals apart, ILIKE does not
    assert await found("tags.team LIKE 'vis%'") == {lower}
    assert await found("tags.team LIKE 'Vis%'") == {upper}
    assert await found("tags.team ILIKE 'VIS%'") == {upper, lower}
    assert await found("attributes.run_name LIKE '%'") == {upper, lower}


async def test_like_on_experiment_and_model_names_is_case_sensitive(tracking):  # noqa: F811
    client = MlflowClient()
    await in_thread(client.create_experiment, "Alpha-exp")
    await in_thread(client.create_experiment, "alpha-exp")
    experiments = await in_thread(client.search_experiments, filter_string="name LIKE 'alpha%'")
    assert [item.name for item in experiments] == ["alpha-exp"]
    await in_thread(client.create_registered_model, "Iris")
    await in_thread(client.create_registered_model, "iris")
    models = await in_thread(client.search_registered_models, "name LIKE 'iri%'")
    assert [item.name for item in models] == ["iris"]
    models = await in_thread(client.search_registered_models, "name ILIKE 'IRI%'")
    assert sorted(item.name for item in models) == ["Iris", "iris"]


async def test_like_treats_glob_characters_as_themselves(tracking):  # noqa: F811
    client = MlflowClient()
    await in_thread(client.create_experiment, "a*b[1]?")
    await in_thread(client.create_experiment, "axb1c")
    experiments = await in_thread(client.search_experiments, filter_string="name LIKE 'a*b[1]_'")
    assert [item.name for item in experiments] == ["a*b[1]?"]


async def _versions(client: MlflowClient) -> None:
    run_id = await _new_run("registry")
    for name in ("zeta", "alpha"):
        await in_thread(client.create_registered_model, name)
    for name in ("zeta", "alpha", "zeta"):
        await in_thread(client.create_model_version, name, f"runs:/{run_id}/model", run_id)


async def test_search_model_versions_defaults_to_newest_change_first(tracking):  # noqa: F811
    # Given zeta v1, alpha v1, zeta v2 created in that order
    client = MlflowClient()
    await _versions(client)
    # When versions are searched without an order, Then the latest change comes first
    found = await in_thread(client.search_model_versions)
    assert [(item.name, item.version) for item in found] == [
        ("zeta", "2"),
        ("alpha", "1"),
        ("zeta", "1"),
    ]


async def test_search_model_versions_honours_order_by(tracking):  # noqa: F811
    client = MlflowClient()
    await _versions(client)
    found = await in_thread(
        client.search_model_versions, order_by=["name ASC", "version_number ASC"]
    )
    assert [(item.name, item.version) for item in found] == [
        ("alpha", "1"),
        ("zeta", "1"),
        ("zeta", "2"),
    ]
    found = await in_thread(client.search_model_versions, order_by=["creation_timestamp ASC"])
    assert [(item.name, item.version) for item in found] == [
        ("zeta", "1"),
        ("alpha", "1"),
        ("zeta", "2"),
    ]


async def test_search_model_versions_refuses_an_unknown_order_key(tracking):  # noqa: F811
    with pytest.raises(MlflowException) as raised:
        await in_thread(MlflowClient().search_model_versions, order_by=["size DESC"])
    assert raised.value.error_code == "INVALID_PARAMETER_VALUE"
    assert "Invalid order by key 'size'" in raised.value.message


# -- run identity (item 7) ---------------------------------------------------------------------


async def test_a_runs_user_is_the_one_the_client_names(tracking):  # noqa: F811
    # Given a run created with MLflow's user tag
    run_id = await _new_run(tags={"mlflow.user": "alice"})
    # Then its user_id is that user, and a search by user finds it
    run = await in_thread(MlflowClient().get_run, run_id)
    assert run.info.user_id == "alice" and run.data.tags["mlflow.user"] == "alice"
    found = await in_thread(
        MlflowClient().search_runs, [run.info.experiment_id], "attributes.user_id = 'alice'"
    )
    assert [item.info.run_id for item in found] == [run_id]


async def test_a_fluent_run_belongs_to_the_clients_login(tracking):  # noqa: F811
    def start():
        with mlflow.start_run() as run:
            return run.info.run_id

    run_id = await in_thread(start)
    assert (await in_thread(MlflowClient().get_run, run_id)).info.user_id == getpass.getuser()


async def test_a_client_that_names_no_user_gets_mlflows_unknown(tracking):  # noqa: F811
    run_id = await _new_run()
    assert (await in_thread(MlflowClient().get_run, run_id)).info.user_id == "unknown"


async def test_a_request_without_a_user_is_the_servers_user(
    tracking,  # noqa: F811
    jp_fetch,
    jp_serverapp,
):
    experiment_id = await in_thread(MlflowClient().create_experiment, "no-user")
    response = await _post(jp_fetch, "runs/create", {"experiment_id": experiment_id})
    user_id = json.loads(response.body)["run"]["info"]["user_id"]
    assert user_id and user_id != "unknown"
    assert "mlflow.user" not in [
        tag["key"] for tag in json.loads(response.body)["run"]["data"]["tags"]
    ]


# -- registry details (item 8) -----------------------------------------------------------------


async def _registered_version(client: MlflowClient, name: str, **kwargs):
    run_id = await _new_run("registry")
    await in_thread(client.create_registered_model, name)
    return await in_thread(
        client.create_model_version, name, f"runs:/{run_id}/model", run_id, **kwargs
    )


async def test_an_empty_description_reads_back_empty_and_none_stays_none(tracking):  # noqa: F811
    client = MlflowClient()
    empty = await _registered_version(client, "described", description="")
    assert empty.description == ""
    second = await in_thread(client.create_model_version, "described", empty.source, empty.run_id)
    assert second.description is None
    await in_thread(client.update_model_version, "described", second.version, "")
    fetched = await in_thread(client.get_model_version, "described", second.version)
    assert fetched.description == ""
    await in_thread(client.update_registered_model, "described", "")
    assert (await in_thread(client.get_registered_model, "described")).description == ""


async def test_deleting_a_version_updates_the_models_last_updated_timestamp(
    tracking,  # noqa: F811
):
    client = MlflowClient()
    version = await _registered_version(client, "shrinking")
    before = (await in_thread(client.get_registered_model, "shrinking")).last_updated_timestamp
    await in_thread(client.delete_model_version, "shrinking", version.version)
    after = (await in_thread(client.get_registered_model, "shrinking")).last_updated_timestamp
    assert after > before


async def test_copy_model_version_records_the_copied_version_as_its_source(
    tracking,  # noqa: F811
):
    # Given a registered version
    client = MlflowClient()
    original = await _registered_version(client, "staging-model", description="first")
    # When it is copied to another model
    copied = await in_thread(
        client.copy_model_version, f"models:/staging-model/{original.version}", "prod-model"
    )
    # Then the copy names the version it came from, keeps its run, and downloads its files
    assert copied.name == "prod-model" and copied.version == "1"
    assert copied.source == f"models:/staging-model/{original.version}"
    assert copied.run_id == original.run_id and copied.description == "first"
    uri = await in_thread(client.get_model_version_download_uri, "prod-model", copied.version)
    assert uri == original.source
