"""Register, list, read and delete an experiment's scorers. No Tornado, no wire format.

A scorer arrives serialized by the client (JSON). The server stores it; only online scoring
(``online.py``) reads it back, to run a rule-based scorer or record that an LLM judge is not
available. A scorer that carries source code to execute (``call_source``, anywhere in it) is
refused, as MLflow's server refuses it by default, so that no client loads another user's code
from here.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select

from ..core.clock import now_ms
from ..core.context import RequestContext, owned, visible
from ..core.errors import InvalidInput, NotFound
from ..experiments.service import ExperimentService
from ..store import Database
from ..tracing import search as trace_search
from .orm import ScorerOnlineConfigRecord, ScorerVersionRecord

#: The longest serialized scorer kept.
MAX_SERIALIZED = 1_000_000


@dataclass
class ScorerVersion:
    """One registered version of a scorer."""

    scorer_id: str
    experiment_id: str
    name: str
    version: int
    serialized: str
    creation_time: int


@dataclass
class OnlineConfig:
    """How a scorer samples its experiment's traces: the share judged, which qualify."""

    config_id: str
    scorer_id: str
    experiment_id: str
    sample_rate: float
    filter_string: str | None


def _carries_code(value: Any) -> bool:
    if isinstance(value, dict):
        return bool(value.get("call_source")) or any(_carries_code(item) for item in value.values())
    if isinstance(value, list):
        return any(_carries_code(item) for item in value)
    return False


def _version(record: ScorerVersionRecord) -> ScorerVersion:
    return ScorerVersion(
        record.scorer_id,
        record.experiment_id,
        record.name,
        record.version,
        record.serialized,
        record.creation_time,
    )


