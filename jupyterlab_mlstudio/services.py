"""The composition root: every service the faces call, built once per server."""

from __future__ import annotations

from .aws.registry import ActionRegistry
from .compute.catalogue import InstanceTypeCatalogue
from .core.context import RequestContext
from .core.events import EventBus
from .objects import ObjectStores, S3ObjectStore
from .status.monitor import HostMonitor
from .status.service import StatusService
from .store import Database
from .training import aws as training_aws
from .training.service import TrainingJobService


class Services:
    """What handlers reach through ``self.services``: one instance of each service."""

    def __init__(
        self,
        *,
        version: str,
        database: Database,
        objects: ObjectStores,
        s3: S3ObjectStore | None,
        monitor: HostMonitor,
        catalogue: InstanceTypeCatalogue,
        events: EventBus,
        default_domain: str,
        default_space: str,
    ) -> None:
        self.database = database
        self.objects = objects
        self.monitor = monitor
        self.catalogue = catalogue
        self.events = events
        self.default_domain = default_domain
        self.default_space = default_space
        self.status = StatusService(version, database, objects, s3, monitor)
        self.training = TrainingJobService(database)
        self.aws_actions = ActionRegistry(training_aws.ACTIONS)

    def context_for(self, owner: str) -> RequestContext:
        """The request context of ``owner`` in the server's domain and space."""
        return RequestContext(owner=owner, domain=self.default_domain, space=self.default_space)

    def close(self) -> None:
        self.database.dispose()
