"""The MLflow face's scorer registry, driven by the real mlflow client (``Scorer.register``,
``list_scorers``, ``get_scorer``, ``delete_scorer``) and raw REST. One behaviour each."""

from __future__ import annotations

import json

import pytest

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)
from .test_mlflow_tracing import _raw

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow.genai.scorers import Guidelines, delete_scorer, get_scorer, list_scorers  # noqa: E402

pytestmark = pytest.mark.usefixtures("tracking")


def _register(experiment: str, name: str, guideline: str) -> None:
    Guidelines(name=name, guidelines=guideline).register(name=name, experiment_id=experiment)


async def test_registered_scorers_come_back_newest_version_first_by_name():
    def scenario() -> tuple[list[str], str, str]:
        experiment = mlflow.create_experiment("scorers")
        _register(experiment, "polite", "Be polite")
        _register(experiment, "polite", "Be very polite")
        _register(experiment, "brief", "Be brief")
        names = sorted(scorer.name for scorer in list_scorers(experiment_id=experiment))
        newest = get_scorer(name="polite", experiment_id=experiment)
        first = get_scorer(name="polite", experiment_id=experiment, version=1)
        return names, newest.guidelines, first.guidelines

    names, newest, first = await in_thread(scenario)
    # Then each name is listed once, the newest version is the default and the first remains
    assert names == ["brief", "polite"]
    assert newest == "Be very polite" and first == "Be polite"


async def test_deleting_a_scorer_removes_every_version():
    def scenario() -> list[str]:
        experiment = mlflow.create_experiment("scorers-delete")
        _register(experiment, "polite", "Be polite")
        _register(experiment, "polite", "Be kind")
        _register(experiment, "brief", "Be brief")
        delete_scorer(name="polite", experiment_id=experiment, version="all")
        return [scorer.name for scorer in list_scorers(experiment_id=experiment)]

    assert await in_thread(scenario) == ["brief"]


async def test_an_unknown_scorer_is_mlflows_json_404(jp_fetch):
    experiment = await in_thread(mlflow.create_experiment, "scorers-missing")
    response = await _raw(
        jp_fetch,
        "api",
        "3.0",
        "mlflow",
        "scorers",
        "get",
        params={"experiment_id": experiment, "name": "nothing"},
    )
    assert response.code == 404
    assert json.loads(response.body)["error_code"] == "RESOURCE_DOES_NOT_EXIST"


@pytest.mark.parametrize(
    "serialized",
    ["not json", "[1, 2]", json.dumps({"name": "x", "call_source": "import os"})],
    ids=["not-json", "not-an-object", "carries-code"],
)
async def test_a_scorer_the_face_will_not_keep_is_mlflows_json_400(jp_fetch, serialized):
    experiment = await in_thread(mlflow.create_experiment, f"scorers-bad-{len(serialized)}")
    body = {"experiment_id": experiment, "name": "bad", "serialized_scorer": serialized}
    response = await _raw(
        jp_fetch,
        "api",
        "3.0",
        "mlflow",
        "scorers",
        "register",
        method="POST",
        body=json.dumps(body),
    )
    assert response.code == 400
    assert json.loads(response.body)["error_code"] == "INVALID_PARAMETER_VALUE"
