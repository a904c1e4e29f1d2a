"""Records in, outputs out: splitting an input object into requests (``SplitType``,
``BatchStrategy``, ``MaxPayloadInMB``), and turning responses into output records
(``DataProcessing``'s filters and join, ``AssembleWith``).

Plain functions over bytes; the runner does the I/O.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ...core.errors import InvalidInput
from .jsonpath import JsonPath, PathError
from .models import CreateTransformJobRequest

MB = 1024 * 1024
CSV_TYPES = frozenset({"text/csv"})
JSON_TYPES = frozenset({"application/json", "application/jsonlines", "application/json-lines"})


class RecordError(Exception):
    """A record or a response the job cannot go on with; the message is the failure reason."""


def media_type(header: str | None) -> str:
    return (header or "").split(";", 1)[0].strip().lower()


def record_format(content_type: str | None) -> str:
    """``csv``, ``json`` or ``raw``: how records of ``content_type`` are filtered and joined."""
    kind = media_type(content_type)
    if kind in CSV_TYPES:
        return "csv"
    if kind in JSON_TYPES:
        return "json"
    return "raw"


def split_lines(lines: Iterable[bytes]) -> Iterator[bytes]:
    """``SplitType=Line``: one record per line, without its line ending; empty lines skipped."""
    for line in lines:
        record = line.rstrip(b"\r\n")
        if record.strip():
            yield record


def batches(records: Iterable[bytes], strategy: str, max_bytes: int) -> Iterator[list[bytes]]:
    """Records grouped into requests: one each (``SingleRecord``), or as many as fit in
    ``max_bytes`` joined by newlines (``MultiRecord``). A record larger than ``max_bytes``
    fails the job, as on SageMaker."""
    batch: list[bytes] = []
    size = 0
    for record in records:
        if len(record) > max_bytes:
            raise RecordError(
                f"A record of {len(record)} bytes is larger than MaxPayloadInMB "
                f"({max_bytes // MB} MB)"
            )
        if strategy == "SingleRecord":
            yield [record]
            continue
        extra = len(record) + (1 if batch else 0)
        if batch and size + extra > max_bytes:
            yield batch
            batch, size = [], 0
            extra = len(record)
        batch.append(record)
        size += extra
    if batch:
        yield batch


def request_body(batch: list[bytes]) -> bytes:
    return b"\n".join(batch)


def _csv_fields(record: bytes) -> list[str]:
    try:
        rows = list(csv.reader(io.StringIO(record.decode("utf-8"))))
    except (UnicodeDecodeError, csv.Error) as error:
        raise RecordError(f"A CSV record could not be read: {error}") from error
    return rows[0] if rows else []


def _csv_line(value: Any) -> bytes:
    buffer = io.StringIO()
    row = value if isinstance(value, list) else [value]
    csv.writer(buffer, lineterminator="").writerow(
        [json.dumps(item) if isinstance(item, (dict, list)) else item for item in row]
    )
    return buffer.getvalue().encode()


def _json_value(record: bytes) -> Any:
    try:
        return json.loads(record)
    except (ValueError, UnicodeDecodeError) as error:
        raise RecordError(f"A JSON record could not be read: {error}: {record[:200]!r}") from error


@dataclass
class Processing:
    """``DataProcessing`` and ``AssembleWith`` of one job."""

    input_format: str
    input_filter: JsonPath
    output_filter: JsonPath
    join: bool
    assemble_lines: bool

    @classmethod
    def of(cls, request: CreateTransformJobRequest) -> Processing:
        """The job's processing; ``InvalidInput`` for a combination SageMaker refuses."""
        settings = request.data_processing
        processing = cls(
            input_format=record_format(request.transform_input.content_type),
            input_filter=JsonPath(settings.input_filter if settings else "$"),
            output_filter=JsonPath(settings.output_filter if settings else "$"),
            join=bool(settings and settings.join_source == "Input"),
            assemble_lines=request.transform_output.assemble_with == "Line",
        )
        if processing.per_record:
            if processing.input_format == "raw":
                raise InvalidInput(
                    "DataProcessing needs CSV (text/csv) or JSON input: set "
                    "TransformInput.ContentType",
                    field="TransformInput.ContentType",
                )
            if request.transform_input.split_type != "Line":
                raise InvalidInput(
                    "DataProcessing filters and joins work on records: set "
                    "TransformInput.SplitType to Line",
                    field="TransformInput.SplitType",
                )
        return processing

    @property
    def per_record(self) -> bool:
        """Whether outputs must be matched to their input records."""
        return self.join or not self.input_filter.identity or not self.output_filter.identity

    # -- input -----------------------------------------------------------------------------

    def filter_input(self, record: bytes) -> bytes:
        """``InputFilter`` applied to one record (as sent to the model)."""
        if self.input_filter.identity:
            return record
        try:
            if self.input_format == "csv":
                return _csv_line(self.input_filter.select(_csv_fields(record)))
            return json.dumps(self.input_filter.select(_json_value(record))).encode()
        except PathError as error:
            raise RecordError(
                f"InputFilter {self.input_filter.expression}: {error} ({record[:200]!r})"
            ) from error

    # -- output ----------------------------------------------------------------------------

    def outputs(self, inputs: list[bytes], response: bytes, content_type: str) -> bytes:
        """What one request adds to its output object."""
        if not self.per_record:
            if not self.assemble_lines:
                return response
            return response.rstrip(b"\r\n") + b"\n" if response else b""
        results = split_response(response, content_type, len(inputs))
        separator = b"\n" if self.assemble_lines else b""
        return b"".join(
            self._record(source, result, content_type) + separator
            for source, result in zip(inputs, results, strict=True)
        )

    def _record(self, source: bytes, result: bytes, content_type: str) -> bytes:
        output_format = record_format(content_type)
        try:
            if self.input_format == "csv":
                value: Any = _csv_fields(result) if output_format != "json" else _json_value(result)
                if self.join:
                    extra = value if isinstance(value, list) else [value]
                    value = _csv_fields(source) + extra
                return _csv_line(self.output_filter.select(value))
            output: Any = _json_value(result) if output_format == "json" else result.decode("utf-8")
            if self.join:
                original = _json_value(source)
                if isinstance(original, dict):
                    output = {**original, "SageMakerOutput": output}
                else:
                    output = {"SageMakerInput": original, "SageMakerOutput": output}
            return json.dumps(self.output_filter.select(output)).encode()
        except PathError as error:
            raise RecordError(
                f"OutputFilter {self.output_filter.expression}: {error} ({source[:200]!r})"
            ) from error
        except UnicodeDecodeError as error:
            raise RecordError(f"The model's output is not text: {error}") from error


def split_response(response: bytes, content_type: str, count: int) -> list[bytes]:
    """One output per input record: the response's lines, or the items of a JSON array."""
    lines = [line for line in response.splitlines() if line.strip()]
    if len(lines) == count:
        return lines
    if record_format(content_type) == "json" or response.lstrip().startswith(b"["):
        try:
            value = json.loads(response)
        except (ValueError, UnicodeDecodeError):
            value = None
        if isinstance(value, list) and len(value) == count:
            return [json.dumps(item).encode() for item in value]
    raise RecordError(
        f"The model answered {len(lines)} line(s) for {count} record(s): joining and filtering "
        "need one output per input record"
    )
