"""How a job's hosts ended, in words: the FailureReason SageMaker tooling shows."""

from __future__ import annotations

import re
import signal
from collections.abc import Iterable
from pathlib import Path

from ..compute.models import InstanceType
from ..runtime.base import UnitState, UnitStatus
from .staging import read_failure


def succeeded(status: UnitStatus) -> bool:
    return status.state == UnitState.EXITED and status.exit_code == 0 and not status.oom_killed


#: The last line of a Python traceback: the exception and its message.
_EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)\b.*")


def last_words(tail: list[str]) -> str:
    """The line of a host's last output that says most: its exception if it raised one, else
    its last line. (A container engine interleaves stdout and stderr by when it read each, so
    a traceback may come before the last line printed on stdout.)"""
    lines = [line.strip() for line in tail if line.strip()]
    raised = [line for line in lines if _EXCEPTION.match(line)]
    return (raised or lines or [""])[-1]


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def failure_reason(
    hosts: Iterable[tuple[str, UnitStatus | None, list[str]]],
    instance: InstanceType,
    folder: Path,
) -> str | None:
    """Why the job failed, or ``None`` if every host exited with 0.

    ``hosts`` gives each host's name, final status and last output lines. The algorithm's own
    words (``/opt/ml/output/failure``) win; otherwise out-of-memory, a signal, a lost unit or
    the exit code with the last line of output.
    """
    for host, status, tail in hosts:
        if status is None or succeeded(status):
            continue
        written = read_failure(folder / host / "output" / "failure")
        if written:
            return written
        if status.oom_killed:
            limit = (
                "its memory limit"
                if instance.local
                else f"{instance.memory_gib:g} GiB, the memory of {instance.name}"
            )
            return (
                f"OutOfMemoryError: {host} used more than {limit}; choose an instance type "
                "with more memory or make the algorithm use less"
            )
        if status.state == UnitState.LOST:
            return f"InternalServerError: {host} ended without an exit status ({status.error})"
        if status.error and status.exit_code is None and status.signal is None:
            return f"InternalServerError: {host}: {status.error}"
        if status.signal is not None:
            killer = signal_name(status.signal)
            return f"AlgorithmError: {host} was killed by {killer} from outside the job"
        last = last_words(tail)
        detail = f" Last output: {last[:600]}" if last else ""
        return f"AlgorithmError: {host} exited with code {status.exit_code}.{detail}"
    return None
