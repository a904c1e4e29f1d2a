"""The training-job state machine: SageMaker's secondary statuses, their primary status, the
transitions allowed between them, and the one function that moves a job along."""

from __future__ import annotations

from enum import Enum
from typing import Any

from ..jobs.machine import StateMachine
from .models import TrainingJobStatus


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


def _stamp(record: Any, to: SecondaryStatus, moment: int) -> None:
    """Training's own times: when training began, when the job ended."""
    if to == S.TRAINING and record.training_start_time is None:
        record.training_start_time = moment
    if to in MACHINE.terminal:
        record.training_end_time = moment


MACHINE: StateMachine[SecondaryStatus] = StateMachine(
    kind="Training job",
    states=SecondaryStatus,
    transitions=TRANSITIONS,
    initial=S.STARTING,
    column="secondary_status",
    derived={"status": {state: primary.value for state, primary in PRIMARY.items()}},
    history="transitions",
    on_enter=_stamp,
    failed=S.FAILED,
)

TERMINAL = MACHINE.terminal
STARTING_MESSAGE = "Starting the training job"


def is_terminal(record: Any) -> bool:
    return MACHINE.is_terminal(record)


def transition(
    record: Any,
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
    MACHINE.transition(record, to, message, failure_reason=failure_reason, at=at)


def begin(record: Any, at: int) -> None:
    """Put a job that was just created in Starting, with its first transition logged."""
    MACHINE.begin(record, STARTING_MESSAGE, at=at)
