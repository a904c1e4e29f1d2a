"""Reading records back as API models: a page of experiments or runs in a few queries."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import Experiment, LatestMetric, Run, RunStatus, loaded_value
from .orm import (
    ExperimentRecord,
    ExperimentTagRecord,
    LatestMetricRecord,
    ParamRecord,
    RunInputRecord,
    RunOutputRecord,
    RunRecord,
    TagRecord,
)
from .writes import USER_TAG


def experiments_of(
    session: Session, records: list[ExperimentRecord], with_counts: bool = False
) -> list[Experiment]:
    """Experiments with their tags (and active run counts), two queries for the whole page."""
    ids = [record.experiment_id for record in records]
    tags: dict[str, dict[str, str]] = defaultdict(dict)
    for tag in session.scalars(
        select(ExperimentTagRecord).where(ExperimentTagRecord.experiment_id.in_(ids))
    ):
        tags[tag.experiment_id][tag.key] = tag.value
    counts: dict[str, int] = {}
    if with_counts and ids:
        counts = dict(
            session.execute(
                select(RunRecord.experiment_id, func.count())
                .where(RunRecord.experiment_id.in_(ids), RunRecord.lifecycle_stage == "active")
                .group_by(RunRecord.experiment_id)
            ).all()
        )
    return [
        Experiment(
            experiment_id=record.experiment_id,
            name=record.name,
            artifact_location=record.artifact_location,
            lifecycle_stage=record.lifecycle_stage,
            creation_time=record.creation_time,
            last_update_time=record.last_update_time,
            tags=tags[record.experiment_id],
            run_count=counts.get(record.experiment_id, 0) if with_counts else None,
        )
        for record in records
    ]


def runs_of(session: Session, records: list[RunRecord], details: bool = False) -> list[Run]:
    """Runs with their params, tags and latest metrics, three queries for the whole page."""
    ids = [record.run_id for record in records]
    params: dict[str, dict[str, str]] = defaultdict(dict)
    tags: dict[str, dict[str, str]] = defaultdict(dict)
    metrics: dict[str, list[LatestMetric]] = defaultdict(list)
    if ids:
        for param in session.scalars(select(ParamRecord).where(ParamRecord.run_id.in_(ids))):
            params[param.run_id][param.key] = param.value
        for tag in session.scalars(select(TagRecord).where(TagRecord.run_id.in_(ids))):
            tags[tag.run_id][tag.key] = tag.value
        for item in session.scalars(
            select(LatestMetricRecord)
            .where(LatestMetricRecord.run_id.in_(ids))
            .order_by(LatestMetricRecord.key)
        ):
            metrics[item.run_id].append(
                LatestMetric(
                    key=item.key,
                    value=loaded_value(item.value, item.is_nan),
                    step=item.step,
                    timestamp=item.timestamp,
                    min=item.min_value,
                    max=item.max_value,
                    count=item.count,
                )
            )
    inputs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    outputs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if details and ids:
        for entry in session.scalars(select(RunInputRecord).where(RunInputRecord.run_id.in_(ids))):
            inputs[entry.run_id].append(entry.payload)
        for output in session.scalars(
            select(RunOutputRecord).where(RunOutputRecord.run_id.in_(ids))
        ):
            outputs[output.run_id].append({"model_id": output.model_id, "step": output.step})
    return [
        Run(
            run_id=record.run_id,
            experiment_id=record.experiment_id,
            name=record.name,
            user_id=tags[record.run_id].get(USER_TAG) or record.owner,
            status=RunStatus(record.status),
            start_time=record.start_time,
            end_time=record.end_time,
            lifecycle_stage=record.lifecycle_stage,
            artifact_uri=record.artifact_uri,
            source_job=record.source_job,
            params=params[record.run_id],
            tags=tags[record.run_id],
            metrics=metrics[record.run_id],
            inputs=inputs[record.run_id],
            outputs=outputs[record.run_id],
        )
        for record in records
    ]
