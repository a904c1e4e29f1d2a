"""The tuning-job state machine: SageMaker's HyperParameterTuningJobStatus and its moves.

A tuning job is InProgress while its driver launches and watches trials, Stopping from a stop
request until its running trials have ended, and ends Completed (budget spent or a completion
criterion met), Stopped or Failed. Terminal states never change again.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from ..jobs.machine import StateMachine


class TuningJobStatus(str, Enum):
    """``HyperParameterTuningJobStatus`` (Deleting and DeleteFailed are never reached here)."""

    IN_PROGRESS = "InProgress"
    COMPLETED = "Completed"
    FAILED = "Failed"
    STOPPING = "Stopping"
    STOPPED = "Stopped"


T = TuningJobStatus

TRANSITIONS: dict[TuningJobStatus, frozenset[TuningJobStatus]] = {
    T.IN_PROGRESS: frozenset({T.COMPLETED, T.FAILED, T.STOPPING}),
    T.STOPPING: frozenset({T.STOPPED, T.FAILED}),
    T.COMPLETED: frozenset(),
    T.FAILED: frozenset(),
    T.STOPPED: frozenset(),
}


def _stamp(record: Any, to: TuningJobStatus, moment: int) -> None:
    if to in MACHINE.terminal:
        record.end_time = moment


MACHINE: StateMachine[TuningJobStatus] = StateMachine(
    kind="Hyperparameter tuning job",
    states=TuningJobStatus,
    transitions=TRANSITIONS,
    initial=T.IN_PROGRESS,
    column="status",
    on_enter=_stamp,
    failed=T.FAILED,
)

STARTING_MESSAGE = "Launching the tuning job's first training jobs"
