"""REST handlers of traces for the run view."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.handlers import MLStudioHandler
from ..core.openapi import Route, operation
from .views import RunTraceList, RunTraceQuery, run_traces

RESOURCE = "mlstudio:experiments"
TAGS = ("experiments",)
ERRORS = (401, 403, 404)


class RunTracesHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/runs/{run_id}/traces``: the run's traces with their span trees."""

    auth_resource = RESOURCE

    @operation(
        "List the run's traces with their spans",
        response=RunTraceList,
        query=RunTraceQuery,
        errors=ERRORS,
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, run_id: str) -> None:
        query = self.parse_query(RunTraceQuery)
        self.reply(
            await self.call(
                run_traces, self.services.traces, self.request_context, run_id, query.max_items
            )
        )


ROUTES = [Route("/runs/{run_id}/traces", RunTracesHandler)]
