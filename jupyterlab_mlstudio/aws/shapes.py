"""Validates requests and shapes responses with botocore's bundled service models.

We never write SageMaker's shapes by hand: botocore ships them, with every member's type,
length, range, pattern and enum. Requests are checked against the input shape and converted
(timestamps to datetimes, blobs to bytes); responses are reduced to the output shape's members
and serialized the way the JSON 1.1 protocol expects (timestamps as epoch seconds).
"""

from __future__ import annotations

import base64
import functools
import math
from datetime import datetime, timezone
from enum import Enum
from typing import Any

import botocore.session
import regex
from botocore.model import ServiceModel, Shape

from ..core.clock import parse_iso8601
from ..core.models import INT64_MAX, INT64_MIN

#: Enums this server widens: instance types come from its own catalogue (``local``,
#: ``local_gpu`` and any configured profile), which checks them with its own messages.
OPEN_ENUMS = frozenset(
    {
        "TrainingInstanceType",
        "ProcessingInstanceType",
        "TransformInstanceType",
        "ProductionVariantInstanceType",
        "AppInstanceType",
    }
)


#: SageMaker's URI patterns allow s3:// and https:// only; this server's object store also
#: serves file:// (the embedded default), so its face accepts that scheme too.
_S3_PATTERN_PREFIX = "(https|s3)://"


def _widened(pattern: str) -> str:
    if pattern.startswith(_S3_PATTERN_PREFIX):
        return f"(?:{pattern}|file:///.*)"
    return pattern


#: How long a member's value may take to match its pattern, tried once more with the longer
#: bound when the first runs out. Wall-clock time, which a busy host can spend elsewhere (a
#: six-letter name once ran out of one second in CI): generous enough that a loaded host never
#: refuses a valid name, short enough to bound a crafted one (the value's length is checked
#: first, and a value over its limit is not matched at all).
PATTERN_SECONDS = (1.0, 5.0)


class ShapeError(Exception):
    """A request that does not fit its shape; ``message`` reads like SageMaker's own."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@functools.cache
def service_model(name: str) -> ServiceModel:
    """botocore's model of service ``name`` (``sagemaker``, ``logs``)."""
    return botocore.session.get_session().get_service_model(name)


@functools.cache
def _pattern(expression: str) -> Any:
    """A botocore pattern compiled, or ``None`` for the few no Python engine reads (UTF-16
    surrogate ranges). They are written for Java's engine (``\\p{L}`` and the like), which
    the regex package reads and Python's re does not."""
    try:
        return regex.compile(expression, regex.DOTALL | regex.VERSION0)
    except regex.error:
        return None


def _matches(expression: str, value: str) -> bool:
    """Whether ``value`` satisfies a botocore pattern; matching is bounded in time (a value
    that takes longer does not satisfy it) and leaves the GIL to other threads."""
    compiled = _pattern(expression)
    if compiled is None:
        return True
    for seconds in PATTERN_SECONDS:
        try:
            return compiled.fullmatch(value, concurrent=True, timeout=seconds) is not None
        except TimeoutError:
            continue
    return False


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 100 else text[:97] + "..."


