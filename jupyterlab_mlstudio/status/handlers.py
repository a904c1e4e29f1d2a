"""REST handler for the status report."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.handlers import MLStudioHandler
from ..core.openapi import Route, operation
from .models import Status


class StatusHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/status``: version, store, object store, backends and host."""

    auth_resource = "mlstudio:status"

    @operation(
        "Version, store, object store, runtime backends and host resources",
        response=Status,
        tags=("status",),
    )
    @web.authenticated
    @authorized
    async def get(self) -> None:
        status = await self.call(self.services.status.status, self.request_context)
        self.reply(status)


ROUTES = [Route("/status", StatusHandler)]
