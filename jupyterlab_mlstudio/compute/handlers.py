"""REST handlers for the instance-type catalogue."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.handlers import MLStudioHandler
from ..core.models import ApiModel
from ..core.openapi import Route, operation
from .models import InstanceType, InstanceTypeList

TAGS = ("compute",)


class InstanceTypeQuery(ApiModel):
    """Query of ``GET /instance-types``."""

    available: bool | None = None


class InstanceTypesHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/instance-types``: the catalogue, each with availability."""

    auth_resource = "mlstudio:compute"

    @operation(
        "List instance types with their availability on this host",
        response=InstanceTypeList,
        query=InstanceTypeQuery,
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self) -> None:
        query = self.parse_query(InstanceTypeQuery)
        items = self.services.catalogue.list(query.available)
        self.reply(
            InstanceTypeList(
                instance_types=items, default=self.services.catalogue.default_instance_type
            )
        )


class InstanceTypeHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/instance-types/{name}``: one instance type."""

    auth_resource = "mlstudio:compute"

    @operation("Get one instance type", response=InstanceType, errors=(401, 403, 404), tags=TAGS)
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        self.reply(self.services.catalogue.get(name))


ROUTES = [
    Route("/instance-types", InstanceTypesHandler),
    Route("/instance-types/{name}", InstanceTypeHandler),
]
