"""Pydantic base shapes shared by every concept."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic.alias_generators import to_pascal

from .errors import InvalidInput

#: The range of a 64-bit signed integer: what a database column (and SageMaker's ``Long``)
#: holds. A larger number from a client is a 400, not an overflow deep in the store.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
#: An integer field of a request that is stored as it is.
Int64 = Annotated[int, Field(ge=INT64_MIN, le=INT64_MAX)]
#: A time or duration in milliseconds (non-negative, storable).
Millis = Annotated[int, Field(ge=0, le=INT64_MAX)]


_Query = TypeVar("_Query", bound=BaseModel)


class ApiModel(BaseModel):
    """A request or response shape: unknown fields are an error, never silently dropped."""

    # Python's re: patterns the document states (names with lookaheads) are checked exactly so.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, regex_engine="python-re")


class PageQuery(ApiModel):
    """The query every REST listing shares: a name filter and a page. A listing adds its own
    filters and order; ``service_query`` turns it into the service's SageMaker-shaped query."""

    name_contains: str | None = Field(default=None, max_length=63)
    max_items: int = Field(default=50, ge=1, le=100)
    next_token: str | None = None

    def service_query(self, model: type[_Query], **fields: Any) -> _Query:
        """``model`` (a listing's service query) with this page and the listing's filters."""
        return model(
            name_contains=self.name_contains,
            max_results=self.max_items,
            next_token=self.next_token,
            **fields,
        )


def validation_error_to_invalid_input(
    error: ValidationError, prefix: str = "", pascal: bool = False
) -> InvalidInput:
    """Turn pydantic's report into one readable message that names the offending field
    (in snake_case, or in SageMaker's PascalCase for the AWS face)."""
    problems = []
    first_field: str | None = None
    for item in error.errors():
        parts = [
            to_pascal(part) if pascal and isinstance(part, str) else str(part)
            for part in item["loc"]
        ]
        field = ".".join(parts) or "body"
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

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        alias_generator=to_pascal,
        loc_by_alias=False,
        regex_engine="python-re",
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_unmodelled_aws_members(cls, data: Any, info: ValidationInfo) -> Any:
        """On the AWS face the request was already checked against botocore's model; members
        this server does not model (VpcConfig, DebugHookConfig, ...) have no effect here and
        are dropped. The REST face validates without that context, so there they are errors."""
        if isinstance(data, dict) and info.context and info.context.get("aws"):
            known = set(cls.model_fields) | {
                field.alias for field in cls.model_fields.values() if field.alias
            }
            return {key: value for key, value in data.items() if key in known}
        return data

    @classmethod
    def from_aws(cls, params: dict[str, Any]) -> Any:
        """Validate parameters that arrived on the AWS face."""
        try:
            return cls.model_validate(params, context={"aws": True})
        except ValidationError as error:
            raise validation_error_to_invalid_input(error, pascal=True) from error
