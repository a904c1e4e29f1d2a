"""Everything endpoints are made of, built once per server: the config and endpoint services,
the job kind, the fleet and its router, the replica watcher, data capture and autoscaling."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..compute.capacity import CapacityLedger
from ..compute.catalogue import InstanceTypeCatalogue
from ..core.events import EventBus
from ..jobs.supervisor import JobSupervisor
from ..logs.service import LogService
from ..objects import ObjectStores
from ..runtime.base import RuntimeBackend
from ..serving.units import ServingSettings
from ..store import Database
from .capture import CaptureWriter
from .configs import EndpointConfigService, ModelResolver
from .fleet import Fleet, LiveEndpoint, Replica
from .jobs import LOG_GROUP, EndpointDeployments, EndpointDeps
from .router import Router
from .scaling import ScalingService
from .service import EndpointService
from .watcher import ReplicaWatcher


@dataclass
class EndpointSettings:
    """How endpoints run here (from the server's traitlets)."""

    root: Path
    region: str = "us-east-1"
    account: str = "000000000000"
    invocation_timeout_seconds: float = 65.0
    capture_flush_seconds: float = 10.0
    scaling_interval_seconds: float = 10.0
    scaling_window_seconds: float = 60.0
    restart_backoff_seconds: float = 0.5
    drain_seconds: float = 60.0


class EndpointPlane:
    """The endpoint services of one server and the background work they need."""

    def __init__(
        self,
        *,
        database: Database,
        objects: ObjectStores,
        logs: LogService,
        catalogue: InstanceTypeCatalogue,
        capacity: CapacityLedger,
        backends: dict[str, RuntimeBackend],
        events: EventBus,
        supervisor: JobSupervisor,
        serving: ServingSettings,
        resolve_model: ModelResolver,
        settings: EndpointSettings,
    ) -> None:
        self.settings = settings
        self.fleet = Fleet()
        self.capture = CaptureWriter(objects, settings.capture_flush_seconds)
        self.deps = EndpointDeps(
            database=database,
            objects=objects,
            logs=logs,
            catalogue=catalogue,
            capacity=capacity,
            backends=backends,
            events=events,
            fleet=self.fleet,
            capture=self.capture,
            serving=serving,
            root=settings.root,
            region=settings.region,
            account=settings.account,
            restart_backoff_seconds=settings.restart_backoff_seconds,
            drain_seconds=settings.drain_seconds,
        )
        self.kind = EndpointDeployments(self.deps)
        supervisor.register(self.kind)
        self.watcher = ReplicaWatcher(self.deps, supervisor)
        self.router = Router(
            self.fleet,
            self.capture,
            timeout_seconds=settings.invocation_timeout_seconds,
            log_stream_arn=self.log_stream_arn,
            on_unreachable=self.watcher.wake,
        )
        self.configs = EndpointConfigService(
            database,
            catalogue=catalogue,
            capacity=capacity,
            objects=objects,
            resolve_model=resolve_model,
            region=settings.region,
            account=settings.account,
        )
        self.endpoints = EndpointService(
            database,
            supervisor=supervisor,
            configs=self.configs,
            resolve_model=resolve_model,
            catalogue=catalogue,
            capacity=capacity,
            fleet=self.fleet,
            router=self.router,
            region=settings.region,
            account=settings.account,
        )
        self.scaling = ScalingService(
            database,
            endpoints=self.endpoints,
            fleet=self.fleet,
            capacity=capacity,
            catalogue=catalogue,
            region=settings.region,
            account=settings.account,
            interval=settings.scaling_interval_seconds,
            window=settings.scaling_window_seconds,
        )
        self.deps.on_deleted.append(self.scaling.forget_endpoint)

    def log_stream_arn(self, endpoint: LiveEndpoint, replica: Replica) -> str:
        group = LOG_GROUP.format(name=endpoint.name)
        return (
            f"arn:aws:logs:{self.settings.region}:{self.settings.account}:log-group:{group}"
            f":log-stream:{replica.log_stream}"
        )

    def start(self) -> None:
        """Background work: the watcher and the autoscaler (adoption is the supervisor's)."""
        self.watcher.start()
        self.scaling.start()

    def close(self) -> None:
        """Stop watching and scaling; units keep serving for the next server."""
        self.scaling.stop()
        self.watcher.stop()
        self.capture.flush(5.0)
