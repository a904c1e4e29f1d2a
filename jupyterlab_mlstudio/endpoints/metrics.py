"""What a variant served, second by second: invocations, errors and latencies.

The router records every invocation here on the event loop (an append to the current second's
bucket: no lock, no allocation beyond the sample); the autoscaler reads invocation counts over
a window and the UI reads per-second series with p50 and p99 latency. Ten minutes are kept.
"""

from __future__ import annotations

import math
import random
import time
from collections import deque
from dataclasses import dataclass, field

#: Seconds of history kept per variant.
HISTORY_SECONDS = 600
#: Latency samples kept per second (a uniform reservoir beyond that).
SAMPLES_PER_SECOND = 512


@dataclass
class Bucket:
    """One second of one variant."""

    second: int
    invocations: int = 0
    model_errors: int = 0
    other_errors: int = 0
    latencies: list[float] = field(default_factory=list)

    def add(self, latency_ms: float) -> None:
        samples = self.latencies
        if len(samples) < SAMPLES_PER_SECOND:
            samples.append(latency_ms)
        else:
            slot = random.randrange(self.invocations)
            if slot < SAMPLES_PER_SECOND:
                samples[slot] = latency_ms


def percentile(values: list[float], fraction: float) -> float | None:
    """The nearest-rank percentile of ``values`` (``None`` when there are none)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class SecondPoint:
    """One second of a variant's series."""

    time_ms: int
    invocations: int
    errors: int
    p50_ms: float | None
    p99_ms: float | None


class VariantMetrics:
    """The rolling per-second record of one variant."""

    def __init__(self) -> None:
        self._buckets: deque[Bucket] = deque(maxlen=HISTORY_SECONDS)
        self.total_invocations = 0
        self.total_errors = 0

    def _bucket(self, second: int) -> Bucket:
        buckets = self._buckets
        if not buckets or buckets[-1].second != second:
            buckets.append(Bucket(second))
        return buckets[-1]

    def record(self, latency_ms: float, *, model_error: bool = False, error: bool = False) -> None:
        """One invocation that got an answer (``model_error``: the model's own error status;
        ``error``: the router's, e.g. no instance answered)."""
        bucket = self._bucket(int(time.time()))
        bucket.invocations += 1
        self.total_invocations += 1
        if model_error:
            bucket.model_errors += 1
        if error:
            bucket.other_errors += 1
        if model_error or error:
            self.total_errors += 1
        bucket.add(latency_ms)

    def invocations_since(self, since_second: int) -> int:
        """Invocations counted in seconds ``>= since_second``."""
        return sum(
            bucket.invocations for bucket in list(self._buckets) if bucket.second >= since_second
        )

    def series(self, seconds: int) -> list[SecondPoint]:
        """The last ``seconds`` seconds (the current one included), one point each; seconds
        with no invocation count zero."""
        now = int(time.time())
        first = now - seconds + 1
        by_second = {
            bucket.second: bucket for bucket in list(self._buckets) if bucket.second >= first
        }
        points = []
        for second in range(first, now + 1):
            bucket = by_second.get(second)
            if bucket is None:
                points.append(SecondPoint(second * 1000, 0, 0, None, None))
                continue
            samples = list(bucket.latencies)
            points.append(
                SecondPoint(
                    second * 1000,
                    bucket.invocations,
                    bucket.model_errors + bucket.other_errors,
                    percentile(samples, 0.5),
                    percentile(samples, 0.99),
                )
            )
        return points
