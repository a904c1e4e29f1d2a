"""The datasets runs of some experiments read: one summary per experiment, dataset and use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..core.context import RequestContext, visible
from ..core.errors import InvalidInput
from ..store import Database
from .orm import RunInputRecord, RunRecord

#: The tag of a dataset input that says what the run used it for (``training``, ``eval``...).
CONTEXT_TAG = "mlflow.data.context"
#: The most experiments one search may name, and the most summaries it answers.
MAX_EXPERIMENTS = 20
MAX_SUMMARIES = 1000


@dataclass(frozen=True)
class DatasetSummary:
    """A dataset (by name and digest) an experiment's runs read, and in which role."""

    experiment_id: str
    name: str
    digest: str
    context: str | None


def _summary(experiment_id: str, payload: dict[str, Any]) -> DatasetSummary | None:
    entry = payload.get("dataset_input")
    if not isinstance(entry, dict) or not isinstance(entry.get("dataset"), dict):
        return None
    dataset = entry["dataset"]
    role = None
    for tag in entry.get("tags") or []:
        if isinstance(tag, dict) and tag.get("key") == CONTEXT_TAG:
            role = str(tag.get("value"))
    return DatasetSummary(
        experiment_id, str(dataset.get("name", "")), str(dataset.get("digest", "")), role
    )


def search_datasets(
    database: Database, context: RequestContext, experiment_ids: list[str]
) -> list[DatasetSummary]:
    """The distinct datasets the active runs of ``experiment_ids`` logged as inputs, in the
    order they were first logged."""
    if not experiment_ids:
        raise InvalidInput("Name at least one experiment_id.", field="experiment_ids")
    if len(experiment_ids) > MAX_EXPERIMENTS:
        raise InvalidInput(
            f"At most {MAX_EXPERIMENTS} experiment_ids may be searched at once.",
            field="experiment_ids",
        )
    statement = (
        select(RunRecord.experiment_id, RunInputRecord.payload)
        .join(RunRecord, RunRecord.run_id == RunInputRecord.run_id)
        .where(
            visible(RunRecord, context),
            RunRecord.experiment_id.in_([str(item) for item in experiment_ids]),
            RunRecord.lifecycle_stage == "active",
            RunInputRecord.kind == "dataset",
        )
        .order_by(RunInputRecord.id)
    )
    found: dict[DatasetSummary, None] = {}
    with database.session() as session:
        for experiment_id, payload in session.execute(statement):
            summary = _summary(experiment_id, payload)
            if summary is not None:
                found.setdefault(summary)
            if len(found) >= MAX_SUMMARIES:
                break
    return list(found)
