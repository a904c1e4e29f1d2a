"""The MLflow face's tracing, driven by the real mlflow client: traces made with
``@mlflow.trace`` and ``mlflow.start_span`` reach the face (spans through ``/v1/traces``, the
trace's info through ``StartTraceV3``), and come back through ``get_trace``, ``search_traces``,
tags, deletion and assessments, with errors in MLflow's JSON shape."""

from __future__ import annotations

import json

import pytest

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow import MlflowClient  # noqa: E402
from mlflow.exceptions import MlflowException  # noqa: E402


@pytest.fixture
def synchronous_tracing(monkeypatch):
    """Traces exported as their root span ends (no background queue to wait for)."""
    monkeypatch.setenv("MLFLOW_ENABLE_ASYNC_TRACE_LOGGING", "false")
    from mlflow.store.tracking.rest_store import RestStore
    from mlflow.tracing.provider import reset

    RestStore._get_server_version.cache_clear()
    reset()
    yield
    reset()


def _agent(question: str) -> str:
    @mlflow.trace(span_type="RETRIEVER")
    def retrieve(query: str) -> list[str]:
        return [f"doc about {query}"]

    @mlflow.trace(name="answer")
    def answer(query: str) -> str:
        documents = retrieve(query)
        with mlflow.start_span(name="generate", span_type="LLM") as span:
            span.set_inputs({"documents": documents})
            reply = f"{query}? {documents[0]}"
            span.set_outputs({"reply": reply})
        return reply

    return answer(question)


def _traced(experiment: str, question: str = "billing") -> str:
    mlflow.set_experiment(experiment)
    _agent(question)
    return mlflow.get_last_active_trace_id()


async def test_a_traced_call_comes_back_from_get_trace_as_its_span_tree(
    tracking,  # noqa: F811
    synchronous_tracing,
):
    # Given a function traced with @mlflow.trace that calls another and opens a span itself
    trace_id = await in_thread(_traced, "agents")
    # When the trace is read back
    trace = await in_thread(mlflow.get_trace, trace_id)
    # Then it holds the three spans, nested as they ran, with their inputs and outputs
    assert trace is not None and trace.info.state.value == "OK"
    spans = {span.name: span for span in trace.data.spans}
    assert set(spans) == {"answer", "retrieve", "generate"}
    root = spans["answer"]
    assert root.parent_id is None
    assert spans["retrieve"].parent_id == root.span_id
    assert spans["generate"].parent_id == root.span_id
    assert root.inputs == {"query": "billing"}
    assert root.outputs == "billing? doc about billing"
    assert spans["generate"].inputs == {"documents": ["doc about billing"]}
    assert spans["retrieve"].span_type == "RETRIEVER"
    assert trace.info.execution_duration is not None and trace.info.execution_duration >= 0
    assert trace.info.tags["mlflow.trace.spansLocation"] == "TRACKING_STORE"


async def test_search_traces_filters_orders_and_pages_as_a_dataframe_and_a_list(
    tracking,  # noqa: F811
    synchronous_tracing,
):
    # Given three traces: one inside a run, one tagged, one that failed
    def make() -> tuple[str, str, str, str, str]:
        experiment = mlflow.set_experiment("search").experiment_id
        with mlflow.start_run() as run:
            in_run = _traced("search", "in run")
        tagged = _traced("search", "tagged")
        mlflow.set_trace_tag(tagged, "topic", "billing")

        @mlflow.trace
        def broken() -> None:
            raise ValueError("no answer")

        with pytest.raises(ValueError):
            broken()
        failed = mlflow.get_last_active_trace_id()
        return experiment, run.info.run_id, in_run, tagged, failed

    experiment, run_id, in_run, tagged, failed = await in_thread(make)

    def search(**kwargs):
        return mlflow.search_traces(
            locations=[experiment], return_type="list", include_spans=False, **kwargs
        )

    # When searching with each kind of filter, Then each finds just its trace
    assert [t.info.trace_id for t in await in_thread(search, run_id=run_id)] == [in_run]
    found = await in_thread(search, filter_string="tags.topic = 'billing'")
    assert [t.info.trace_id for t in found] == [tagged]
    found = await in_thread(search, filter_string="attributes.status = 'ERROR'")
    assert [t.info.trace_id for t in found] == [failed]
    newest_first = [t.info.trace_id for t in await in_thread(search)]
    assert newest_first == [failed, tagged, in_run]
    oldest = await in_thread(search, order_by=["timestamp_ms ASC"])
    assert [t.info.trace_id for t in oldest] == [in_run, tagged, failed]
    since = (await in_thread(mlflow.get_trace, tagged)).info.request_time
    found = await in_thread(search, filter_string=f"attributes.timestamp_ms >= {since}")
    assert {t.info.trace_id for t in found} == {tagged, failed}
    # And pages follow one another without overlap
    client = MlflowClient()
    first = await in_thread(client.search_traces, locations=[experiment], max_results=2)
    assert len(first) == 2 and first.token
    rest = await in_thread(
        client.search_traces, locations=[experiment], max_results=2, page_token=first.token
    )
    assert [t.info.trace_id for t in [*first, *rest]] == newest_first
    # And the default return is a DataFrame holding the spans
    frame = await in_thread(mlflow.search_traces, locations=[experiment])
    assert len(frame) == 3 and set(frame["trace_id"]) == {in_run, tagged, failed}
    row = frame[frame["trace_id"] == tagged].iloc[0]
    assert row["state"] == "OK" and len(row["spans"]) == 3


