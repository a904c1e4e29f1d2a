"""The invocation path: pick a variant and a replica, forward, answer as SageMaker does.

Runs on the server's event loop and stays lean: the endpoint comes from the in-memory fleet,
the variant from a weighted draw (or ``TargetVariant``), the replica by fewest outstanding
requests, and the request goes over a pooled, kept-alive connection (:mod:`.upstream`, a small
HTTP/1.1 client on asyncio's protocols).
Metrics are counters in memory; a sampled capture is a queue append. Nothing on this path
touches the database.

A replica that cannot be reached is taken out of rotation at once and the request is tried on
another replica of the same variant (nothing reached the model, so nothing runs twice); the
replica watcher then finds out whether the unit died and restarts it.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .capture import Captured, CaptureWriter
from .fleet import Fleet, LiveEndpoint, LiveVariant, Replica, ReplicaState
from .upstream import Answer, Unreachable, UpstreamPool

log = logging.getLogger(__name__)

#: SageMaker's limit on an invocation's body (botocore's ``BodyBlob`` maximum).
MAX_PAYLOAD_BYTES = 6 * 1024 * 1024
#: Kept-alive connections are dropped before a unit's web server would drop them (5 s).
KEEPALIVE_SECONDS = 3.0
#: Replicas tried for one invocation whose connection failed before an answer.
MAX_ATTEMPTS = 3
_FORWARDED = ("X-Amzn-SageMaker-Custom-Attributes", "X-Amzn-SageMaker-Inference-Id")
#: The unit's answer header passed back to the caller (the client lower-cases names).
_RETURNED = _FORWARDED[0].lower()


class InvocationError(Exception):
    """An invocation refused or failed, in sagemaker-runtime's terms."""

    def __init__(
        self, code: str, message: str, status: int, fields: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status
        self.fields = fields or {}


def validation_error(message: str) -> InvocationError:
    return InvocationError("ValidationError", message, 400)


@dataclass(frozen=True)
class Invocation:
    """One InvokeEndpoint request."""

    body: bytes
    content_type: str | None = None
    accept: str | None = None
    target_variant: str | None = None
    custom_attributes: str | None = None
    inference_id: str | None = None


@dataclass(frozen=True)
class InvocationResult:
    body: bytes
    content_type: str
    variant: str
    custom_attributes: str | None = None


class Router:
    """Routes invocations to the fleet's replicas."""

    def __init__(
        self,
        fleet: Fleet,
        capture: CaptureWriter,
        *,
        timeout_seconds: float = 65.0,
        log_stream_arn: Callable[[LiveEndpoint, Replica], str] | None = None,
        on_unreachable: Callable[[Replica], None] | None = None,
    ) -> None:
        self.fleet = fleet
        self.capture = capture
        self.timeout_seconds = timeout_seconds
        self.log_stream_arn = log_stream_arn or (lambda endpoint, replica: "")
        self.on_unreachable = on_unreachable or (lambda replica: None)
        self._pool: UpstreamPool | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _client(self) -> UpstreamPool:
        # Connections belong to one event loop: a router used from another (tests) starts anew.
        loop = asyncio.get_running_loop()
        if self._pool is None or self._loop is not loop:
            if self._pool is not None:
                self._pool.close()
            self._pool = UpstreamPool(KEEPALIVE_SECONDS)
            self._loop = loop
        return self._pool

    async def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        self._pool = None

    # -- the path --------------------------------------------------------------------------

    def route(self, live: LiveEndpoint, target: str | None) -> LiveVariant:
        if target is not None:
            variant = live.variants.get(target)
            if variant is None:
                raise validation_error(
                    f"The variant(s) [{target}] is/are not valid for endpoint {live.name}."
                )
            return variant
        variant = live.choose()
        if variant is None:
            raise InvocationError(
                "ServiceUnavailable",
                f"Endpoint {live.name} sends no traffic: every variant has weight 0.",
                503,
            )
        return variant

    async def invoke(self, live: LiveEndpoint, call: Invocation) -> InvocationResult:
        """Forward ``call`` to one replica of ``live``; InvocationError for every failure."""
        if len(call.body) > MAX_PAYLOAD_BYTES:
            raise validation_error(
                f"Request payload of {len(call.body)} bytes exceeds the limit of "
                f"{MAX_PAYLOAD_BYTES} bytes (6 MB)."
            )
        variant = self.route(live, call.target_variant)
        started = time.perf_counter()
        headers = {"Content-Type": call.content_type or "application/octet-stream"}
        if call.accept:
            headers["Accept"] = call.accept
        if call.custom_attributes:
            headers[_FORWARDED[0]] = call.custom_attributes
        if call.inference_id:
            headers[_FORWARDED[1]] = call.inference_id
        for name, value in headers.items():
            if "\r" in value or "\n" in value:
                raise validation_error(f"The {name} header holds a line break.")
        attempts = 0
        failed_on: tuple[Replica, ...] = ()
        while True:
            # Another replica first: every kept-alive connection to a unit that just died
            # fails, so trying the same one again would spend the attempts on it.
            replica = variant.pick(failed_on)
            if replica is None or attempts >= MAX_ATTEMPTS:
                variant.metrics.record(_elapsed(started), error=True)
                message = (
                    f"No instance of variant {variant.name} of endpoint {live.name} is in "
                    "service now; failed instances are being restarted."
                )
                live.note_error(variant.name, "ServiceUnavailable", message, 503)
                raise InvocationError("ServiceUnavailable", message, 503)
            attempts += 1
            try:
                answer = await self._forward(replica, call.body, headers)
            except Unreachable as error:
                # Nothing listens: the unit is gone (or going). Out of rotation now; the
                # watcher finds out why and restarts it. Nothing reached the model.
                self._unreachable(live, variant, replica, error)
                failed_on = (*failed_on, replica)
                continue
            except ConnectionError:
                # A kept-alive connection the unit closed, or a unit that died mid-request:
                # try again elsewhere; the watcher looks at the unit meanwhile.
                self.on_unreachable(replica)
                failed_on = (*failed_on, replica)
                continue
            except asyncio.TimeoutError:
                variant.metrics.record(_elapsed(started), model_error=True)
                message = (
                    f"Model of variant {variant.name} did not answer within "
                    f"{self.timeout_seconds:g} s."
                )
                live.note_error(variant.name, "ModelError", message, 408)
                raise InvocationError(
                    "ModelError",
                    message,
                    424,
                    {
                        "OriginalStatusCode": 408,
                        "OriginalMessage": message,
                        "LogStreamArn": self.log_stream_arn(live, replica),
                    },
                ) from None
            break
        elapsed = _elapsed(started)
        status, body = answer.status, answer.body
        content_type = answer.headers.get("content-type", "application/octet-stream")
        if status >= 400:
            variant.metrics.record(elapsed, model_error=True)
            original = body.decode("utf-8", "replace")
            live.note_error(variant.name, "ModelError", original, status)
            raise InvocationError(
                "ModelError",
                f'Received client error ({status}) from primary with message "{original}". '
                f"See {self.log_stream_arn(live, replica)} for more information."
                if status < 500
                else f"Received server error ({status}) from primary with message "
                f'"{original}". See {self.log_stream_arn(live, replica)} for more information.',
                424,
                {
                    "OriginalStatusCode": status,
                    "OriginalMessage": original,
                    "LogStreamArn": self.log_stream_arn(live, replica),
                },
            )
        variant.metrics.record(elapsed)
        settings = variant.capture
        if settings is not None and random.random() < settings.fraction:
            self.capture.submit(
                Captured(
                    settings=settings,
                    endpoint=live.name,
                    variant=variant.name,
                    time=time.time(),
                    request_type=headers["Content-Type"],
                    request=call.body,
                    response_type=content_type,
                    response=body,
                    inference_id=call.inference_id,
                )
            )
        return InvocationResult(
            body=body,
            content_type=content_type,
            variant=variant.name,
            custom_attributes=answer.headers.get(_RETURNED),
        )

    async def _forward(self, replica: Replica, body: bytes, headers: dict[str, str]) -> Answer:
        replica.outstanding += 1
        try:
            return await self._client().post(
                replica.host, replica.port, "/invocations", body, headers, self.timeout_seconds
            )
        finally:
            replica.outstanding -= 1

    def _unreachable(
        self, live: LiveEndpoint, variant: LiveVariant, replica: Replica, error: BaseException
    ) -> None:
        if replica.state is ReplicaState.IN_SERVICE:
            replica.state = ReplicaState.FAILED
            replica.last_error = f"unreachable: {error}"
            replica.restart_at = 0.0
            live.note_error(
                variant.name,
                "InstanceUnreachable",
                f"Instance {replica.instance_id} did not answer ({error}); taken out of rotation.",
            )
            self.on_unreachable(replica)


def _elapsed(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
