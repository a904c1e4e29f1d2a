"""JSON for every face and event: NaN and the infinities, which JSON lacks, become the strings
``"NaN"``, ``"Infinity"`` and ``"-Infinity"`` (as MLflow writes them).

Standard library only and Python 3.8 syntax: the tracking client, which runs inside job
containers, shares it.
"""

from __future__ import annotations

import json
import math
from typing import Any


def finite_number(value: float) -> Any:
    """``value``, or its string name when it is NaN or infinite."""
    if math.isfinite(value):
        return value
    return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")


def jsonable(payload: Any) -> Any:
    """``payload`` (pydantic models, lists, tuples and dicts of them) as JSON-ready data."""
    dump = getattr(payload, "model_dump", None)
    if dump is not None and not isinstance(payload, type):
        return jsonable(dump(mode="json"))
    if isinstance(payload, float):
        return finite_number(payload)
    if isinstance(payload, (list, tuple)):
        return [jsonable(item) for item in payload]
    if isinstance(payload, dict):
        return {key: jsonable(value) for key, value in payload.items()}
    return payload


def dumps(payload: Any) -> str:
    """``payload`` as JSON text (never the non-standard ``NaN`` literal)."""
    return json.dumps(jsonable(payload), allow_nan=False)
