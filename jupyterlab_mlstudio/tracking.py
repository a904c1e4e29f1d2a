"""Log metrics, parameters, tags and artifacts to an ML Studio run from any Python code.

In a notebook::

    from jupyterlab_mlstudio import tracking

    with tracking.start_run(experiment="iris", run_name="baseline"):
        tracking.log_params({"lr": 0.1})
        for epoch in range(10):
            tracking.log_metric("loss", loss, step=epoch)
        tracking.log_artifact("confusion.png")

Inside a training job nothing needs configuring (the server sets ``MLSTUDIO_URL``,
``MLSTUDIO_TOKEN`` and ``MLSTUDIO_RUN_ID``): ``tracking.log_metric(...)`` logs to the job's run.

Points are buffered and sent in batches from a background thread; a batch that fails for a
transient reason (connection refused, a 5xx answer) is resent with the same id, which the server
applies once, so nothing is lost and nothing doubles. ``flush()`` waits for everything sent so
far, and it runs by itself when the interpreter exits.

This module uses the standard library only (Python 3.8+; so does ``core/encoding.py``, the
one JSON encoding of NaN and the infinities it shares with the server), so it also works inside
job containers, where the server mounts the package read-only.
"""

from __future__ import annotations

import atexit
import http.client
import json
import os
import threading
import time
import uuid
from collections import deque
from typing import Any
from urllib.parse import quote, urlsplit

from .core.encoding import finite_number

__all__ = [
    "ActiveRun",
    "Tracker",
    "TrackingError",
    "active_run",
    "end_run",
    "flush",
    "log_artifact",
    "log_artifacts",
    "log_metric",
    "log_metrics",
    "log_param",
    "log_params",
    "set_tag",
    "start_run",
]


class TrackingError(RuntimeError):
    """The server refused a batch for good (not a transient failure)."""


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def _number(value: Any) -> Any:
    return finite_number(float(value))


