"""Progress of a job while a caller waits: a widget in notebooks, status lines elsewhere."""

from __future__ import annotations

import sys
import time
from typing import Any

from ..training.models import TrainingJobDetail

STAGES = ["Starting", "Pending", "Downloading", "Training", "Uploading"]
_DONE = {"Completed", "Failed", "Stopped", "MaxRuntimeExceeded"}


def in_notebook() -> bool:
    """True inside a Jupyter kernel, where widgets render."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def bar_style(status: str) -> str:
    """The progress bar's colour for a job status (ipywidgets' bar styles)."""
    return {"Completed": "success", "Failed": "danger", "Stopped": "warning"}.get(status, "info")


def stage_of(secondary: str) -> int:
    """How far along the SageMaker stages a secondary status is (0..len(STAGES))."""
    if secondary in _DONE:
        return len(STAGES)
    return STAGES.index(secondary) if secondary in STAGES else 0


def describe_progress(detail: TrainingJobDetail, elapsed: float) -> str:
    message = ""
    if detail.secondary_status_transitions:
        message = detail.secondary_status_transitions[-1].status_message or ""
    text = f"{detail.training_job_name}: {detail.secondary_status} ({elapsed:.0f} s)"
    return f"{text} — {message}" if message else text


class JobProgress:
    """Shows stage, status message and elapsed time of one job."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.started = time.monotonic()
        self._last = ""
        self._widget: Any = None
        if in_notebook():
            import ipywidgets
            from IPython.display import display

            self._bar = ipywidgets.IntProgress(value=0, min=0, max=len(STAGES), bar_style="info")
            self._label = ipywidgets.HTML(value=f"<code>{name}</code>: starting")
            self._widget = ipywidgets.HBox([self._bar, self._label])
            display(self._widget)

    def update(self, detail: TrainingJobDetail) -> None:
        text = describe_progress(detail, time.monotonic() - self.started)
        if self._widget is not None:
            self._bar.value = stage_of(detail.secondary_status)
            status = detail.training_job_status.value
            self._bar.bar_style = bar_style(status)
            self._label.value = text
        elif detail.secondary_status != self._last:
            print(f"[{detail.secondary_status}] {text}", file=sys.stderr)
        self._last = detail.secondary_status

    def close(self) -> None:
        self._widget = self._widget  # the widget stays, showing the final state
