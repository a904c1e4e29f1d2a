"""Assessments of a trace: feedback (a person's or a judge's verdict), expectations (the
ground truth) and issue references (the trace shows a known issue). Each is kept as logged,
with its times in milliseconds; one that overrides another marks the other invalid until it is
deleted."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from ..core.clock import now_ms
from ..core.context import RequestContext, owned, sees
from ..core.errors import InvalidInput, NotFound
from ..experiments.validation import check_key
from .orm import AssessmentRecord
from .service import trace_record

if TYPE_CHECKING:
    from .service import TraceService

#: What an assessment holds: a verdict, the ground truth, or a link to an issue (named by the
#: issue's id, its value the issue's name).
KINDS = ("feedback", "expectation", "issue")
#: The fields an update may name in its mask.
UPDATABLE = ("assessment_name", "expectation", "feedback", "rationale", "metadata")


def _value_kind(content: dict[str, Any]) -> str:
    kinds = [kind for kind in KINDS if content.get(kind) is not None]
    if len(kinds) != 1:
        raise InvalidInput(
            "An assessment holds exactly one of `feedback`, `expectation` or `issue`.",
            field="assessment",
        )
    return kinds[0]


class AssessmentService:
    """Create, read, change and delete a trace's assessments."""

    def __init__(self, traces: TraceService) -> None:
        self.database = traces.database

    def create(self, context: RequestContext, content: dict[str, Any]) -> dict[str, Any]:
        trace_id = content.get("trace_id")
        if not isinstance(trace_id, str) or not trace_id:
            raise InvalidInput("An assessment names its trace_id", field="trace_id")
        name = content.get("assessment_name")
        if not isinstance(name, str):
            raise InvalidInput("An assessment needs an assessment_name", field="assessment_name")
        check_key(name, "assessment")
        _value_kind(content)
        now = now_ms()
        stored = {
            **content,
            "assessment_id": f"a-{uuid.uuid4().hex}",
            "create_time": content.get("create_time") or now,
            "last_update_time": content.get("last_update_time") or now,
            "valid": True,
        }
        with self.database.session() as session:
            trace_record(session, context, trace_id)
            overridden = stored.get("overrides")
            if overridden:
                previous = self._record(session, context, trace_id, overridden)
                previous.content = {**previous.content, "valid": False}
            session.add(
                AssessmentRecord(
                    assessment_id=stored["assessment_id"],
                    trace_id=trace_id,
                    name=name,
                    create_time=stored["create_time"],
                    last_update_time=stored["last_update_time"],
                    content=stored,
                    **owned(context),
                )
            )
        return stored

    @staticmethod
    def _record(
        session: Any, context: RequestContext, trace_id: str, assessment_id: str
    ) -> AssessmentRecord:
        record = session.get(AssessmentRecord, assessment_id)
        if record is None or record.trace_id != trace_id or not sees(context, record):
            raise NotFound(f"Assessment with ID '{assessment_id}' not found for trace '{trace_id}'")
        return record

    def get(self, context: RequestContext, trace_id: str, assessment_id: str) -> dict[str, Any]:
        with self.database.session() as session:
            trace_record(session, context, trace_id)
            return dict(self._record(session, context, trace_id, assessment_id).content)

    def update(
        self,
        context: RequestContext,
        trace_id: str,
        assessment_id: str,
        changes: dict[str, Any],
        mask: list[str],
    ) -> dict[str, Any]:
        """Change the fields ``mask`` names to their values in ``changes``."""
        unknown = [path for path in mask if path not in UPDATABLE]
        if unknown or not mask:
            raise InvalidInput(
                f"Invalid update_mask {mask!r}: name some of {', '.join(UPDATABLE)}",
                field="update_mask",
            )
        with self.database.session() as session:
            trace_record(session, context, trace_id)
            record = self._record(session, context, trace_id, assessment_id)
            content = dict(record.content)
            kind = _value_kind(content)
            for path in mask:
                if path in ("feedback", "expectation") and path != kind:
                    raise InvalidInput(f"A {kind} cannot become a {path}.", field="update_mask")
                if path == "metadata":
                    content["metadata"] = {**content.get("metadata", {}), **changes.get(path, {})}
                else:
                    content[path] = changes.get(path)
            if "assessment_name" in mask:
                check_key(str(content.get("assessment_name") or ""), "assessment")
                record.name = content["assessment_name"]
            content["last_update_time"] = now_ms()
            record.last_update_time = content["last_update_time"]
            record.content = content
            return content

    def delete(self, context: RequestContext, trace_id: str, assessment_id: str) -> None:
        with self.database.session() as session:
            trace_record(session, context, trace_id)
            record = self._record(session, context, trace_id, assessment_id)
            overridden = record.content.get("overrides")
            if overridden:
                previous = session.get(AssessmentRecord, overridden)
                if previous is not None and previous.trace_id == trace_id:
                    previous.content = {**previous.content, "valid": True}
            session.delete(record)
