"""Events to the front end through jupyter_events, with versioned schemas.

Schemas live in ``jupyterlab_mlstudio/events/<name>/v<N>.yaml``; their ids are
``https://schema.jupyter.org/jupyterlab_mlstudio/<name>/v<N>``. The front end subscribes to the
server's event stream and filters on these ids.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .encoding import jsonable

SCHEMA_ROOT = Path(__file__).resolve().parent.parent / "events"
SCHEMA_PREFIX = "https://schema.jupyter.org/jupyterlab_mlstudio"

log = logging.getLogger(__name__)


def schema_id(name: str, version: int = 1) -> str:
    """The id of event schema ``name`` at ``version``."""
    return f"{SCHEMA_PREFIX}/{name}/v{version}"


class EventBus:
    """Emits the extension's events; a no-op without an event logger (plain Python use).

    Safe to call from worker threads: events are handed to the server's event loop, which is
    where jupyter_events delivers them to listeners and websocket subscribers.
    """

    def __init__(self, event_logger: Any | None = None) -> None:
        self._logger = event_logger
        #: Whether the server's event stream may tell of a record in (domain, space): the
        #: stream's listeners are the server's own user, who sees only their spaces' records.
        self.audience: Callable[[str, str], bool] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        if event_logger is not None:
            for path in sorted(SCHEMA_ROOT.glob("*/v*.yaml")):
                event_logger.register_event_schema(path)

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        """The loop events are delivered on (the server's); set once it runs."""
        self._loop = loop
        self._loop_thread = threading.get_ident()

    def emit(
        self,
        name: str,
        data: dict[str, Any],
        version: int = 1,
        *,
        where: tuple[str, str] | None = None,
    ) -> None:
        """Emit ``data`` under schema ``name``; a failure to emit never breaks the caller.

        ``where`` is the (domain, space) of the record the event tells of: an event of a space
        the server's user is no member of is not emitted.
        """
        if self._logger is None:
            return
        if where is not None and self.audience is not None:
            try:
                if not self.audience(*where):
                    return
            except Exception:  # an unreadable membership hides the event rather than leak it
                log.exception("Could not tell who may hear event %s", name)
                return
        payload = jsonable(data)
        loop = self._loop
        if loop is not None and threading.get_ident() != self._loop_thread:
            if not loop.is_closed():
                loop.call_soon_threadsafe(self._emit, name, payload, version)
            return
        self._emit(name, payload, version)

    def _emit(self, name: str, data: dict[str, Any], version: int) -> None:
        try:
            assert self._logger is not None
            self._logger.emit(schema_id=schema_id(name, version), data=data)
        except Exception:  # an event is a notification; losing one must not fail the work
            log.exception("Could not emit event %s", name)
