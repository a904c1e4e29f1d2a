"""Builds the status report from the parts the server is made of."""

from __future__ import annotations

from ..awsenv.environment import StudioAws
from ..compute.capacity import CapacityLedger
from ..core.context import RequestContext
from ..objects import ObjectStores, S3ObjectStore
from ..store import Database
from .models import AwsInfo, ObjectStoreInfo, Status, StoreInfo
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
        #: The AWS that kernels get, reported so code elsewhere can use the same.
        self.aws: StudioAws | None = None

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
            aws=self._aws_info(),
        )

    def _aws_info(self) -> AwsInfo | None:
        if self.aws is None:
            return None
        return AwsInfo(
            region=self.aws.region,
            account_id=self.aws.account,
            execution_role_arn=self.aws.role_arn,
            default_bucket=self.aws.default_bucket,
            defaults=self.aws.defaults_file(),
        )
