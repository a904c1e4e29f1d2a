"""The MLflow face's ``/graphql``, as MLflow's UI and tools query it: runs with their experiment
and model versions, run search, model version search, experiments, artifacts, metric history and
datasets; errors in GraphQL's ``errors`` list; over-wide queries refused. Data is made with the
real mlflow client, queries are sent raw. One behaviour each."""

from __future__ import annotations

import json

import pytest

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow import MlflowClient  # noqa: E402

pytestmark = pytest.mark.usefixtures("tracking")


async def _graphql(jp_fetch, query, variables=None, path=("graphql",)):
    body = {"query": query, "variables": variables or {}}
    response = await jp_fetch(
        "mlstudio", "mlflow", *path, method="POST", body=json.dumps(body), raise_error=False
    )
    return response.code, json.loads(response.body)


def _run_with_history() -> tuple[str, str]:
    client = MlflowClient()
    experiment = client.create_experiment("graphql")
    run = client.create_run(experiment, run_name="trained")
    run_id = run.info.run_id
    for step, value in enumerate([0.5, 0.7, 0.9]):
        client.log_metric(run_id, "accuracy", value, step=step)
    client.log_metric(run_id, "broken", float("nan"))
    client.log_param(run_id, "depth", "3")
    client.log_text(run_id, "hello", "notes/readme.txt")
    client.set_terminated(run_id)
    return experiment, run_id


async def test_the_probe_field_echoes_its_input_in_a_query_and_a_mutation(jp_fetch):
    code, body = await _graphql(jp_fetch, 'query q { test(inputString: "abc") { output } }')
    assert code == 200 and body["data"] == {"test": {"output": "abc"}}
    code, body = await _graphql(
        jp_fetch,
        'mutation m { testMutation(inputString: "x") { output } }',
        path=("ajax-api", "graphql"),
    )
    assert code == 200 and body["data"] == {"testMutation": {"output": "x"}}


async def test_get_run_answers_info_data_experiment_and_model_versions(jp_fetch):
    # Given a finished run with metrics and params, registered as a model version
    experiment, run_id = await in_thread(_run_with_history)

    def register() -> None:
        client = MlflowClient()
        client.create_registered_model("graphql-model")
        client.create_model_version("graphql-model", f"runs:/{run_id}/model", run_id=run_id)

    await in_thread(register)
    query = """
      query GetRun($data: MlflowGetRunInput) {
        mlflowGetRun(input: $data) {
          run {
            info { runId runName status startTime experimentId }
            data { metrics { key value step } params { key value } }
            experiment { name experimentId }
            modelVersions { name version runId }
          }
        }
      }"""
    # When the UI's query asks for it
    code, body = await _graphql(jp_fetch, query, {"data": {"runId": run_id}})
    # Then every part is there, in MLflow's shape
    assert code == 200 and body["errors"] is None
    run = body["data"]["mlflowGetRun"]["run"]
    assert run["info"]["runId"] == run_id and run["info"]["runName"] == "trained"
    assert run["info"]["status"] == "FINISHED"
    assert isinstance(run["info"]["startTime"], str) and int(run["info"]["startTime"]) > 0
    assert run["experiment"] == {"name": "graphql", "experimentId": experiment}
    metrics = {metric["key"]: metric for metric in run["data"]["metrics"]}
    assert metrics["accuracy"]["value"] == 0.9 and metrics["accuracy"]["step"] == "2"
    assert metrics["broken"]["value"] is None  # NaN has no GraphQL Float
    assert run["data"]["params"] == [{"key": "depth", "value": "3"}]
    assert run["modelVersions"] == [{"name": "graphql-model", "version": "1", "runId": run_id}]


async def test_an_unknown_run_is_an_error_in_the_errors_list(jp_fetch):
    code, body = await _graphql(
        jp_fetch, 'query { mlflowGetRun(input: {runId: "nope"}) { run { info { runId } } } }'
    )
    assert code == 200
    assert body["data"] == {"mlflowGetRun": None}
    assert len(body["errors"]) == 1 and "nope" in body["errors"][0]


