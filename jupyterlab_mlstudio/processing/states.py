"""The processing-job state machine: SageMaker's ProcessingJobStatus and the moves between
them."""

from __future__ import annotations

from typing import Any

from ..jobs.machine import StateMachine
from .models import ProcessingJobStatus

S = ProcessingJobStatus

TRANSITIONS: dict[ProcessingJobStatus, frozenset[ProcessingJobStatus]] = {
    S.IN_PROGRESS: frozenset({S.COMPLETED, S.FAILED, S.STOPPING}),
    S.STOPPING: frozenset({S.STOPPED, S.FAILED}),
    S.COMPLETED: frozenset(),
    S.FAILED: frozenset(),
    S.STOPPED: frozenset(),
}


def _stamp(record: Any, to: ProcessingJobStatus, moment: int) -> None:
    """When the job ended."""
    if to in MACHINE.terminal:
        record.processing_end_time = moment


MACHINE: StateMachine[ProcessingJobStatus] = StateMachine(
    kind="Processing job",
    states=ProcessingJobStatus,
    transitions=TRANSITIONS,
    initial=S.IN_PROGRESS,
    history="transitions",
    on_enter=_stamp,
    failed=S.FAILED,
)

STARTING_MESSAGE = "Starting the processing job"


def begin(record: Any, at: int) -> None:
    """Put a job that was just created in InProgress, with its first transition logged."""
    MACHINE.begin(record, STARTING_MESSAGE, at=at)
