"""Search spaces: SageMaker's parameter ranges as Optuna distributions, and back.

Each range becomes one ``Parameter`` that knows its Optuna distribution, how a value the study
chose is written as the hyperparameter a training job gets (SageMaker passes strings: numbers
as plain decimal text, categorical values verbatim), and how a hyperparameter of an earlier
trial reads back into the study (warm starts).

Scaling: ``Linear`` samples uniformly, ``Logarithmic`` uniformly in log space,
``ReverseLogarithmic`` (continuous ranges inside [0, 1)) samples ``1 - x`` logarithmically, so
values crowd towards 1 (momentum, decay rates). SageMaker leaves ``Auto`` to itself; here a
numeric range spanning two orders of magnitude or more with a positive minimum is searched
logarithmically, any other linearly, and the choice is shown in the description's trials.

With several training-job definitions the study also chooses the definition (parameter
``definition``) and each definition's parameters are named ``<definition>.<name>``, so the
conditional space stays one study.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..core.errors import InvalidInput
from .models import ParameterRanges

#: Auto scaling searches logarithmically when max / min reaches this ratio (and min > 0).
AUTO_LOG_RATIO = 100.0
#: The study's parameter that picks a definition when there are several.
DEFINITION_PARAM = "definition"
#: The most hyperparameters one definition may search (SageMaker's limit).
MAX_RANGES = 30


@dataclass(frozen=True)
class Parameter:
    """One searched hyperparameter."""

    name: str  # the hyperparameter's name, as the training job gets it
    key: str  # the study's name for it (prefixed by the definition when there are several)
    kind: str  # continuous | integer | categorical
    scale: str = "Linear"  # Linear | Logarithmic | ReverseLogarithmic (Auto resolved)
    low: float = 0.0
    high: float = 0.0
    values: tuple[str, ...] = ()

    def distribution(self) -> Any:
        from optuna.distributions import (
            CategoricalDistribution,
            FloatDistribution,
            IntDistribution,
        )

        if self.kind == "categorical":
            return CategoricalDistribution(self.values)
        if self.kind == "integer":
            return IntDistribution(int(self.low), int(self.high), log=self.scale == "Logarithmic")
        if self.scale == "ReverseLogarithmic":
            return FloatDistribution(1.0 - self.high, 1.0 - self.low, log=True)
        return FloatDistribution(self.low, self.high, log=self.scale == "Logarithmic")

    def hyperparameter(self, value: Any) -> str:
        """The text a training job gets for the study's ``value``."""
        if self.kind == "categorical":
            return str(value)
        if self.kind == "integer":
            return str(int(value))
        number = 1.0 - float(value) if self.scale == "ReverseLogarithmic" else float(value)
        number = min(max(number, self.low), self.high)
        return repr(number)

    def study_value(self, text: str) -> Any | None:
        """The study's value for a hyperparameter an earlier trial got; None if it does not
        fit this range (a transfer-learning parent searched elsewhere)."""
        if self.kind == "categorical":
            return text if text in self.values else None
        try:
            number = float(_unquoted(text))
        except ValueError:
            return None
        if not math.isfinite(number) or not self.low <= number <= self.high:
            return None
        if self.kind == "integer":
            return int(number) if number.is_integer() else None
        return 1.0 - number if self.scale == "ReverseLogarithmic" else number

    def describe(self) -> dict[str, Any]:
        """For the UI: what is searched and how."""
        if self.kind == "categorical":
            return {"name": self.name, "kind": self.kind, "values": list(self.values)}
        return {
            "name": self.name,
            "kind": self.kind,
            "scale": self.scale,
            "min": self.low,
            "max": self.high,
        }


