"""The transform-job state machine: SageMaker's TransformJobStatus and the moves between them."""

from __future__ import annotations

from typing import Any

from ...jobs.machine import StateMachine
from .models import TransformJobStatus

S = TransformJobStatus

TRANSITIONS: dict[TransformJobStatus, frozenset[TransformJobStatus]] = {
    S.IN_PROGRESS: frozenset({S.COMPLETED, S.FAILED, S.STOPPING}),
    S.STOPPING: frozenset({S.STOPPED, S.FAILED}),
    S.COMPLETED: frozenset(),
    S.FAILED: frozenset(),
    S.STOPPED: frozenset(),
}


def _stamp(record: Any, to: TransformJobStatus, moment: int) -> None:
    """When the job ended."""
    if to in MACHINE.terminal:
        record.transform_end_time = moment


MACHINE: StateMachine[TransformJobStatus] = StateMachine(
    kind="Transform job",
    states=TransformJobStatus,
    transitions=TRANSITIONS,
    initial=S.IN_PROGRESS,
    history="transitions",
    on_enter=_stamp,
    failed=S.FAILED,
)

STARTING_MESSAGE = "Starting the transform job"


def begin(record: Any, at: int) -> None:
    """Put a job that was just created in InProgress, with its first transition logged."""
    MACHINE.begin(record, STARTING_MESSAGE, at=at)
