"""Request bodies for fuzzing the AWS and MLflow faces: plausible ones built from botocore's
shapes, then broken one way each (wrong types, numbers out of range, text that is not valid
Unicode, unknown or missing members, deep nesting, malformed JSON).

Deterministic for a seed, so a failure names a seed that reproduces it.
"""

from __future__ import annotations

import json
import random
import re
from typing import Any

#: Values that break a member: each is wrong for most shapes in some way.
ODD_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    2**31,
    2**63,
    -(2**63) - 1,
    2**70,
    1.5,
    1e300,
    -1e300,
    "",
    "x",
    " ",
    "../x",
    "/etc/passwd",
    "a\x00b",
    "é" * 300,
    "x" * 5000,
    "'; DROP TABLE runs; --",
    "\u202e\u0000",
    [],
    [[]],
    {},
    {"a": {"b": {"c": []}}},
    [None, 1, "x"],
]
#: Raw JSON fragments Python's json.dumps cannot produce: written into the text as they are.
RAW_VALUES = ['"\\ud800"', '"x\\udfff"', "1e999", "-1e999", "NaN", "Infinity", "1" + "0" * 400]
#: Whole bodies that are not a request at all.
BAD_BODIES: list[bytes] = [
    b"",
    b"null",
    b"[]",
    b'"text"',
    b"1",
    b"{",
    b'{"a": }',
    b"\xff\xfe\x00",
    b"[" * 20_000 + b"]" * 20_000,
    b'{"a":' * 3000 + b"1" + b"}" * 3000,
    b'{"\\ud800": 1}',
]
_CANDIDATE_STRINGS = [
    "fuzz-1",
    "fuzz",
    "a",
    "1",
    "s3://fuzz-bucket/key",
    "arn:aws:iam::000000000000:role/fuzz",
    "ml.m5.large",
    "fuzz.txt",
    "0123456789abcdef",
]


