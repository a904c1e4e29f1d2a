"""Log metrics, parameters and tags to an ML Studio run from any Python code.

Inside a training job nothing needs configuring: the server sets ``MLSTUDIO_URL``,
``MLSTUDIO_TOKEN`` and ``MLSTUDIO_RUN_ID``::

    from jupyterlab_mlstudio import tracking

    for epoch in range(10):
        tracking.log_metric("loss", loss, step=epoch)

Points are buffered and sent in batches from a background thread; a batch that fails for a
transient reason (connection refused, a 5xx answer) is resent with the same id, which the server
applies once, so nothing is lost and nothing doubles. ``flush()`` waits for everything sent so
far, and it runs by itself when the interpreter exits.

This module uses the standard library only (Python 3.8+), so it also works inside job
containers, where the server mounts it read-only.
"""

from __future__ import annotations

import atexit
import http.client
import json
import math
import os
import queue
import threading
import time
import uuid
from typing import Any
from urllib.parse import quote, urlsplit

__all__ = [
    "Tracker",
    "TrackingError",
    "flush",
    "log_metric",
    "log_metrics",
    "log_param",
    "log_params",
    "set_tag",
]


class TrackingError(RuntimeError):
    """The server refused a batch for good (not a transient failure)."""


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def _number(value: Any) -> Any:
    value = float(value)
    if math.isfinite(value):
        return value
    return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")


class Tracker:
    """Buffers what one run logs and sends it in batches."""

    def __init__(
        self,
        url: str,
        token: str,
        run_id: str,
        *,
        flush_interval: float = 1.0,
        max_batch: int = 5000,
        retry_for: float = 120.0,
        timeout: float = 30.0,
    ) -> None:
        parts = urlsplit(url)
        self._secure = parts.scheme == "https"
        self._host = parts.netloc
        self._path = f"{parts.path.rstrip('/')}/mlstudio/api/v1/runs/{quote(run_id)}/batch"
        self._headers = {"Content-Type": "application/json"}
        if token:
            self._headers["Authorization"] = f"token {token}"
        self.run_id = run_id
        self.flush_interval = flush_interval
        self.max_batch = max_batch
        self.retry_for = retry_for
        self.timeout = timeout
        self._queue: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue()
        self._steps: dict[str, int] = {}
        self._pending = 0
        self._condition = threading.Condition()
        self._error: TrackingError | None = None
        self._connection: http.client.HTTPConnection | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._work, name="mlstudio-tracking", daemon=True)
        self._thread.start()

    # -- what user code calls --------------------------------------------------------------

    def log_metric(
        self, key: str, value: float, step: int | None = None, timestamp: int | None = None
    ) -> None:
        """One point; ``step`` defaults to one more than this key's last step."""
        if step is None:
            step = self._steps.get(key, -1) + 1
        self._steps[key] = max(step, self._steps.get(key, step))
        self._put(
            "metrics",
            {
                "key": key,
                "value": _number(value),
                "step": int(step),
                "timestamp": timestamp or _now_ms(),
            },
        )

    def log_metrics(
        self, metrics: dict[str, float], step: int | None = None, timestamp: int | None = None
    ) -> None:
        stamp = timestamp or _now_ms()
        for key, value in metrics.items():
            self.log_metric(key, value, step, stamp)

    def log_param(self, key: str, value: Any) -> None:
        self._put("params", {"key": key, "value": str(value)})

    def log_params(self, params: dict[str, Any]) -> None:
        for key, value in params.items():
            self.log_param(key, value)

    def set_tag(self, key: str, value: Any) -> None:
        self._put("tags", {"key": key, "value": str(value)})

    def flush(self, timeout: float | None = None) -> None:
        """Wait until everything logged so far has been applied by the server."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._condition:
            self._condition.notify_all()
            while self._pending and self._thread.is_alive():
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    raise TimeoutError(f"{self._pending} items not yet sent to ML Studio")
                self._condition.wait(remaining if remaining is not None else 0.5)
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def close(self) -> None:
        try:
            self.flush(self.retry_for + self.timeout)
        finally:
            self._closed = True
            with self._condition:
                self._condition.notify_all()

    # -- the background thread -------------------------------------------------------------

    def _put(self, kind: str, item: dict[str, Any]) -> None:
        with self._condition:
            self._pending += 1
            self._queue.put((kind, item))
            if self._queue.qsize() >= self.max_batch:
                self._condition.notify_all()

    def _work(self) -> None:
        while not self._closed:
            with self._condition:
                if self._queue.empty():
                    self._condition.wait(self.flush_interval)
            batch: dict[str, list[dict[str, Any]]] = {"metrics": [], "params": [], "tags": []}
            taken = 0
            while taken < self.max_batch:
                try:
                    kind, item = self._queue.get_nowait()
                except queue.Empty:
                    break
                batch[kind].append(item)
                taken += 1
            if not taken:
                continue
            try:
                self._send({"batch_id": uuid.uuid4().hex, **batch})
            except TrackingError as error:
                self._error = error
            with self._condition:
                self._pending -= taken
                self._condition.notify_all()

    def _send(self, body: dict[str, Any]) -> None:
        payload = json.dumps(body).encode()
        deadline = time.monotonic() + self.retry_for
        delay = 0.2
        while True:
            try:
                status, text = self._post(payload)
            except OSError as error:
                status, text = 0, str(error)
                self._connection = None
            if 200 <= status < 300:
                return
            transient = status == 0 or status == 429 or status >= 500
            if not transient or time.monotonic() > deadline:
                raise TrackingError(
                    f"ML Studio refused {len(body['metrics'])} points (HTTP {status}): {text[:300]}"
                )
            time.sleep(delay)
            delay = min(delay * 2, 5.0)

    def _post(self, payload: bytes) -> tuple[int, str]:
        if self._connection is None:
            kind = http.client.HTTPSConnection if self._secure else http.client.HTTPConnection
            self._connection = kind(self._host, timeout=self.timeout)
        self._connection.request("POST", self._path, body=payload, headers=self._headers)
        response = self._connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")


_default: Tracker | None = None
_default_lock = threading.Lock()


def _tracker() -> Tracker:
    global _default
    with _default_lock:
        if _default is None:
            url = os.environ.get("MLSTUDIO_URL")
            run_id = os.environ.get("MLSTUDIO_RUN_ID")
            if not url or not run_id:
                raise TrackingError(
                    "No ML Studio run here: MLSTUDIO_URL and MLSTUDIO_RUN_ID are set inside "
                    "training jobs; elsewhere make a Tracker(url, token, run_id)."
                )
            _default = Tracker(url, os.environ.get("MLSTUDIO_TOKEN", ""), run_id)
            atexit.register(_default.close)
        return _default


def log_metric(
    key: str, value: float, step: int | None = None, timestamp: int | None = None
) -> None:
    """Log one point to this job's run."""
    _tracker().log_metric(key, value, step, timestamp)


def log_metrics(metrics: dict[str, float], step: int | None = None) -> None:
    _tracker().log_metrics(metrics, step)


def log_param(key: str, value: Any) -> None:
    _tracker().log_param(key, value)


def log_params(params: dict[str, Any]) -> None:
    _tracker().log_params(params)


def set_tag(key: str, value: Any) -> None:
    _tracker().set_tag(key, value)


def flush(timeout: float | None = None) -> None:
    """Wait until everything logged so far has reached the server."""
    if _default is not None:
        _default.flush(timeout)