class ScorerService:
    """The scorer registry of the experiments."""

    def __init__(self, database: Database, experiments: ExperimentService) -> None:
        self.database = database
        self.experiments = experiments

    def register(
        self, context: RequestContext, experiment_id: str, name: str, serialized: str
    ) -> ScorerVersion:
        """A new version of ``name`` (1 for a new name)."""
        if not name.strip() or len(name) > 256:
            raise InvalidInput("A scorer name is 1 to 256 characters.", field="name")
        if len(serialized) > MAX_SERIALIZED:
            raise InvalidInput("serialized_scorer is too large.", field="serialized_scorer")
        try:
            parsed = json.loads(serialized)
        except ValueError as error:
            raise InvalidInput(
                "serialized_scorer must be valid JSON", field="serialized_scorer"
            ) from error
        if not isinstance(parsed, dict):
            raise InvalidInput("serialized_scorer must be a JSON object", field="serialized_scorer")
        if _carries_code(parsed):
            raise InvalidInput(
                "Scorers defined by a decorator (their source code) cannot be registered on "
                "this server.",
                field="serialized_scorer",
            )
        experiment = self.experiments.get_experiment(context, experiment_id)
        with self.database.session() as session:
            latest = session.scalar(
                select(func.max(ScorerVersionRecord.version)).where(
                    ScorerVersionRecord.experiment_id == experiment.experiment_id,
                    ScorerVersionRecord.name == name,
                )
            )
            record = ScorerVersionRecord(
                scorer_id=uuid.uuid4().hex,
                experiment_id=experiment.experiment_id,
                name=name,
                version=(latest or 0) + 1,
                serialized=serialized,
                creation_time=now_ms(),
                **owned(context),
            )
            session.add(record)
            session.flush()
            return _version(record)

    def _rows(self, context: RequestContext, experiment_id: str, name: str | None = None) -> Any:
        experiment = self.experiments.get_experiment(context, experiment_id)
        statement = select(ScorerVersionRecord).where(
            visible(ScorerVersionRecord, context),
            ScorerVersionRecord.experiment_id == experiment.experiment_id,
        )
        if name is not None:
            statement = statement.where(ScorerVersionRecord.name == name)
        return statement.order_by(ScorerVersionRecord.name, ScorerVersionRecord.version)

    def list_latest(self, context: RequestContext, experiment_id: str) -> list[ScorerVersion]:
        """Each scorer of the experiment at its newest version, by name."""
        with self.database.session() as session:
            rows = session.scalars(self._rows(context, experiment_id))
            latest = {record.name: _version(record) for record in rows}
        return list(latest.values())

    def versions(
        self, context: RequestContext, experiment_id: str, name: str
    ) -> list[ScorerVersion]:
        """Every version of one scorer, oldest first."""
        with self.database.session() as session:
            found = [
                _version(record)
                for record in session.scalars(self._rows(context, experiment_id, name))
            ]
        if not found:
            raise NotFound(f"Scorer with name '{name}' not found for experiment {experiment_id}.")
        return found

    def get(
        self, context: RequestContext, experiment_id: str, name: str, version: int | None
    ) -> ScorerVersion:
        """One version, or the newest when ``version`` is None."""
        found = self.versions(context, experiment_id, name)
        if version is None:
            return found[-1]
        for item in found:
            if item.version == version:
                return item
        raise NotFound(
            f"Scorer with name '{name}' and version {version} not found for experiment "
            f"{experiment_id}."
        )

    def delete(
        self, context: RequestContext, experiment_id: str, name: str, version: int | None
    ) -> None:
        """Delete one version, or every version when ``version`` is None."""
        doomed = [item.scorer_id for item in self.versions(context, experiment_id, name)]
        if version is not None:
            doomed = [self.get(context, experiment_id, name, version).scorer_id]
        with self.database.session() as session:
            session.execute(
                delete(ScorerVersionRecord).where(ScorerVersionRecord.scorer_id.in_(doomed))
            )

    # -- online scoring --------------------------------------------------------------------------

    def set_online_config(
        self,
        context: RequestContext,
        experiment_id: str,
        name: str,
        sample_rate: float,
        filter_string: str | None,
    ) -> OnlineConfig:
        """Set (or replace) how the scorer samples the experiment's traces; 0 stops it."""
        if not 0.0 <= sample_rate <= 1.0:
            raise InvalidInput(
                f"sample_rate must be between 0 and 1, got {sample_rate}", field="sample_rate"
            )
        if filter_string:
            trace_search.conditions(filter_string)  # refuses a filter search_traces would
        latest = self.get(context, experiment_id, name, None)
        with self.database.session() as session:
            record = session.get(ScorerOnlineConfigRecord, (latest.experiment_id, name))
            if record is None:
                record = ScorerOnlineConfigRecord(
                    experiment_id=latest.experiment_id,
                    name=name,
                    config_id=uuid.uuid4().hex,
                    **owned(context),
                )
                session.add(record)
            record.sample_rate = sample_rate
            record.filter_string = filter_string or None
            record.last_update_time = now_ms()
            config_id = record.config_id
        return OnlineConfig(
            config_id, latest.scorer_id, latest.experiment_id, sample_rate, filter_string or None
        )

    def online_configs(self, context: RequestContext, scorer_ids: list[str]) -> list[OnlineConfig]:
        """The configurations of the scorers (by any version's id) that have one."""
        found: list[OnlineConfig] = []
        with self.database.session() as session:
            versions = session.scalars(
                select(ScorerVersionRecord).where(
                    ScorerVersionRecord.domain == context.domain,
                    ScorerVersionRecord.scorer_id.in_(scorer_ids),
                )
            )
            by_id = {item.scorer_id: (item.experiment_id, item.name) for item in versions}
            for scorer_id in scorer_ids:
                if scorer_id not in by_id:
                    continue
                record = session.get(ScorerOnlineConfigRecord, by_id[scorer_id])
                if record is not None:
                    found.append(
                        OnlineConfig(
                            record.config_id,
                            scorer_id,
                            record.experiment_id,
                            record.sample_rate,
                            record.filter_string,
                        )
                    )
        return found