async def test_trace_tags_are_set_and_deleted_and_traces_are_deleted(
    tracking,  # noqa: F811
    synchronous_tracing,
):
    # Given two traces
    def make() -> tuple[str, str, str]:
        experiment = mlflow.set_experiment("tags").experiment_id
        return experiment, _traced("tags", "a"), _traced("tags", "b")

    experiment, first, second = await in_thread(make)
    client = MlflowClient()
    # When a tag is set and then deleted, Then the trace's info shows each change
    await in_thread(client.set_trace_tag, first, "reviewed", "yes")
    assert (await in_thread(client.get_trace, first)).info.tags["reviewed"] == "yes"
    await in_thread(client.delete_trace_tag, first, "reviewed")
    assert "reviewed" not in (await in_thread(client.get_trace, first)).info.tags
    # When one trace is deleted by id, Then only the other remains
    assert await in_thread(client.delete_traces, experiment, trace_ids=[first]) == 1
    with pytest.raises(MlflowException) as raised:
        await in_thread(client.get_trace, first)
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"
    assert (await in_thread(client.get_trace, second)).info.trace_id == second
    # When the other is linked to a run, Then searching the run's traces finds it
    run = await in_thread(client.create_run, experiment)
    await in_thread(client.link_traces_to_run, [second], run.info.run_id)
    found = await in_thread(
        mlflow.search_traces, locations=[experiment], run_id=run.info.run_id, return_type="list"
    )
    assert [trace.info.trace_id for trace in found] == [second]
    # When traces older than now are deleted, Then none remain
    deleted = await in_thread(
        client.delete_traces, experiment, max_timestamp_millis=2**62, max_traces=10
    )
    assert deleted == 1
    assert len(await in_thread(client.search_traces, locations=[experiment])) == 0


async def test_feedback_and_expectations_are_logged_read_updated_and_deleted(
    tracking,  # noqa: F811
    synchronous_tracing,
):
    from mlflow.entities import AssessmentSource, AssessmentSourceType

    trace_id = await in_thread(_traced, "assessed")
    judge = AssessmentSource(source_type=AssessmentSourceType.LLM_JUDGE, source_id="judge-1")
    # Given feedback from a judge and an expectation
    feedback = await in_thread(
        mlflow.log_feedback,
        trace_id=trace_id,
        name="relevance",
        value=0.5,
        source=judge,
        rationale="partly on topic",
    )
    expectation = await in_thread(
        mlflow.log_expectation, trace_id=trace_id, name="answer", value={"text": "a doc"}
    )
    # When they are read back, Then they hold what was logged
    read = await in_thread(mlflow.get_assessment, trace_id, feedback.assessment_id)
    assert read.value == 0.5 and read.rationale == "partly on topic"
    assert read.source.source_id == "judge-1"
    trace = await in_thread(mlflow.get_trace, trace_id)
    names = {item.name: item for item in trace.info.assessments}
    assert names["answer"].value == {"text": "a doc"}
    # When the feedback is updated, Then its value and rationale change
    from mlflow.entities import Feedback

    updated = await in_thread(
        mlflow.update_assessment,
        trace_id=trace_id,
        assessment_id=feedback.assessment_id,
        assessment=Feedback(name="relevance", value=0.9, rationale="on topic"),
    )
    assert updated.value == 0.9 and updated.rationale == "on topic"
    # When a person overrides the judge, Then the judge's feedback is no longer valid
    override = await in_thread(
        mlflow.override_feedback,
        trace_id=trace_id,
        assessment_id=feedback.assessment_id,
        value=0.1,
        rationale="wrong document",
        source=AssessmentSource(source_type="HUMAN", source_id="alice"),
    )
    old = await in_thread(mlflow.get_assessment, trace_id, feedback.assessment_id)
    assert old.valid is False and override.overrides == feedback.assessment_id
    # When the expectation is deleted, Then reading it is RESOURCE_DOES_NOT_EXIST
    await in_thread(mlflow.delete_assessment, trace_id, expectation.assessment_id)
    with pytest.raises(MlflowException) as raised:
        await in_thread(mlflow.get_assessment, trace_id, expectation.assessment_id)
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"


async def _raw(jp_fetch, *path, method="GET", **kwargs):
    return await jp_fetch("mlstudio", "mlflow", *path, method=method, raise_error=False, **kwargs)


