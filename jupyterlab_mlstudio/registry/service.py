"""The model registry: registered models, versions made from runs, aliases and tags."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..core.clock import now_ms
from ..core.context import RequestContext, owned, visible
from ..core.errors import Conflict, InvalidInput, NotFound
from ..core.paging import decode_offset, encode_token
from ..experiments.validation import check_key
from ..store import Database
from ..store.lookup import one_in_domain, required
from .filters import conditions, ordering
from .models import STAGES, ModelDetail, ModelVersion, RegisteredModel
from .orm import (
    ModelAliasRecord,
    ModelVersionRecord,
    ModelVersionTagRecord,
    RegisteredModelRecord,
    RegisteredModelTagRecord,
)
from .reads import models_of, versions_of
from .sources import SourceCheck

#: How MLflow orders a version search that names no order: newest change first.
DEFAULT_VERSION_ORDER = ("last_updated_timestamp DESC", "name ASC", "version_number DESC")


def _check_name(name: str) -> str:
    if not name or not name.strip():
        raise InvalidInput("Registered model name cannot be empty.", field="name")
    if len(name) > 256 or "/" in name or ":" in name:
        raise InvalidInput(
            f"Invalid name: '{name}'. Names may not contain '/' or ':'.", field="name"
        )
    return name


def check_alias(alias: str, field: str = "alias") -> str:
    """An alias a version can have: ``latest`` and ``v<N>`` are reserved (they name versions)."""
    if not alias or alias.lower() == "latest" or re.fullmatch(r"v\d+", alias.lower()):
        raise InvalidInput(f"'{alias}' cannot be used as an alias: it is reserved", field=field)
    return alias


def _check_max_results(value: int, limit: int) -> None:
    if not 1 <= value <= limit:
        raise InvalidInput(
            f"Invalid value {value} for parameter 'max_results' supplied: it must be at most "
            f"{limit} and at least 1.",
            field="max_results",
        )


class RegistryService:
    """Registered models and their versions, in one domain-aware store."""

    def __init__(self, database: Database, sources: SourceCheck) -> None:
        self.database = database
        self.sources = sources

    # -- registered models -----------------------------------------------------------------

    def create_model(
        self,
        context: RequestContext,
        name: str,
        description: str | None = None,
        tags: dict[str, str] | None = None,
    ) -> RegisteredModel:
        _check_name(name)
        now = now_ms()
        try:
            with self.database.session() as session:
                record = RegisteredModelRecord(
                    name=name,
                    description=description,
                    creation_time=now,
                    last_updated_time=now,
                    **owned(context),
                )
                session.add(record)
                session.flush()
                for key, value in (tags or {}).items():
                    check_key(key, "tag")
                    session.add(
                        RegisteredModelTagRecord(
                            model=record.id, key=key, value=value, **owned(context)
                        )
                    )
        except IntegrityError as error:
            raise Conflict(
                f"Registered Model (name={name}) already exists.", field="name"
            ) from error
        return self.get_model(context, name)

    def get_model(self, context: RequestContext, name: str) -> RegisteredModel:
        with self.database.session() as session:
            return models_of(session, [self._model(session, context, name)])[0]

    def search_models(
        self,
        context: RequestContext,
        filter: str | None = None,
        max_results: int = 100,
        order_by: list[str] | None = None,
        page_token: str | None = None,
    ) -> tuple[list[RegisteredModel], str | None]:
        _check_max_results(max_results, 1000)
        statement = select(RegisteredModelRecord).where(visible(RegisteredModelRecord, context))
        statement = statement.where(
            *conditions(
                filter,
                {"name": RegisteredModelRecord.name},
                RegisteredModelTagRecord,
                RegisteredModelTagRecord.model,
                RegisteredModelRecord.id,
            )
        )
        ordering = []
        for item in order_by or []:
            column_name, _, direction = item.strip().partition(" ")
            column = {
                "name": RegisteredModelRecord.name,
                "last_updated_timestamp": RegisteredModelRecord.last_updated_time,
                "creation_timestamp": RegisteredModelRecord.creation_time,
            }.get(column_name)
            if column is None:
                raise InvalidInput(f"Invalid order_by {item!r}", field="order_by")
            ordering.append(column.desc() if direction.strip().upper() == "DESC" else column.asc())
        query = [filter, list(order_by or [])]
        offset = decode_offset(page_token, "page_token", query)
        statement = (
            statement.order_by(*ordering, RegisteredModelRecord.name)
            .offset(offset)
            .limit(max_results + 1)
        )
        with self.database.session() as session:
            records = list(session.scalars(statement))
            more = len(records) > max_results
            models = models_of(session, records[:max_results])
        return models, encode_token({"offset": offset + max_results}, query) if more else None

    def rename_model(self, context: RequestContext, name: str, new_name: str) -> RegisteredModel:
        _check_name(new_name)
        try:
            with self.database.session() as session:
                record = self._model(session, context, name)
                record.name = new_name
                record.last_updated_time = now_ms()
        except IntegrityError as error:
            raise Conflict(
                f"Registered Model (name={new_name}) already exists.", field="new_name"
            ) from error
        return self.get_model(context, new_name)

    def update_model(
        self, context: RequestContext, name: str, description: str | None
    ) -> RegisteredModel:
        with self.database.session() as session:
            record = self._model(session, context, name)
            record.description = description
            record.last_updated_time = now_ms()
        return self.get_model(context, name)

    def delete_model(self, context: RequestContext, name: str) -> None:
        with self.database.session() as session:
            session.delete(self._model(session, context, name))

    def set_model_tag(self, context: RequestContext, name: str, key: str, value: str) -> None:
        check_key(key, "tag")
        with self.database.session() as session:
            record = self._model(session, context, name)
            session.merge(
                RegisteredModelTagRecord(model=record.id, key=key, value=value, **owned(context))
            )

    def delete_model_tag(self, context: RequestContext, name: str, key: str) -> None:
        with self.database.session() as session:
            record = self._model(session, context, name)
            tag = required(
                session.get(RegisteredModelTagRecord, (record.id, key)),
                f"No tag with key {key} on registered model {name}",
            )
            session.delete(tag)

    def set_alias(self, context: RequestContext, name: str, alias: str, version: int) -> None:
        check_alias(alias)
        with self.database.session() as session:
            record = self._model(session, context, name)
            self._version(session, record, version)
            session.merge(
                ModelAliasRecord(
                    model=record.id, alias=alias, version=int(version), **owned(context)
                )
            )

    def delete_alias(self, context: RequestContext, name: str, alias: str) -> None:
        with self.database.session() as session:
            record = self._model(session, context, name)
            found = session.get(ModelAliasRecord, (record.id, alias))
            if found is not None:
                session.delete(found)

    def version_by_alias(self, context: RequestContext, name: str, alias: str) -> ModelVersion:
        with self.database.session() as session:
            record = self._model(session, context, name)
            found = required(
                session.get(ModelAliasRecord, (record.id, alias)),
                f"Registered model alias {alias} not found.",
            )
            return versions_of(session, [self._version(session, record, found.version)])[0]

    # -- versions --------------------------------------------------------------------------

    def check_source(self, context: RequestContext, source: str, run_id: str | None) -> None:
        """Refuse a source a version could not be made of, before anything is written."""
        self.sources.check(
            context,
            source,
            run_id,
            None,
            lambda model, reference: self._registered(context, model, reference),
        )

    def create_version(
        self,
        context: RequestContext,
        name: str,
        source: str,
        *,
        run_id: str | None = None,
        run_link: str | None = None,
        description: str | None = None,
        tags: dict[str, str] | None = None,
        model_id: str | None = None,
    ) -> ModelVersion:
        lineage = self.sources.check(
            context,
            source,
            run_id,
            model_id,
            lambda model, reference: self.download_uri(context, model, reference),
        )
        source, run_id, model_id = lineage.source, lineage.run_id, lineage.model_id
        for _ in range(5):  # two writers may race for the next number: retry
            try:
                with self.database.session() as session:
                    record = self._model(session, context, name)
                    latest = session.scalar(
                        select(func.max(ModelVersionRecord.version)).where(
                            ModelVersionRecord.model == record.id
                        )
                    )
                    now = now_ms()
                    version = ModelVersionRecord(
                        model=record.id,
                        version=(latest or 0) + 1,
                        source=source,
                        storage_location=lineage.storage or source,
                        run_id=run_id,
                        run_link=run_link,
                        model_id=model_id,
                        description=description,
                        status="READY",
                        stage="None",
                        creation_time=now,
                        last_updated_time=now,
                        **owned(context),
                    )
                    session.add(version)
                    session.flush()
                    for key, value in (tags or {}).items():
                        check_key(key, "tag")
                        session.add(
                            ModelVersionTagRecord(
                                version_id=version.id, key=key, value=value, **owned(context)
                            )
                        )
                    record.last_updated_time = now
                    created = versions_of(session, [version])[0]
            except IntegrityError:
                continue
            if model_id:
                self.sources.logged_models.link_version(
                    context, model_id, created.name, created.version
                )
            return created
        raise Conflict(f"Could not allocate a version number for {name}; try again")

    def get_version(self, context: RequestContext, name: str, version: int) -> ModelVersion:
        with self.database.session() as session:
            record = self._model(session, context, name)
            return versions_of(session, [self._version(session, record, version)])[0]

    def update_version(
        self,
        context: RequestContext,
        name: str,
        version: int,
        description: str | None = None,
        stage: str | None = None,
    ) -> ModelVersion:
        with self.database.session() as session:
            record = self._model(session, context, name)
            found = self._version(session, record, version)
            if description is not None:
                found.description = description
            if stage is not None:
                matched = next((item for item in STAGES if item.lower() == stage.lower()), None)
                if matched is None:
                    raise InvalidInput(f"Invalid Model Version stage: {stage}", field="stage")
                found.stage = matched
            found.last_updated_time = now_ms()
            return versions_of(session, [found])[0]

    def download_uri(self, context: RequestContext, name: str, reference: str) -> str:
        """Where the files of version ``reference`` (number, ``latest`` or alias) are."""
        number = self._registered(context, name, reference).version
        with self.database.session() as session:
            found = self._version(session, self._model(session, context, name), number)
            return found.storage_location or found.source

    def delete_version(self, context: RequestContext, name: str, version: int) -> None:
        with self.database.session() as session:
            record = self._model(session, context, name)
            found = self._version(session, record, version)
            record.last_updated_time = now_ms()
            for alias in session.scalars(
                select(ModelAliasRecord).where(
                    ModelAliasRecord.model == record.id, ModelAliasRecord.version == found.version
                )
            ):
                session.delete(alias)
            session.delete(found)

    def set_version_tag(
        self, context: RequestContext, name: str, version: int, key: str, value: str
    ) -> None:
        check_key(key, "tag")
        with self.database.session() as session:
            found = self._version(session, self._model(session, context, name), version)
            session.merge(
                ModelVersionTagRecord(version_id=found.id, key=key, value=value, **owned(context))
            )

    def delete_version_tag(
        self, context: RequestContext, name: str, version: int, key: str
    ) -> None:
        with self.database.session() as session:
            found = self._version(session, self._model(session, context, name), version)
            tag = required(
                session.get(ModelVersionTagRecord, (found.id, key)),
                f"No tag with key {key} on {name} version {version}",
            )
            session.delete(tag)

    def model_detail(self, context: RequestContext, name: str) -> ModelDetail:
        """Model ``name`` with every version, newest first."""
        with self.database.session() as session:
            record = self._model(session, context, name)
            versions = session.scalars(
                select(ModelVersionRecord)
                .where(ModelVersionRecord.model == record.id)
                .order_by(ModelVersionRecord.version.desc())
            )
            return ModelDetail(
                model=models_of(session, [record])[0], versions=versions_of(session, list(versions))
            )

    def search_versions(
        self,
        context: RequestContext,
        filter: str | None = None,
        max_results: int = 10000,
        page_token: str | None = None,
        order_by: list[str] | None = None,
    ) -> tuple[list[ModelVersion], str | None]:
        """Versions matching ``filter``; newest change first unless ``order_by`` says otherwise
        (MLflow's order), ties by model name, then version, newest first."""
        _check_max_results(max_results, 200_000)
        statement = (
            select(ModelVersionRecord)
            .join(RegisteredModelRecord, RegisteredModelRecord.id == ModelVersionRecord.model)
            .where(visible(RegisteredModelRecord, context))
        )
        statement = statement.where(
            *conditions(
                filter,
                {
                    "name": RegisteredModelRecord.name,
                    "run_id": ModelVersionRecord.run_id,
                    "source": ModelVersionRecord.source,
                    "source_path": ModelVersionRecord.source,
                    "version_number": ModelVersionRecord.version,
                },
                ModelVersionTagRecord,
                ModelVersionTagRecord.version_id,
                ModelVersionRecord.id,
            )
        )
        clauses, named = ordering(
            order_by or list(DEFAULT_VERSION_ORDER),
            {
                "name": RegisteredModelRecord.name,
                "version_number": ModelVersionRecord.version,
                "creation_timestamp": ModelVersionRecord.creation_time,
                "last_updated_timestamp": ModelVersionRecord.last_updated_time,
            },
        )
        if "name" not in named:
            clauses.append(RegisteredModelRecord.name.asc())
        if "version_number" not in named:
            clauses.append(ModelVersionRecord.version.desc())
        query = [filter, list(order_by or [])]
        offset = decode_offset(page_token, "page_token", query)
        statement = statement.order_by(*clauses).offset(offset).limit(max_results + 1)
        with self.database.session() as session:
            records = list(session.scalars(statement))
            more = len(records) > max_results
            versions = versions_of(session, records[:max_results])
        return versions, encode_token({"offset": offset + max_results}, query) if more else None

    def latest_versions(
        self, context: RequestContext, name: str, stages: list[str] | None = None
    ) -> list[ModelVersion]:
        """The newest version in each stage (all stages when none are named)."""
        with self.database.session() as session:
            record = self._model(session, context, name)
            newest: dict[str, ModelVersionRecord] = {}
            for version in session.scalars(
                select(ModelVersionRecord)
                .where(ModelVersionRecord.model == record.id)
                .order_by(ModelVersionRecord.version)
            ):
                newest[version.stage] = version
            wanted = {stage.lower() for stage in stages or []}
            chosen = [
                item for stage, item in newest.items() if not wanted or stage.lower() in wanted
            ]
            return versions_of(session, sorted(chosen, key=lambda item: item.version))

    def _registered(self, context: RequestContext, name: str, reference: str) -> ModelVersion:
        """Version ``reference`` (a number, ``latest`` or an alias) of registered model ``name``."""
        if reference.isdigit():
            return self.get_version(context, name, int(reference))
        if reference.lower() == "latest":
            versions = self.latest_versions(context, name)
            if not versions:
                raise NotFound(f"Registered model {name} has no versions")
            return max(versions, key=lambda item: item.version)
        return self.version_by_alias(context, name, reference)

    # -- internals -------------------------------------------------------------------------

    @staticmethod
    def _model(session: Session, context: RequestContext, name: str) -> RegisteredModelRecord:
        return one_in_domain(
            session,
            RegisteredModelRecord,
            context,
            f"Registered Model with name={name} not found",
            name=name,
        )

    @staticmethod
    def _version(
        session: Session, record: RegisteredModelRecord, version: int | str
    ) -> ModelVersionRecord:
        try:
            number = int(version)
        except (TypeError, ValueError) as error:
            raise InvalidInput(
                f"Model version must be an integer, got {version!r}", field="version"
            ) from error
        return required(
            session.scalar(
                select(ModelVersionRecord).where(
                    ModelVersionRecord.model == record.id, ModelVersionRecord.version == number
                )
            ),
            f"Model Version (name={record.name}, version={number}) not found",
        )
