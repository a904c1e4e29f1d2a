"""The MLflow face's issue endpoints (``api/3.0/mlflow/issues...``): create, read, change and
search an experiment's issues. Traces link to an issue through ``mlflow.log_issue`` (an
assessment) and are found with ``search_traces(filter_string="issue.id = '...'")``."""

from __future__ import annotations

from typing import Any

from ..issues.service import Issue
from .calls import Call, Route
from .tracking import experiment_id


def issue_out(item: Issue) -> dict[str, Any]:
    body: dict[str, Any] = {
        "issue_id": item.issue_id,
        "experiment_id": item.experiment_id,
        "name": item.name,
        "description": item.description,
        "status": item.status,
        "root_causes": item.root_causes,
        "categories": item.categories,
        "created_timestamp": item.created_timestamp,
        "last_updated_timestamp": item.last_updated_timestamp,
    }
    optional = {
        "severity": item.severity,
        "source_run_id": item.source_run_id,
        "created_by": item.created_by,
        "trace_count": item.trace_count,
    }
    body.update({key: value for key, value in optional.items() if value is not None})
    return body


def create_issue(call: Call) -> dict[str, Any]:
    """``POST issues``: a new issue (``pending`` unless the call names a status)."""
    created = call.services.issues.create(
        call.context,
        experiment_id(call),
        call.args.string("name", required=True),
        call.args.string("description", required=True),
        status=call.args.string("status"),
        severity=call.args.string("severity"),
        root_causes=call.args.strings("root_causes"),
        categories=call.args.strings("categories"),
        source_run_id=call.args.string("source_run_id"),
        created_by=call.args.string("created_by"),
    )
    return {"issue": issue_out(created)}


def get_issue(call: Call) -> dict[str, Any]:
    """``GET issues/{issue_id}``."""
    return {"issue": issue_out(call.services.issues.get(call.context, call.path["issue_id"]))}


def update_issue(call: Call) -> dict[str, Any]:
    """``PATCH issues/{issue_id}``: the fields given change, an empty one is left alone (as
    MLflow's server reads an empty string as not given)."""
    updated = call.services.issues.update(
        call.context,
        call.path["issue_id"],
        status=call.args.string("status"),
        name=call.args.string("name"),
        description=call.args.string("description"),
        severity=call.args.string("severity"),
    )
    return {"issue": issue_out(updated)}


def search_issues(call: Call) -> dict[str, Any]:
    """``POST issues/search``: most severe first; ``include_trace_count`` adds each issue's
    number of linked traces and orders by it after severity."""
    experiment = experiment_id(call) if call.args.get("experiment_id") is not None else None
    found, token = call.services.issues.search(
        call.context,
        experiment,
        call.args.string("filter_string"),
        call.args.integer("max_results"),
        call.args.string("page_token"),
        call.args.flag("include_trace_count"),
    )
    body: dict[str, Any] = {"issues": [issue_out(item) for item in found]}
    if token:
        body["next_page_token"] = token
    return body


ROUTES = [
    Route("POST", "issues/search", search_issues),
    Route("POST", "issues", create_issue, "write"),
    Route("GET", "issues/{issue_id}", get_issue),
    Route("PATCH", "issues/{issue_id}", update_issue, "write"),
]
