"""Builds the status report from the parts the server is made of."""

from __future__ import annotations

from ..compute.capacity import CapacityLedger
from ..core.context import RequestContext
from ..objects import ObjectStores, S3ObjectStore
from ..store import Database
from .models import ObjectStoreInfo, Status, StoreInfo
from .monitor import HostMonitor


class StatusService:
    """Answers ``GET /status``: version, store, object store, backends, host and what of the
    host is reserved, by whom."""

    def __init__(
        self,
        version: str,
        database: Database,
        objects: ObjectStores,
        s3: S3ObjectStore | None,
        monitor: HostMonitor,
        workspace_root: str = "",
        capacity: CapacityLedger | None = None,
    ) -> None:
        self.version = version
        self.database = database
        self.objects = objects
        self.s3 = s3
        self.monitor = monitor
        self.workspace_root = workspace_root
        self.capacity = capacity or CapacityLedger(monitor.host)

    def status(self, context: RequestContext) -> Status:
        return Status(
            version=self.version,
            user=context.owner,
            domain=context.domain,
            space=context.space,
            store=StoreInfo(**self.database.describe()),
            object_store=ObjectStoreInfo(
                default_root=self.objects.default_root,
                schemes=self.objects.schemes,
                s3_endpoint_url=self.s3.endpoint() if self.s3 else None,
            ),
            backends=self.monitor.backends(),
            host=self.monitor.host(),
            workspace_root=self.workspace_root,
            capacity=self.capacity.report(),
        )