async def test_search_runs_and_experiments_answer_as_their_rest_endpoints(jp_fetch):
    experiment, run_id = await in_thread(_run_with_history)
    query = """
      mutation S($input: MlflowSearchRunsInput) {
        mlflowSearchRuns(input: $input) { runs { info { runId } } nextPageToken }
      }"""
    code, body = await _graphql(
        jp_fetch, query, {"input": {"experimentIds": [experiment], "filter": "params.depth = '3'"}}
    )
    assert code == 200 and body["errors"] is None
    assert body["data"]["mlflowSearchRuns"]["runs"] == [{"info": {"runId": run_id}}]
    code, body = await _graphql(
        jp_fetch,
        f'query {{ mlflowGetExperiment(input: {{experimentId: "{experiment}"}}) '
        "{ experiment { name lifecycleStage } } }",
    )
    assert body["data"]["mlflowGetExperiment"]["experiment"] == {
        "name": "graphql",
        "lifecycleStage": "active",
    }


async def test_search_model_versions_filters_by_name(jp_fetch):
    def register() -> None:
        client = MlflowClient()
        for name in ("kept", "other"):
            client.create_registered_model(name)
            client.create_model_version(name, "s3://bucket/model")

    await in_thread(register)
    code, body = await _graphql(
        jp_fetch,
        "query { mlflowSearchModelVersions(input: {filter: \"name = 'kept'\", maxResults: 5}) "
        "{ modelVersions { name version status } } }",
    )
    assert code == 200 and body["errors"] is None
    assert body["data"]["mlflowSearchModelVersions"]["modelVersions"] == [
        {"name": "kept", "version": "1", "status": "READY"}
    ]


async def test_artifacts_metric_history_and_datasets_are_queried(jp_fetch):
    experiment, run_id = await in_thread(_run_with_history)
    query = """
      query A($run: String, $ids: [String]) {
        mlflowListArtifacts(input: {runId: $run, path: "notes"}) { files { path isDir fileSize } }
        mlflowGetMetricHistoryBulkInterval(input: {runIds: $ids, metricKey: "accuracy"}) {
          metrics { step value runId }
        }
      }"""
    code, body = await _graphql(jp_fetch, query, {"run": run_id, "ids": [run_id]})
    assert code == 200 and body["errors"] is None
    files = body["data"]["mlflowListArtifacts"]["files"]
    assert files == [{"path": "notes/readme.txt", "isDir": False, "fileSize": "5"}]
    points = body["data"]["mlflowGetMetricHistoryBulkInterval"]["metrics"]
    assert [(point["step"], point["value"]) for point in points] == [
        ("0", 0.5),
        ("1", 0.7),
        ("2", 0.9),
    ]
    code, body = await _graphql(
        jp_fetch,
        "mutation D($ids: [String]) { mlflowSearchDatasets(input: {experimentIds: $ids}) "
        "{ datasetSummaries { name } } }",
        {"ids": [experiment]},
    )
    assert code == 200 and body["data"]["mlflowSearchDatasets"]["datasetSummaries"] == []


async def test_a_field_the_schema_lacks_is_a_validation_error(jp_fetch):
    code, body = await _graphql(jp_fetch, "query { mlflowNothing { x } }")
    assert code == 200 and body["data"] is None
    assert "mlflowNothing" in body["errors"][0]


@pytest.mark.parametrize(
    "query",
    [
        "query { "
        + " ".join(f'a{n}: test(inputString: "x") {{ output }}' for n in range(11))
        + " }",
        "query { " + 'test(inputString: "x") { output } ' * 11 + "}",
        "query {",
    ],
    ids=["too-many-aliases", "too-many-root-fields", "unparseable"],
)
async def test_an_over_wide_or_malformed_query_is_mlflows_json_400(jp_fetch, query):
    code, body = await _graphql(jp_fetch, query)
    assert code == 400 and body["error_code"] == "INVALID_PARAMETER_VALUE"


async def test_a_body_without_a_query_string_is_mlflows_json_400(jp_fetch):
    response = await jp_fetch(
        "mlstudio",
        "mlflow",
        "graphql",
        method="POST",
        body=json.dumps({"query": 5}),
        raise_error=False,
    )
    assert response.code == 400
    assert json.loads(response.body)["error_code"] == "INVALID_PARAMETER_VALUE"
