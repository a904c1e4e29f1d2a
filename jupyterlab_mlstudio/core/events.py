"""Events to the front end through jupyter_events, with versioned schemas.

Schemas live in ``jupyterlab_mlstudio/events/<name>/v<N>.yaml``; their ids are
``https://schema.jupyter.org/jupyterlab_mlstudio/<name>/v<N>``. The front end subscribes to the
server's event stream and filters on these ids.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

SCHEMA_ROOT = Path(__file__).resolve().parent.parent / "events"
SCHEMA_PREFIX = "https://schema.jupyter.org/jupyterlab_mlstudio"

log = logging.getLogger(__name__)


def schema_id(name: str, version: int = 1) -> str:
    """The id of event schema ``name`` at ``version``."""
    return f"{SCHEMA_PREFIX}/{name}/v{version}"


class EventBus:
    """Emits the extension's events; a no-op without an event logger (plain Python use)."""

    def __init__(self, event_logger: Any | None = None) -> None:
        self._logger = event_logger
        if event_logger is not None:
            for path in sorted(SCHEMA_ROOT.glob("*/v*.yaml")):
                event_logger.register_event_schema(path)

    def emit(self, name: str, data: dict[str, Any], version: int = 1) -> None:
        """Emit ``data`` under schema ``name``; a failure to emit never breaks the caller."""
        if self._logger is None:
            return
        try:
            self._logger.emit(schema_id=schema_id(name, version), data=data)
        except Exception:  # an event is a notification; losing one must not fail the work
            log.exception("Could not emit event %s", name)
