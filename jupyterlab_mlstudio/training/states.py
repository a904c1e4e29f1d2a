"""The training-job state machine: SageMaker's secondary statuses, their primary status, the
transitions allowed between them, and the one function that moves a job along."""

from __future__ import annotations

from enum import Enum

from ..core.clock import now_ms
from ..core.errors import IllegalTransition
from .models import TrainingJobStatus
from .orm import TrainingJobRecord


class SecondaryStatus(str, Enum):
    STARTING = "Starting"
    PENDING = "Pending"
    DOWNLOADING = "Downloading"
    TRAINING = "Training"
    UPLOADING = "Uploading"
    STOPPING = "Stopping"
    STOPPED = "Stopped"
    MAX_RUNTIME_EXCEEDED = "MaxRuntimeExceeded"
    COMPLETED = "Completed"
    FAILED = "Failed"


S = SecondaryStatus

PRIMARY: dict[SecondaryStatus, TrainingJobStatus] = {
    S.STARTING: TrainingJobStatus.IN_PROGRESS,
    S.PENDING: TrainingJobStatus.IN_PROGRESS,
    S.DOWNLOADING: TrainingJobStatus.IN_PROGRESS,
    S.TRAINING: TrainingJobStatus.IN_PROGRESS,
    S.UPLOADING: TrainingJobStatus.IN_PROGRESS,
    S.STOPPING: TrainingJobStatus.STOPPING,
    S.STOPPED: TrainingJobStatus.STOPPED,
    S.MAX_RUNTIME_EXCEEDED: TrainingJobStatus.STOPPED,
    S.COMPLETED: TrainingJobStatus.COMPLETED,
    S.FAILED: TrainingJobStatus.FAILED,
}

TRANSITIONS: dict[SecondaryStatus, frozenset[SecondaryStatus]] = {
    S.STARTING: frozenset({S.PENDING, S.DOWNLOADING, S.STOPPING, S.FAILED}),
    S.PENDING: frozenset({S.DOWNLOADING, S.STOPPING, S.FAILED}),
    S.DOWNLOADING: frozenset({S.TRAINING, S.STOPPING, S.FAILED}),
    S.TRAINING: frozenset({S.UPLOADING, S.STOPPING, S.FAILED}),
    S.UPLOADING: frozenset({S.COMPLETED, S.MAX_RUNTIME_EXCEEDED, S.FAILED}),
    S.STOPPING: frozenset({S.STOPPED, S.FAILED}),
    S.STOPPED: frozenset(),
    S.MAX_RUNTIME_EXCEEDED: frozenset(),
    S.COMPLETED: frozenset(),
    S.FAILED: frozenset(),
}

TERMINAL = frozenset(status for status, targets in TRANSITIONS.items() if not targets)


def is_terminal(record: TrainingJobRecord) -> bool:
    return SecondaryStatus(record.secondary_status) in TERMINAL


def transition(
    record: TrainingJobRecord,
    to: SecondaryStatus,
    message: str,
    *,
    failure_reason: str | None = None,
    at: int | None = None,
) -> None:
    """Move ``record`` to ``to``: stamp times, log the transition, set the primary status.

    Refuses (``IllegalTransition``) any move the table does not allow; terminal states never
    change again.
    """
    current = SecondaryStatus(record.secondary_status)
    if to not in TRANSITIONS[current]:
        raise IllegalTransition(
            f"Training job {record.name} cannot go from {current.value} to {to.value}."
        )
    moment = at or now_ms()
    transitions = [dict(item) for item in record.transitions or []]
    if transitions and transitions[-1].get("EndTime") is None:
        transitions[-1]["EndTime"] = moment
    entry: dict[str, object] = {"Status": to.value, "StartTime": moment, "StatusMessage": message}
    if to in TERMINAL:
        entry["EndTime"] = moment
    transitions.append(entry)
    record.transitions = transitions
    record.secondary_status = to.value
    record.status = PRIMARY[to].value
    record.last_modified_time = moment
    if to == S.TRAINING and record.training_start_time is None:
        record.training_start_time = moment
    if to in TERMINAL:
        record.training_end_time = moment
    if failure_reason is not None:
        record.failure_reason = failure_reason[:1024]


def initial_transitions(at: int) -> list[dict[str, object]]:
    """The transition log of a job that was just created."""
    return [
        {"Status": S.STARTING.value, "StartTime": at, "StatusMessage": "Starting the training job"}
    ]
