"""What the trace service takes and gives: plain data, no wire format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Tags and metadata keys with a meaning here (MLflow's names).
SPANS_LOCATION_TAG = "mlflow.trace.spansLocation"
TRACKING_STORE = "TRACKING_STORE"
ARTIFACT_LOCATION_TAG = "mlflow.artifactLocation"
TRACE_NAME_TAG = "mlflow.traceName"
SOURCE_RUN = "mlflow.sourceRun"
#: The file a client uploads a trace's spans as, below the trace's artifact location.
TRACE_DATA_FILE = "traces.json"
#: Span attributes that hold a span's inputs, outputs and type.
SPAN_INPUTS = "mlflow.spanInputs"
SPAN_OUTPUTS = "mlflow.spanOutputs"
SPAN_TYPE = "mlflow.spanType"

STATES = ("STATE_UNSPECIFIED", "OK", "ERROR", "IN_PROGRESS")


@dataclass
class TraceInfo:
    """A trace without its spans."""

    trace_id: str
    experiment_id: str
    request_time: int
    execution_duration: int | None
    state: str
    client_request_id: str | None = None
    request_preview: str | None = None
    response_preview: str | None = None
    tags: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)
    assessments: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Trace:
    """A trace and its spans (OTLP spans as protobuf JSON dicts), ordered by start time."""

    info: TraceInfo
    spans: list[dict[str, Any]]
