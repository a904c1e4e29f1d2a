"""Experiment-tracking shapes."""

from __future__ import annotations

import math
from enum import Enum
from typing import Annotated, Any

from pydantic import Field, WithJsonSchema, field_validator

from ..core.models import ApiModel, Int64
from .validation import KEY_PATTERN, MAX_KEY_LENGTH


class RunStatus(str, Enum):
    """A run's status, as MLflow names them."""

    RUNNING = "RUNNING"
    SCHEDULED = "SCHEDULED"
    FINISHED = "FINISHED"
    FAILED = "FAILED"
    KILLED = "KILLED"


class ViewType(str, Enum):
    ACTIVE_ONLY = "ACTIVE_ONLY"
    DELETED_ONLY = "DELETED_ONLY"
    ALL = "ALL"


#: A param, tag or metric name, as check_key accepts it.
Key = Annotated[str, Field(min_length=1, max_length=MAX_KEY_LENGTH, pattern=KEY_PATTERN)]


#: A metric value: a number, or NaN and the infinities, which JSON spells as strings.
Measured = Annotated[
    float,
    WithJsonSchema({"anyOf": [{"type": "number"}, {"enum": ["NaN", "Infinity", "-Infinity"]}]}),
]


class MetricPoint(ApiModel):
    """One point of a metric series. NaN and the infinities are kept as such."""

    key: Key
    value: Measured
    step: Int64 = 0
    timestamp: Int64 = Field(description="UTC milliseconds")

    @field_validator("value", mode="before")
    @classmethod
    def _special_floats(cls, value: object) -> object:
        if isinstance(value, str) and value.lower() in (
            "nan",
            "inf",
            "-inf",
            "infinity",
            "-infinity",
        ):
            return float(value)
        return value


class Param(ApiModel):
    key: Key
    value: str


class Tag(ApiModel):
    key: Key
    value: str


class Experiment(ApiModel):
    experiment_id: str
    name: str
    artifact_location: str
    lifecycle_stage: str
    creation_time: int
    last_update_time: int
    tags: dict[str, str] = Field(default_factory=dict)
    run_count: int | None = Field(default=None, description="Active runs (listings only)")


class LatestMetric(ApiModel):
    """The last point of a series with its range."""

    key: str
    value: Measured
    step: int
    timestamp: int
    min: Measured | None = None
    max: Measured | None = None
    count: int = 0


class Run(ApiModel):
    run_id: str
    experiment_id: str
    name: str
    user_id: str
    status: RunStatus
    start_time: int
    end_time: int | None = None
    lifecycle_stage: str
    artifact_uri: str
    source_job: str | None = None
    params: dict[str, str] = Field(default_factory=dict)
    tags: dict[str, str] = Field(default_factory=dict)
    metrics: list[LatestMetric] = Field(default_factory=list)
    inputs: list[dict[str, Any]] = Field(default_factory=list)
    outputs: list[dict[str, Any]] = Field(default_factory=list)


class MetricHistory(ApiModel):
    run_id: str
    key: str
    points: list[MetricPoint]
    total: int = Field(description="Points stored; more than len(points) when downsampled")


class ArtifactEntryOut(ApiModel):
    path: str
    is_dir: bool
    file_size: int | None = None


class ArtifactList(ApiModel):
    root: str
    entries: list[ArtifactEntryOut]


def stored_value(value: float) -> tuple[float | None, bool]:
    """(column value, is_nan): SQLite cannot hold NaN, so NaN is NULL plus a flag."""
    if math.isnan(value):
        return None, True
    return value, False


def loaded_value(value: float | None, is_nan: bool) -> float:
    return math.nan if is_nan or value is None else float(value)
