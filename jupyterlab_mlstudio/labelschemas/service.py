"""Create, read, list, change and delete an experiment's label schemas. No Tornado, no wire
format: a schema's answer form (``input``) is kept as the JSON object the client sent, after a
check that it names exactly one known form."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..core.clock import now_ms
from ..core.context import RequestContext, owned, sees
from ..core.errors import Conflict, InvalidInput, NotFound
from ..core.paging import decode_offset, encode_token
from ..experiments.service import ExperimentService
from ..store import Database
from .orm import LabelSchemaRecord

KINDS = ("FEEDBACK", "EXPECTATION")
FORMS = ("pass_fail", "categorical", "numeric", "text")
MAX_RESULTS = 1000


@dataclass
class LabelSchema:
    schema_id: str
    experiment_id: str
    name: str
    kind: str
    instruction: str | None
    enable_comment: bool
    answer: dict[str, Any]
    created_by: str
    created_at: int
    last_updated_at: int


def checked_answer(value: Any) -> dict[str, Any]:
    """An answer form: an object with exactly one of the known forms, itself an object."""
    if not isinstance(value, dict) or len(value) != 1 or next(iter(value)) not in FORMS:
        raise InvalidInput(f"'input' must name exactly one of {', '.join(FORMS)}", field="input")
    if not isinstance(next(iter(value.values())), dict):
        raise InvalidInput("'input' must hold an object for its form", field="input")
    return value


def _schema(record: LabelSchemaRecord) -> LabelSchema:
    return LabelSchema(
        record.schema_id,
        record.experiment_id,
        record.name,
        record.kind,
        record.instruction,
        record.enable_comment,
        json.loads(record.answer),
        record.owner,
        record.created_at,
        record.last_updated_at,
    )


def _name(name: str) -> str:
    if not name.strip() or len(name) > 256:
        raise InvalidInput("A label schema name is 1 to 256 characters.", field="name")
    return name


class LabelSchemaService:
    """The label schemas of the experiments."""

    def __init__(self, database: Database, experiments: ExperimentService) -> None:
        self.database = database
        self.experiments = experiments

    def create(
        self,
        context: RequestContext,
        experiment_id: str,
        name: str,
        kind: str,
        answer: Any,
        instruction: str | None,
        enable_comment: bool,
    ) -> LabelSchema:
        if kind not in KINDS:
            raise InvalidInput(f"'type' must be one of {', '.join(KINDS)}", field="type")
        experiment = self.experiments.get_experiment(context, experiment_id)
        now = now_ms()
        record = LabelSchemaRecord(
            schema_id=f"ls-{uuid.uuid4().hex}",
            experiment_id=experiment.experiment_id,
            name=_name(name),
            kind=kind,
            instruction=instruction,
            enable_comment=enable_comment,
            answer=json.dumps(checked_answer(answer)),
            created_at=now,
            last_updated_at=now,
            **owned(context),
        )
        try:
            with self.database.session() as session:
                session.add(record)
                session.flush()
                return _schema(record)
        except IntegrityError as error:
            raise Conflict(
                f"Label schema '{name}' already exists in experiment {experiment_id}."
            ) from error

    def _record(self, session: Any, context: RequestContext, schema_id: str) -> Any:
        record = session.get(LabelSchemaRecord, schema_id)
        if not sees(context, record):
            raise NotFound(f"Label schema '{schema_id}' not found")
        self.experiments.get_experiment(context, record.experiment_id)
        return record

    def get(self, context: RequestContext, schema_id: str) -> LabelSchema:
        with self.database.session() as session:
            return _schema(self._record(session, context, schema_id))

    def by_name(self, context: RequestContext, experiment_id: str, name: str) -> LabelSchema:
        experiment = self.experiments.get_experiment(context, experiment_id)
        with self.database.session() as session:
            record = session.scalar(
                select(LabelSchemaRecord).where(
                    LabelSchemaRecord.experiment_id == experiment.experiment_id,
                    LabelSchemaRecord.name == name,
                )
            )
            if record is None:
                raise NotFound(f"Label schema '{name}' not found in experiment {experiment_id}")
            return _schema(record)

    def list_schemas(
        self,
        context: RequestContext,
        experiment_id: str,
        max_results: int = 100,
        page_token: str | None = None,
    ) -> tuple[list[LabelSchema], str | None]:
        if not 0 < max_results <= MAX_RESULTS:
            raise InvalidInput(
                f"Invalid value for max_results: it must be between 1 and {MAX_RESULTS}",
                field="max_results",
            )
        experiment = self.experiments.get_experiment(context, experiment_id)
        query = {"label_schemas": experiment.experiment_id}
        offset = decode_offset(page_token, "page_token", query)
        with self.database.session() as session:
            records = list(
                session.scalars(
                    select(LabelSchemaRecord)
                    .where(LabelSchemaRecord.experiment_id == experiment.experiment_id)
                    .order_by(LabelSchemaRecord.name, LabelSchemaRecord.schema_id)
                    .offset(offset)
                    .limit(max_results + 1)
                )
            )
            found = [_schema(record) for record in records[:max_results]]
        token = (
            encode_token({"offset": offset + max_results}, query)
            if len(records) > max_results
            else None
        )
        return found, token

    def update(
        self, context: RequestContext, schema_id: str, changes: dict[str, Any]
    ) -> LabelSchema:
        """Change the name, instruction, comment switch or answer form given in ``changes``."""
        try:
            with self.database.session() as session:
                record = self._record(session, context, schema_id)
                if "name" in changes:
                    record.name = _name(changes["name"])
                if "instruction" in changes:
                    record.instruction = changes["instruction"]
                if "enable_comment" in changes:
                    record.enable_comment = bool(changes["enable_comment"])
                if "input" in changes:
                    record.answer = json.dumps(checked_answer(changes["input"]))
                record.last_updated_at = now_ms()
                session.flush()
                return _schema(record)
        except IntegrityError as error:
            raise Conflict(
                f"Label schema '{changes.get('name')}' already exists in the experiment."
            ) from error

    def delete(self, context: RequestContext, schema_id: str) -> None:
        with self.database.session() as session:
            session.delete(self._record(session, context, schema_id))
