"""What an endpoint receives: the services, the caller and the request's arguments."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..core.context import RequestContext
from ..core.errors import InvalidInput
from ..core.models import INT64_MAX, INT64_MIN
from ..experiments.validation import check_key

if TYPE_CHECKING:
    from ..services import Services


class Args:
    """Query-string and JSON-body arguments of one call, read the way MLflow's server reads them."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def required(self, name: str) -> Any:
        value = self.values.get(name)
        if value is None or value == "" or value == []:
            raise InvalidInput(
                f"Missing value for required parameter '{name}'. See the API docs for more "
                "information about request parameters.",
                field=name,
            )
        return value

    def get(self, name: str, default: Any = None) -> Any:
        value = self.values.get(name)
        return default if value is None or value == "" else value

    def string(self, name: str, default: str | None = None, required: bool = False) -> Any:
        value = self.required(name) if required else self.get(name, default)
        if value is not None and not isinstance(value, str):
            # MLflow's server parses the body as its protobuf message: a number where text is
            # due (a run_id, a key, a name) is refused, not written out.
            raise InvalidInput(wrong_type(name, value), field=name)
        return value

    def text(self, name: str) -> str | None:
        """An optional string where ``""`` is a value of its own (MLflow keeps an empty
        description apart from none)."""
        value = self.values.get(name)
        if value is not None and not isinstance(value, str):
            raise InvalidInput(wrong_type(name, value), field=name)
        return value

    def integer(self, name: str, default: int | None = None, required: bool = False) -> Any:
        value = self.required(name) if required else self.get(name, default)
        if value is None:
            return None
        return whole_number(value, name)

    def number(self, name: str, required: bool = False) -> float:
        value = self.required(name) if required else self.get(name)
        if isinstance(value, str) and value.lower() in (
            "nan",
            "infinity",
            "-infinity",
            "inf",
            "-inf",
        ):
            return float(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidInput(
                f"Invalid value {value!r} for parameter '{name}' supplied", field=name
            )
        return float(value) if not math.isnan(float(value)) else math.nan

    def flag(self, name: str) -> bool:
        """A boolean: JSON true/false, or the text "true"/"false" of a query string; absent
        is false."""
        value = self.get(name, False)
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if not isinstance(value, bool):
            raise InvalidInput(
                f"Invalid value {value!r} for parameter '{name}' supplied", field=name
            )
        return value

    def strings(self, name: str) -> list[str]:
        value = self.get(name, [])
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise InvalidInput(
                f"Invalid value {value!r} for parameter '{name}': expected strings", field=name
            )
        return value

    def pairs(self, name: str, what: str) -> list[tuple[str, str]]:
        """``[{"key": ..., "value": ...}]`` entries (tags, params) as checked (key, value) pairs:
        a key is a valid name, a value is text (numbers are written out)."""
        pairs = []
        for item in self.entries(name):
            entry = Args(item)
            key = entry.string("key", required=True)
            check_key(key, what)
            value = entry.string("value", "")
            pairs.append((key, "" if value is None else value))
        return pairs

    def entries(self, name: str) -> list[dict[str, Any]]:
        value = self.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise InvalidInput(
                f"Invalid value for parameter '{name}': expected a list of objects", field=name
            )
        return value


def wrong_type(name: str, value: Any) -> str:
    """MLflow's message for a parameter of the wrong JSON type."""
    shown = json.dumps(value, sort_keys=True, separators=(",", ":"))
    return (
        f"Invalid value {shown} for parameter '{name}' supplied. Hint: Value was of type "
        f"'{type(value).__name__}'. See the API docs for more information about request "
        "parameters."
    )


def whole_number(value: Any, name: str) -> int:
    """``value`` (a JSON number or a numeral) as an integer a 64-bit column can hold."""
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            number = None
    if number is None:
        raise InvalidInput(f"Invalid value {value!r} for parameter '{name}' supplied", field=name)
    if not INT64_MIN <= number <= INT64_MAX:
        raise InvalidInput(
            f"Invalid value {value!r} for parameter '{name}' supplied: out of the 64-bit "
            f"integer range",
            field=name,
        )
    return number


@dataclass
class Call:
    services: Services
    context: RequestContext
    args: Args
    path: dict[str, str] = field(default_factory=dict)


Endpoint = Callable[[Call], dict[str, Any]]


@dataclass(frozen=True)
class Route:
    """One MLflow endpoint: method, path under ``api/2.0/mlflow/``, function, access."""

    method: str
    path: str
    function: Endpoint
    access: str = "read"
    resource: str = "mlstudio:experiments"