class _Validator:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, value: Any, path: str, constraint: str) -> None:
        shown = "null" if value is None else f"'{_shown(value)}'"
        self.errors.append(f"Value {shown} at '{path}' failed to satisfy constraint: {constraint}")

    def check(self, shape: Shape, value: Any, path: str) -> Any:
        kind = shape.type_name
        method = getattr(self, f"_{kind}", None)
        if method is None:
            return value
        return method(shape, value, path)

    def _structure(self, shape: Any, value: Any, path: str) -> Any:
        if not isinstance(value, dict):
            self.fail(value, path or "body", "Member must be a structure")
            return None
        result: dict[str, Any] = {}
        members = shape.members
        for name in value:
            if name not in members:
                where = f"{path}.{_camel(name)}" if path else _camel(name)
                self.errors.append(
                    f"Unknown parameter '{where}': the request shape has no member {name}"
                )
        for name in shape.required_members:
            if value.get(name) is None:
                where = f"{path}.{_camel(name)}" if path else _camel(name)
                self.fail(None, where, "Member must not be null")
        for name, member in members.items():
            if name in value and value[name] is not None:
                where = f"{path}.{_camel(name)}" if path else _camel(name)
                result[name] = self.check(member, value[name], where)
        return result

    def _list(self, shape: Any, value: Any, path: str) -> Any:
        if not isinstance(value, list):
            self.fail(value, path, "Member must be a list")
            return None
        self._length(shape, len(value), value, path, "Member must have length")
        return [
            self.check(shape.member, item, f"{path}.{index + 1}.member")
            for index, item in enumerate(value)
        ]

    def _map(self, shape: Any, value: Any, path: str) -> Any:
        if not isinstance(value, dict):
            self.fail(value, path, "Member must be a map")
            return None
        self._length(shape, len(value), value, path, "Member must have length")
        result = {}
        for key, item in value.items():
            checked_key = self.check(shape.key, key, f"{path}.key")
            result[checked_key] = self.check(shape.value, item, f"{path}.{key}")
        return result

    def _string(self, shape: Any, value: Any, path: str) -> Any:
        if not isinstance(value, str):
            self.fail(value, path, "Member must be a string")
            return None
        failures = len(self.errors)
        self._length(shape, len(value), value, path, "Member must have length")
        enum = shape.enum
        if enum and value not in enum and shape.name not in OPEN_ENUMS:
            self.fail(value, path, f"Member must satisfy enum value set: [{', '.join(enum)}]")
        pattern = _widened(shape.metadata.get("pattern") or "")
        if pattern and len(self.errors) == failures and not _matches(pattern, value):
            self.fail(value, path, f"Member must satisfy regular expression pattern: {pattern}")
        return value

    def _integer(self, shape: Any, value: Any, path: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                self.fail(value, path, "Member must be an integer")
                return None
        if not INT64_MIN <= value <= INT64_MAX:
            self.fail(value, path, "Member must be a 64-bit integer")
            return None
        self._range(shape, value, path)
        return value

    _long = _integer

    def _float(self, shape: Any, value: Any, path: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(value, path, "Member must be a number")
            return None
        if not math.isfinite(value):
            self.fail(value, path, "Member must be a finite number")
            return None
        self._range(shape, value, path)
        return float(value)

    _double = _float

    def _boolean(self, shape: Any, value: Any, path: str) -> Any:
        if not isinstance(value, bool):
            self.fail(value, path, "Member must be a boolean")
            return None
        return value

    def _timestamp(self, shape: Any, value: Any, path: str) -> Any:
        if isinstance(value, bool):
            self.fail(value, path, "Member must be a timestamp")
            return None
        if isinstance(value, int | float):
            try:
                return datetime.fromtimestamp(value, tz=timezone.utc)
            except (OverflowError, OSError, ValueError):  # inf, nan, 10**400, year 10000
                self.fail(value, path, "Member must be a timestamp between years 1 and 9999")
                return None
        if isinstance(value, str):
            try:
                return parse_iso8601(value)
            except ValueError:
                pass
        self.fail(value, path, "Member must be a timestamp")
        return None

    def _blob(self, shape: Any, value: Any, path: str) -> Any:
        if not isinstance(value, str):
            self.fail(value, path, "Member must be base64-encoded")
            return None
        try:
            return base64.b64decode(value, validate=True)
        except ValueError:
            self.fail(value, path, "Member must be base64-encoded")
            return None

    def _length(self, shape: Any, length: int, value: Any, path: str, text: str) -> None:
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        if low is not None and length < low:
            self.fail(value, path, f"{text} greater than or equal to {low}")
        if high is not None and length > high:
            self.fail(value, path, f"{text} less than or equal to {high}")

    def _range(self, shape: Any, value: float, path: str) -> None:
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        if low is not None and value < low:
            self.fail(value, path, f"Member must have value greater than or equal to {low}")
        if high is not None and value > high:
            self.fail(value, path, f"Member must have value less than or equal to {high}")


def parse_input(shape: Shape | None, value: Any) -> dict[str, Any]:
    """Check ``value`` against an operation's input shape and return it converted.

    Raises :class:`ShapeError` (``ValidationException``) listing every problem, as AWS does.
    """
    if shape is None:
        return {}
    validator = _Validator()
    result = validator.check(shape, value, "")
    if validator.errors:
        count = len(validator.errors)
        noun = "error" if count == 1 else "errors"
        raise ShapeError(
            "ValidationException",
            f"{count} validation {noun} detected: " + "; ".join(validator.errors),
        )
    return result or {}


def shape_output(shape: Shape | None, value: Any) -> Any:
    """Reduce ``value`` to ``shape`` and serialize it for the JSON 1.1 protocol."""
    if shape is None:
        return {}
    if value is None:
        return None
    if isinstance(value, Enum):
        value = value.value
    kind = shape.type_name
    if kind == "structure":
        members = shape.members  # type: ignore[attr-defined]
        unknown = set(value) - set(members)
        if unknown:
            raise ValueError(f"{shape.name} has no members {sorted(unknown)}")
        return {
            name: shape_output(members[name], item)
            for name, item in value.items()
            if item is not None
        }
    if kind == "list":
        return [shape_output(shape.member, item) for item in value]  # type: ignore[attr-defined]
    if kind == "map":
        return {key: shape_output(shape.value, item) for key, item in value.items()}  # type: ignore[attr-defined]
    if kind == "timestamp":
        if isinstance(value, datetime):
            moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
            return moment.timestamp()
        return float(value)
    if kind == "blob":
        return base64.b64encode(value).decode() if isinstance(value, bytes) else value
    return value
