"""``POST /mlstudio/mlflow/v1/traces``: spans sent by OpenTelemetry's OTLP exporter (the mlflow
client's ``log_spans`` and any OTLP/HTTP tracer), protobuf or JSON, into an experiment named by
the ``X-Mlflow-Experiment-Id`` header."""

from __future__ import annotations

import functools
from typing import Any

import anyio.to_thread
from tornado import web

from ..core.errors import InvalidInput
from ..tracing.otlp import PROTOBUF, empty_response, parse_request
from .base import MlflowBase
from .tracking import DEFAULT_EXPERIMENT_ID

EXPERIMENT_HEADER = "X-Mlflow-Experiment-Id"
#: The largest export request read (a batch of spans with their inputs and outputs).
MAX_BODY_BYTES = 64 * 1024 * 1024


class OtlpTracesHandler(MlflowBase):
    """``POST /mlstudio/mlflow/v1/traces``: OTLP/HTTP span export into an experiment."""

    @web.authenticated
    async def post(self) -> None:
        await self.authorize("mlstudio:experiments", "write")
        experiment_id = self.request.headers.get(EXPERIMENT_HEADER, "").strip()
        if not experiment_id:
            raise InvalidInput(f"The {EXPERIMENT_HEADER} header names the experiment")
        if len(self.request.body) > MAX_BODY_BYTES:
            raise InvalidInput(f"An export request is at most {MAX_BODY_BYTES} bytes")
        content_type = self.request.headers.get("Content-Type", "")
        spans = parse_request(self.request.body, content_type)
        await anyio.to_thread.run_sync(
            functools.partial(self._keep, self.services, self.context(), experiment_id, spans)
        )
        if content_type.split(";")[0].strip().lower() == PROTOBUF:
            self.set_header("Content-Type", PROTOBUF)
            self.finish(empty_response())
        else:
            self.set_header("Content-Type", "application/json")
            self.finish("{}")

    @staticmethod
    def _keep(services: Any, context: Any, experiment_id: str, spans: list[Any]) -> None:
        if experiment_id == DEFAULT_EXPERIMENT_ID:
            experiment_id = services.experiments.default_experiment(context).experiment_id
        services.traces.log_spans(context, experiment_id, spans)