async def test_errors_of_the_trace_endpoints_are_mlflows_json(
    tracking,  # noqa: F811
    jp_fetch,
):
    # When an unknown trace is asked for, Then it is a JSON 404 RESOURCE_DOES_NOT_EXIST
    response = await _raw(jp_fetch, "api", "3.0", "mlflow", "traces", "tr-0")
    assert response.code == 404
    assert json.loads(response.body)["error_code"] == "RESOURCE_DOES_NOT_EXIST"
    # When a search filter is malformed, Then it is a JSON 400 INVALID_PARAMETER_VALUE
    experiment = await in_thread(MlflowClient().create_experiment, "errors")
    body = {
        "locations": [
            {"type": "MLFLOW_EXPERIMENT", "mlflow_experiment": {"experiment_id": experiment}}
        ],
        "filter": "attributes.nonsense = 'x'",
    }
    response = await _raw(
        jp_fetch, "api", "3.0", "mlflow", "traces", "search", method="POST", body=json.dumps(body)
    )
    assert response.code == 400
    assert json.loads(response.body)["error_code"] == "INVALID_PARAMETER_VALUE"
    # When the OTLP endpoint gets a body it cannot read, Then it is a JSON 400
    response = await _raw(
        jp_fetch,
        "v1",
        "traces",
        method="POST",
        body=b"not protobuf",
        headers={"Content-Type": "text/plain", "X-Mlflow-Experiment-Id": experiment},
    )
    assert response.code == 400
    assert json.loads(response.body)["error_code"] == "INVALID_PARAMETER_VALUE"


async def test_spans_sent_as_otlp_json_make_a_trace(
    tracking,  # noqa: F811
    jp_fetch,
):
    # Given an experiment and an OTLP/JSON export of one root span (ids in hex, as OTLP writes)
    experiment = await in_thread(MlflowClient().create_experiment, "otlp-json")
    trace_hex = "0af7651916cd43dd8448eb211c80319c"
    export = {
        "resourceSpans": [
            {
                "scopeSpans": [
                    {
                        "spans": [
                            {
                                "traceId": trace_hex,
                                "spanId": "b7ad6b7169203331",
                                "name": "handler",
                                "startTimeUnixNano": "1700000000000000000",
                                "endTimeUnixNano": "1700000000250000000",
                                "status": {"code": 1},
                                "attributes": [
                                    {
                                        "key": "mlflow.spanInputs",
                                        "value": {"stringValue": '{"q": "hi"}'},
                                    }
                                ],
                            }
                        ]
                    }
                ]
            }
        ]
    }
    # When it is posted to /v1/traces
    response = await _raw(
        jp_fetch,
        "v1",
        "traces",
        method="POST",
        body=json.dumps(export),
        headers={"Content-Type": "application/json", "X-Mlflow-Experiment-Id": experiment},
    )
    assert response.code == 200
    # Then the trace exists with the root span's times and state
    info = (await in_thread(MlflowClient().get_trace, f"tr-{trace_hex}")).info
    assert info.request_time == 1_700_000_000_000 and info.execution_duration == 250
    assert info.state.value == "OK"
    trace = await in_thread(mlflow.get_trace, f"tr-{trace_hex}")
    assert [span.name for span in trace.data.spans] == ["handler"]


async def test_a_trace_whose_spans_went_to_the_artifact_store_is_read_from_there(
    tracking,  # noqa: F811
    synchronous_tracing,
    monkeypatch,
):
    # Given a client that cannot log spans, so it uploads the trace's spans as an artifact
    from mlflow.store.tracking.rest_store import RestStore

    def refuse(self, location, spans, tracking_uri=None):
        raise NotImplementedError("span logging off for this test")

    monkeypatch.setattr(RestStore, "log_spans", refuse)
    trace_id = await in_thread(_traced, "uploaded")
    # When the trace is read back
    trace = await in_thread(mlflow.get_trace, trace_id)
    # Then the client found its spans at the trace's artifact location through the face
    assert trace.info.tags.get("mlflow.trace.spansLocation") != "TRACKING_STORE"
    assert {span.name for span in trace.data.spans} == {"answer", "retrieve", "generate"}


async def test_the_run_view_route_lists_a_runs_traces_as_timed_span_trees(
    tracking,  # noqa: F811
    synchronous_tracing,
    api,
):
    # Given a traced call made inside a run, and one made outside it
    def make() -> tuple[str, str]:
        mlflow.set_experiment("run-view")
        with mlflow.start_run() as run:
            inside = _traced("run-view", "inside")
        _traced("run-view", "outside")
        return run.info.run_id, inside

    run_id, inside = await in_thread(make)
    # When the run view asks for the run's traces
    status, body = await api("GET", f"runs/{run_id}/traces")
    # Then it gets that trace alone, its spans with parents, timings, inputs and outputs
    assert status == 200
    assert [trace["trace_id"] for trace in body["traces"]] == [inside]
    spans = {span["name"]: span for span in body["traces"][0]["spans"]}
    root = spans["answer"]
    assert root["parent_span_id"] is None and root["start_offset_us"] == 0
    assert spans["generate"]["parent_span_id"] == root["span_id"]
    assert spans["generate"]["span_type"] == "LLM" and spans["generate"]["status"] == "OK"
    assert root["inputs"] == {"query": "inside"}
    assert root["outputs"] == "inside? doc about inside"
    assert root["duration_us"] >= spans["generate"]["duration_us"] >= 0
    # And an unknown run is a 404
    status, _ = await api("GET", "runs/nope/traces")
    assert status == 404
