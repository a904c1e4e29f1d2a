"""Create, read, search, tag and delete evaluation datasets, and upsert, list and delete their
records. No Tornado, no wire format.

A record is keyed by its inputs: upserting a record whose inputs a record of the dataset already
has merges the new expectations and tags into that record (and replaces its outputs) instead of
adding a second one. The dataset's digest changes whenever its records do.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..core.clock import now_ms
from ..core.context import RequestContext, owned, sees, visible
from ..core.errors import InvalidInput, NotFound
from ..core.paging import decode_offset, encode_token
from ..experiments.service import ExperimentService
from ..store import Database
from . import search
from .orm import (
    EvalDatasetExperimentRecord,
    EvalDatasetRecord,
    EvalDatasetRowRecord,
    EvalDatasetTagRecord,
)

#: The most datasets one search page and records one listing page hold (MLflow's own caps).
MAX_RESULTS = 1000
#: The most records one upsert may carry.
MAX_UPSERT = 10_000
SOURCE_TYPES = ("SOURCE_TYPE_UNSPECIFIED", "TRACE", "HUMAN", "DOCUMENT", "CODE")


@dataclass
class EvalDataset:
    dataset_id: str
    name: str
    digest: str
    created_time: int
    last_update_time: int
    created_by: str | None = None
    last_updated_by: str | None = None
    schema: str | None = None
    profile: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    experiment_ids: list[str] = field(default_factory=list)


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def _object(value: Any, name: str, required: bool = False) -> dict[str, Any] | None:
    if value is None and not required:
        return None
    if not isinstance(value, dict) or (required and not value):
        wanted = "a non-empty object" if required else "an object"
        raise InvalidInput(f"Each record's '{name}' must be {wanted}.", field="records")
    return value


def _record_id(now: int, index: int) -> str:
    """A record id that sorts in the order records were added (time, then place in the batch),
    so that listings page stably in that order."""
    return f"dr-{now:013x}{index:05x}{uuid.uuid4().hex[:14]}"


def _record_out(row: EvalDatasetRowRecord) -> dict[str, Any]:
    body: dict[str, Any] = {
        "dataset_record_id": row.dataset_record_id,
        "dataset_id": row.dataset_id,
        "inputs": json.loads(row.inputs),
        "created_time": row.created_time,
        "last_update_time": row.last_update_time,
    }
    for key in ("expectations", "outputs", "tags", "source"):
        text = getattr(row, key)
        if text is not None:
            body[key] = json.loads(text)
    for key in ("source_id", "source_type", "created_by", "last_updated_by"):
        if getattr(row, key) is not None:
            body[key] = getattr(row, key)
    return body


class EvalDatasetService:
    """The evaluation datasets of a domain."""

    def __init__(self, database: Database, experiments: ExperimentService) -> None:
        self.database = database
        self.experiments = experiments

    # -- datasets ------------------------------------------------------------------------------

    def _experiment_ids(self, context: RequestContext, experiment_ids: list[str]) -> list[str]:
        """The experiments, each checked to exist for the caller, without repeats."""
        found: list[str] = []
        for experiment_id in experiment_ids:
            experiment = self.experiments.get_experiment(context, experiment_id)
            if experiment.experiment_id not in found:
                found.append(experiment.experiment_id)
        return found

    def _record(self, session: Session, context: RequestContext, dataset_id: str) -> Any:
        record = session.get(EvalDatasetRecord, dataset_id)
        if not sees(context, record):
            raise NotFound(f"Dataset '{dataset_id}' not found")
        return record

    def _dataset(self, session: Session, record: EvalDatasetRecord) -> EvalDataset:
        tags = {
            tag.key: tag.value
            for tag in session.scalars(
                select(EvalDatasetTagRecord).where(
                    EvalDatasetTagRecord.dataset_id == record.dataset_id
                )
            )
        }
        experiments = list(
            session.scalars(
                select(EvalDatasetExperimentRecord.experiment_id)
                .where(EvalDatasetExperimentRecord.dataset_id == record.dataset_id)
                .order_by(EvalDatasetExperimentRecord.experiment_id)
            )
        )
        return EvalDataset(
            dataset_id=record.dataset_id,
            name=record.name,
            digest=record.digest,
            created_time=record.created_time,
            last_update_time=record.last_update_time,
            created_by=record.created_by,
            last_updated_by=record.last_updated_by,
            schema=record.schema,
            profile=record.profile,
            tags=tags,
            experiment_ids=experiments,
        )

    def create(
        self,
        context: RequestContext,
        name: str,
        experiment_ids: list[str],
        tags: dict[str, str],
        created_by: str | None = None,
        schema: str | None = None,
        profile: str | None = None,
    ) -> EvalDataset:
        if not name.strip() or len(name) > 256:
            raise InvalidInput("A dataset name is 1 to 256 characters.", field="name")
        experiments = self._experiment_ids(context, experiment_ids)
        now = now_ms()
        with self.database.session() as session:
            record = EvalDatasetRecord(
                dataset_id=f"d-{uuid.uuid4().hex}",
                name=name,
                schema=schema,
                profile=profile,
                digest=hashlib.sha256(f"{name}:{now}".encode()).hexdigest()[:8],
                created_time=now,
                last_update_time=now,
                created_by=created_by or tags.get("mlflow.user"),
                last_updated_by=created_by or tags.get("mlflow.user"),
                **owned(context),
            )
            session.add(record)
            session.flush()
            for key, value in tags.items():
                session.add(
                    EvalDatasetTagRecord(
                        dataset_id=record.dataset_id, key=key, value=value, **owned(context)
                    )
                )
            for experiment_id in experiments:
                session.add(
                    EvalDatasetExperimentRecord(
                        dataset_id=record.dataset_id, experiment_id=experiment_id, **owned(context)
                    )
                )
            session.flush()
            return self._dataset(session, record)

    def get(self, context: RequestContext, dataset_id: str) -> EvalDataset:
        with self.database.session() as session:
            return self._dataset(session, self._record(session, context, dataset_id))

    def delete(self, context: RequestContext, dataset_id: str) -> None:
        with self.database.session() as session:
            session.delete(self._record(session, context, dataset_id))

    def search(
        self,
        context: RequestContext,
        experiment_ids: list[str],
        filter: str | None = None,
        order_by: list[str] | None = None,
        max_results: int = MAX_RESULTS,
        page_token: str | None = None,
    ) -> tuple[list[EvalDataset], str | None]:
        if not 0 < max_results <= MAX_RESULTS:
            raise InvalidInput(
                f"Invalid value for max_results: it must be between 1 and {MAX_RESULTS}",
                field="max_results",
            )
        experiments = self._experiment_ids(context, experiment_ids)
        query = {"experiments": sorted(experiments), "filter": filter, "order": order_by}
        offset = decode_offset(page_token, "page_token", query)
        statement = select(EvalDatasetRecord).where(
            visible(EvalDatasetRecord, context), *search.conditions(filter)
        )
        if experiments:
            statement = statement.where(
                EvalDatasetRecord.dataset_id.in_(
                    select(EvalDatasetExperimentRecord.dataset_id).where(
                        EvalDatasetExperimentRecord.experiment_id.in_(experiments)
                    )
                )
            )
        statement = (
            statement.order_by(*search.ordering(order_by or []))
            .offset(offset)
            .limit(max_results + 1)
        )
        with self.database.session() as session:
            records = list(session.scalars(statement))
            found = [self._dataset(session, record) for record in records[:max_results]]
        token = (
            encode_token({"offset": offset + max_results}, query)
            if len(records) > max_results
            else None
        )
        return found, token

    def set_tags(self, context: RequestContext, dataset_id: str, tags: dict[str, Any]) -> None:
        """Merge ``tags`` into the dataset's; a tag set to null is removed."""
        with self.database.session() as session:
            record = self._record(session, context, dataset_id)
            for key, value in tags.items():
                existing = session.get(EvalDatasetTagRecord, (dataset_id, key))
                if value is None:
                    if existing is not None:
                        session.delete(existing)
                    continue
                text = value if isinstance(value, str) else canonical(value)
                if existing is None:
                    session.add(
                        EvalDatasetTagRecord(
                            dataset_id=dataset_id, key=key, value=text, **owned(context)
                        )
                    )
                else:
                    existing.value = text
            record.last_update_time = now_ms()

    def delete_tag(self, context: RequestContext, dataset_id: str, key: str) -> None:
        """Remove one tag; removing a tag the dataset does not have changes nothing."""
        with self.database.session() as session:
            record = self._record(session, context, dataset_id)
            existing = session.get(EvalDatasetTagRecord, (dataset_id, key))
            if existing is not None:
                session.delete(existing)
                record.last_update_time = now_ms()

    def experiment_ids(self, context: RequestContext, dataset_id: str) -> list[str]:
        return self.get(context, dataset_id).experiment_ids

    def add_experiments(
        self, context: RequestContext, dataset_id: str, experiment_ids: list[str]
    ) -> EvalDataset:
        experiments = self._experiment_ids(context, experiment_ids)
        with self.database.session() as session:
            record = self._record(session, context, dataset_id)
            for experiment_id in experiments:
                if session.get(EvalDatasetExperimentRecord, (dataset_id, experiment_id)) is None:
                    session.add(
                        EvalDatasetExperimentRecord(
                            dataset_id=dataset_id, experiment_id=experiment_id, **owned(context)
                        )
                    )
            record.last_update_time = now_ms()
            session.flush()
            return self._dataset(session, record)

    def remove_experiments(
        self, context: RequestContext, dataset_id: str, experiment_ids: list[str]
    ) -> EvalDataset:
        with self.database.session() as session:
            record = self._record(session, context, dataset_id)
            session.execute(
                delete(EvalDatasetExperimentRecord).where(
                    EvalDatasetExperimentRecord.dataset_id == dataset_id,
                    EvalDatasetExperimentRecord.experiment_id.in_(experiment_ids),
                )
            )
            record.last_update_time = now_ms()
            session.flush()
            return self._dataset(session, record)

    # -- records -------------------------------------------------------------------------------

    def upsert_records(
        self, context: RequestContext, dataset_id: str, records: list[Any]
    ) -> tuple[int, int]:
        """Insert records with new inputs, merge those whose inputs exist: (inserted, updated)."""
        if len(records) > MAX_UPSERT:
            raise InvalidInput(f"An upsert carries at most {MAX_UPSERT} records.", field="records")
        checked = [self._checked(item) for item in records]
        inserted = updated = 0
        now = now_ms()
        with self.database.session() as session:
            dataset = self._record(session, context, dataset_id)
            for index, item in enumerate(checked):
                key = hashlib.sha256(canonical(item["inputs"]).encode()).hexdigest()
                row = session.scalar(
                    select(EvalDatasetRowRecord).where(
                        EvalDatasetRowRecord.dataset_id == dataset_id,
                        EvalDatasetRowRecord.inputs_key == key,
                    )
                )
                if row is None:
                    row = EvalDatasetRowRecord(
                        dataset_record_id=_record_id(now, index),
                        dataset_id=dataset_id,
                        inputs_key=key,
                        inputs=canonical(item["inputs"]),
                        created_time=now,
                        created_by=item.get("created_by") or context.owner,
                        **owned(context),
                    )
                    session.add(row)
                    inserted += 1
                else:
                    updated += 1
                self._merge(row, item, now, context)
                session.flush()
            dataset.last_update_time = now
            dataset.digest = self._digest(session, dataset_id, now)
        return inserted, updated

    @staticmethod
    def _checked(item: Any) -> dict[str, Any]:
        if not isinstance(item, dict):
            raise InvalidInput("Each record must be an object.", field="records")
        _object(item.get("inputs"), "inputs", required=True)
        for key in ("expectations", "tags"):
            _object(item.get(key), key)
        source = item.get("source")
        if source is not None:
            _object(source, "source")
            kind = source.get("source_type")
            if kind is not None and kind not in SOURCE_TYPES:
                raise InvalidInput(
                    f"Invalid source_type {kind!r}: use one of {', '.join(SOURCE_TYPES[1:])}",
                    field="records",
                )
        return item

    @staticmethod
    def _merge(
        row: EvalDatasetRowRecord, item: dict[str, Any], now: int, context: RequestContext
    ) -> None:
        for key in ("expectations", "tags"):
            if item.get(key):
                merged = json.loads(getattr(row, key) or "{}")
                merged.update(item[key])
                setattr(row, key, canonical(merged))
        if "outputs" in item and item["outputs"] is not None:
            row.outputs = canonical(item["outputs"])
        source = item.get("source")
        if source:
            row.source = canonical(source)
            row.source_type = source.get("source_type")
            data = source.get("source_data") or {}
            if isinstance(data, dict):
                found = data.get("trace_id") or data.get("doc_uri") or data.get("source_id")
                row.source_id = str(found)[:256] if found else row.source_id
        row.last_update_time = now
        row.last_updated_by = item.get("last_updated_by") or context.owner

    @staticmethod
    def _digest(session: Session, dataset_id: str, now: int) -> str:
        count, newest = session.execute(
            select(
                func.count(EvalDatasetRowRecord.dataset_record_id),
                func.max(EvalDatasetRowRecord.last_update_time),
            ).where(EvalDatasetRowRecord.dataset_id == dataset_id)
        ).one()
        return hashlib.sha256(f"{dataset_id}:{count}:{newest}:{now}".encode()).hexdigest()[:8]

    def records(
        self,
        context: RequestContext,
        dataset_id: str,
        max_results: int = MAX_RESULTS,
        page_token: str | None = None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        """The dataset's records, oldest first, one page at a time."""
        if not 0 < max_results <= MAX_RESULTS:
            raise InvalidInput(
                f"Invalid value for max_results: it must be between 1 and {MAX_RESULTS}",
                field="max_results",
            )
        query = {"records": dataset_id}
        offset = decode_offset(page_token, "page_token", query)
        with self.database.session() as session:
            self._record(session, context, dataset_id)
            rows = list(
                session.scalars(
                    select(EvalDatasetRowRecord)
                    .where(EvalDatasetRowRecord.dataset_id == dataset_id)
                    .order_by(
                        EvalDatasetRowRecord.created_time, EvalDatasetRowRecord.dataset_record_id
                    )
                    .offset(offset)
                    .limit(max_results + 1)
                )
            )
            found = [_record_out(row) for row in rows[:max_results]]
        token = (
            encode_token({"offset": offset + max_results}, query)
            if len(rows) > max_results
            else None
        )
        return found, token

    def delete_records(
        self, context: RequestContext, dataset_id: str, record_ids: list[str]
    ) -> int:
        """Delete the named records of the dataset; the number deleted."""
        now = now_ms()
        with self.database.session() as session:
            dataset = self._record(session, context, dataset_id)
            result = session.execute(
                delete(EvalDatasetRowRecord).where(
                    EvalDatasetRowRecord.dataset_id == dataset_id,
                    EvalDatasetRowRecord.dataset_record_id.in_(record_ids),
                )
            )
            deleted = int(getattr(result, "rowcount", 0) or 0)
            if deleted:
                dataset.last_update_time = now
                dataset.digest = self._digest(session, dataset_id, now)
        return deleted
