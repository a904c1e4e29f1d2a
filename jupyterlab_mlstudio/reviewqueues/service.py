"""Create, read, list, change and delete an experiment's review queues, and put traces in them
and mark their review. No Tornado, no wire format.

A queue is a reviewer's own (``USER``: named after the reviewer, who is its only user, and
fixed once made) or a named one (``CUSTOM``: its users, label schemas, name and owner may
change; its label schemas only while it holds no items). Names are unique in an experiment
regardless of case.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, exists, select

from ..core.clock import now_ms
from ..core.context import RequestContext, owned, sees
from ..core.errors import Conflict, InvalidInput, NotFound
from ..core.paging import decode_offset, encode_token
from ..experiments.service import ExperimentService
from ..labelschemas.orm import LabelSchemaRecord
from ..store import Database
from ..tracing.orm import TraceRecord
from .orm import ReviewQueueItemRecord, ReviewQueueRecord

QUEUE_TYPES = ("USER", "CUSTOM")
STATUSES = ("PENDING", "COMPLETE", "DECLINED")
DEFAULT_RESULTS = 100
MAX_RESULTS = 1000
MAX_ITEMS = 1000
MAX_USERS = 10


@dataclass
class ReviewQueue:
    queue_id: str
    experiment_id: str
    name: str
    queue_type: str
    created_by: str | None
    users: list[str]
    schema_ids: list[str]
    creation_time_ms: int
    last_update_time_ms: int


@dataclass
class ReviewItem:
    queue_id: str
    item_id: str
    item_type: str
    status: str
    completed_by: str | None
    completed_time_ms: int | None
    creation_time_ms: int
    last_update_time_ms: int


def _queue(record: ReviewQueueRecord) -> ReviewQueue:
    return ReviewQueue(
        record.queue_id,
        record.experiment_id,
        record.name,
        record.queue_type,
        record.created_by,
        list(record.users),
        list(record.schema_ids),
        record.creation_time_ms,
        record.last_update_time_ms,
    )


def _item(record: ReviewQueueItemRecord) -> ReviewItem:
    return ReviewItem(
        record.queue_id,
        record.item_id,
        record.item_type,
        record.status,
        record.completed_by,
        record.completed_time_ms,
        record.creation_time_ms,
        record.last_update_time_ms,
    )


def _name(value: str, what: str = "name") -> str:
    value = value.strip()
    if not value or len(value) > 256:
        raise InvalidInput(f"A review queue {what} is 1 to 256 characters.", field=what)
    return value


def _unique(values: list[str], what: str) -> list[str]:
    out: list[str] = []
    for value in values:
        value = value.strip()
        if not value:
            raise InvalidInput(f"An empty entry in {what}", field=what)
        if value not in out:
            out.append(value)
    return out


def _limit(max_results: int | None) -> int:
    limit = DEFAULT_RESULTS if max_results is None else max_results
    if not 0 < limit <= MAX_RESULTS:
        raise InvalidInput(
            f"Invalid value {limit} for parameter 'max_results': it must be between 1 and "
            f"{MAX_RESULTS}",
            field="max_results",
        )
    return limit


class ReviewQueueService:
    """The review queues of the experiments."""

    def __init__(self, database: Database, experiments: ExperimentService) -> None:
        self.database = database
        self.experiments = experiments

    def _schemas_exist(self, session: Any, experiment_id: str, schema_ids: list[str]) -> None:
        found = set(
            session.scalars(
                select(LabelSchemaRecord.schema_id).where(
                    LabelSchemaRecord.experiment_id == experiment_id,
                    LabelSchemaRecord.schema_id.in_(schema_ids),
                )
            )
        )
        if missing := [item for item in schema_ids if item not in found]:
            raise NotFound(f"Label schema(s) {missing} not found in experiment {experiment_id}")

    def _by_name(self, session: Any, experiment_id: str, name: str) -> Any:
        return session.scalar(
            select(ReviewQueueRecord).where(
                ReviewQueueRecord.experiment_id == experiment_id,
                ReviewQueueRecord.name_key == name.strip().lower(),
            )
        )

    def create(
        self,
        context: RequestContext,
        experiment_id: str,
        name: str,
        queue_type: str,
        created_by: str | None = None,
        users: list[str] | None = None,
        schema_ids: list[str] | None = None,
    ) -> ReviewQueue:
        if queue_type not in QUEUE_TYPES:
            raise InvalidInput(
                f"Invalid queue_type {queue_type!r}: use one of {', '.join(QUEUE_TYPES)}",
                field="queue_type",
            )
        name = _name(name)
        users = _unique(users or [], "users")
        schema_ids = _unique(schema_ids or [], "schema_ids")
        if queue_type == "USER":
            if users and users != [name]:
                raise InvalidInput("A user queue's only user is the user it is named after")
            if schema_ids:
                raise InvalidInput("A user queue has no label schemas of its own")
            users = [name]
        if len(users) > MAX_USERS:
            raise InvalidInput(f"A review queue has at most {MAX_USERS} users", field="users")
        experiment = self.experiments.get_experiment(context, experiment_id)
        now = now_ms()
        with self.database.session() as session:
            if self._by_name(session, experiment.experiment_id, name) is not None:
                raise Conflict(
                    f"Review queue with name '{name}' already exists (names are case-insensitive)."
                )
            self._schemas_exist(session, experiment.experiment_id, schema_ids)
            record = ReviewQueueRecord(
                queue_id=f"rq-{uuid.uuid4().hex}",
                experiment_id=experiment.experiment_id,
                name=name,
                name_key=name.lower(),
                queue_type=queue_type,
                created_by=created_by or context.owner,
                users=users,
                schema_ids=schema_ids,
                creation_time_ms=now,
                last_update_time_ms=now,
                **owned(context),
            )
            session.add(record)
            session.flush()
            return _queue(record)

    def user_queue(self, context: RequestContext, experiment_id: str, user: str) -> ReviewQueue:
        """The reviewer's own queue, made on first use."""
        user = _name(user, "user")
        experiment = self.experiments.get_experiment(context, experiment_id)
        with self.database.session() as session:
            found = self._by_name(session, experiment.experiment_id, user)
            if found is not None:
                if found.queue_type != "USER":
                    raise Conflict(
                        f"A non-user queue named '{user}' already exists; no user queue can "
                        "take that name."
                    )
                return _queue(found)
        return self.create(context, experiment_id, user, "USER", created_by=user)

    def _record(self, session: Any, context: RequestContext, queue_id: str) -> Any:
        record = session.get(ReviewQueueRecord, queue_id)
        if not sees(context, record):
            raise NotFound(f"Review queue with id '{queue_id}' not found.")
        self.experiments.get_experiment(context, record.experiment_id)
        return record

    def get(self, context: RequestContext, queue_id: str) -> ReviewQueue:
        with self.database.session() as session:
            return _queue(self._record(session, context, queue_id))

    def by_name(self, context: RequestContext, experiment_id: str, name: str) -> ReviewQueue:
        experiment = self.experiments.get_experiment(context, experiment_id)
        with self.database.session() as session:
            found = self._by_name(session, experiment.experiment_id, name)
            if found is None:
                raise NotFound(
                    f"Review queue with name '{name}' not found for experiment '{experiment_id}'."
                )
            return _queue(found)

    def list_queues(
        self,
        context: RequestContext,
        experiment_id: str,
        user: str | None = None,
        item_id: str | None = None,
        max_results: int | None = None,
        page_token: str | None = None,
    ) -> tuple[list[ReviewQueue], str | None]:
        """Newest first; ``user`` keeps the queues assigned to them, ``item_id`` those holding
        that trace."""
        limit = _limit(max_results)
        experiment = self.experiments.get_experiment(context, experiment_id)
        fingerprint = {"review_queues": [experiment.experiment_id, user, item_id]}
        offset = decode_offset(page_token, "page_token", fingerprint)
        query = select(ReviewQueueRecord).where(
            ReviewQueueRecord.experiment_id == experiment.experiment_id
        )
        if item_id:
            query = query.where(
                exists().where(
                    ReviewQueueItemRecord.queue_id == ReviewQueueRecord.queue_id,
                    ReviewQueueItemRecord.item_id == item_id,
                )
            )
        with self.database.session() as session:
            records = [
                record
                for record in session.scalars(
                    query.order_by(
                        ReviewQueueRecord.creation_time_ms.desc(), ReviewQueueRecord.queue_id
                    )
                )
                if not user or user.strip() in record.users
            ]
            found = [_queue(record) for record in records[offset : offset + limit]]
        more = len(records) > offset + limit
        return found, encode_token({"offset": offset + limit}, fingerprint) if more else None

    def update(
        self,
        context: RequestContext,
        queue_id: str,
        *,
        users: list[str] | None = None,
        schema_ids: list[str] | None = None,
        name: str | None = None,
        new_owner: str | None = None,
    ) -> ReviewQueue:
        """Change what is given (``None`` leaves it); a user queue cannot change."""
        with self.database.session() as session:
            record = self._record(session, context, queue_id)
            if record.queue_type == "USER":
                raise InvalidInput(
                    "A user queue's name, assigned user, schemas, and owner are fixed and "
                    "cannot be updated."
                )
            if name is not None:
                name = _name(name)
                clash = self._by_name(session, record.experiment_id, name)
                if clash is not None and clash.queue_id != record.queue_id:
                    raise Conflict(
                        f"Review queue with name '{name}' already exists (names are "
                        "case-insensitive)."
                    )
                record.name, record.name_key = name, name.lower()
            if new_owner is not None:
                record.created_by = _name(new_owner, "new_owner")
            if users is not None:
                users = _unique(users, "users")
                if len(users) > MAX_USERS:
                    raise InvalidInput(
                        f"A review queue has at most {MAX_USERS} users", field="users"
                    )
                record.users = users
            if schema_ids is not None:
                held = session.scalar(
                    select(ReviewQueueItemRecord.item_id)
                    .where(ReviewQueueItemRecord.queue_id == queue_id)
                    .limit(1)
                )
                if held is not None:
                    raise InvalidInput(
                        "A review queue's questions are locked once items are assigned to "
                        "it. Remove the items before changing its questions.",
                        field="schema_ids",
                    )
                schema_ids = _unique(schema_ids, "schema_ids")
                self._schemas_exist(session, record.experiment_id, schema_ids)
                record.schema_ids = schema_ids
            record.last_update_time_ms = now_ms()
            session.flush()
            return _queue(record)

    def delete(self, context: RequestContext, queue_id: str) -> None:
        """The queue and its items; an unknown queue is no error (it is gone either way)."""
        with self.database.session() as session:
            record = session.get(ReviewQueueRecord, queue_id)
            if record is None:
                return
            record = self._record(session, context, queue_id)
            session.execute(
                delete(ReviewQueueItemRecord).where(ReviewQueueItemRecord.queue_id == queue_id)
            )
            session.delete(record)

    def add_items(
        self, context: RequestContext, queue_id: str, item_ids: list[str], item_type: str
    ) -> list[ReviewItem]:
        """Put traces of the queue's experiment in the queue (one already there stays as it
        is); the items named, in the order named."""
        if item_type != "TRACE":
            raise InvalidInput(f"Invalid item_type {item_type!r}: use TRACE", field="item_type")
        item_ids = _unique(item_ids, "item_ids")
        if not item_ids or len(item_ids) > MAX_ITEMS:
            raise InvalidInput(f"Name 1 to {MAX_ITEMS} item_ids", field="item_ids")
        with self.database.session() as session:
            queue = self._record(session, context, queue_id)
            traces = set(
                session.scalars(
                    select(TraceRecord.trace_id).where(
                        TraceRecord.trace_id.in_(item_ids),
                        TraceRecord.experiment_id == queue.experiment_id,
                    )
                )
            )
            if missing := [item for item in item_ids if item not in traces]:
                raise NotFound(f"Trace(s) {missing} not found in experiment {queue.experiment_id}")
            held = {
                record.item_id: record
                for record in session.scalars(
                    select(ReviewQueueItemRecord).where(
                        ReviewQueueItemRecord.queue_id == queue_id,
                        ReviewQueueItemRecord.item_id.in_(item_ids),
                    )
                )
            }
            now = now_ms()
            for item_id in item_ids:
                if item_id not in held:
                    held[item_id] = ReviewQueueItemRecord(
                        queue_id=queue_id,
                        item_id=item_id,
                        item_type=item_type,
                        status="PENDING",
                        creation_time_ms=now,
                        last_update_time_ms=now,
                        **owned(context),
                    )
                    session.add(held[item_id])
            session.flush()
            return [_item(held[item_id]) for item_id in item_ids]

    def remove_items(self, context: RequestContext, queue_id: str, item_ids: list[str]) -> None:
        with self.database.session() as session:
            self._record(session, context, queue_id)
            session.execute(
                delete(ReviewQueueItemRecord).where(
                    ReviewQueueItemRecord.queue_id == queue_id,
                    ReviewQueueItemRecord.item_id.in_(_unique(item_ids, "item_ids")),
                )
            )

    def list_items(
        self,
        context: RequestContext,
        queue_id: str,
        status: str | None = None,
        max_results: int | None = None,
        page_token: str | None = None,
    ) -> tuple[list[ReviewItem], str | None]:
        """Oldest first; ``status`` keeps the items in that state."""
        if status is not None and status not in STATUSES:
            raise InvalidInput(
                f"Invalid status {status!r}: use one of {', '.join(STATUSES)}", field="status"
            )
        limit = _limit(max_results)
        fingerprint = {"review_items": [queue_id, status]}
        offset = decode_offset(page_token, "page_token", fingerprint)
        query = select(ReviewQueueItemRecord).where(ReviewQueueItemRecord.queue_id == queue_id)
        if status:
            query = query.where(ReviewQueueItemRecord.status == status)
        with self.database.session() as session:
            self._record(session, context, queue_id)
            records = list(
                session.scalars(
                    query.order_by(
                        ReviewQueueItemRecord.creation_time_ms, ReviewQueueItemRecord.item_id
                    )
                    .offset(offset)
                    .limit(limit + 1)
                )
            )
            found = [_item(record) for record in records[:limit]]
        more = len(records) > limit
        return found, encode_token({"offset": offset + limit}, fingerprint) if more else None

    def set_status(
        self,
        context: RequestContext,
        queue_id: str,
        item_id: str,
        status: str,
        completed_by: str | None = None,
    ) -> ReviewItem:
        """Mark an item; COMPLETE and DECLINED record who and when, PENDING clears both."""
        if status not in STATUSES:
            raise InvalidInput(
                f"Invalid status {status!r}: use one of {', '.join(STATUSES)}", field="status"
            )
        with self.database.session() as session:
            self._record(session, context, queue_id)
            record = session.get(ReviewQueueItemRecord, (queue_id, item_id))
            if record is None:
                raise NotFound(f"Item '{item_id}' is not in review queue '{queue_id}'.")
            now = now_ms()
            record.status = status
            if status == "PENDING":
                record.completed_by, record.completed_time_ms = None, None
            else:
                record.completed_by = completed_by or context.owner
                record.completed_time_ms = now
            record.last_update_time_ms = now
            session.flush()
            return _item(record)
