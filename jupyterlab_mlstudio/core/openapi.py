"""The OpenAPI 3 document of the REST face, served at ``GET /mlstudio/api/v1/openapi.json``.

Each concept declares its operations next to its handlers (``OPENAPI``); this module gathers
them and renders request and response schemas from the pydantic models. A test compares the
document with the routes the server really has, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jupyter_server.auth.decorator import authorized
from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, models_json_schema
from pydantic_core import core_schema
from tornado import web

from .handlers import API_PREFIX, MLStudioHandler, route

_PARAMETER = re.compile(r"\{([a-z_]+)\}")
_STATUS_TEXT = {
    400: "Invalid input; the message names the field.",
    401: "Not authenticated.",
    403: "Not authorized.",
    404: "No such resource.",
    409: "Conflict with the resource's state.",
    424: "The model answered with an error: its status and message are in the body.",
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


Paths = dict[str, dict[str, Operation]]

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


def _uses(operation: Operation) -> list[Use]:
    uses: list[Use] = []
    if operation.body is not None:
        uses.append((operation.body, "validation"))
    if operation.response is not None:
        uses.append((operation.response, "serialization"))
    return uses


def build_document(version: str, sections: list[Paths]) -> dict[str, Any]:
    """The OpenAPI document for every operation in ``sections``."""
    uses = {
        use
        for section in sections
        for operations in section.values()
        for operation in operations.values()
        for use in _uses(operation)
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
    for section in sections:
        for template, operations in section.items():
            entry = paths.setdefault(template, {})
            for method, operation in operations.items():
                entry[method] = _operation(template, operation, refs, query_definitions)
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
    operation: Operation,
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
    if operation.query is not None:
        schema = operation.query.model_json_schema(by_alias=False, ref_template=REF)
        definitions.update(schema.get("$defs", {}))
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            parameters.append(
                {"name": name, "in": "query", "required": name in required, "schema": prop}
            )
    result: dict[str, Any] = {"summary": operation.summary, "responses": {}}
    if operation.tags:
        result["tags"] = list(operation.tags)
    if parameters:
        result["parameters"] = parameters
    if operation.body is not None:
        result["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": refs[(operation.body, "validation")]}},
        }
    success: dict[str, Any] = {"description": "Success"}
    if operation.response is not None:
        schema = refs[(operation.response, "serialization")]
        success["content"] = {"application/json": {"schema": schema}}
    result["responses"][str(operation.status)] = success
    codes = set(operation.errors)
    if operation.query is not None or operation.body is not None:
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

    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.reply(self.settings["mlstudio.openapi"])


OPENAPI: Paths = {"/openapi.json": {"get": Operation("This document", tags=("meta",))}}
HANDLERS = [(route("/openapi.json"), OpenAPIHandler)]
