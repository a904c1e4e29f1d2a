"""Create, read, change and search an experiment's issues. No Tornado, no wire format.

A trace is linked to an issue by an ``issue`` assessment whose name is the issue's id (what
``mlflow.log_issue`` logs); an issue's trace count is the number of traces with such a valid
assessment.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, func, select

from ..core.clock import now_ms
from ..core.context import RequestContext, owned, sees, visible
from ..core.errors import InvalidInput, NotFound
from ..core.paging import decode_offset, encode_token
from ..experiments.search import Comparison, check_comparison, compare, parse_filter
from ..experiments.service import ExperimentService
from ..store import Database
from ..tracing.orm import AssessmentRecord
from .orm import IssueRecord

STATUSES = ("pending", "rejected", "resolved")
#: Severities from lowest to highest; a search lists the most severe first.
SEVERITIES = ("not_an_issue", "low", "medium", "high")
DEFAULT_RESULTS = 100
MAX_RESULTS = 1000
#: What a search filter may compare, and how.
FILTER_KEYS = {"status": IssueRecord.status, "source_run_id": IssueRecord.source_run_id}


@dataclass
class Issue:
    issue_id: str
    experiment_id: str
    name: str
    description: str
    status: str
    severity: str | None
    root_causes: list[str]
    categories: list[str]
    source_run_id: str | None
    created_by: str | None
    created_timestamp: int
    last_updated_timestamp: int
    trace_count: int | None = field(default=None)


def _issue(record: IssueRecord, trace_count: int | None = None) -> Issue:
    return Issue(
        record.issue_id,
        record.experiment_id,
        record.name,
        record.description,
        record.status,
        record.severity,
        list(record.root_causes or []),
        list(record.categories or []),
        record.source_run_id,
        record.created_by,
        record.created_timestamp,
        record.last_updated_timestamp,
        trace_count,
    )


def _choice(value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
    if value is not None and value not in allowed:
        raise InvalidInput(f"Invalid {what} {value!r}: use one of {', '.join(allowed)}", field=what)
    return value


def _text(value: str, what: str, longest: int) -> str:
    if not value.strip() or len(value) > longest:
        raise InvalidInput(f"An issue's {what} is 1 to {longest} characters.", field=what)
    return value


def _checked(comparison: Comparison, text: str) -> Comparison:
    if comparison.kind != "attribute" or comparison.key not in FILTER_KEYS:
        raise InvalidInput(
            f"Invalid issue filter key {comparison.key!r} in {text!r}: use one of "
            f"{', '.join(FILTER_KEYS)}",
            field="filter_string",
        )
    if comparison.operator not in ("=", "!="):
        raise InvalidInput(
            f"Invalid comparator {comparison.operator!r} in {text!r}: use = or !=",
            field="filter_string",
        )
    check_comparison(comparison, text, numeric=False)
    return comparison


def trace_counts() -> Any:
    """The number of traces a valid ``issue`` assessment links to each issue."""
    return (
        select(func.count(func.distinct(AssessmentRecord.trace_id)))
        .where(
            AssessmentRecord.kind == "issue",
            AssessmentRecord.name == IssueRecord.issue_id,
            AssessmentRecord.valid.is_(True),
        )
        .scalar_subquery()
    )


class IssueService:
    """The issues of the experiments."""

    def __init__(self, database: Database, experiments: ExperimentService) -> None:
        self.database = database
        self.experiments = experiments

    def create(
        self,
        context: RequestContext,
        experiment_id: str,
        name: str,
        description: str,
        status: str | None = None,
        severity: str | None = None,
        root_causes: list[str] | None = None,
        categories: list[str] | None = None,
        source_run_id: str | None = None,
        created_by: str | None = None,
    ) -> Issue:
        experiment = self.experiments.get_experiment(context, experiment_id)
        now = now_ms()
        record = IssueRecord(
            issue_id=f"iss-{uuid.uuid4().hex}",
            experiment_id=experiment.experiment_id,
            name=_text(name, "name", 256),
            description=description,
            status=_choice(status, STATUSES, "status") or "pending",
            severity=_choice(severity, SEVERITIES, "severity"),
            root_causes=list(root_causes or []),
            categories=list(categories or []),
            source_run_id=source_run_id or None,
            created_by=created_by or None,
            created_timestamp=now,
            last_updated_timestamp=now,
            **owned(context),
        )
        with self.database.session() as session:
            session.add(record)
            session.flush()
            return _issue(record)

    def _record(self, session: Any, context: RequestContext, issue_id: str) -> IssueRecord:
        record = session.get(IssueRecord, issue_id)
        if not sees(context, record):
            raise NotFound(f"Issue with ID '{issue_id}' not found")
        self.experiments.get_experiment(context, record.experiment_id)
        return record

    def get(self, context: RequestContext, issue_id: str) -> Issue:
        with self.database.session() as session:
            return _issue(self._record(session, context, issue_id))

    def update(
        self,
        context: RequestContext,
        issue_id: str,
        *,
        status: str | None = None,
        name: str | None = None,
        description: str | None = None,
        severity: str | None = None,
    ) -> Issue:
        """Change the fields given (``None`` leaves one as it is)."""
        with self.database.session() as session:
            record = self._record(session, context, issue_id)
            if status is not None:
                record.status = _choice(status, STATUSES, "status") or record.status
            if severity is not None:
                record.severity = _choice(severity, SEVERITIES, "severity")
            if name is not None:
                record.name = _text(name, "name", 256)
            if description is not None:
                record.description = description
            record.last_updated_timestamp = now_ms()
            session.flush()
            return _issue(record)

    def search(
        self,
        context: RequestContext,
        experiment_id: str | None = None,
        filter_string: str | None = None,
        max_results: int | None = None,
        page_token: str | None = None,
        include_trace_count: bool = False,
    ) -> tuple[list[Issue], str | None]:
        """Issues, most severe first, then (with counts) the most traces, then newest."""
        limit = DEFAULT_RESULTS if max_results is None else max_results
        if not 0 < limit <= MAX_RESULTS:
            raise InvalidInput(
                f"Invalid value {limit} for parameter 'max_results': it must be between 1 "
                f"and {MAX_RESULTS}",
                field="max_results",
            )
        comparisons = parse_filter(filter_string, "attribute", {}, _checked)
        counts = trace_counts().label("trace_count")
        query = select(IssueRecord, counts).where(visible(IssueRecord, context))
        if experiment_id is not None:
            experiment = self.experiments.get_experiment(context, experiment_id)
            query = query.where(IssueRecord.experiment_id == experiment.experiment_id)
        for item in comparisons:
            query = query.where(compare(FILTER_KEYS[item.key], item.operator, item.value))
        rank = case(
            {name: rank for rank, name in enumerate(SEVERITIES)},
            value=IssueRecord.severity,
            else_=-1,
        )
        order = [rank.desc()]
        if include_trace_count:
            order.append(counts.desc())
        order += [IssueRecord.created_timestamp.desc(), IssueRecord.issue_id.desc()]
        fingerprint = {
            "issues": [experiment_id, filter_string, include_trace_count],
        }
        offset = decode_offset(page_token, "page_token", fingerprint)
        with self.database.session() as session:
            rows = list(session.execute(query.order_by(*order).offset(offset).limit(limit + 1)))
            found = [
                _issue(record, count if include_trace_count else None)
                for record, count in rows[:limit]
            ]
        token = encode_token({"offset": offset + limit}, fingerprint) if len(rows) > limit else None
        return found, token
