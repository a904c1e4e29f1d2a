"""Online scoring configuration of registered scorers on the MLflow face, driven by the real
mlflow client (``start``, ``update``, ``stop``, ``list_scorers``) and raw REST. One behaviour
each."""

from __future__ import annotations

import json
import time

import pytest

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)
from .test_mlflow_tracing import _agent, _raw, synchronous_tracing  # noqa: F401

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow.genai.scorers import (  # noqa: E402
    Guidelines,
    RegexMatch,
    ScorerSamplingConfig,
    get_scorer,
    list_scorers,
)

pytestmark = pytest.mark.usefixtures("tracking")


def _traced_in(experiment: str, question: str) -> str:
    mlflow.set_experiment(experiment_id=experiment)
    _agent(question)
    return mlflow.get_last_active_trace_id()


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


def _assessments_of(trace_id: str, name: str, wait_s: float = 30.0):
    """The trace's assessments of ``name``, once the background scorer has written one."""
    deadline = time.monotonic() + wait_s
    while True:
        found = [item for item in mlflow.get_trace(trace_id).info.assessments if item.name == name]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.3)


async def test_a_started_rule_scorer_judges_new_traces_in_the_background(
    synchronous_tracing,  # noqa: F811
):
    def scenario():
        experiment = mlflow.create_experiment("online-regex")
        mlflow.set_experiment(experiment_id=experiment)
        RegexMatch(pattern=r"doc about").register(name="cites", experiment_id=experiment).start(
            sampling_config=ScorerSamplingConfig(sample_rate=1.0)
        )
        matching = _traced_in(experiment, "billing")
        return _assessments_of(matching, "cites")

    found = await in_thread(scenario)
    assert [(item.value, item.source.source_type) for item in found] == [("yes", "CODE")]
    assert "matches pattern" in found[0].rationale


async def test_an_llm_judge_without_a_model_records_an_error_not_a_score(
    synchronous_tracing,  # noqa: F811
):
    def scenario():
        experiment = mlflow.create_experiment("online-judge")
        Guidelines(name="polite", guidelines="Be polite").register(
            name="polite", experiment_id=experiment
        ).start(sampling_config=ScorerSamplingConfig(sample_rate=1.0))
        return _assessments_of(_traced_in(experiment, "refund"), "polite")

    found = await in_thread(scenario)
    assert len(found) == 1 and found[0].value is None
    assert found[0].error.error_code == "JUDGE_UNAVAILABLE"
    assert "no model" in found[0].error.error_message


async def test_a_stopped_scorer_judges_nothing(synchronous_tracing):  # noqa: F811
    def scenario():
        experiment = mlflow.create_experiment("online-stopped")
        scorer = RegexMatch(pattern="x").register(name="idle", experiment_id=experiment)
        scorer.start(sampling_config=ScorerSamplingConfig(sample_rate=1.0))
        scorer.stop(experiment_id=experiment)
        return _assessments_of(_traced_in(experiment, "weather"), "idle", wait_s=3.0)

    assert await in_thread(scenario) == []
