"""``search_traces`` filters with regular expressions (``RLIKE``) and absence (``IS NULL``,
``IS NOT NULL``), driven by the real mlflow client and raw REST. One behaviour each."""

from __future__ import annotations

import json

import pytest

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)
from .test_mlflow_trace_search import _ids
from .test_mlflow_tracing import _raw, _traced, synchronous_tracing  # noqa: F401

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow import MlflowClient  # noqa: E402

pytestmark = pytest.mark.usefixtures("tracking", "synchronous_tracing")


async def _tagged_and_plain(name: str) -> tuple[str, str, str]:
    """An experiment with a trace tagged ``topic=Billing-42`` and one without the tag."""

    def make() -> tuple[str, str, str]:
        experiment = mlflow.set_experiment(name).experiment_id
        tagged = _traced(name, "billing")
        MlflowClient().set_trace_tag(tagged, "topic", "Billing-42")
        return experiment, tagged, _traced(name, "refunds")

    return await in_thread(make)


async def test_rlike_matches_a_tag_by_regular_expression():
    experiment, tagged, _ = await _tagged_and_plain("rlike-tags")
    # Then the pattern matches anywhere in the value, case-sensitively
    assert await in_thread(_ids, experiment, r"tags.topic RLIKE '^Billing-[0-9]+$'") == {tagged}
    assert await in_thread(_ids, experiment, "tags.topic RLIKE 'billing'") == set()


async def test_rlike_matches_span_names():
    experiment, tagged, plain = await _tagged_and_plain("rlike-spans")
    # Both traces hold spans named retrieve and generate
    assert await in_thread(_ids, experiment, "span.name RLIKE '^re(trieve|ply)$'") == {
        tagged,
        plain,
    }


async def test_is_null_finds_the_traces_without_a_tag_and_is_not_null_those_with_it():
    experiment, tagged, plain = await _tagged_and_plain("null-tags")
    assert await in_thread(_ids, experiment, "tags.topic IS NULL") == {plain}
    assert await in_thread(_ids, experiment, "tags.topic IS NOT NULL") == {tagged}


async def test_is_null_on_feedback_finds_the_traces_nobody_reviewed():
    experiment, tagged, plain = await _tagged_and_plain("null-feedback")
    await in_thread(lambda: mlflow.log_feedback(trace_id=tagged, name="correct", value=True))
    assert await in_thread(_ids, experiment, "feedback.correct IS NULL") == {plain}
    assert await in_thread(_ids, experiment, "feedback.correct IS NOT NULL") == {tagged}


@pytest.mark.parametrize(
    "filter_string",
    [
        "tags.topic RLIKE '('",
        "attributes.timestamp_ms RLIKE '1'",
        "tags.topic IS 'x'",
        "span.name IS NULL",
        "tags.topic RLIKE 3",
    ],
    ids=["bad-pattern", "numeric-column", "is-without-null", "span-is-null", "number-pattern"],
)
async def test_regex_and_null_filters_the_face_cannot_honour_are_mlflows_json_400(
    jp_fetch, filter_string
):
    experiment = await in_thread(MlflowClient().create_experiment, f"bad-{len(filter_string)}")
    body = {
        "locations": [
            {"type": "MLFLOW_EXPERIMENT", "mlflow_experiment": {"experiment_id": experiment}}
        ],
        "filter": filter_string,
    }
    response = await _raw(
        jp_fetch, "api", "3.0", "mlflow", "traces", "search", method="POST", body=json.dumps(body)
    )
    assert response.code == 400
    assert json.loads(response.body)["error_code"] == "INVALID_PARAMETER_VALUE"
