"""Metric series made small enough to draw, keeping what the eye needs."""

from __future__ import annotations

import math
from collections.abc import Sequence


def kept_indices(values: Sequence[float], budget: int) -> list[int]:
    """Indices of at most about ``budget`` values: each bucket's first, lowest and highest
    finite value, and the last one, so spikes and the end of the curve survive."""
    finite = [index for index, value in enumerate(values) if math.isfinite(value)]
    if len(finite) <= budget:
        return finite
    buckets = max(1, budget // 3)
    size = len(finite) / buckets
    kept: set[int] = set()
    for bucket in range(buckets):
        members = finite[int(bucket * size) : int((bucket + 1) * size)]
        if members:
            kept.update(
                (
                    members[0],
                    min(members, key=values.__getitem__),
                    max(members, key=values.__getitem__),
                )
            )
    kept.add(finite[-1])
    return sorted(kept)


def downsample(points: Sequence[tuple[float, float]], budget: int) -> list[tuple[float, float]]:
    """``(x, y)`` points thinned by :func:`kept_indices`."""
    return [points[index] for index in kept_indices([y for _, y in points], budget)]
