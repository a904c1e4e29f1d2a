"""Label schemas on the MLflow face, driven by the real mlflow client
(``mlflow.genai.label_schemas``) and raw REST. One behaviour each."""

from __future__ import annotations

import json

import pytest

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)
from .test_mlflow_tracing import _raw

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow.genai import label_schemas  # noqa: E402
from mlflow.genai.label_schemas import InputCategorical, InputNumeric  # noqa: E402

pytestmark = pytest.mark.usefixtures("tracking")


def _tone(experiment: str):
    return label_schemas.create_label_schema(
        "tone",
        type="feedback",
        input=InputCategorical(options=["kind", "rude"]),
        instruction="How does the answer sound?",
        experiment_id=experiment,
    )


async def test_a_created_schema_reads_back_by_id_and_by_name():
    def scenario():
        experiment = mlflow.create_experiment("labels-read")
        created = _tone(experiment)
        by_id = label_schemas.get_label_schema(schema_id=created.schema_id)
        by_name = label_schemas.get_label_schema("tone", experiment_id=experiment)
        return created, by_id, by_name

    created, by_id, by_name = await in_thread(scenario)
    assert by_id.schema_id == by_name.schema_id == created.schema_id
    assert by_id.input.options == ["kind", "rude"]
    assert by_id.instruction == "How does the answer sound?"


async def test_schemas_list_by_experiment_and_change_and_go():
    def scenario():
        experiment = mlflow.create_experiment("labels-list")
        created = _tone(experiment)
        label_schemas.create_label_schema(
            "score",
            type="expectation",
            input=InputNumeric(min_value=0, max_value=5),
            experiment_id=experiment,
        )
        names = sorted(item.name for item in label_schemas.list_label_schemas(experiment))
        changed = label_schemas.update_label_schema(created.schema_id, instruction="Be fair")
        label_schemas.delete_label_schema(schema_id=created.schema_id)
        left = [item.name for item in label_schemas.list_label_schemas(experiment)]
        return names, changed.instruction, left

    names, instruction, left = await in_thread(scenario)
    assert names == ["score", "tone"]
    assert instruction == "Be fair"
    assert left == ["score"]


async def test_a_second_schema_of_the_same_name_is_mlflows_json_400(jp_fetch):
    experiment = await in_thread(mlflow.create_experiment, "labels-twice")
    await in_thread(_tone, experiment)
    body = {
        "experiment_id": experiment,
        "name": "tone",
        "type": "FEEDBACK",
        "input": {"text": {}},
    }
    response = await _raw(
        jp_fetch,
        "api",
        "3.0",
        "mlflow",
        "label-schemas",
        "create",
        method="POST",
        body=json.dumps(body),
    )
    assert response.code == 400
    assert json.loads(response.body)["error_code"] == "RESOURCE_ALREADY_EXISTS"


@pytest.mark.parametrize(
    "change",
    [{"type": "OPINION"}, {"input": {"slider": {}}}, {"input": {"text": {}, "numeric": {}}}],
    ids=["unknown-type", "unknown-form", "two-forms"],
)
async def test_a_schema_the_face_cannot_keep_is_mlflows_json_400(jp_fetch, change):
    experiment = await in_thread(mlflow.create_experiment, f"labels-bad-{len(str(change))}")
    body = {"experiment_id": experiment, "name": "x", "type": "FEEDBACK", "input": {"text": {}}}
    response = await _raw(
        jp_fetch,
        "api",
        "3.0",
        "mlflow",
        "label-schemas",
        "create",
        method="POST",
        body=json.dumps({**body, **change}),
    )
    assert response.code == 400
    assert json.loads(response.body)["error_code"] == "INVALID_PARAMETER_VALUE"


async def test_an_unknown_schema_is_mlflows_json_404(jp_fetch):
    response = await _raw(
        jp_fetch, "api", "3.0", "mlflow", "label-schemas", "get", params={"schema_id": "ls-0"}
    )
    assert response.code == 404
    assert json.loads(response.body)["error_code"] == "RESOURCE_DOES_NOT_EXIST"
