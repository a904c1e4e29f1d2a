"""The data side of a transform job: which objects, which requests, which outputs.

``TransformWork`` lists the input objects, hands each to one instance (objects are spread
round-robin, as SageMaker spreads them), and runs ``MaxConcurrentTransforms`` lanes per
instance. A lane takes the next batch of records of its instance's current object, sends it,
and files the answer; answers are written to the object's output in input order whatever
order they came back in, and the output object (``<S3OutputPath>/<input>.out``) is uploaded
once its last batch is written. The first failure stops every lane and becomes the job's
failure reason.
"""

from __future__ import annotations

import gzip
import http.client
import io
import json
import tempfile
import threading
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any
from urllib.parse import urlsplit

from ...objects import ObjectStores
from ...objects.router import join_uri
from ...training.staging import read_manifest
from .models import CreateTransformJobRequest
from .records import MB, Processing, RecordError, batches, request_body, split_lines


class TransformFailed(Exception):
    """The job cannot finish; the message is its failure reason."""


@dataclass(frozen=True)
class Settings:
    """How requests are made: resolved from the request and the model's execution
    parameters."""

    strategy: str
    max_payload_bytes: int
    concurrency: int
    timeout: float
    retries: int
    content_type: str | None
    accept: str | None


def input_objects(
    objects: ObjectStores, request: CreateTransformJobRequest
) -> list[tuple[str, str]]:
    """(object URI, name relative to the input) of every input object, in key order."""
    source = request.transform_input.data_source.s3_data_source
    if source.s3_data_type == "ManifestFile":
        return read_manifest(objects, source.s3_uri)
    base = source.s3_uri
    entries = []
    for info in objects.list(base):
        relative = info.uri[len(base) :].lstrip("/") or info.uri.rsplit("/", 1)[-1]
        entries.append((info.uri, relative))
    return entries


@dataclass
class ObjectJob:
    """One input object on its way to its output."""

    uri: str
    relative: str
    output_uri: str
    instance: int
    batches: Iterator[tuple[list[bytes], list[bytes]]] | None = None
    stream: Any = None
    next_index: int = 0
    written_index: int = 0
    exhausted: bool = False
    pending: dict[int, bytes] = field(default_factory=dict)
    output: IO[bytes] | None = None
    records: int = 0
    finished: bool = False


