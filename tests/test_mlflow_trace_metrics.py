"""The trace metrics query on the MLflow face (``POST api/3.0/mlflow/traces/metrics``), driven
by the real mlflow client's tracking store (``query_trace_metrics``) and raw REST. One
behaviour each."""

from __future__ import annotations

import json
import time

import pytest

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)
from .test_mlflow_tracing import _raw, synchronous_tracing  # noqa: F401

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow.entities.trace_metrics import (  # noqa: E402
    AggregationType,
    MetricAggregation,
    MetricViewType,
)
from mlflow.tracking._tracking_service.utils import _get_store  # noqa: E402

pytestmark = pytest.mark.usefixtures("tracking", "synchronous_tracing")

COUNT = MetricAggregation(AggregationType.COUNT)


def _call(name: str, tokens: int | None = None) -> str:
    @mlflow.trace(name=name)
    def run() -> str:
        with mlflow.start_span(name="llm", span_type="LLM") as span:
            if tokens is not None:
                span.set_attribute(
                    "mlflow.chat.tokenUsage",
                    {"input_tokens": tokens, "output_tokens": 1, "total_tokens": tokens + 1},
                )
        with mlflow.start_span(name="lookup", span_type="RETRIEVER"):
            pass
        return "ok"

    run()
    return mlflow.get_last_active_trace_id()


def _query(experiment: str, view, metric: str, aggregations, **kwargs):
    return list(
        _get_store().query_trace_metrics(
            experiment_ids=[experiment],
            view_type=view,
            metric_name=metric,
            aggregations=aggregations,
            **kwargs,
        )
    )


async def test_trace_count_groups_by_trace_name():
    def scenario():
        experiment = mlflow.set_experiment("metrics-count").experiment_id
        for name in ("chat", "chat", "search"):
            _call(name)
        return _query(
            experiment, MetricViewType.TRACES, "trace_count", [COUNT], dimensions=["trace_name"]
        )

    points = await in_thread(scenario)
    assert [(item.dimensions, item.values) for item in points] == [
        ({"trace_name": "chat"}, {"COUNT": 2.0}),
        ({"trace_name": "search"}, {"COUNT": 1.0}),
    ]


async def test_span_count_groups_by_span_type_and_filters_on_a_trace_tag():
    def scenario():
        experiment = mlflow.set_experiment("metrics-spans").experiment_id
        tagged = _call("chat")
        _call("chat")
        mlflow.MlflowClient().set_trace_tag(tagged, "team", "blue")
        return _query(
            experiment,
            MetricViewType.SPANS,
            "span_count",
            [COUNT],
            dimensions=["span_type"],
            filters=["trace.tag.team = 'blue'"],
        )

    points = await in_thread(scenario)
    assert {item.dimensions["span_type"]: item.values["COUNT"] for item in points} == {
        "UNKNOWN": 1.0,  # the root span of an @mlflow.trace function without a type
        "LLM": 1.0,
        "RETRIEVER": 1.0,
    }


async def test_token_usage_sums_over_traces():
    def scenario():
        experiment = mlflow.set_experiment("metrics-tokens").experiment_id
        _call("chat", tokens=10)
        _call("chat", tokens=30)
        return _query(
            experiment,
            MetricViewType.TRACES,
            "input_tokens",
            [
                MetricAggregation(AggregationType.SUM),
                MetricAggregation(AggregationType.PERCENTILE, 50),
            ],
        )

    points = await in_thread(scenario)
    assert [item.values for item in points] == [{"SUM": 40.0, "P50.0": 20.0}]


async def test_assessment_values_average_by_name():
    def scenario():
        experiment = mlflow.set_experiment("metrics-assessments").experiment_id
        for value in (1.0, 0.0, 0.5):
            mlflow.log_feedback(trace_id=_call("chat"), name="quality", value=value)
        return _query(
            experiment,
            MetricViewType.ASSESSMENTS,
            "assessment_value",
            [MetricAggregation(AggregationType.AVG), MetricAggregation(AggregationType.MAX)],
            dimensions=["assessment_name"],
        )

    points = await in_thread(scenario)
    assert [(item.dimensions, item.values) for item in points] == [
        ({"assessment_name": "quality"}, {"AVG": 0.5, "MAX": 1.0})
    ]


async def test_time_buckets_key_each_point_by_its_bucket_start():
    def scenario():
        experiment = mlflow.set_experiment("metrics-buckets").experiment_id
        _call("chat")
        now = int(time.time() * 1000)
        return now, _query(
            experiment,
            MetricViewType.TRACES,
            "trace_count",
            [COUNT],
            time_interval_seconds=86400,
            start_time_ms=now - 3_600_000,
            end_time_ms=now + 3_600_000,
        )

    now, points = await in_thread(scenario)
    day = time.strftime("%Y-%m-%dT00:00:00+00:00", time.gmtime(now / 1000))
    assert [(item.dimensions, item.values) for item in points] == [
        ({"time_bucket": day}, {"COUNT": 1.0})
    ]


async def test_a_metric_or_aggregation_the_view_lacks_is_invalid_parameter_value(jp_fetch):
    experiment = await in_thread(mlflow.create_experiment, "metrics-bad")
    for body in (
        {"metric_name": "tokens_per_hour", "aggregations": [{"aggregation_type": "COUNT"}]},
        {"metric_name": "latency", "aggregations": [{"aggregation_type": "COUNT"}]},
        {
            "metric_name": "trace_count",
            "aggregations": [{"aggregation_type": "COUNT"}],
            "dimensions": ["span_name"],
        },
    ):
        response = await _raw(
            jp_fetch,
            "api/3.0/mlflow/traces/metrics",
            method="POST",
            body=json.dumps({"experiment_ids": [experiment], "view_type": "TRACES", **body}),
        )
        assert response.code == 400, body
        assert json.loads(response.body)["error_code"] == "INVALID_PARAMETER_VALUE"
