"""Spans as OpenTelemetry's OTLP export request carries them (``/v1/traces``), in protobuf or in
OTLP's JSON encoding, read into the span dicts the store keeps (protobuf JSON field names, ids as
base64 bytes: what MLflow's ``Trace.spans`` carries on its wire)."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from google.protobuf import json_format
from google.protobuf.message import DecodeError
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)

from ..core.errors import InvalidInput

#: The prefix of an MLflow trace id made from an OTLP trace id.
TRACE_ID_PREFIX = "tr-"
#: The media types the endpoint reads.
PROTOBUF = "application/x-protobuf"
JSON = "application/json"
_ID_FIELDS = ("traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id")


@dataclass(frozen=True)
class Span:
    """One received span: where it belongs and the span itself as stored."""

    trace_id: str
    span_id: str
    parent_span_id: str | None
    name: str
    start_time_ns: int
    end_time_ns: int | None
    content: dict[str, Any]


def _hex(raw: bytes) -> str:
    return raw.hex()


def _hex_ids_to_base64(value: Any) -> Any:
    """OTLP's JSON writes ids as hex; protobuf's JSON mapping reads bytes as base64."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in _ID_FIELDS and isinstance(item, str) and item:
                try:
                    item = base64.b64encode(bytes.fromhex(item)).decode()
                except ValueError as error:
                    raise InvalidInput(f"{key}: {item!r} is not a hex id", field=key) from error
            out[key] = _hex_ids_to_base64(item)
        return out
    if isinstance(value, list):
        return [_hex_ids_to_base64(item) for item in value]
    return value


def parse_request(body: bytes, content_type: str) -> list[Span]:
    """The spans of an OTLP export request body of ``content_type``."""
    media = content_type.split(";")[0].strip().lower()
    request = ExportTraceServiceRequest()
    if media == PROTOBUF:
        try:
            request.ParseFromString(body)
        except DecodeError as error:
            raise InvalidInput("The body is not an OTLP ExportTraceServiceRequest") from error
    elif media == JSON:
        try:
            document = json.loads(body or b"{}")
            json_format.ParseDict(_hex_ids_to_base64(document), request, ignore_unknown_fields=True)
        except (ValueError, json_format.ParseError, binascii.Error) as error:
            raise InvalidInput(f"The body is not OTLP JSON: {error}") from error
    else:
        raise InvalidInput(
            f"Invalid Content-Type: {content_type!r}; send {PROTOBUF} or {JSON}",
            field="Content-Type",
        )
    spans = []
    for resource_spans in request.resource_spans:
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                if len(span.trace_id) != 16 or len(span.span_id) != 8:
                    raise InvalidInput("A span needs a 16-byte trace_id and an 8-byte span_id")
                content = json_format.MessageToDict(span, preserving_proto_field_name=True)
                spans.append(
                    Span(
                        trace_id=TRACE_ID_PREFIX + _hex(span.trace_id),
                        span_id=_hex(span.span_id),
                        parent_span_id=_hex(span.parent_span_id) if span.parent_span_id else None,
                        name=span.name,
                        start_time_ns=span.start_time_unix_nano,
                        end_time_ns=span.end_time_unix_nano or None,
                        content=content,
                    )
                )
    return spans


def empty_response() -> bytes:
    """The body of a successful export: an empty ExportTraceServiceResponse."""
    return ExportTraceServiceResponse().SerializeToString()


def decode_value(value: dict[str, Any]) -> Any:
    """An OTLP ``AnyValue`` (protobuf JSON) as a plain value."""
    if "string_value" in value:
        return value["string_value"]
    if "bool_value" in value:
        return bool(value["bool_value"])
    if "int_value" in value:
        return int(value["int_value"])
    if "double_value" in value:
        return float(value["double_value"])
    if "array_value" in value:
        return [decode_value(item) for item in value["array_value"].get("values", [])]
    if "kvlist_value" in value:
        return {
            item.get("key", ""): decode_value(item.get("value", {}))
            for item in value["kvlist_value"].get("values", [])
        }
    if "bytes_value" in value:
        return value["bytes_value"]
    return None


def encode_value(value: Any) -> dict[str, Any]:
    """A plain value as an OTLP ``AnyValue`` (protobuf JSON)."""
    if isinstance(value, bool):
        return {"bool_value": value}
    if isinstance(value, int):
        return {"int_value": str(value)}
    if isinstance(value, float):
        return {"double_value": value}
    if isinstance(value, list):
        return {"array_value": {"values": [encode_value(item) for item in value]}}
    if isinstance(value, dict):
        return {
            "kvlist_value": {
                "values": [
                    {"key": str(key), "value": encode_value(item)} for key, item in value.items()
                ]
            }
        }
    return {"string_value": "" if value is None else str(value)}


def attribute(span: dict[str, Any], key: str) -> Any:
    """A span attribute's value (``None`` when the span has none of that name)."""
    for item in span.get("attributes", []):
        if item.get("key") == key:
            return decode_value(item.get("value", {}))
    return None
