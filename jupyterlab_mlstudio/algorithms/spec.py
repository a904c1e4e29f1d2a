"""What an algorithm declares: its hyperparameters (types, ranges, defaults, which are
tunable), its metrics (names and the regexes over its log lines, which are objectives), its
channels and content types; and the validation that fails a job with SageMaker's words.

Standard library only: the server reads these declarations (metric definitions for training
and tuning jobs), and a training unit validates its hyperparameters before it imports any
numerical library, so a bad value fails the job within the unit's first second.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: What every job may carry besides the algorithm's own hyperparameters: the objective a tuning
#: job adds to its trials.
TUNING_OBJECTIVE = "_tuning_objective_metric"

MAXIMIZE = "Maximize"
MINIMIZE = "Minimize"


class ClientError(Exception):
    """A mistake in the job's request or data; its message becomes the job's FailureReason
    (``ClientError: ...``), as SageMaker's algorithms report user errors."""


@dataclass(frozen=True)
class Interval:
    """A numeric range with open or closed ends (``None``: unbounded), printed as
    ``[0, 1]``, ``(0, 1]``, ``[1, +inf)``."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, (int, float)) or math.isnan(value):
            return False
        if self.low is not None and (value <= self.low if self.low_open else value < self.low):
            return False
        above = self.high is not None and (
            value >= self.high if self.high_open else value > self.high
        )
        return not above

    def __str__(self) -> str:
        low = "(-inf" if self.low is None else f"{'(' if self.low_open else '['}{_num(self.low)}"
        high = (
            "+inf)" if self.high is None else f"{_num(self.high)}{')' if self.high_open else ']'}"
        )
        return f"{low}, {high}"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


@dataclass(frozen=True)
class Hyperparameter:
    """One hyperparameter. ``kind`` is ``integer``, ``continuous``, ``categorical``,
    ``boolean``, ``list`` (comma-separated categories) or ``text``; ``parse`` overrides
    the parsing of its kind; ``auto`` lets the value ``auto`` through unparsed."""

    name: str
    kind: str
    default: Any = None
    required: bool = False
    interval: Interval | None = None
    choices: tuple[str, ...] = ()
    tunable: bool = False
    auto: bool = False
    parse: Callable[[str], Any] | None = None

    def convert(self, raw: Any) -> Any:
        text = raw if isinstance(raw, str) else json.dumps(raw)
        text = text.strip()
        if len(text) >= 2 and text[0] == text[-1] == '"':
            text = text[1:-1]  # JSON-encoded, as the SDK's framework estimators send values
        if self.auto and text.lower() == "auto":
            return "auto"
        if self.parse is not None:
            return self.parse(text)
        if self.kind == "integer":
            number = float(text)
            if not number.is_integer():
                raise ValueError(f"{text} is not an integer")
            return int(number)
        if self.kind == "continuous":
            return float(text)
        if self.kind == "boolean":
            lowered = text.lower()
            if lowered in ("true", "1"):
                return True
            if lowered in ("false", "0"):
                return False
            raise ValueError(f"{text} is not true or false")
        if self.kind == "list":
            return [item.strip() for item in text.strip("[]").replace('"', "").split(",") if item]
        return text

    def check(self, value: Any) -> None:
        if value == "auto" and self.auto:
            return
        if self.interval is not None and value not in self.interval:
            raise ClientError(f"Hyperparameter {self.name}: {value} is not in {self.interval}")
        if self.choices:
            values = value if isinstance(value, list) else [value]
            wrong = [item for item in values if item not in self.choices]
            if wrong:
                raise ClientError(
                    f"Hyperparameter {self.name}: {wrong[0]} is not one of "
                    f"{', '.join(self.choices)}"
                )

    @property
    def type_name(self) -> str:
        """The type in SageMaker's parameter-range terms (tuning checks ranges against it)."""
        return {"integer": "Integer", "continuous": "Continuous"}.get(self.kind, "Categorical")


@dataclass(frozen=True)
class Metric:
    """A metric the algorithm prints; ``direction`` set when a tuning job may optimise it."""

    name: str
    regex: str
    direction: str | None = None


#: The throughput and progress lines the algorithms print, and their metrics.
THROUGHPUT = Metric(
    "train:throughput", r"#throughput_metric: host=\S+, train throughput=(\S+) records/second"
)
PROGRESS = Metric("train:progress", r"#progress_metric: host=\S+, completed (\S+) %")


@dataclass(frozen=True)
class Algorithm:
    """One built-in algorithm as the server and its units know it."""

    name: str
    title: str
    module: str
    hyperparameters: tuple[Hyperparameter, ...]
    metrics: tuple[Metric, ...]
    channels: tuple[str, ...]
    required_channels: tuple[str, ...] = ("train",)
    #: Channel content types it reads (the first is assumed when a channel names none).
    content_types: tuple[str, ...] = ("text/csv",)
    #: What an endpoint answers when the request's Accept names nothing.
    default_accept: str = "application/json"
    #: Checks across hyperparameters, after each was parsed and range-checked.
    cross_check: Callable[[dict[str, Any]], None] | None = None
    #: Names the SDK sends that the algorithm accepts and ignores.
    ignored: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def hyperparameter(self, name: str) -> Hyperparameter | None:
        return next((item for item in self.hyperparameters if item.name == name), None)

    def metric_definitions(self) -> list[dict[str, str]]:
        """``MetricDefinitions`` as SageMaker lists them for the algorithm's jobs."""
        return [{"Name": metric.name, "Regex": metric.regex} for metric in self.metrics]

    def objective_metrics(self) -> list[Metric]:
        return [metric for metric in self.metrics if metric.direction is not None]

    def tunable(self) -> list[Hyperparameter]:
        return [item for item in self.hyperparameters if item.tunable]

    def validate(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """The hyperparameters parsed, range-checked, defaults filled in; ``ClientError``
        with SageMaker's message for a missing, unknown or invalid one."""
        values: dict[str, Any] = {}
        for key, raw in given.items():
            if key == TUNING_OBJECTIVE or key in self.ignored:
                continue
            spec = self.hyperparameter(key)
            if spec is None:
                raise ClientError(f"Extraneous hyperparameter found: {key}")
            try:
                values[key] = spec.convert(raw)
            except (ValueError, TypeError) as error:
                raise ClientError(
                    f"Hyperparameter {key}: could not parse value {raw!r} as "
                    f"{spec.type_name.lower()} (caused by ValueError: {error})"
                ) from error
        for spec in self.hyperparameters:
            if spec.name not in values:
                if spec.required:
                    raise ClientError(f"Missing required hyperparameter: {spec.name}")
                values[spec.name] = spec.default
            elif values[spec.name] is not None:
                spec.check(values[spec.name])
        if self.cross_check is not None:
            self.cross_check(values)
        return values


def integer(name: str, low: float | None = None, high: float | None = None, **extra: Any) -> Any:
    return Hyperparameter(name, "integer", interval=Interval(low, high), **extra)


def continuous(
    name: str,
    low: float | None = None,
    high: float | None = None,
    *,
    low_open: bool = False,
    high_open: bool = False,
    **extra: Any,
) -> Any:
    return Hyperparameter(
        name, "continuous", interval=Interval(low, high, low_open, high_open), **extra
    )


def categorical(name: str, choices: Sequence[str], **extra: Any) -> Any:
    return Hyperparameter(name, "categorical", choices=tuple(choices), **extra)


def boolean(name: str, **extra: Any) -> Any:
    return Hyperparameter(name, "boolean", **extra)
