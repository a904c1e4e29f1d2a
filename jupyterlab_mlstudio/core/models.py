"""Pydantic base shapes shared by every concept."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.alias_generators import to_pascal

from .errors import InvalidInput


class ApiModel(BaseModel):
    """A request or response shape: unknown fields are an error, never silently dropped."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def validation_error_to_invalid_input(error: ValidationError, prefix: str = "") -> InvalidInput:
    """Turn pydantic's report into one readable message that names the offending field."""
    problems = []
    first_field: str | None = None
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "body"
        if prefix:
            field = f"{prefix}.{field}" if field != "body" else prefix
        first_field = first_field or field
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown field"
        elif item["type"] == "missing":
            message = "required field is missing"
        problems.append(f"{field}: {message}")
    return InvalidInput("; ".join(problems), field=first_field)


class SageMakerModel(ApiModel):
    """A shape both faces share: snake_case on the REST face, SageMaker's PascalCase on the
    AWS face (``model_dump(by_alias=True)``), so the two dialects need no translation table."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=to_pascal)
