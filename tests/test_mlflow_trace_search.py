"""``search_traces`` beyond trace attributes, driven by the real mlflow client and raw REST:
span filters (name, type, status), full-text search over spans, filters on feedback and
expectations, and traces linked to several runs. One behaviour each."""

from __future__ import annotations

import json

import pytest

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)
from .test_mlflow_tracing import _raw, _traced, synchronous_tracing  # noqa: F401

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow import MlflowClient  # noqa: E402
from mlflow.entities import AssessmentSource  # noqa: E402

pytestmark = pytest.mark.usefixtures("tracking", "synchronous_tracing")


def _failing(experiment: str) -> str:
    mlflow.set_experiment(experiment)

    @mlflow.trace(name="broken", span_type="TOOL")
    def broken() -> None:
        raise ValueError("no such account")

    with pytest.raises(ValueError):
        broken()
    return mlflow.get_last_active_trace_id()


def _ids(experiment: str, filter_string: str) -> set[str]:
    found = mlflow.search_traces(
        locations=[experiment], filter_string=filter_string, return_type="list"
    )
    return {trace.info.trace_id for trace in found}


async def _two_traces() -> tuple[str, str, str]:
    """An experiment with a successful agent trace (``billing``) and a failed tool call."""

    def make() -> tuple[str, str, str]:
        experiment = mlflow.set_experiment("span-search").experiment_id
        return experiment, _traced("span-search", "billing"), _failing("span-search")

    return await in_thread(make)


async def test_a_span_name_filter_finds_the_traces_holding_such_a_span():
    experiment, agent, _ = await _two_traces()
    # When traces are searched by the name of an inner span, Then only the agent's matches
    assert await in_thread(_ids, experiment, "span.name = 'generate'") == {agent}


async def test_a_span_type_filter_finds_the_traces_holding_a_span_of_that_type():
    experiment, agent, failed = await _two_traces()
    # When traces are searched by span type, Then each type finds its own trace
    assert await in_thread(_ids, experiment, "span.type = 'RETRIEVER'") == {agent}
    assert await in_thread(_ids, experiment, "span.type IN ('TOOL', 'CHAIN')") == {failed}


async def test_a_span_status_filter_finds_the_traces_with_a_failed_span():
    experiment, _, failed = await _two_traces()
    # When traces are searched for an errored span, Then only the failed one matches
    assert await in_thread(_ids, experiment, "span.status = 'ERROR'") == {failed}


async def test_full_text_search_reads_span_inputs_and_outputs():
    experiment, agent, _ = await _two_traces()
    # When traces are searched for a word of a span's output, in another case,
    # Then ILIKE finds it and LIKE (case-sensitive) does not
    assert await in_thread(_ids, experiment, "trace.text ILIKE '%DOC ABOUT BILLING%'") == {agent}
    assert await in_thread(_ids, experiment, "trace.text LIKE '%DOC ABOUT BILLING%'") == set()
    assert await in_thread(_ids, experiment, "span.content LIKE '%doc about billing%'") == {agent}


async def test_feedback_filters_compare_text_and_numbers_of_valid_feedback():
    experiment, agent, failed = await _two_traces()
    source = AssessmentSource(source_type="HUMAN", source_id="reviewer")

    def review() -> None:
        mlflow.log_feedback(trace_id=agent, name="verdict", value="good", source=source)
        mlflow.log_feedback(trace_id=agent, name="score", value=0.9, source=source)
        first = mlflow.log_feedback(trace_id=failed, name="verdict", value="good", source=source)
        # The failed trace's verdict is overridden: only the new value counts
        mlflow.override_feedback(
            trace_id=failed, assessment_id=first.assessment_id, value="bad", source=source
        )

    await in_thread(review)
    # When traces are searched by a feedback's text, Then the overridden value no longer matches
    assert await in_thread(_ids, experiment, "feedback.verdict = 'good'") == {agent}
    assert await in_thread(_ids, experiment, "feedback.verdict = 'bad'") == {failed}
    # When by a numeric feedback, Then the numeric comparison decides
    assert await in_thread(_ids, experiment, "feedback.score >= 0.8") == {agent}
    assert await in_thread(_ids, experiment, "feedback.score < 0.5") == set()


async def test_expectation_filters_match_the_expected_value():
    experiment, agent, _ = await _two_traces()
    source = AssessmentSource(source_type="HUMAN", source_id="labeller")
    await in_thread(
        mlflow.log_expectation, trace_id=agent, name="intent", value="billing", source=source
    )
    # When traces are searched by an expectation, Then the labelled trace matches
    assert await in_thread(_ids, experiment, "expectation.intent = 'billing'") == {agent}


