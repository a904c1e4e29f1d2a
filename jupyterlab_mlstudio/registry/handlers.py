"""REST handlers for the model registry (the UI's view of registered models and versions)."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from pydantic import Field
from tornado import web

from ..core.handlers import MLStudioHandler
from ..core.models import ApiModel
from ..core.openapi import Route, operation
from .models import ModelDetail, ModelVersion, RegisteredModel
from .registration import RegisterModelVersion, register_version

TAGS = ("registry",)


class ModelQuery(ApiModel):
    filter: str | None = Field(default=None, description="e.g. name LIKE 'iris%'")
    max_items: int = Field(default=100, ge=1, le=1000)
    next_token: str | None = None


class ModelList(ApiModel):
    models: list[RegisteredModel]
    next_token: str | None = None


class ModelsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/models``: registered models with their latest versions."""

    auth_resource = "mlstudio:registry"

    @operation("List registered models", response=ModelList, query=ModelQuery, tags=TAGS)
    @web.authenticated
    @authorized
    async def get(self) -> None:
        query = self.parse_query(ModelQuery)
        models, token = await self.call(
            self.services.registry.search_models,
            self.request_context,
            query.filter,
            query.max_items,
            None,
            query.next_token,
        )
        self.reply(ModelList(models=models, next_token=token))


class ModelHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/models/{name}``: a registered model with every version and alias."""

    auth_resource = "mlstudio:registry"

    @operation(
        "A registered model with its versions",
        response=ModelDetail,
        errors=(401, 403, 404),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        self.reply(await self.call(self.services.registry.model_detail, self.request_context, name))


class ModelVersionsHandler(MLStudioHandler):
    """``POST /mlstudio/api/v1/models/{name}/versions``: register a version of a model (the
    model too, when the name is new), with its aliases."""

    auth_resource = "mlstudio:registry"

    @operation(
        "Register a version (and the model, when new) with its aliases",
        body=RegisterModelVersion,
        response=ModelVersion,
        status=201,
        errors=(400, 401, 403, 404),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self, name: str) -> None:
        body = self.parse_body(RegisterModelVersion)
        version = await self.call(
            register_version, self.services.registry, self.request_context, name, body
        )
        self.reply(version, status=201)


ROUTES = [
    Route("/models", ModelsHandler),
    Route("/models/{name}", ModelHandler),
    Route("/models/{name}/versions", ModelVersionsHandler),
]
