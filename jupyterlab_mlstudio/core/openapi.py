"""The OpenAPI 3 document of the REST face, served at ``GET /mlstudio/api/v1/openapi.json``.

Each concept declares its operations next to its handlers (``OPENAPI``); this module gathers
them and renders request and response schemas from the pydantic models. A test compares the
document with the routes the server really has, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from jupyter_server.auth.decorator import authorized
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema
from tornado import web

from .handlers import API_PREFIX, MLStudioHandler, route

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


Paths = dict[str, dict[str, Operation]]

#: Path parameters that are not any text: image versions are numbers.
_PATH_SCHEMAS: dict[str, dict[str, Any]] = {
    "version": {"type": "integer", "minimum": -(2**63), "maximum": 2**63 - 1}
}


REF = "#/components/schemas/{model}"


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": REF.format(model=model.__name__)}


def build_document(version: str, sections: list[Paths]) -> dict[str, Any]:
    """The OpenAPI document for every operation in ``sections``."""
    models: set[type[BaseModel]] = set()
    query_definitions: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    for section in sections:
        for template, operations in section.items():
            entry = paths.setdefault(template, {})
            for method, operation in operations.items():
                entry[method] = _operation(template, operation, models, query_definitions)
    ordered = sorted(models, key=lambda model: model.__name__)
    _, schemas = models_json_schema(
        [(model, "serialization") for model in ordered], by_alias=False, ref_template=REF
    )
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
    models: set[type[BaseModel]],
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
        models.add(operation.body)
        result["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(operation.body)}},
        }
    success: dict[str, Any] = {"description": "Success"}
    if operation.response is not None:
        models.add(operation.response)
        success["content"] = {"application/json": {"schema": _ref(operation.response)}}
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
