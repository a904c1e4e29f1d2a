"""Data capture: sampled requests and responses as JSON Lines in the object store.

The router hands each sampled invocation to ``CaptureWriter.submit`` (a queue append); a
thread encodes them and writes one object per endpoint, variant and hour of inference time
every ``flush_seconds`` (or sooner when many are waiting), in SageMaker's layout::

    <DestinationS3Uri>/<EndpointName>/<VariantName>/<yyyy>/<mm>/<dd>/<hh>/<mm>-<ss>-<mmm>-<uuid>.jsonl

Each line is ``{"captureData": {"endpointInput": ..., "endpointOutput": ...},
"eventMetadata": {"eventId", "inferenceId"?, "inferenceTime"}, "eventVersion": "0"}``, the data
as text where the content type is listed as CSV or JSON, base64 otherwise (as SageMaker).
"""

from __future__ import annotations

import base64
import json
import logging
import queue
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone

from ..objects import ObjectStores
from ..objects.router import join_uri
from .fleet import CaptureSettings
from .models import DataCaptureConfig

log = logging.getLogger(__name__)

#: Records buffered before a write is due whatever the time.
FLUSH_RECORDS = 1000


def settings_of(config: DataCaptureConfig | None) -> CaptureSettings | None:
    """What the request path needs of a config; ``None`` when nothing is captured."""
    if config is None or not config.enable_capture or config.initial_sampling_percentage <= 0:
        return None
    header = config.capture_content_type_header
    return CaptureSettings(
        destination=config.destination_s3_uri,
        fraction=config.initial_sampling_percentage / 100.0,
        inputs=config.captures("Input"),
        outputs=config.captures("Output"),
        csv_types=frozenset(header.csv_content_types) if header else frozenset(),
        json_types=frozenset(header.json_content_types) if header else frozenset(),
    )


@dataclass(frozen=True)
class Captured:
    """One sampled invocation, as the router saw it."""

    settings: CaptureSettings
    endpoint: str
    variant: str
    time: float
    request_type: str
    request: bytes
    response_type: str
    response: bytes
    inference_id: str | None


def _payload(
    settings: CaptureSettings, content_type: str, data: bytes, mode: str
) -> dict[str, str]:
    kind = content_type.split(";", 1)[0].strip()
    if kind in settings.csv_types or kind in settings.json_types:
        encoding = "CSV" if kind in settings.csv_types else "JSON"
        text = data.decode("utf-8", "replace")
    else:
        encoding, text = "BASE64", base64.b64encode(data).decode("ascii")
    return {"observedContentType": content_type, "mode": mode, "data": text, "encoding": encoding}


def capture_line(item: Captured) -> str:
    """The JSON Lines record of one invocation."""
    data: dict[str, object] = {}
    if item.settings.inputs:
        data["endpointInput"] = _payload(item.settings, item.request_type, item.request, "INPUT")
    if item.settings.outputs:
        data["endpointOutput"] = _payload(
            item.settings, item.response_type, item.response, "OUTPUT"
        )
    moment = datetime.fromtimestamp(item.time, tz=timezone.utc)
    metadata = {"eventId": str(uuid.uuid4())}
    if item.inference_id:
        metadata["inferenceId"] = item.inference_id
    metadata["inferenceTime"] = (
        moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )
    return json.dumps(
        {"captureData": data, "eventMetadata": metadata, "eventVersion": "0"},
        separators=(",", ":"),
    )


def object_uri(destination: str, endpoint: str, variant: str, moment: float) -> str:
    """Where a file of captures made at ``moment`` goes."""
    when = datetime.fromtimestamp(moment, tz=timezone.utc)
    name = f"{when:%M-%S}-{when.microsecond // 1000:03d}-{uuid.uuid4()}.jsonl"
    return join_uri(destination, endpoint, variant, f"{when:%Y/%m/%d/%H}", name)


class CaptureWriter:
    """A thread that writes queued captures to the object store, off the request path."""

    def __init__(self, objects: ObjectStores, flush_seconds: float = 10.0) -> None:
        self.objects = objects
        self.flush_seconds = flush_seconds
        self._queue: queue.SimpleQueue[Captured | None] = queue.SimpleQueue()
        self._flush = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.written = 0
        self.failures = 0

    def submit(self, item: Captured) -> None:
        self._idle.clear()
        self._queue.put(item)
        if self._thread is None:
            self._start()

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="mlstudio-data-capture", daemon=True
                )
                self._thread.start()

    def flush(self, timeout: float = 10.0) -> bool:
        """Write everything queued now; True when done within ``timeout`` seconds."""
        if self._thread is None:
            return True
        self._idle.clear()
        self._flush.set()
        self._queue.put(None)
        return self._idle.wait(timeout)

    def _run(self) -> None:
        pending: dict[tuple[str, str, str, int], list[str]] = defaultdict(list)
        count = 0
        due = time.monotonic() + self.flush_seconds
        while True:
            try:
                item = self._queue.get(timeout=max(0.05, due - time.monotonic()))
            except queue.Empty:
                item = None
            if item is not None:
                hour = int(item.time // 3600)
                key = (item.settings.destination, item.endpoint, item.variant, hour)
                try:
                    pending[key].append(capture_line(item))
                    count += 1
                except Exception:
                    log.exception("Could not encode a capture of %s", item.endpoint)
            now = time.monotonic()
            if count >= FLUSH_RECORDS or now >= due or self._flush.is_set():
                self._write(pending)
                pending.clear()
                count = 0
                due = now + self.flush_seconds
                if self._queue.empty():
                    self._flush.clear()
                    self._idle.set()

    def _write(self, pending: dict[tuple[str, str, str, int], list[str]]) -> None:
        for (destination, endpoint, variant, hour), lines in pending.items():
            if not lines:
                continue
            # Inside the hour of its records, so the object lands in their yyyy/mm/dd/hh.
            moment = min(time.time(), hour * 3600 + 3599.999)
            uri = object_uri(destination, endpoint, variant, moment)
            try:
                self.objects.put_bytes(uri, ("\n".join(lines) + "\n").encode())
                self.written += len(lines)
            except Exception:
                self.failures += len(lines)
                log.exception("Could not write %d captures to %s", len(lines), uri)