async def test_a_trace_linked_to_two_runs_is_found_under_each():
    experiment, agent, _ = await _two_traces()
    client = MlflowClient()
    first = await in_thread(client.create_run, experiment)
    second = await in_thread(client.create_run, experiment)
    # When one trace is linked to two runs (and to the first twice)
    await in_thread(client.link_traces_to_run, [agent], first.info.run_id)
    await in_thread(client.link_traces_to_run, [agent, agent], second.info.run_id)
    await in_thread(client.link_traces_to_run, [agent], first.info.run_id)
    # Then searching either run's traces finds it once
    for run in (first, second):
        found = await in_thread(
            mlflow.search_traces, locations=[experiment], run_id=run.info.run_id, return_type="list"
        )
        assert [trace.info.trace_id for trace in found] == [agent]


async def test_linking_more_than_a_hundred_traces_at_once_is_refused(jp_fetch):
    experiment = await in_thread(MlflowClient().create_experiment, "many-links")
    run = await in_thread(MlflowClient().create_run, experiment)
    body = {"trace_ids": [f"tr-{n}" for n in range(101)], "run_id": run.info.run_id}
    response = await _raw(
        jp_fetch,
        "api",
        "2.0",
        "mlflow",
        "traces",
        "link-to-run",
        method="POST",
        body=json.dumps(body),
    )
    assert response.code == 400
    assert json.loads(response.body)["error_code"] == "INVALID_PARAMETER_VALUE"


@pytest.mark.parametrize(
    ("filter_string", "order_by"),
    [
        ("span.attributes. = 'x'", []),
        ("span.attributes.model > 'x'", []),
        ("span.content = 'x'", []),
        ("span.nonsense = 'x'", []),
        ("feedback.score > 'high'", []),
        ("feedback.verdict LIKE 1", []),
        ("", ["span.name"]),
        ("prompt = 'no-version'", []),
        ("prompt LIKE 'greeting/%'", []),
    ],
)
async def test_span_and_assessment_filters_the_face_cannot_honour_are_mlflows_json_400(
    jp_fetch,
    filter_string,
    order_by,
):
    experiment = await in_thread(MlflowClient().create_experiment, "bad-span-filters")
    body = {
        "locations": [
            {"type": "MLFLOW_EXPERIMENT", "mlflow_experiment": {"experiment_id": experiment}}
        ],
        "filter": filter_string,
        "order_by": order_by,
    }
    # When the search is sent raw, Then it is a JSON 400 INVALID_PARAMETER_VALUE, not a 500
    response = await _raw(
        jp_fetch, "api", "3.0", "mlflow", "traces", "search", method="POST", body=json.dumps(body)
    )
    assert response.code == 400
    assert json.loads(response.body)["error_code"] == "INVALID_PARAMETER_VALUE"


async def test_a_trace_linked_to_a_prompt_version_is_found_by_it():
    from mlflow.entities.model_registry import PromptVersion

    experiment, agent, _ = await _two_traces()
    prompt = PromptVersion(name="greeting", version=2, template="Hello {{name}}")
    # When the client links a prompt version to one trace (twice)
    for _ in range(2):
        await in_thread(MlflowClient().link_prompt_versions_to_trace, [prompt], agent)
    # Then searching by that prompt version finds it alone, and another version finds none
    assert await in_thread(_ids, experiment, "prompt = 'greeting/2'") == {agent}
    assert await in_thread(_ids, experiment, "prompt = 'greeting/1'") == set()


async def test_linking_prompts_to_an_unknown_trace_is_mlflows_json_404(jp_fetch):
    body = {"trace_id": "tr-none", "prompt_versions": [{"name": "p", "version": "1"}]}
    response = await _raw(
        jp_fetch,
        "api",
        "2.0",
        "mlflow",
        "traces",
        "link-prompts",
        method="POST",
        body=json.dumps(body),
    )
    assert response.code == 404
    assert json.loads(response.body)["error_code"] == "RESOURCE_DOES_NOT_EXIST"


async def test_a_span_attribute_filter_reads_the_attributes_value():
    experiment, _, failed = await _two_traces()

    def tagged() -> str:
        mlflow.set_experiment("span-search")
        with mlflow.start_span(name="call-model", attributes={"model": "small-model", "n": 3}):
            pass
        return mlflow.get_last_active_trace_id()

    third = await in_thread(tagged)
    # When traces are searched by a span attribute, Then its decoded value is compared
    assert await in_thread(_ids, experiment, "span.attributes.model = 'small-model'") == {third}
    assert await in_thread(_ids, experiment, "span.attributes.model LIKE 'small%'") == {third}
    assert await in_thread(_ids, experiment, "span.attributes.n = '3'") == {third}
    assert await in_thread(_ids, experiment, "span.attributes.mlflow.spanType = 'TOOL'") == {failed}
