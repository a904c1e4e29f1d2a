"""Evaluation datasets on the MLflow face, driven by the real mlflow client
(``mlflow.genai.datasets``) and raw REST: create, read, search, tag, merge records, delete.
One behaviour each."""

from __future__ import annotations

import json

import pytest

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)
from .test_mlflow_tracing import _raw

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow.genai import datasets  # noqa: E402

pytestmark = pytest.mark.usefixtures("tracking")


def _dataset(name: str, **kwargs):
    experiment = mlflow.create_experiment(f"datasets-{name}")
    return experiment, datasets.create_dataset(name=name, experiment_id=experiment, **kwargs)


async def test_a_created_dataset_reads_back_with_its_tags_and_experiment():
    def scenario():
        experiment, created = _dataset("qa", tags={"split": "gold"})
        return experiment, created, datasets.get_dataset(dataset_id=created.dataset_id)

    experiment, created, found = await in_thread(scenario)
    # Then the dataset reads back by id with its name, tags and experiment
    assert found.name == "qa" and found.dataset_id == created.dataset_id
    assert found.tags["split"] == "gold"
    assert found.experiment_ids == [experiment]


async def test_merging_records_with_the_same_inputs_updates_instead_of_adding():
    def scenario():
        _, created = _dataset("merge")
        created.merge_records(
            [
                {"inputs": {"question": "2+2?"}, "expectations": {"answer": "4"}},
                {"inputs": {"question": "capital of France?"}, "expectations": {"answer": "Paris"}},
            ]
        )
        created.merge_records(
            [{"inputs": {"question": "2+2?"}, "expectations": {"explanation": "arithmetic"}}]
        )
        return datasets.get_dataset(dataset_id=created.dataset_id).to_df()

    frame = await in_thread(scenario)
    # Then two records remain and the repeated one holds both expectations
    assert len(frame) == 2
    arithmetic = [row for row in frame.to_dict("records") if row["inputs"]["question"] == "2+2?"]
    assert arithmetic[0]["expectations"] == {"answer": "4", "explanation": "arithmetic"}


async def test_merging_records_changes_the_datasets_digest():
    def scenario():
        _, created = _dataset("digest")
        before = datasets.get_dataset(dataset_id=created.dataset_id).digest
        created.merge_records([{"inputs": {"q": "a"}}])
        return before, datasets.get_dataset(dataset_id=created.dataset_id).digest

    before, after = await in_thread(scenario)
    assert before != after


async def test_search_finds_datasets_by_experiment_name_and_tag():
    def scenario():
        experiment, _ = _dataset("alpha-set", tags={"team": "search"})
        datasets.create_dataset(name="beta-set", experiment_id=experiment)
        by_experiment = datasets.search_datasets(experiment_ids=[experiment])
        by_name = datasets.search_datasets(
            experiment_ids=[experiment], filter_string="name LIKE 'alpha%'"
        )
        by_tag = datasets.search_datasets(filter_string="tags.team = 'search'")
        return by_experiment, by_name, by_tag

    by_experiment, by_name, by_tag = await in_thread(scenario)
    # Then newest first by default, and the filters narrow to the one dataset
    assert [item.name for item in by_experiment] == ["beta-set", "alpha-set"]
    assert [item.name for item in by_name] == ["alpha-set"]
    assert [item.name for item in by_tag] == ["alpha-set"]


async def test_dataset_tags_are_merged_and_deleted():
    def scenario():
        _, created = _dataset("tags", tags={"a": "1"})
        datasets.set_dataset_tags(dataset_id=created.dataset_id, tags={"b": "2"})
        datasets.delete_dataset_tag(dataset_id=created.dataset_id, key="a")
        return datasets.get_dataset(dataset_id=created.dataset_id).tags

    tags = await in_thread(scenario)
    assert tags.get("b") == "2" and "a" not in tags


async def test_a_deleted_dataset_is_mlflows_json_404(jp_fetch):
    def scenario() -> str:
        _, created = _dataset("gone")
        datasets.delete_dataset(dataset_id=created.dataset_id)
        return created.dataset_id

    dataset_id = await in_thread(scenario)
    response = await _raw(jp_fetch, "api", "3.0", "mlflow", "datasets", dataset_id)
    assert response.code == 404
    assert json.loads(response.body)["error_code"] == "RESOURCE_DOES_NOT_EXIST"


async def test_records_page_through_with_a_token(jp_fetch):
    def scenario() -> str:
        _, created = _dataset("pages")
        created.merge_records([{"inputs": {"n": n}} for n in range(5)])
        return created.dataset_id

    dataset_id = await in_thread(scenario)
    seen: list[int] = []
    token = None
    while True:
        params = {"max_results": "2", **({"page_token": token} if token else {})}
        response = await _raw(
            jp_fetch, "api", "3.0", "mlflow", "datasets", dataset_id, "records", params=params
        )
        body = json.loads(response.body)
        seen.extend(record["inputs"]["n"] for record in json.loads(body["records"]))
        token = body.get("next_page_token")
        if not token:
            break
    # Then every record comes once, oldest first
    assert seen == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    "records",
    ["not json", json.dumps({"inputs": {}}), json.dumps([{"expectations": {"a": 1}}])],
    ids=["not-json", "not-a-list", "no-inputs"],
)
async def test_records_the_face_cannot_keep_are_mlflows_json_400(jp_fetch, records):
    dataset_id = await in_thread(lambda: _dataset(f"bad-{len(records)}")[1].dataset_id)
    response = await _raw(
        jp_fetch,
        "api",
        "3.0",
        "mlflow",
        "datasets",
        dataset_id,
        "records",
        method="POST",
        body=json.dumps({"records": records}),
    )
    assert response.code == 400
    assert json.loads(response.body)["error_code"] == "INVALID_PARAMETER_VALUE"


async def test_a_dataset_for_an_unknown_experiment_is_refused(jp_fetch):
    body = {"name": "orphan", "experiment_ids": ["999999"]}
    response = await _raw(
        jp_fetch, "api", "3.0", "mlflow", "datasets", "create", method="POST", body=json.dumps(body)
    )
    assert response.code == 404
    assert json.loads(response.body)["error_code"] == "RESOURCE_DOES_NOT_EXIST"
