"""Issues on the MLflow face, driven by the real mlflow client (its tracing client's issue calls,
``mlflow.log_issue``, ``search_traces``) and raw REST. One behaviour each."""

from __future__ import annotations

import json

import pytest

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)
from .test_mlflow_tracing import _raw, _traced, synchronous_tracing  # noqa: F401

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow.entities.issue import IssueSeverity, IssueStatus  # noqa: E402
from mlflow.exceptions import MlflowException  # noqa: E402
from mlflow.tracking._tracking_service.utils import _get_store  # noqa: E402

pytestmark = pytest.mark.usefixtures("tracking")


def _new(experiment: str, name: str = "slow answers", **kwargs):
    return _get_store().create_issue(
        experiment_id=experiment, name=name, description="Replies take too long", **kwargs
    )


async def test_a_created_issue_reads_back_with_every_field():
    def scenario():
        experiment = mlflow.create_experiment("issues-create")
        created = _new(
            experiment,
            severity=IssueSeverity.HIGH,
            root_causes=["cold cache"],
            categories=["latency"],
            created_by="triage-bot",
        )
        return experiment, created, _get_store().get_issue(created.issue_id)

    experiment, created, read = await in_thread(scenario)
    assert read.issue_id == created.issue_id and read.issue_id.startswith("iss-")
    assert read.experiment_id == experiment
    assert (read.name, read.description) == ("slow answers", "Replies take too long")
    assert read.status == IssueStatus.PENDING and read.severity == IssueSeverity.HIGH
    assert read.root_causes == ["cold cache"] and read.categories == ["latency"]
    assert read.created_by == "triage-bot"
    assert read.created_timestamp == read.last_updated_timestamp > 0


async def test_an_update_changes_only_the_fields_given():
    def scenario():
        created = _new(mlflow.create_experiment("issues-update"))
        return created, _get_store().update_issue(
            created.issue_id, status=IssueStatus.RESOLVED, severity=IssueSeverity.LOW
        )

    created, updated = await in_thread(scenario)
    assert updated.status == IssueStatus.RESOLVED and updated.severity == IssueSeverity.LOW
    assert updated.name == created.name and updated.description == created.description
    assert updated.last_updated_timestamp >= created.last_updated_timestamp


async def test_search_filters_by_status_and_lists_the_most_severe_first():
    def scenario():
        experiment = mlflow.create_experiment("issues-search")
        low = _new(experiment, "typos", severity=IssueSeverity.LOW)
        high = _new(experiment, "wrong totals", severity=IssueSeverity.HIGH)
        _new(experiment, "old", status=IssueStatus.RESOLVED)
        store = _get_store()
        every = [item.name for item in store.search_issues(experiment_id=experiment)]
        open_ = store.search_issues(experiment_id=experiment, filter_string="status = 'pending'")
        return every, [item.issue_id for item in open_], (low, high)

    every, open_ids, (low, high) = await in_thread(scenario)
    assert every == ["wrong totals", "typos", "old"]
    assert open_ids == [high.issue_id, low.issue_id]


async def test_search_pages_with_a_token():
    def scenario():
        experiment = mlflow.create_experiment("issues-pages")
        for number in range(3):
            _new(experiment, f"issue {number}")
        store = _get_store()
        first = store.search_issues(experiment_id=experiment, max_results=2)
        second = store.search_issues(
            experiment_id=experiment, max_results=2, page_token=first.token
        )
        return first, second

    first, second = await in_thread(scenario)
    assert len(first) == 2 and first.token
    assert len(second) == 1 and second.token is None
    assert {item.name for item in [*first, *second]} == {"issue 0", "issue 1", "issue 2"}


async def test_a_trace_logged_against_an_issue_is_found_by_issue_id_and_counted(
    synchronous_tracing,  # noqa: F811
):
    def scenario():
        experiment = mlflow.create_experiment("issues-traces")
        linked = _traced("issues-traces", "refund")
        _traced("issues-traces", "weather")
        issue = _new(experiment)
        reference = mlflow.log_issue(trace_id=linked, issue_id=issue.issue_id)
        found = mlflow.search_traces(
            locations=[experiment],
            filter_string=f"issue.id = '{issue.issue_id}'",
            return_type="list",
        )
        counted = _get_store().search_issues(experiment_id=experiment, include_trace_count=True)
        return linked, issue, reference, found, counted

    linked, issue, reference, found, counted = await in_thread(scenario)
    assert reference.issue_id == issue.issue_id and reference.issue_name == "slow answers"
    assert [trace.info.trace_id for trace in found] == [linked]
    assert [(item.issue_id, item.trace_count) for item in counted] == [(issue.issue_id, 1)]


async def test_log_issue_refuses_a_name_other_than_the_issues():
    def scenario():
        issue = _new(mlflow.create_experiment("issues-name"))
        with pytest.raises(MlflowException) as raised:
            mlflow.log_issue(trace_id="tr-0", issue_id=issue.issue_id, issue_name="other")
        return raised

    raised = await in_thread(scenario)
    assert "does not match" in str(raised.value)


async def test_an_unknown_issue_is_mlflows_resource_does_not_exist():
    with pytest.raises(MlflowException) as raised:
        await in_thread(_get_store().get_issue, "iss-missing")
    assert raised.value.error_code == "RESOURCE_DOES_NOT_EXIST"


async def test_an_unknown_status_or_filter_key_is_invalid_parameter_value(jp_fetch):
    experiment = await in_thread(mlflow.create_experiment, "issues-bad")
    bad_status = await _raw(
        jp_fetch,
        "api/3.0/mlflow/issues",
        method="POST",
        body=json.dumps(
            {"experiment_id": experiment, "name": "x", "description": "y", "status": "open"}
        ),
    )
    bad_filter = await _raw(
        jp_fetch,
        "api/3.0/mlflow/issues/search",
        method="POST",
        body=json.dumps({"experiment_id": experiment, "filter_string": "name = 'x'"}),
    )
    for response in (bad_status, bad_filter):
        assert response.code == 400
        assert json.loads(response.body)["error_code"] == "INVALID_PARAMETER_VALUE"


async def test_an_issue_filter_on_traces_takes_only_id_and_equals(jp_fetch):
    experiment = await in_thread(mlflow.create_experiment, "issues-trace-filter")
    for text in ("issue.name = 'x'", "issue.id != 'x'", "issue.id LIKE 'iss-%'"):
        response = await _raw(
            jp_fetch,
            "api/3.0/mlflow/traces/search",
            method="POST",
            body=json.dumps({"locations": [], "experiment_ids": [experiment], "filter": text}),
        )
        assert response.code == 400, text
        assert json.loads(response.body)["error_code"] == "INVALID_PARAMETER_VALUE"
