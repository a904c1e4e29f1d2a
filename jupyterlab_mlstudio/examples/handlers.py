"""REST handlers of the sample notebooks."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.handlers import MLStudioHandler
from ..core.openapi import Route, operation
from .service import SampleList, SampleNotebook

RESOURCE = "mlstudio:samples"
TAGS = ("samples",)


class SamplesHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/samples``: the sample notebooks the package ships."""

    auth_resource = RESOURCE

    @operation("List the sample notebooks", response=SampleList, tags=TAGS)
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.reply(await self.call(self.services.samples.list))


class SampleHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/samples/{name}``: one sample with its notebook's content."""

    auth_resource = RESOURCE

    @operation("Read a sample notebook", response=SampleNotebook, errors=(401, 403, 404), tags=TAGS)
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        self.reply(await self.call(self.services.samples.notebook, name))


ROUTES = [Route("/samples", SamplesHandler), Route("/samples/{name}", SampleHandler)]
