"""REST handler of the audit log (admins only)."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.handlers import MLStudioHandler
from ..core.openapi import Route, operation
from .models import AuditEvent, AuditPage, AuditQuery
from .roles import AUDIT_RESOURCE


class AuditEventsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/audit-events``: who changed what, when, through which face."""

    auth_resource = AUDIT_RESOURCE

    @operation(
        "The domain's audit log, newest first (admins only)",
        query=AuditQuery,
        response=AuditPage,
        errors=(400, 401, 403),
        tags=("audit",),
    )
    @web.authenticated
    @authorized
    async def get(self) -> None:
        query = self.parse_query(AuditQuery)
        rows, token = await self.call(
            self.services.audit.list, self.request_context, **query.model_dump()
        )
        events = [
            AuditEvent(
                time=row.time,
                owner=row.owner,
                space=row.space,
                face=row.face,
                action=row.action,
                operation=row.operation,
                resource_type=row.resource_type,
                resource_name=row.resource_name,
                outcome=row.outcome,
                detail=row.detail or {},
            )
            for row in rows
        ]
        self.reply(AuditPage(events=events, next_token=token))


ROUTES = [Route("/audit-events", AuditEventsHandler)]
