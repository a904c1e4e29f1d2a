"""Traces: start and finish them, take their spans, find, tag, link and delete them. No Tornado,
no wire formats (the MLflow face converts). Assessments are in ``assessments.py``."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..core.context import RequestContext, owned, sees, visible
from ..core.errors import InvalidInput, NotFound
from ..core.paging import decode_offset, encode_token
from ..experiments.artifacts import ArtifactStore, proxied
from ..experiments.service import ExperimentService
from ..store import Database
from . import search
from .models import (
    ARTIFACT_LOCATION_TAG,
    SPANS_LOCATION_TAG,
    TRACE_DATA_FILE,
    TRACKING_STORE,
    Trace,
    TraceInfo,
)
from .orm import (
    AssessmentRecord,
    SpanAttributeRecord,
    SpanRecord,
    TraceMetadataRecord,
    TracePromptLinkRecord,
    TraceRecord,
    TraceRunLinkRecord,
    TraceTagRecord,
    span_attributes_of,
)
from .otlp import Span, attribute, encode_value

#: The most traces one search page or one batch read holds.
MAX_RESULTS = 1000
#: The longest preview kept of a root span's inputs and outputs.
PREVIEW_CHARACTERS = 1000
#: The most traces one request may link to a run (MLflow's own bound).
MAX_LINKS = 100


def not_found(trace_id: str) -> NotFound:
    return NotFound(f"Trace with ID '{trace_id}' not found.")


def trace_record(session: Session, context: RequestContext, trace_id: str) -> TraceRecord:
    record = session.get(TraceRecord, trace_id)
    if record is None or not sees(context, record):
        raise not_found(trace_id)
    return record


def _preview(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return text[:PREVIEW_CHARACTERS]


class TraceService:
    """The trace store; a trace's spans arrive by OTLP, its info when its root span ends."""

    def __init__(
        self, database: Database, experiments: ExperimentService, artifacts: ArtifactStore
    ) -> None:
        self.database = database
        self.experiments = experiments
        self.artifacts = artifacts
        #: Called with (context, trace_id, experiment_id) once a trace's info arrives.
        self.on_finished: list[Any] = []

    # -- writing -----------------------------------------------------------------------------

    def _active_experiment(self, context: RequestContext, experiment_id: str) -> Any:
        experiment = self.experiments.get_experiment(context, experiment_id)
        if experiment.lifecycle_stage != "active":
            raise InvalidInput(
                f"The experiment {experiment_id} must be in the 'active' state.",
                field="experiment_id",
            )
        return experiment

    def _set_values(
        self,
        session: Session,
        context: RequestContext,
        table: type[TraceTagRecord] | type[TraceMetadataRecord],
        trace_id: str,
        values: dict[str, str],
    ) -> None:
        for key, value in values.items():
            session.merge(table(trace_id=trace_id, key=key, value=value, **owned(context)))

    def start_trace(self, context: RequestContext, info: TraceInfo) -> TraceInfo:
        """Record a finished trace's info (``StartTraceV3``: sent when the root span ends);
        spans that came first made a provisional row, which this completes."""
        experiment = self._active_experiment(context, info.experiment_id)
        if info.state not in ("STATE_UNSPECIFIED", "OK", "ERROR", "IN_PROGRESS"):
            raise InvalidInput(f"Invalid trace state {info.state!r}", field="state")
        with self.database.session() as session:
            record = session.get(TraceRecord, info.trace_id)
            if record is not None and (
                not sees(context, record) or record.experiment_id != info.experiment_id
            ):
                raise InvalidInput(
                    f"Trace {info.trace_id} belongs to another experiment", field="trace_id"
                )
            if record is None:
                record = TraceRecord(trace_id=info.trace_id, **owned(context))
                session.add(record)
            record.experiment_id = info.experiment_id
            record.request_time = info.request_time
            record.execution_duration = info.execution_duration
            record.state = info.state
            record.client_request_id = info.client_request_id
            record.request_preview = info.request_preview
            record.response_preview = info.response_preview
            record.finalized = True
            session.flush()
            tags = dict(info.tags)
            tags.setdefault(ARTIFACT_LOCATION_TAG, self._artifact_location(experiment, record))
            self._set_values(session, context, TraceTagRecord, info.trace_id, tags)
            self._set_values(session, context, TraceMetadataRecord, info.trace_id, info.metadata)
        from .assessments import AssessmentService

        for assessment in info.assessments:
            AssessmentService(self).create(context, {**assessment, "trace_id": info.trace_id})
        for listener in self.on_finished:
            listener(context, info.trace_id, info.experiment_id)
        return self.get_info(context, info.trace_id)

    @staticmethod
    def _artifact_location(experiment: Any, record: TraceRecord) -> str:
        root = str(experiment.artifact_location).rstrip("/")
        return f"{root}/traces/{record.trace_id}/artifacts"

    def log_spans(self, context: RequestContext, experiment_id: str, spans: list[Span]) -> int:
        """Keep spans (OTLP) of traces in ``experiment_id``; a trace seen first here gets a
        provisional row its info completes later. Returns how many spans were kept."""
        experiment = self._active_experiment(context, experiment_id)
        by_trace: dict[str, list[Span]] = defaultdict(list)
        for span in spans:
            by_trace[span.trace_id].append(span)
        with self.database.session() as session:
            for trace_id, group in by_trace.items():
                record = session.get(TraceRecord, trace_id)
                if record is not None and (
                    not sees(context, record) or record.experiment_id != experiment.experiment_id
                ):
                    raise InvalidInput(
                        f"Trace {trace_id} belongs to another experiment", field="trace_id"
                    )
                start = min(span.start_time_ns for span in group) // 1_000_000
                if record is None:
                    record = TraceRecord(
                        trace_id=trace_id,
                        experiment_id=experiment.experiment_id,
                        request_time=start,
                        state="IN_PROGRESS",
                        finalized=False,
                        **owned(context),
                    )
                    session.add(record)
                    session.flush()
                for span in group:
                    session.merge(
                        SpanRecord(
                            trace_id=trace_id,
                            span_id=span.span_id,
                            parent_span_id=span.parent_span_id,
                            name=span.name,
                            start_time_ns=span.start_time_ns,
                            end_time_ns=span.end_time_ns,
                            content=span.content,
                            **owned(context),
                        )
                    )
                    self._index_attributes(session, context, trace_id, span)
                    if span.parent_span_id is None and not record.finalized:
                        self._from_root(record, span)
                self._set_values(
                    session,
                    context,
                    TraceTagRecord,
                    trace_id,
                    {
                        SPANS_LOCATION_TAG: TRACKING_STORE,
                        ARTIFACT_LOCATION_TAG: self._artifact_location(experiment, record),
                    },
                )
        return len(spans)

    @staticmethod
    def _index_attributes(
        session: Session, context: RequestContext, trace_id: str, span: Span
    ) -> None:
        """The span's attributes as rows (a span sent again replaces its earlier ones)."""
        session.execute(
            delete(SpanAttributeRecord).where(
                SpanAttributeRecord.trace_id == trace_id,
                SpanAttributeRecord.span_id == span.span_id,
            )
        )
        for key, value in span_attributes_of(span.content).items():
            session.add(
                SpanAttributeRecord(
                    trace_id=trace_id, span_id=span.span_id, key=key, value=value, **owned(context)
                )
            )

    @staticmethod
    def _from_root(record: TraceRecord, span: Span) -> None:
        """A provisional trace takes its times, state and previews from its root span."""
        record.request_time = span.start_time_ns // 1_000_000
        if span.end_time_ns:
            record.execution_duration = (span.end_time_ns - span.start_time_ns) // 1_000_000
            code = span.content.get("status", {}).get("code")
            record.state = "ERROR" if code == "STATUS_CODE_ERROR" else "OK"
        record.request_preview = _preview(attribute(span.content, "mlflow.spanInputs"))
        record.response_preview = _preview(attribute(span.content, "mlflow.spanOutputs"))

    def set_tag(self, context: RequestContext, trace_id: str, key: str, value: str) -> None:
        with self.database.session() as session:
            trace_record(session, context, trace_id)
            self._set_values(session, context, TraceTagRecord, trace_id, {key: value})

    def delete_tag(self, context: RequestContext, trace_id: str, key: str) -> None:
        with self.database.session() as session:
            trace_record(session, context, trace_id)
            tag = session.get(TraceTagRecord, (trace_id, key))
            if tag is None:
                raise NotFound(f"No trace tag with key '{key}' for trace with ID '{trace_id}'")
            session.delete(tag)

    def link_to_run(self, context: RequestContext, trace_ids: list[str], run_id: str) -> None:
        """Link traces to a run. A trace keeps its source run (``mlflow.sourceRun``) and may be
        linked to any number of runs; searching by ``run_id`` finds it under each of them."""
        if len(trace_ids) > MAX_LINKS:
            raise InvalidInput(
                f"Cannot link more than {MAX_LINKS} traces to a run in a single request. "
                f"Provided {len(trace_ids)} traces.",
                field="trace_ids",
            )
        self.experiments.get_run(context, run_id)
        with self.database.session() as session:
            for trace_id in dict.fromkeys(trace_ids):
                trace_record(session, context, trace_id)
                if session.get(TraceRunLinkRecord, (trace_id, run_id)) is None:
                    session.add(
                        TraceRunLinkRecord(trace_id=trace_id, run_id=run_id, **owned(context))
                    )

    def link_prompts(
        self, context: RequestContext, trace_id: str, versions: list[tuple[str, str]]
    ) -> None:
        """Record the prompt versions (name, version) a trace used; ``prompt = 'name/version'``
        then finds it. Linking one twice keeps one link."""
        with self.database.session() as session:
            trace_record(session, context, trace_id)
            for name, version in dict.fromkeys(versions):
                prompt = f"{name}/{version}"
                if session.get(TracePromptLinkRecord, (trace_id, prompt)) is None:
                    session.add(
                        TracePromptLinkRecord(trace_id=trace_id, prompt=prompt, **owned(context))
                    )

    def delete_traces(
        self,
        context: RequestContext,
        experiment_id: str,
        max_timestamp_millis: int | None = None,
        max_traces: int | None = None,
        trace_ids: list[str] | None = None,
    ) -> int:
        """Delete traces of an experiment: the listed ones, or the oldest (up to
        ``max_traces``) older than ``max_timestamp_millis``. Returns how many went."""
        if trace_ids and (max_timestamp_millis is not None or max_traces is not None):
            raise InvalidInput(
                "Either `max_timestamp_millis` or `request_ids` can be specified, not both.",
                field="request_ids",
            )
        if not trace_ids and max_timestamp_millis is None:
            raise InvalidInput(
                "Either `max_timestamp_millis` or `request_ids` must be specified.",
                field="max_timestamp_millis",
            )
        if max_traces is not None and max_traces <= 0:
            raise InvalidInput("`max_traces` must be a positive integer.", field="max_traces")
        self.experiments.get_experiment(context, experiment_id)
        statement = select(TraceRecord.trace_id).where(
            visible(TraceRecord, context), TraceRecord.experiment_id == experiment_id
        )
        if trace_ids:
            statement = statement.where(TraceRecord.trace_id.in_(trace_ids))
        else:
            statement = statement.where(TraceRecord.request_time <= max_timestamp_millis)
        statement = statement.order_by(TraceRecord.request_time)
        if max_traces is not None:
            statement = statement.limit(max_traces)
        with self.database.session() as session:
            doomed = list(session.scalars(statement))
            for table in (
                SpanAttributeRecord,
                SpanRecord,
                TraceTagRecord,
                TraceMetadataRecord,
                AssessmentRecord,
                TraceRunLinkRecord,
                TracePromptLinkRecord,
            ):
                session.execute(delete(table).where(table.trace_id.in_(doomed)))
            session.execute(delete(TraceRecord).where(TraceRecord.trace_id.in_(doomed)))
        return len(doomed)

    # -- reading -----------------------------------------------------------------------------

    def _infos(self, session: Session, records: Iterable[TraceRecord]) -> list[TraceInfo]:
        records = list(records)
        ids = [record.trace_id for record in records]
        tags: dict[str, dict[str, str]] = defaultdict(dict)
        metadata: dict[str, dict[str, str]] = defaultdict(dict)
        assessments: dict[str, list[dict[str, Any]]] = defaultdict(list)
        if ids:
            for tag in session.scalars(
                select(TraceTagRecord).where(TraceTagRecord.trace_id.in_(ids))
            ):
                tags[tag.trace_id][tag.key] = tag.value
            for item in session.scalars(
                select(TraceMetadataRecord).where(TraceMetadataRecord.trace_id.in_(ids))
            ):
                metadata[item.trace_id][item.key] = item.value
            for found in session.scalars(
                select(AssessmentRecord)
                .where(AssessmentRecord.trace_id.in_(ids))
                .order_by(AssessmentRecord.create_time)
            ):
                assessments[found.trace_id].append(found.content)
        return [
            TraceInfo(
                trace_id=record.trace_id,
                experiment_id=record.experiment_id,
                request_time=record.request_time,
                execution_duration=record.execution_duration,
                state=record.state,
                client_request_id=record.client_request_id,
                request_preview=record.request_preview,
                response_preview=record.response_preview,
                tags=tags[record.trace_id],
                metadata=metadata[record.trace_id],
                assessments=assessments[record.trace_id],
            )
            for record in records
        ]

    def get_info(self, context: RequestContext, trace_id: str) -> TraceInfo:
        with self.database.session() as session:
            return self._infos(session, [trace_record(session, context, trace_id)])[0]

    def get_trace(self, context: RequestContext, trace_id: str) -> Trace:
        """A trace with its spans: those kept here, else those its client uploaded as an
        artifact."""
        return self.get_traces(context, [trace_id], missing_is_error=True)[0]

    def get_traces(
        self, context: RequestContext, trace_ids: list[str], missing_is_error: bool = False
    ) -> list[Trace]:
        if len(trace_ids) > MAX_RESULTS:
            raise InvalidInput(f"At most {MAX_RESULTS} trace ids at once", field="trace_ids")
        with self.database.session() as session:
            records = list(
                session.scalars(
                    select(TraceRecord).where(
                        visible(TraceRecord, context), TraceRecord.trace_id.in_(trace_ids)
                    )
                )
            )
            if missing_is_error and len(records) < len(set(trace_ids)):
                found = {record.trace_id for record in records}
                raise not_found(next(item for item in trace_ids if item not in found))
            infos = {info.trace_id: info for info in self._infos(session, records)}
            spans: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for span in session.scalars(
                select(SpanRecord)
                .where(SpanRecord.trace_id.in_(list(infos)))
                .order_by(SpanRecord.start_time_ns, SpanRecord.span_id)
            ):
                spans[span.trace_id].append(span.content)
        traces = []
        for trace_id in trace_ids:
            info = infos.get(trace_id)
            if info is None:
                continue
            kept = spans.get(trace_id) or self._uploaded_spans(info)
            traces.append(Trace(info, kept))
        return traces

    def _uploaded_spans(self, info: TraceInfo) -> list[dict[str, Any]]:
        """Spans a client uploaded as ``traces.json`` (MLflow's span dicts) as OTLP dicts."""
        folder = proxied(info.tags.get(ARTIFACT_LOCATION_TAG, ""))
        if folder is None:
            return []
        try:
            with self.artifacts.open_read(f"{folder}/{TRACE_DATA_FILE}") as stream:
                document = json.loads(stream.read())
        except (FileNotFoundError, NotFound, ValueError):
            return []
        spans = []
        for span in document.get("spans", []) if isinstance(document, dict) else []:
            if not isinstance(span, dict):
                continue
            attributes = []
            for key, raw in (span.get("attributes") or {}).items():
                try:
                    value = json.loads(raw) if isinstance(raw, str) else raw
                except ValueError:
                    value = raw
                attributes.append({"key": key, "value": encode_value(value)})
            spans.append(
                {
                    "trace_id": span.get("trace_id"),
                    "span_id": span.get("span_id"),
                    **(
                        {"parent_span_id": span["parent_span_id"]}
                        if span.get("parent_span_id")
                        else {}
                    ),
                    "name": span.get("name", ""),
                    "start_time_unix_nano": str(span.get("start_time_unix_nano") or 0),
                    "end_time_unix_nano": str(span.get("end_time_unix_nano") or 0),
                    "attributes": attributes,
                    "status": {"code": (span.get("status") or {}).get("code", "STATUS_CODE_UNSET")},
                }
            )
        return spans

    def search(
        self,
        context: RequestContext,
        experiment_ids: list[str],
        filter: str | None = None,
        order_by: list[str] | None = None,
        max_results: int = 100,
        page_token: str | None = None,
    ) -> tuple[list[TraceInfo], str | None]:
        """Trace infos of the experiments that match ``filter``, ordered, one page at a time."""
        if not experiment_ids:
            raise InvalidInput("At least one experiment id is required", field="locations")
        if not 0 < max_results <= MAX_RESULTS:
            raise InvalidInput(
                f"Invalid value for max_results: it must be between 1 and {MAX_RESULTS}",
                field="max_results",
            )
        query = {"experiments": sorted(experiment_ids), "filter": filter, "order": order_by}
        offset = decode_offset(page_token, "page_token", query)
        statement = (
            select(TraceRecord)
            .where(
                visible(TraceRecord, context),
                TraceRecord.experiment_id.in_(experiment_ids),
                *search.conditions(filter),
            )
            .order_by(*search.ordering(order_by or []))
            .offset(offset)
            .limit(max_results + 1)
        )
        with self.database.session() as session:
            records = list(session.scalars(statement))
            infos = self._infos(session, records[:max_results])
        token = (
            encode_token({"offset": offset + max_results}, query)
            if len(records) > max_results
            else None
        )
        return infos, token
