"""REST handlers of notebook snapshots (thin: parse, authorize, call ``SnapshotService``)."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.handlers import MLStudioHandler
from ..core.openapi import Route, operation
from .models import (
    CopiedSnapshot,
    CopySnapshot,
    CreateSnapshot,
    Snapshot,
    SnapshotDetail,
    SnapshotPage,
    SnapshotQuery,
    SnapshotRecipients,
)

TAGS = ("sharing",)


class SnapshotsHandler(MLStudioHandler):
    """``/mlstudio/api/v1/snapshots``: share a notebook; list what you sent and received."""

    auth_resource = "mlstudio:snapshots"

    @operation(
        "Snapshots the caller sent or received, newest first",
        query=SnapshotQuery,
        response=SnapshotPage,
        errors=(400, 401, 403),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self) -> None:
        query = self.parse_query(SnapshotQuery)
        self.reply(await self.call(self.services.snapshots.list, self.request_context, query))

    @operation(
        "Share a read-only snapshot of a notebook (outputs, image and instance type included) "
        "with members of the domain or the whole domain",
        body=CreateSnapshot,
        response=Snapshot,
        status=201,
        errors=(400, 401, 403),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self) -> None:
        request = self.parse_body(CreateSnapshot)
        created = await self.call(self.services.snapshots.create, self.request_context, request)
        self.reply(created, 201)


class SnapshotHandler(MLStudioHandler):
    """``/mlstudio/api/v1/snapshots/{snapshot_id}``: read (with the notebook) or delete."""

    auth_resource = "mlstudio:snapshots"

    @operation(
        "A snapshot with its notebook (404 unless the caller sent or received it)",
        response=SnapshotDetail,
        errors=(401, 403, 404),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, snapshot_id: str) -> None:
        found = await self.call(self.services.snapshots.get, self.request_context, snapshot_id)
        self.reply(found)

    @operation(
        "Delete a snapshot (its sender only)",
        status=204,
        errors=(401, 403, 404),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def delete(self, snapshot_id: str) -> None:
        await self.call(self.services.snapshots.delete, self.request_context, snapshot_id)
        self.reply(None, 204)


class SnapshotCopyHandler(MLStudioHandler):
    """``/mlstudio/api/v1/snapshots/{snapshot_id}/copy``: copy into the caller's space."""

    auth_resource = "mlstudio:snapshots"

    @operation(
        "Copy a snapshot into the caller's space as a notebook on the sender's image and "
        "instance type",
        body=CopySnapshot,
        response=CopiedSnapshot,
        status=201,
        errors=(400, 401, 403, 404),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self, snapshot_id: str) -> None:
        request = self.parse_body(CopySnapshot)
        copied = await self.call(
            self.services.snapshots.copy, self.request_context, snapshot_id, request
        )
        self.reply(copied, 201)


class SnapshotRecipientsHandler(MLStudioHandler):
    """``GET /mlstudio/api/v1/snapshot-recipients``: who the caller can share with."""

    auth_resource = "mlstudio:snapshots"

    @operation(
        "The user profiles of the caller's domain a snapshot can be sent to",
        response=SnapshotRecipients,
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self) -> None:
        found = await self.call(self.services.snapshots.recipients, self.request_context)
        self.reply(found)


ROUTES = [
    Route("/snapshot-recipients", SnapshotRecipientsHandler),
    Route("/snapshots", SnapshotsHandler),
    Route("/snapshots/{snapshot_id}", SnapshotHandler),
    Route("/snapshots/{snapshot_id}/copy", SnapshotCopyHandler),
]
