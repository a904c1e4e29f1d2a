"""Routes of the REST face and their OpenAPI 3 document (``GET /mlstudio/api/v1/openapi.json``).

Each route is declared once: a concept's handler module lists its ``ROUTES`` (a path template
and the handler serving it), and each handler method carries its own documentation
(``@operation``). The Tornado handler table and the document are both made from those lists, so
a route cannot be served without being documented or documented without being served: a handler
method without ``@operation`` stops the server at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from jupyter_server.auth.decorator import authorized
from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, models_json_schema
from pydantic_core import core_schema
from tornado import web

from .handlers import API_PREFIX, MLStudioHandler, route

#: The HTTP methods a REST handler may implement, in the order the document lists them.
METHODS = ("get", "post", "put", "patch", "delete")
_OPERATION = "__mlstudio_operation__"
FunctionT = TypeVar("FunctionT", bound=Callable[..., Any])

_PARAMETER = re.compile(r"\{([a-z_]+)\}")
_STATUS_TEXT = {
    400: "Invalid input; the message names the field.",
    401: "Not authenticated.",
    403: "Not authorized.",
    404: "No such resource.",
    409: "Conflict with the resource's state.",
    503: "A backend the request needs is unavailable.",
}


@dataclass(frozen=True)
class Operation:
    """One documented operation."""

    summary: str
    response: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    status: int = 200
    errors: tuple[int, ...] = (401, 403)
    tags: tuple[str, ...] = field(default_factory=tuple)


def operation(
    summary: str,
    *,
    response: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    body: type[BaseModel] | None = None,
    status: int = 200,
    errors: tuple[int, ...] = (401, 403),
    tags: tuple[str, ...] = (),
) -> Callable[[FunctionT], FunctionT]:
    """Document the handler method below it (put it above ``@web.authenticated``)."""
    described = Operation(summary, response, query, body, status, errors, tags)

    def mark(function: FunctionT) -> FunctionT:
        setattr(function, _OPERATION, described)
        return function

    return mark


@dataclass(frozen=True)
class Route:
    """One REST path: its OpenAPI template (``/images/{name}``) and the handler serving it.

    The operations are those the handler implements, each documented by its ``@operation``.
    """

    template: str
    handler: type[web.RequestHandler]

    @property
    def pattern(self) -> str:
        """The Tornado URL pattern of the template."""
        return route(self.template)

    def operations(self) -> dict[str, Operation]:
        """Method → documentation of every method the handler implements.

        Raises ``TypeError`` for an implemented method without ``@operation`` and for a
        handler that implements none, so such a route never reaches a running server.
        """
        found: dict[str, Operation] = {}
        for method in METHODS:
            function = getattr(self.handler, method)
            if function is getattr(web.RequestHandler, method):
                continue
            described = getattr(function, _OPERATION, None)
            if not isinstance(described, Operation):
                raise TypeError(
                    f"{self.handler.__name__}.{method} serves {self.template} but has no "
                    "@operation documenting it"
                )
            found[method] = described
        if not found:
            raise TypeError(f"{self.handler.__name__} serves {self.template} with no method")
        return found


def documented(routes: Iterable[Route]) -> dict[Route, dict[str, Operation]]:
    """Each route with its operations; ``ValueError`` for a template declared twice and
    ``TypeError`` (see ``Route.operations``) for an undocumented method."""
    found: dict[Route, dict[str, Operation]] = {}
    templates: set[str] = set()
    for item in routes:
        if item.template in templates:
            raise ValueError(f"Route {item.template} is declared twice")
        templates.add(item.template)
        found[item] = item.operations()
    return found


def tornado_handlers(routes: Iterable[Route]) -> list[tuple[str, type[web.RequestHandler]]]:
    """The Tornado handler table of ``routes`` (each checked to be documented)."""
    return [(item.pattern, item.handler) for item in documented(routes)]


#: Path parameters that are not any text: image versions are numbers.
_PATH_SCHEMAS: dict[str, dict[str, Any]] = {
    "version": {"type": "integer", "minimum": -(2**63), "maximum": 2**63 - 1}
}


REF = "#/components/schemas/{model}"

#: How a model is used: as a request body (validated) or as a response (serialized).
Use = tuple[type[BaseModel], JsonSchemaMode]
#: Each use's ``{"$ref": ...}``, as pydantic names it (keys are ``Use``s).
Refs = Mapping[Any, dict[str, Any]]


class _DocumentSchema(GenerateJsonSchema):
    """Schemas as the REST face really uses them: a request may leave out a field that has a
    default, but a response carries every field (handlers serialize defaults too), so a
    client generated from the document need not test for fields that are always there."""

    def field_is_required(
        self,
        field: core_schema.ModelField | core_schema.DataclassField | core_schema.TypedDictField,
        total: bool,
    ) -> bool:
        if self.mode == "serialization":
            return not field.get("serialization_exclude")
        return super().field_is_required(field, total)


def _uses(described: Operation) -> list[Use]:
    uses: list[Use] = []
    if described.body is not None:
        uses.append((described.body, "validation"))
    if described.response is not None:
        uses.append((described.response, "serialization"))
    return uses


def build_document(version: str, routes: Iterable[Route]) -> dict[str, Any]:
    """The OpenAPI document of every operation of ``routes``."""
    table = documented(routes)
    uses = {
        use
        for operations in table.values()
        for described in operations.values()
        for use in _uses(described)
    }
    # A model used both ways whose two schemas differ comes out twice, as Name-Input and
    # Name-Output; ``refs`` says which name each use refers to.
    refs, schemas = models_json_schema(
        sorted(uses, key=lambda use: (use[0].__name__, use[1])),
        by_alias=False,
        ref_template=REF,
        schema_generator=_DocumentSchema,
    )
    query_definitions: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    for item, operations in table.items():
        paths[item.template] = {
            method: _operation(item.template, described, refs, query_definitions)
            for method, described in operations.items()
        }
    components = dict(schemas.get("$defs", {}))
    components.update(query_definitions)
    components["Error"] = {
        "type": "object",
        "required": ["error", "message"],
        "properties": {
            "error": {"type": "string", "description": "Error code, e.g. InvalidInput, NotFound"},
            "message": {"type": "string", "description": "What went wrong, in words"},
            "field": {"type": "string", "description": "The offending field, when there is one"},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "ML Studio REST API",
            "version": version,
            "description": (
                "The REST face of jupyterlab_mlstudio, used by its JupyterLab front end, magics "
                "and Python client. The same services also answer SageMaker's own wire protocol "
                "at /mlstudio/aws (boto3, SigV4 with the server token as secret). Bodies are "
                "JSON objects nesting at most 64 levels; no text may hold a NUL character."
            ),
        },
        "servers": [{"url": API_PREFIX}],
        "security": [{"token": []}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": components,
            "securitySchemes": {
                "token": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "'token <server token>', or Jupyter's login cookie plus XSRF",
                }
            },
        },
    }


def _operation(
    template: str,
    described: Operation,
    refs: Refs,
    definitions: dict[str, Any],
) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": _PATH_SCHEMAS.get(name, {"type": "string"}),
        }
        for name in _PARAMETER.findall(template)
    ]
    if described.query is not None:
        schema = described.query.model_json_schema(by_alias=False, ref_template=REF)
        definitions.update(schema.get("$defs", {}))
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            parameters.append(
                {"name": name, "in": "query", "required": name in required, "schema": prop}
            )
    result: dict[str, Any] = {"summary": described.summary, "responses": {}}
    if described.tags:
        result["tags"] = list(described.tags)
    if parameters:
        result["parameters"] = parameters
    if described.body is not None:
        result["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": refs[(described.body, "validation")]}},
        }
    success: dict[str, Any] = {"description": "Success"}
    if described.response is not None:
        schema = refs[(described.response, "serialization")]
        success["content"] = {"application/json": {"schema": schema}}
    result["responses"][str(described.status)] = success
    codes = set(described.errors)
    if described.query is not None or described.body is not None:
        codes.add(400)
    for code in sorted(codes):
        result["responses"][str(code)] = {
            "description": _STATUS_TEXT[code],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    return result


class OpenAPIHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/openapi.json``: this API's OpenAPI 3 document."""

    auth_resource = "mlstudio:status"

    @operation("This document", tags=("meta",))
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.reply(self.settings["mlstudio.openapi"])


ROUTES = [Route("/openapi.json", OpenAPIHandler)]
