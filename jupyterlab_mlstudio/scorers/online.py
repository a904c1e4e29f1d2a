"""Online scoring: when a trace finishes, each scorer of its experiment with an active online
configuration (a sample rate above 0) judges a sampled share of the traces its filter admits,
in the background, and its verdict is kept as a feedback assessment on the trace.

Rule-based scorers run here: ``RegexMatch`` checks the trace's response against its pattern.
A scorer that needs an LLM judge has no model to call on this server, so it records feedback
carrying an error that says so, never a made-up verdict.
"""

from __future__ import annotations

import json
import logging
import random
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import func, select

from ..core.context import RequestContext
from ..store import Database
from ..tracing import search as trace_search
from ..tracing.assessments import AssessmentService
from ..tracing.orm import TraceRecord
from .orm import ScorerOnlineConfigRecord, ScorerVersionRecord

log = logging.getLogger(__name__)
NO_JUDGE = "JUDGE_UNAVAILABLE"


def _regex_match(spec: dict[str, Any], response: str | None) -> dict[str, Any]:
    """MLflow's ``RegexMatch``: ``yes`` when the response matches (``search`` or
    ``fullmatch``, optionally ignoring case)."""
    pattern = spec.get("pattern") or ""
    if response is None:
        return {"value": "no", "rationale": "No outputs provided to evaluate."}
    flags = re.IGNORECASE if spec.get("case_insensitive") else 0
    compiled = re.compile(pattern, flags)
    whole = spec.get("match_type") == "fullmatch"
    matched = (compiled.fullmatch if whole else compiled.search)(response) is not None
    verb = "matches" if matched else "does not match"
    return {"value": "yes" if matched else "no", "rationale": f"Output {verb} pattern {pattern!r}"}


#: Scorers that run here, by their serialized ``builtin_scorer_class``.
RULES = {"RegexMatch": _regex_match}


def _response_text(preview: str | None) -> str | None:
    """The trace's response as text (a JSON string preview is unquoted)."""
    if preview is None:
        return None
    try:
        value = json.loads(preview)
    except ValueError:
        return preview
    return value if isinstance(value, str) else preview


def judge(serialized: dict[str, Any], response: str | None) -> tuple[str, dict[str, Any]]:
    """(the assessment source type, the feedback body plus rationale) for one scorer."""
    kind = serialized.get("builtin_scorer_class")
    rule = RULES.get(kind or "")
    if rule is not None:
        spec = serialized.get("builtin_scorer_pydantic_data") or {}
        return "CODE", rule(spec, response)
    what = kind or serialized.get("name") or "this scorer"
    return "LLM_JUDGE", {
        "error": {
            "error_code": NO_JUDGE,
            "error_message": (
                f"{what} needs an LLM judge and this server has no model to call; run it "
                "with mlflow.genai.evaluate where a model is reachable."
            ),
        }
    }


class OnlineScoring:
    """Scores finished traces in one background worker."""

    def __init__(self, database: Database, assessments: AssessmentService) -> None:
        self.database = database
        self.assessments = assessments
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="mlstudio-online-scoring")

    def trace_finished(self, context: RequestContext, trace_id: str, experiment_id: str) -> None:
        self.pool.submit(self._guarded, context, trace_id, experiment_id)

    def close(self) -> None:
        """Stop at server shutdown: the scoring under way ends, the queued traces are dropped
        (they keep no score, as a trace that was never sampled)."""
        self.pool.shutdown(wait=True, cancel_futures=True)

    def _guarded(self, context: RequestContext, trace_id: str, experiment_id: str) -> None:
        try:
            self.score(context, trace_id, experiment_id)
        except Exception:  # a failed scoring must not stop the worker
            log.exception("Online scoring of trace %s failed", trace_id)

    def _due(self, session: Any, experiment_id: str, trace_id: str) -> list[tuple[str, Any]]:
        """(scorer name, its newest serialized form) of each active configuration that
        samples and admits the trace."""
        due = []
        configs = session.scalars(
            select(ScorerOnlineConfigRecord).where(
                ScorerOnlineConfigRecord.experiment_id == experiment_id,
                ScorerOnlineConfigRecord.sample_rate > 0,
            )
        )
        for config in configs:
            if random.random() >= config.sample_rate:
                continue
            if config.filter_string:
                admitted = session.scalar(
                    select(TraceRecord.trace_id).where(
                        TraceRecord.trace_id == trace_id,
                        *trace_search.conditions(config.filter_string),
                    )
                )
                if admitted is None:
                    continue
            newest = session.scalar(
                select(ScorerVersionRecord.serialized).where(
                    ScorerVersionRecord.experiment_id == experiment_id,
                    ScorerVersionRecord.name == config.name,
                    ScorerVersionRecord.version
                    == select(func.max(ScorerVersionRecord.version))
                    .where(
                        ScorerVersionRecord.experiment_id == experiment_id,
                        ScorerVersionRecord.name == config.name,
                    )
                    .scalar_subquery(),
                )
            )
            if newest is not None:
                due.append((config.name, json.loads(newest)))
        return due

    def score(self, context: RequestContext, trace_id: str, experiment_id: str) -> int:
        """Judge one trace with every scorer due; the number of assessments recorded."""
        with self.database.session() as session:
            due = self._due(session, experiment_id, trace_id)
            record = session.get(TraceRecord, trace_id)
            response = _response_text(record.response_preview if record else None)
        for name, serialized in due:
            source_type, feedback = judge(serialized, response)
            rationale = feedback.pop("rationale", None)
            content: dict[str, Any] = {
                "trace_id": trace_id,
                "assessment_name": name,
                "source": {"source_type": source_type, "source_id": name},
                "feedback": feedback,
            }
            if rationale:
                content["rationale"] = rationale
            self.assessments.create(context, content)
        return len(due)