def _unquoted(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text


def _number(text: str, field: str, integer: bool) -> float:
    try:
        value = float(int(text)) if integer else float(text)
    except ValueError:
        kind = "an integer" if integer else "a number"
        raise InvalidInput(f"{field} must be {kind}, not {text!r}", field=field) from None
    if not math.isfinite(value):
        raise InvalidInput(f"{field} must be a finite number, not {text!r}", field=field)
    return value


def _scale(requested: str, low: float, high: float) -> str:
    if requested != "Auto":
        return requested
    return "Logarithmic" if low > 0 and high / low >= AUTO_LOG_RATIO else "Linear"


def parameters(ranges: ParameterRanges, field: str, prefix: str = "") -> list[Parameter]:
    """The parameters of ``ranges`` (``field`` names them in errors), checked by SageMaker's
    rules: numeric bounds, positive bounds for logarithmic scaling, [0, 1) for reverse
    logarithmic, unique names, 1-30 distinct categorical values."""
    if ranges.auto_parameters:
        raise InvalidInput(
            "AutoParameters (Autotune) are not supported here: give the ranges explicitly",
            field=f"{field}.AutoParameters",
        )
    found: list[Parameter] = []
    for index, continuous in enumerate(ranges.continuous_parameter_ranges):
        where = f"{field}.ContinuousParameterRanges.{index}"
        found.append(_numeric(continuous, where, prefix, False))
    for index, integer in enumerate(ranges.integer_parameter_ranges):
        found.append(_numeric(integer, f"{field}.IntegerParameterRanges.{index}", prefix, True))
    for index, item in enumerate(ranges.categorical_parameter_ranges):
        where = f"{field}.CategoricalParameterRanges.{index}.Values"
        if len(set(item.values)) != len(item.values):
            raise InvalidInput(f"{where}: the values of {item.name} must be distinct", field=where)
        found.append(
            Parameter(item.name, prefix + item.name, "categorical", values=tuple(item.values))
        )
    names = [parameter.name for parameter in found]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise InvalidInput(
            f"{field}: hyperparameter {duplicates[0]} has more than one range", field=field
        )
    if not found:
        raise InvalidInput(f"{field}: give at least one hyperparameter range", field=field)
    if len(found) > MAX_RANGES:
        raise InvalidInput(
            f"{field}: at most {MAX_RANGES} hyperparameters can be searched, not {len(found)}",
            field=field,
        )
    return found


def _numeric(item: Any, where: str, prefix: str, integer: bool) -> Parameter:
    low = _number(item.min_value, f"{where}.MinValue", integer)
    high = _number(item.max_value, f"{where}.MaxValue", integer)
    if low >= high:
        raise InvalidInput(
            f"{where}: MinValue ({item.min_value}) must be less than MaxValue ({item.max_value})",
            field=f"{where}.MinValue",
        )
    scale = item.scaling_type
    if scale == "Logarithmic" and low <= 0:
        raise InvalidInput(
            f"{where}: Logarithmic scaling needs MinValue and MaxValue greater than 0",
            field=f"{where}.ScalingType",
        )
    if scale == "ReverseLogarithmic":
        if integer:
            raise InvalidInput(
                f"{where}: ReverseLogarithmic scaling is for continuous ranges only",
                field=f"{where}.ScalingType",
            )
        if not (low >= 0 and high < 1):
            raise InvalidInput(
                f"{where}: ReverseLogarithmic scaling needs 0 <= MinValue < MaxValue < 1",
                field=f"{where}.ScalingType",
            )
    kind = "integer" if integer else "continuous"
    return Parameter(item.name, prefix + item.name, kind, _scale(scale, low, high), low, high)


@dataclass(frozen=True)
class Definition:
    """One training-job definition's searched parameters."""

    name: str | None  # DefinitionName, None for a lone TrainingJobDefinition
    index: int
    parameters: tuple[Parameter, ...]

    def grid(self) -> list[dict[str, str]]:
        """Every combination of the categorical values (Grid), in a stable order."""
        combinations: list[dict[str, str]] = [{}]
        for parameter in self.parameters:
            combinations = [
                {**combination, parameter.key: value}
                for combination in combinations
                for value in parameter.values
            ]
        return combinations


class SearchSpace:
    """Every definition's parameters, as one Optuna search space."""

    def __init__(self, definitions: Iterable[Definition]) -> None:
        self.definitions = list(definitions)
        self.several = len(self.definitions) > 1

    def definition(self, params: Mapping[str, Any]) -> Definition:
        if not self.several:
            return self.definitions[0]
        chosen = params.get(DEFINITION_PARAM)
        return next(item for item in self.definitions if item.name == chosen)

    def distributions(self) -> dict[str, Any]:
        """Every parameter's distribution (the definition choice first, when there are
        several)."""
        from optuna.distributions import CategoricalDistribution

        result: dict[str, Any] = {}
        if self.several:
            names = tuple(str(item.name) for item in self.definitions)
            result[DEFINITION_PARAM] = CategoricalDistribution(names)
        for definition in self.definitions:
            for parameter in definition.parameters:
                result[parameter.key] = parameter.distribution()
        return result

    def hyperparameters(self, params: Mapping[str, Any]) -> tuple[Definition, dict[str, str]]:
        """The definition a trial runs and the tuned hyperparameters it gets."""
        definition = self.definition(params)
        return definition, {
            parameter.name: parameter.hyperparameter(params[parameter.key])
            for parameter in definition.parameters
        }

    def grid(self) -> list[dict[str, Any]]:
        """Every trial a Grid search runs: each definition's combinations, in order."""
        combos: list[dict[str, Any]] = []
        for definition in self.definitions:
            for combination in definition.grid():
                chosen: dict[str, Any] = dict(combination)
                if self.several:
                    chosen = {DEFINITION_PARAM: definition.name, **chosen}
                combos.append(chosen)
        return combos