class ShapeFuzzer:
    """Values for botocore shapes, and bodies broken one way each."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    # -- plausible values ------------------------------------------------------------------

    def value(self, shape: Any, depth: int = 0) -> Any:
        kind = shape.type_name
        if kind == "structure":
            return self.structure(shape, depth)
        if kind == "list":
            low = shape.metadata.get("min", 0)
            count = max(low, self.rng.randint(0, 2)) if depth < 5 else low
            return [self.value(shape.member, depth + 1) for _ in range(min(count, 3))]
        if kind == "map":
            count = self.rng.randint(0, 2) if depth < 5 else 0
            return {
                str(self.value(shape.key, depth + 1)) + str(index): self.value(
                    shape.value, depth + 1
                )
                for index in range(count)
            }
        if kind == "string":
            return self.string(shape)
        if kind in ("integer", "long"):
            low = int(shape.metadata.get("min", 0))
            high = int(shape.metadata.get("max", max(low, 0) + 100))
            return self.rng.randint(low, min(high, low + 100))
        if kind in ("float", "double"):
            return float(shape.metadata.get("min", 0)) + 0.5
        if kind == "boolean":
            return self.rng.random() < 0.5
        if kind == "timestamp":
            return 1_767_225_600 + self.rng.randint(0, 10_000)
        if kind == "blob":
            return "aGVsbG8="
        return None

    def structure(self, shape: Any, depth: int = 0) -> dict[str, Any]:
        body: dict[str, Any] = {}
        required = set(shape.required_members)
        for name, member in shape.members.items():
            if name in required or (depth < 3 and self.rng.random() < 0.3):
                body[name] = self.value(member, depth + 1)
        return body

    def string(self, shape: Any) -> str:
        if shape.enum:
            return str(self.rng.choice(shape.enum))
        low, high = shape.metadata.get("min", 0), shape.metadata.get("max", 256)
        pattern = shape.metadata.get("pattern")
        try:
            compiled = re.compile(pattern) if pattern else None
        except re.error:
            compiled = None
        candidates = _CANDIDATE_STRINGS[:]
        self.rng.shuffle(candidates)
        for candidate in candidates:
            fits = low <= len(candidate) <= high
            if fits and (compiled is None or compiled.fullmatch(candidate)):
                return candidate
        return "a" * max(low, 1)

    # -- broken bodies ---------------------------------------------------------------------

    def broken(self, shape: Any | None) -> bytes:
        """A body for ``shape`` broken one way (or no request body at all)."""
        roll = self.rng.random()
        if shape is None or roll < 0.1:
            return self.rng.choice(BAD_BODIES)
        body = self.structure(shape)
        if roll > 0.85:  # now and then a plausible body, to reach the services behind
            return json.dumps(body).encode()
        if roll < 0.2 and shape.required_members:
            body.pop(self.rng.choice(shape.required_members), None)
            return json.dumps(body).encode()
        if roll < 0.3:
            body[self.rng.choice(["Colour", "x", "", "\u00e9"])] = self.rng.choice(ODD_VALUES)
            return json.dumps(body).encode()
        path = self._path(shape, body)
        if not path:
            return json.dumps(body).encode()
        if roll < 0.5:
            marker = "__fuzz_raw__"
            _set(body, path, marker)
            return json.dumps(body).replace(f'"{marker}"', self.rng.choice(RAW_VALUES)).encode()
        _set(body, path, self.rng.choice(ODD_VALUES))
        return json.dumps(body).encode()

    def _path(self, shape: Any, body: dict[str, Any]) -> list[Any]:
        """A path to some member of ``body`` (made present if needed), or ``[]``."""
        path: list[Any] = []
        current_shape, current = shape, body
        for _ in range(4):
            names = list(current_shape.members)
            if not names:
                break
            name = self.rng.choice(names)
            member = current_shape.members[name]
            if name not in current:
                current[name] = self.value(member, 3)
            path.append(name)
            if member.type_name != "structure" or self.rng.random() < 0.5:
                break
            current_shape, current = member, current[name]
        return path


def _set(body: dict[str, Any], path: list[Any], value: Any) -> None:
    for key in path[:-1]:
        body = body[key]
    body[path[-1]] = value


#: Parameter names MLflow endpoints read, for bodies and query strings.
MLFLOW_NAMES = [
    "experiment_id",
    "experiment_ids",
    "experiment_name",
    "name",
    "new_name",
    "run_id",
    "run_uuid",
    "run_name",
    "key",
    "value",
    "step",
    "timestamp",
    "start_time",
    "end_time",
    "status",
    "max_results",
    "page_token",
    "filter",
    "order_by",
    "view_type",
    "run_view_type",
    "tags",
    "params",
    "metrics",
    "datasets",
    "models",
    "metric_key",
    "version",
    "source",
    "description",
    "stage",
    "stages",
    "alias",
    "model_id",
    "artifact_location",
    "user_id",
    "source_run_id",
    "model_type",
]


class MlflowFuzzer:
    """Argument sets for MLflow endpoints: real ids mixed with values that break them."""

    def __init__(self, seed: int, known: dict[str, list[Any]]) -> None:
        self.rng = random.Random(seed)
        self.known = known

    def _one(self, name: str) -> Any:
        roll = self.rng.random()
        if roll < 0.35 and self.known.get(name):
            return self.rng.choice(self.known[name])
        if roll < 0.5 and name in ("tags", "params", "metrics", "datasets", "models"):
            return [
                {
                    "key": self.rng.choice(["k", "", "../x", "a" * 300, None, 1]),
                    "value": self.rng.choice(ODD_VALUES),
                    "step": self.rng.choice(ODD_VALUES),
                    "timestamp": self.rng.choice([1, 2**63, -1, "x"]),
                }
                for _ in range(self.rng.randint(0, 3))
            ]
        return self.rng.choice(ODD_VALUES)

    def arguments(self) -> dict[str, Any]:
        names = self.rng.sample(MLFLOW_NAMES, self.rng.randint(1, 6))
        return {name: self._one(name) for name in names}

    def body(self) -> bytes:
        roll = self.rng.random()
        if roll < 0.15:
            return self.rng.choice(BAD_BODIES)
        arguments = self.arguments()
        if roll < 0.35:
            marker = "__fuzz_raw__"
            arguments[self.rng.choice(MLFLOW_NAMES)] = marker
            return (
                json.dumps(arguments).replace(f'"{marker}"', self.rng.choice(RAW_VALUES)).encode()
            )
        return json.dumps(arguments).encode()

    def query(self) -> dict[str, str]:
        return {
            name: value if isinstance(value, str) else json.dumps(value)
            for name, value in self.arguments().items()
            if "\x00" not in str(value)
        }

    def path_value(self, name: str) -> str:
        if self.rng.random() < 0.5 and self.known.get(name):
            return str(self.rng.choice(self.known[name]))
        return self.rng.choice(["x", "m-00000000000000000000000000000000", "%2e%2e", "a" * 300])
