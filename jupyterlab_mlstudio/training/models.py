"""Training-job shapes and states, named as SageMaker names them."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from pydantic import Field

from ..core.models import SageMakerModel


class TrainingJobStatus(str, Enum):
    """``TrainingJobStatus``."""

    IN_PROGRESS = "InProgress"
    COMPLETED = "Completed"
    FAILED = "Failed"
    STOPPING = "Stopping"
    STOPPED = "Stopped"


class SortBy(str, Enum):
    NAME = "Name"
    CREATION_TIME = "CreationTime"
    STATUS = "Status"


class SortOrder(str, Enum):
    ASCENDING = "Ascending"
    DESCENDING = "Descending"


class TrainingJobSummary(SageMakerModel):
    """One row of ``ListTrainingJobs``."""

    training_job_name: str
    training_job_arn: str
    creation_time: datetime
    training_end_time: datetime | None = None
    last_modified_time: datetime | None = None
    training_job_status: TrainingJobStatus
    secondary_status: str | None = None


class TrainingJobQuery(SageMakerModel):
    """Filters, order and paging of a training-job listing."""

    name_contains: str | None = Field(default=None, max_length=63)
    status_equals: TrainingJobStatus | None = None
    creation_time_after: datetime | None = None
    creation_time_before: datetime | None = None
    last_modified_time_after: datetime | None = None
    last_modified_time_before: datetime | None = None
    sort_by: SortBy = SortBy.CREATION_TIME
    sort_order: SortOrder = SortOrder.DESCENDING
    max_results: int = Field(default=10, ge=1, le=100)
    next_token: str | None = None


class TrainingJobPage(SageMakerModel):
    """A page of training jobs."""

    training_job_summaries: list[TrainingJobSummary]
    next_token: str | None = None