class Tracker:
    """Buffers what one run logs and sends it in batches.

    ``log_metric`` only appends to a deque (safe between threads without a lock) and returns;
    a background thread takes up to ``max_batch`` items at a time and sends them as one
    request, metrics as compact ``[key, value, step, timestamp]`` rows.
    """

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
        self._buffer: deque[tuple[Any, ...]] = deque()
        self._steps: dict[str, int] = {}
        self._logged = 0  # written only by the logging side
        self._done = 0  # written only by the sending thread
        self._wake = threading.Event()
        self._progress = threading.Condition()
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
        steps = self._steps
        if step is None:
            step = steps.get(key, -1) + 1
        if step >= steps.get(key, -1):
            steps[key] = step
        self._buffer.append(
            ("m", key, _number(value), int(step), timestamp or time.time_ns() // 1_000_000)
        )
        self._logged += 1
        if len(self._buffer) >= self.max_batch:
            self._wake.set()

    def log_metrics(
        self, metrics: dict[str, float], step: int | None = None, timestamp: int | None = None
    ) -> None:
        stamp = timestamp or _now_ms()
        for key, value in metrics.items():
            self.log_metric(key, value, step, stamp)

    def log_param(self, key: str, value: Any) -> None:
        self._buffer.append(("p", key, str(value)))
        self._logged += 1

    def log_params(self, params: dict[str, Any]) -> None:
        for key, value in params.items():
            self.log_param(key, value)

    def set_tag(self, key: str, value: Any) -> None:
        self._buffer.append(("t", key, str(value)))
        self._logged += 1

    def flush(self, timeout: float | None = None) -> None:
        """Wait until everything logged so far has been applied by the server."""
        target = self._logged
        deadline = None if timeout is None else time.monotonic() + timeout
        self._wake.set()
        with self._progress:
            while self._done < target and self._thread.is_alive():
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    raise TimeoutError(f"{target - self._done} items not yet sent to ML Studio")
                self._progress.wait(0.5 if remaining is None else min(remaining, 0.5))
                self._wake.set()
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def close(self) -> None:
        try:
            self.flush(self.retry_for + self.timeout)
        finally:
            self._closed = True
            self._wake.set()

    # -- the background thread -------------------------------------------------------------

    def _work(self) -> None:
        while not self._closed:
            if not self._buffer:
                self._wake.wait(self.flush_interval)
                self._wake.clear()
            metrics: list[list[Any]] = []
            params: list[dict[str, str]] = []
            tags: list[dict[str, str]] = []
            taken = 0
            buffer = self._buffer
            while taken < self.max_batch and buffer:
                item = buffer.popleft()
                taken += 1
                if item[0] == "m":
                    metrics.append(list(item[1:]))
                elif item[0] == "p":
                    params.append({"key": item[1], "value": item[2]})
                else:
                    tags.append({"key": item[1], "value": item[2]})
            if not taken:
                continue
            try:
                self._send(
                    {
                        "batch_id": uuid.uuid4().hex,
                        "metric_rows": metrics,
                        "params": params,
                        "tags": tags,
                    }
                )
            except TrackingError as error:
                self._error = error
            with self._progress:
                self._done += taken
                self._progress.notify_all()

    def _send(self, body: dict[str, Any]) -> None:
        payload = json.dumps(body, separators=(",", ":")).encode()
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
                count = len(body["metric_rows"])
                raise TrackingError(
                    f"ML Studio refused {count} points (HTTP {status}): {text[:300]}"
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


class ActiveRun:
    """A run being logged to; a context manager that ends the run (FINISHED, or FAILED when
    the block raised) after sending everything logged in it."""

    def __init__(self, server: tuple[str, str], run: dict[str, Any], owns: bool) -> None:
        self.server = server
        self.info = run
        self.run_id: str = run["run_id"]
        self.owns = owns
        self.tracker = Tracker(server[0], server[1], self.run_id)

    @property
    def artifact_uri(self) -> str:
        return str(self.info.get("artifact_uri", ""))

    def __enter__(self) -> ActiveRun:
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        end_run("FAILED" if kind is not None else "FINISHED", self)

    def __repr__(self) -> str:
        return f"<ActiveRun {self.run_id} ({self.info.get('name')})>"


_active: ActiveRun | None = None
_lock = threading.Lock()


def _server() -> tuple[str, str]:
    url = os.environ.get("MLSTUDIO_URL")
    if url:
        return url, os.environ.get("MLSTUDIO_TOKEN", "")
    try:  # a notebook kernel: the full package finds the server that started it
        from .client.discovery import find_server
    except ImportError as error:  # pragma: no cover - only in a bare container without the package
        raise TrackingError("Set MLSTUDIO_URL and MLSTUDIO_TOKEN to reach ML Studio") from error
    found = find_server()
    return found.url, found.token


def _call(server: tuple[str, str], method: str, path: str, body: Any = None) -> Any:
    import urllib.error
    import urllib.request

    url = f"{server[0].rstrip('/')}/mlstudio/api/v1/{path}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if server[1]:
        request.add_header("Authorization", f"token {server[1]}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            text = response.read()
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace")[:500]
        raise TrackingError(
            f"ML Studio answered {error.code} to {method} {path}: {detail}"
        ) from error
    return json.loads(text) if text else None


def start_run(
    experiment: str | None = None,
    run_name: str | None = None,
    tags: dict[str, str] | None = None,
    params: dict[str, Any] | None = None,
) -> ActiveRun:
    """Start a run in ``experiment`` (made if missing; the Default experiment when None).

    Inside a training job with no experiment named, this is the job's own run.
    """
    global _active
    server = _server()
    job_run = os.environ.get("MLSTUDIO_RUN_ID")
    if job_run and experiment is None:
        run = ActiveRun(server, _call(server, "GET", f"runs/{job_run}"), owns=False)
    else:
        body = {
            "experiment_name": experiment,
            "run_name": run_name,
            "tags": {key: str(value) for key, value in (tags or {}).items()},
            "params": {key: str(value) for key, value in (params or {}).items()},
        }
        run = ActiveRun(server, _call(server, "POST", "runs", body), owns=True)
    with _lock:
        _active = run
    return run


def end_run(status: str = "FINISHED", run: ActiveRun | None = None) -> None:
    """Send what is left and mark the run ended (only runs this process started)."""
    global _active
    target = run or _active
    if target is None:
        return
    try:
        target.tracker.close()
    finally:
        if target.owns:
            _call(target.server, "PATCH", f"runs/{target.run_id}", {"status": status})
        with _lock:
            if _active is target:
                _active = None


def active_run() -> ActiveRun | None:
    """The run logging goes to: the one started here, else the training job's own."""
    global _active
    with _lock:
        if _active is None and os.environ.get("MLSTUDIO_URL") and os.environ.get("MLSTUDIO_RUN_ID"):
            server = (os.environ["MLSTUDIO_URL"], os.environ.get("MLSTUDIO_TOKEN", ""))
            _active = ActiveRun(server, {"run_id": os.environ["MLSTUDIO_RUN_ID"]}, owns=False)
            atexit.register(_active.tracker.close)
        return _active


def _tracker() -> Tracker:
    run = active_run()
    if run is None:
        raise TrackingError(
            "No active ML Studio run: call tracking.start_run() first (inside a training job the "
            "job's own run is active)."
        )
    return run.tracker


def log_metric(
    key: str, value: float, step: int | None = None, timestamp: int | None = None
) -> None:
    """Log one point to the active run."""
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
    run = _active
    if run is not None:
        run.tracker.flush(timeout)


def log_artifact(local_path: str, artifact_path: str | None = None) -> str:
    """Upload a file into the active run's artifacts; returns its path there."""
    run = active_run()
    if run is None:
        raise TrackingError("No active ML Studio run: call tracking.start_run() first")
    if not run.artifact_uri:
        run.info = _call(run.server, "GET", f"runs/{run.run_id}")
    root = run.artifact_uri
    if not root.startswith("mlflow-artifacts:"):
        raise TrackingError(f"Run {run.run_id} keeps its artifacts at {root}, outside ML Studio")
    name = os.path.basename(local_path)
    relative = "/".join(part.strip("/") for part in (artifact_path or "", name) if part)
    target = root[len("mlflow-artifacts:") :].lstrip("/") + "/" + relative
    url = urlsplit(run.server[0])
    kind = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    connection = kind(url.netloc, timeout=300)
    headers = {"Content-Length": str(os.path.getsize(local_path))}
    if run.server[1]:
        headers["Authorization"] = f"token {run.server[1]}"
    path = (
        f"{url.path.rstrip('/')}/mlstudio/mlflow/api/2.0/mlflow-artifacts/artifacts/{quote(target)}"
    )
    with open(local_path, "rb") as body:
        connection.request("PUT", path, body=body, headers=headers)
        response = connection.getresponse()
        detail = response.read().decode("utf-8", "replace")
    connection.close()
    if response.status >= 300:
        raise TrackingError(f"Uploading {local_path} failed ({response.status}): {detail[:300]}")
    return relative


def log_artifacts(local_dir: str, artifact_path: str | None = None) -> list[str]:
    """Upload every file below ``local_dir``, keeping relative paths."""
    uploaded = []
    for root, _dirs, files in os.walk(local_dir):
        for name in sorted(files):
            relative_dir = os.path.relpath(root, local_dir)
            inside = "/".join(
                part
                for part in (artifact_path, None if relative_dir == "." else relative_dir)
                if part
            )
            uploaded.append(log_artifact(os.path.join(root, name), inside or None))
    return uploaded
