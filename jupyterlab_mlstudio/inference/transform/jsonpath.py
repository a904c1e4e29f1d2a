"""The JSONPath subset of batch transform's ``DataProcessing`` filters.

SageMaker's operators: ``$`` (the record), ``.name`` and ``['name']`` (a member), ``.*`` and
``[*]`` (every child), ``['a','b']`` (those members, as an object), ``[i]`` and ``[i,j,...]``
(elements, negative from the end), ``[start:end]`` (a slice, either side may be left out). No
filter expressions, no recursive descent. Each step applies to the value the previous one
selected, so ``$.features[1:]`` is the ``features`` array without its first element.

A CSV row is filtered as the JSON array of its fields; a JSON record as the value it holds.
An expression that names a member or index the record lacks is an error (``PathError``), which
fails the job with the record in the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...core.errors import InvalidInput

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_INDEX = re.compile(r"-?\d+")


class PathError(ValueError):
    """A record lacks what the expression selects."""


@dataclass(frozen=True)
class Step:
    """One step: ``member`` names, ``indexes``, a ``slice``, or ``wildcard``."""

    names: tuple[str, ...] = ()
    indexes: tuple[int, ...] = ()
    slice: tuple[int | None, int | None] | None = None
    wildcard: bool = False
    bracketed: bool = False


def _bracket(body: str, expression: str) -> Step:
    body = body.strip()
    if body == "*":
        return Step(wildcard=True)
    if ":" in body:
        start, _, end = body.partition(":")
        if ":" in end or any(
            part.strip() and not _INDEX.fullmatch(part.strip()) for part in (start, end)
        ):
            raise InvalidInput(f"{expression}: [{body}] is not a slice like [1:] or [0:3]")
        return Step(
            slice=(
                int(start) if start.strip() else None,
                int(end) if end.strip() else None,
            )
        )
    parts = [part.strip() for part in body.split(",")]
    if all(_INDEX.fullmatch(part) for part in parts):
        return Step(indexes=tuple(int(part) for part in parts))
    names = []
    for part in parts:
        if len(part) >= 2 and part[0] == part[-1] and part[0] in "'\"":
            names.append(part[1:-1])
        else:
            raise InvalidInput(
                f"{expression}: [{body}] must hold indexes or quoted names ('a','b')"
            )
    return Step(names=tuple(names), bracketed=True)


def parse(expression: str) -> tuple[Step, ...]:
    """The steps of ``expression``; ``InvalidInput`` for anything outside the subset."""
    text = expression.strip()
    if not text.startswith("$"):
        raise InvalidInput(f"{expression!r}: a JSONPath expression starts with $")
    steps: list[Step] = []
    position = 1
    while position < len(text):
        char = text[position]
        if char == ".":
            if text.startswith(".*", position):
                steps.append(Step(wildcard=True))
                position += 2
                continue
            if text.startswith("..", position):
                raise InvalidInput(f"{expression!r}: recursive descent (..) is not supported")
            match = _NAME.match(text, position + 1)
            if not match:
                raise InvalidInput(f"{expression!r}: a member name must follow '.'")
            steps.append(Step(names=(match.group(),)))
            position = match.end()
        elif char == "[":
            end = text.find("]", position)
            if end < 0:
                raise InvalidInput(f"{expression!r}: '[' is not closed")
            body = text[position + 1 : end]
            if body.strip().startswith("?"):
                raise InvalidInput(f"{expression!r}: filter expressions are not supported")
            steps.append(_bracket(body, repr(expression)))
            position = end + 1
        else:
            raise InvalidInput(f"{expression!r}: unexpected {char!r} at {position}")
    return tuple(steps)


def _index(value: list[Any], index: int) -> Any:
    try:
        return value[index]
    except IndexError:
        raise PathError(f"index {index} is outside a record of {len(value)} items") from None


def _apply(step: Step, value: Any) -> Any:
    if step.wildcard:
        if isinstance(value, dict):
            return list(value.values())
        if isinstance(value, list):
            return value
        raise PathError(f"* needs an object or an array, not {type(value).__name__}")
    if step.slice is not None:
        if not isinstance(value, list):
            raise PathError(f"a slice needs an array, not {type(value).__name__}")
        return value[step.slice[0] : step.slice[1]]
    if step.indexes:
        if not isinstance(value, list):
            raise PathError(f"an index needs an array, not {type(value).__name__}")
        if len(step.indexes) == 1:
            return _index(value, step.indexes[0])
        return [_index(value, index) for index in step.indexes]
    if not isinstance(value, dict):
        raise PathError(f"member {step.names[0]!r} needs an object, not {type(value).__name__}")
    for name in step.names:
        if name not in value:
            raise PathError(f"the record has no member {name!r}")
    if len(step.names) == 1 and not step.bracketed:
        return value[step.names[0]]
    if len(step.names) == 1:
        return value[step.names[0]]
    return {name: value[name] for name in step.names}


class JsonPath:
    """A compiled expression; ``select(record)`` applies it."""

    def __init__(self, expression: str) -> None:
        self.expression = expression or "$"
        self.steps = parse(self.expression)

    @property
    def identity(self) -> bool:
        return not self.steps

    def select(self, record: Any) -> Any:
        value = record
        for step in self.steps:
            value = _apply(step, value)
        return value