class Connection:
    """A kept-alive HTTP connection of one lane to one unit."""

    def __init__(self, url: str, timeout: float) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port
        self.timeout = timeout
        self.connection: http.client.HTTPConnection | None = None

    def post(self, body: bytes, headers: dict[str, str]) -> tuple[int, bytes, str]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self.connection.request("POST", "/invocations", body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        if response.getheader("connection", "").lower() == "close":
            self.close()
        return response.status, data, response.getheader("content-type", "")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class TransformWork:
    """Runs the requests of one job over its units; ``run()`` returns when all outputs are
    written, raises ``TransformFailed`` with the reason, or returns early when stopped."""

    def __init__(
        self,
        *,
        objects: ObjectStores,
        request: CreateTransformJobRequest,
        processing: Processing,
        settings: Settings,
        urls: list[str],
        done: set[str],
        on_object: Callable[[str, int], None],
        stopped: Callable[[], bool],
        unit_failure: Callable[[int], str | None],
    ) -> None:
        self.objects = objects
        self.request = request
        self.processing = processing
        self.settings = settings
        self.urls = urls
        self.done = done
        self.on_object = on_object
        self.stopped = stopped
        self.unit_failure = unit_failure
        self.lock = threading.Lock()
        self.queues: list[list[ObjectJob]] = [[] for _ in urls]
        self.failure: str | None = None
        self.requests = 0

    def plan(self, entries: list[tuple[str, str]]) -> int:
        """Spread the objects not done yet over the instances; returns how many there are."""
        output_path = self.request.transform_output.s3_output_path
        count = 0
        for uri, relative in entries:
            if relative in self.done:
                continue
            instance = count % len(self.urls)
            self.queues[instance].append(
                ObjectJob(uri, relative, join_uri(output_path, f"{relative}.out"), instance)
            )
            count += 1
        return count

    # -- reading ---------------------------------------------------------------------------

    def _open(self, job: ObjectJob) -> None:
        stream = self.objects.open_read(job.uri)
        raw = stream.__enter__()
        job.stream = stream
        reader: Any = raw
        if self.request.transform_input.compression_type == "Gzip":
            reader = gzip.GzipFile(fileobj=raw)
        job.output = tempfile.TemporaryFile()  # noqa: SIM115 (closed when the object ends)
        job.batches = self._batches(job, reader)

    def _batches(self, job: ObjectJob, reader: Any) -> Iterator[tuple[list[bytes], list[bytes]]]:
        """(records as read, records as sent) per request."""
        limit = self.settings.max_payload_bytes
        if self.request.transform_input.split_type != "Line":
            data = reader.read(limit + 1)
            if len(data) > limit:
                raise RecordError(
                    f"{job.relative} is larger than MaxPayloadInMB ({limit // MB} MB): set "
                    "SplitType to Line to send it in parts"
                )
            yield [data], [data]
            return
        lines = split_lines(io.BufferedReader(reader) if not hasattr(reader, "peek") else reader)
        filtered = ((record, self.processing.filter_input(record)) for record in lines)
        pairs: dict[int, bytes] = {}

        def sent() -> Iterator[bytes]:
            for index, (record, outgoing) in enumerate(filtered):
                pairs[index] = record
                yield outgoing

        first = 0
        for batch in batches(sent(), self.settings.strategy, limit):
            originals = [pairs.pop(first + offset) for offset in range(len(batch))]
            first += len(batch)
            yield originals, batch

    def _next(self, instance: int) -> tuple[ObjectJob, int, list[bytes], list[bytes]] | None:
        """The next batch for a lane of ``instance``, under the lock."""
        for job in self.queues[instance]:
            if job.exhausted:
                continue
            if job.batches is None:
                self._open(job)
            assert job.batches is not None
            try:
                originals, batch = next(job.batches)
            except StopIteration:
                job.exhausted = True
                self._maybe_finish(job)
                continue
            index = job.next_index
            job.next_index += 1
            return job, index, originals, batch
        return None

    # -- writing ---------------------------------------------------------------------------

    def _file(self, job: ObjectJob, index: int, output: bytes, records: int) -> None:
        """Keep an answer; write every answer that is next in order (under the lock)."""
        job.pending[index] = output
        job.records += records
        assert job.output is not None
        while job.written_index in job.pending:
            job.output.write(job.pending.pop(job.written_index))
            job.written_index += 1
        self._maybe_finish(job)

    def _maybe_finish(self, job: ObjectJob) -> None:
        if job.finished or not job.exhausted or job.written_index < job.next_index:
            return
        job.finished = True
        if job.stream is not None:
            job.stream.__exit__(None, None, None)
        assert job.output is not None
        job.output.seek(0)
        self.objects.write(job.output_uri, job.output)  # type: ignore[arg-type]
        job.output.close()
        self.done.add(job.relative)
        self.on_object(job.relative, job.records)

    # -- requests --------------------------------------------------------------------------

    def _invoke(self, connection: Connection, instance: int, body: bytes) -> tuple[bytes, str]:
        headers = {"Content-Type": self.settings.content_type or "application/octet-stream"}
        if self.settings.accept:
            headers["Accept"] = self.settings.accept
        last = ""
        for _attempt in range(self.settings.retries + 1):
            if self.stopped() or self.failure:
                raise _Halt()
            try:
                status, data, kind = connection.post(body, headers)
            except (OSError, http.client.HTTPException) as error:
                dead = self.unit_failure(instance)
                if dead:
                    raise TransformFailed(dead) from error
                last = f"the request failed: {error}"
                continue
            if 200 <= status < 300:
                return data, kind
            text = data.decode("utf-8", "replace").strip()[:800]
            last = f"the model answered {status}: {text}"
            if status < 500:
                break
        raise TransformFailed(f"ClientError: {last}")

    def _lane(self, instance: int) -> None:
        connection = Connection(self.urls[instance], self.settings.timeout)
        try:
            while True:
                with self.lock:
                    if self.failure or self.stopped():
                        return
                    picked = self._next(instance)
                if picked is None:
                    return
                job, index, originals, batch = picked
                data, kind = self._invoke(connection, instance, request_body(batch))
                output = self.processing.outputs(
                    originals, data, kind or self.settings.accept or ""
                )
                with self.lock:
                    self.requests += 1
                    self._file(job, index, output, len(originals))
        except _Halt:
            return
        except (TransformFailed, RecordError) as error:
            self._fail(
                str(error) if isinstance(error, TransformFailed) else f"ClientError: {error}"
            )
        except Exception as error:
            self._fail(f"InternalServerError: {type(error).__name__}: {error}")
        finally:
            connection.close()

    def _fail(self, reason: str) -> None:
        with self.lock:
            if self.failure is None:
                self.failure = reason

    def run(self) -> None:
        lanes = [
            threading.Thread(
                target=self._lane, args=(instance,), name=f"transform-lane-{instance}", daemon=True
            )
            for instance in range(len(self.urls))
            for _ in range(self.settings.concurrency)
        ]
        for lane in lanes:
            lane.start()
        for lane in lanes:
            lane.join()
        self._close_all()
        if self.failure:
            raise TransformFailed(self.failure)

    def _close_all(self) -> None:
        for queue in self.queues:
            for job in queue:
                if not job.finished:
                    if job.stream is not None:
                        job.stream.__exit__(None, None, None)
                    if job.output is not None:
                        job.output.close()


class _Halt(Exception):
    """A lane leaves because the job stopped or failed elsewhere."""


def execution_parameters(unit_url: str) -> dict[str, Any]:
    """What the model says of itself (``GET /execution-parameters`` of a unit), if anything."""
    try:
        with urllib.request.urlopen(unit_url + "/execution-parameters", timeout=5) as answer:
            value = json.loads(answer.read())
        return value if isinstance(value, dict) else {}
    except (OSError, ValueError):
        return {}


def settings_for(request: CreateTransformJobRequest, unit_url: str) -> Settings:
    """How the job's data is sent: the request's own settings, else what the model at
    ``unit_url`` asks for, else SageMaker's defaults."""
    asked = {}
    if (
        not request.max_concurrent_transforms
        or request.batch_strategy is None
        or request.max_payload_in_mb is None
    ):
        asked = execution_parameters(unit_url)
    strategy = request.batch_strategy or {
        "MULTI_RECORD": "MultiRecord",
        "SINGLE_RECORD": "SingleRecord",
    }.get(str(asked.get("BatchStrategy", "")).upper(), "SingleRecord")
    payload = request.max_payload_in_mb
    if payload is None:
        payload = int(asked.get("MaxPayloadInMB") or 6)
    concurrency = request.max_concurrent_transforms or int(
        asked.get("MaxConcurrentTransforms") or 1
    )
    client = request.model_client_config
    return Settings(
        strategy=strategy,
        max_payload_bytes=(payload or 100) * MB,
        concurrency=max(1, min(concurrency, 64)),
        timeout=float(client.invocations_timeout_in_seconds if client else 600),
        retries=client.invocations_max_retries if client else 3,
        content_type=request.transform_input.content_type,
        accept=request.transform_output.accept,
    )
