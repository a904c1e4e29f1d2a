"""Readiness of a serving unit: ``GET /ping`` answers 200 within the health timeout."""

from __future__ import annotations

import http.client
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from ..runtime.base import RuntimeBackend, UnitState

#: SageMaker gives a ping two seconds.
PING_TIMEOUT = 2.0
#: Default time a unit has to become healthy (four minutes, configurable per server).
DEFAULT_HEALTH_TIMEOUT = 240.0


class UnitNotHealthy(Exception):
    """A unit did not pass its health check: it exited, or did not answer in time."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def ping(url: str, timeout: float = PING_TIMEOUT) -> int | None:
    """The status of ``GET <url>/ping``, or ``None`` when nothing answers."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(
        parts.hostname or "127.0.0.1", parts.port, timeout=timeout
    )
    try:
        connection.request("GET", "/ping")
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def exit_reason(backend: RuntimeBackend, unit: str) -> str | None:
    """``None`` while ``unit`` runs; otherwise how it ended, in words."""
    status = backend.status(unit)
    if status.state == UnitState.RUNNING:
        return None
    if status.oom_killed:
        return "the serving unit ran out of memory"
    if status.signal:
        return f"the serving unit was killed by signal {status.signal}"
    if status.exit_code is not None:
        return f"the serving unit exited with code {status.exit_code}"
    return f"the serving unit is gone: {status.error or status.state.value}"


def wait_healthy(
    url: str,
    timeout: float = DEFAULT_HEALTH_TIMEOUT,
    *,
    alive: Callable[[], str | None] | None = None,
    stopped: Callable[[], bool] | None = None,
    interval: float = 0.05,
) -> float:
    """Wait until ``GET <url>/ping`` answers 200; return the seconds it took.

    ``alive()`` returns ``None`` while the unit runs, or why it ended (``exit_reason``), so a
    unit that dies fails at once instead of at the deadline. ``stopped()`` true ends the wait
    early (the job was stopped). Raises :class:`UnitNotHealthy` with the reason.
    """
    started = time.monotonic()
    deadline = started + timeout
    pause = interval
    last = None
    while True:
        status = ping(url, min(PING_TIMEOUT, max(0.1, deadline - time.monotonic())))
        if status == 200:
            return time.monotonic() - started
        last = status
        if alive is not None:
            reason = alive()
            if reason is not None:
                raise UnitNotHealthy(f"{reason} before it passed its health check")
        if stopped is not None and stopped():
            raise UnitNotHealthy("stopped before it passed its health check")
        if time.monotonic() >= deadline:
            answered = f"/ping answered {last}" if last is not None else "/ping never answered"
            raise UnitNotHealthy(
                f"the serving unit did not pass its health check within {timeout:g} s ({answered})"
            )
        time.sleep(pause)
        pause = min(pause * 1.5, 0.5)
