"""REST handlers of the resource overview (thin: parse, authorize, call ``ResourceService``)."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.handlers import MLStudioHandler
from ..core.openapi import Route, operation
from .models import (
    ResourceOverview,
    ResourceQuery,
    RunningResource,
    StopIdle,
    StoppedResources,
    StopResource,
)

TAGS = ("resources",)


class ResourcesHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/resources``: kernels, apps, jobs and endpoints that run."""

    auth_resource = "mlstudio:resources"

    @operation(
        "What runs now (the caller's, or everyone's for an admin) with instance types, run "
        "time and memory",
        query=ResourceQuery,
        response=ResourceOverview,
        errors=(400, 401, 403),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self) -> None:
        query = self.parse_query(ResourceQuery)
        overview = await self.call(
            self.services.resources.overview, self.request_context, query.scope
        )
        self.reply(overview)


class ResourceStopHandler(MLStudioHandler):
    """``POST /mlstudio/api/v1/resources/stop``: stop one kernel, app, job or endpoint."""

    auth_resource = "mlstudio:resources"

    @operation(
        "Stop a kernel, app, job or endpoint (the caller's own; anyone's for an admin)",
        body=StopResource,
        response=RunningResource,
        errors=(400, 401, 403, 404, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self) -> None:
        request = self.parse_body(StopResource)
        self.reply(await self.services.resources.stop(self.request_context, request))


class ResourceStopIdleHandler(MLStudioHandler):
    """``POST /mlstudio/api/v1/resources/stop-idle``: admins stop every idle kernel."""

    auth_resource = "mlstudio:resources"

    @operation(
        "Stop every kernel idle at least idle_minutes (admins)",
        body=StopIdle,
        response=StoppedResources,
        errors=(400, 401, 403),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self) -> None:
        request = self.parse_body(StopIdle)
        stopped = await self.services.resources.stop_idle(self.request_context, request)
        self.reply(StoppedResources(stopped=stopped))


ROUTES = [
    Route("/resources", ResourcesHandler),
    Route("/resources/stop", ResourceStopHandler),
    Route("/resources/stop-idle", ResourceStopIdleHandler),
]
