"""What an endpoint receives: the services, the caller and the request's arguments."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..core.context import RequestContext
from ..core.errors import InvalidInput

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
            if isinstance(value, int | float) and not isinstance(value, bool):
                return str(value)
            raise InvalidInput(
                f"Invalid value {value!r} for parameter '{name}': expected a string", field=name
            )
        return value

    def integer(self, name: str, default: int | None = None, required: bool = False) -> Any:
        value = self.required(name) if required else self.get(name, default)
        if value is None:
            return None
        try:
            if isinstance(value, bool):
                raise ValueError
            return int(value)
        except (TypeError, ValueError) as error:
            raise InvalidInput(
                f"Invalid value {value!r} for parameter '{name}' supplied", field=name
            ) from error

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

    def strings(self, name: str) -> list[str]:
        value = self.get(name, [])
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise InvalidInput(
                f"Invalid value {value!r} for parameter '{name}': expected strings", field=name
            )
        return value

    def entries(self, name: str) -> list[dict[str, Any]]:
        value = self.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise InvalidInput(
                f"Invalid value for parameter '{name}': expected a list of objects", field=name
            )
        return value


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
