"""Online scoring configuration of registered scorers on the MLflow face, driven by the real
mlflow client (``start``, ``update``, ``stop``, ``list_scorers``) and raw REST. One behaviour
each."""

from __future__ import annotations

import json

import pytest

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)
from .test_mlflow_tracing import _raw

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow.genai.scorers import (  # noqa: E402
    Guidelines,
    ScorerSamplingConfig,
    get_scorer,
    list_scorers,
)

pytestmark = pytest.mark.usefixtures("tracking")


def _registered(name: str):
    experiment = mlflow.create_experiment(f"online-{name}")
    scorer = Guidelines(name=name, guidelines="Be polite").register(
        name=name, experiment_id=experiment
    )
    return experiment, scorer


async def test_a_started_scorer_lists_with_its_sample_rate_and_filter():
    def scenario():
        experiment, scorer = _registered("polite")
        started = scorer.start(
            sampling_config=ScorerSamplingConfig(sample_rate=0.5, filter_string="status = 'OK'")
        )
        listed = {item.name: item for item in list_scorers(experiment_id=experiment)}
        return started, listed["polite"]

    started, listed = await in_thread(scenario)
    assert started.sample_rate == 0.5
    assert listed.sample_rate == 0.5 and listed.filter_string == "status = 'OK'"
    assert listed.status.value == "STARTED"


async def test_update_changes_the_rate_and_stop_sets_it_to_zero():
    def scenario():
        experiment, scorer = _registered("brief")
        started = scorer.start(sampling_config=ScorerSamplingConfig(sample_rate=0.2))
        started.update(
            experiment_id=experiment, sampling_config=ScorerSamplingConfig(sample_rate=0.9)
        )
        updated = get_scorer(name="brief", experiment_id=experiment).sample_rate
        started.stop(experiment_id=experiment)
        stopped = get_scorer(name="brief", experiment_id=experiment)
        return updated, stopped

    updated, stopped = await in_thread(scenario)
    assert updated == 0.9
    assert stopped.sample_rate == 0.0 and stopped.status.value == "STOPPED"


@pytest.mark.parametrize(
    "change",
    [{"sample_rate": 1.5}, {"sample_rate": 0.5, "filter_string": "nonsense ~~ 1"}],
    ids=["rate-above-one", "bad-filter"],
)
async def test_a_config_the_face_cannot_keep_is_mlflows_json_400(jp_fetch, change):
    experiment, _ = await in_thread(_registered, f"bad-{len(change)}")
    body = {"experiment_id": experiment, "name": f"bad-{len(change)}", **change}
    response = await _raw(
        jp_fetch,
        "api",
        "3.0",
        "mlflow",
        "scorers",
        "online-config",
        method="PUT",
        body=json.dumps(body),
    )
    assert response.code == 400
    assert json.loads(response.body)["error_code"] == "INVALID_PARAMETER_VALUE"


async def test_configs_of_unregistered_scorers_are_left_out(jp_fetch):
    response = await _raw(
        jp_fetch,
        "api",
        "3.0",
        "mlflow",
        "scorers",
        "online-configs",
        params={"scorer_ids": "nothing-here"},
    )
    assert response.code == 200
    assert json.loads(response.body) == {"configs": []}


async def test_online_configs_without_scorer_ids_is_mlflows_json_400(jp_fetch):
    response = await _raw(jp_fetch, "api", "3.0", "mlflow", "scorers", "online-configs")
    assert response.code == 400
    assert json.loads(response.body)["error_code"] == "INVALID_PARAMETER_VALUE"
