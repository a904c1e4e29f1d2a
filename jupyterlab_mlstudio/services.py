"""The composition root: every service the faces call, built once per server."""

from __future__ import annotations

import sys
import time

from cryptography.fernet import Fernet

from .access.audit import AuditService
from .awsenv.environment import StudioAws
from .compute.capacity import CapacityLedger
from .compute.catalogue import InstanceTypeCatalogue
from .compute.models import GIB
from .core.context import RequestContext, member_of
from .core.events import EventBus
from .core.identity import local_user
from .domains.apps import AppService
from .domains.contexts import Contexts
from .domains.keys import AccessKeyService
from .domains.launcher import AppLauncher, SingleUserLauncher
from .domains.links import LoginLinks
from .domains.membership import Memberships
from .domains.notebooks import NotebookInstanceService
from .domains.presign import Presigner
from .domains.service import DomainService, profile_name_for
from .domains.settings import SpecCheck
from .domains.spaces import SpaceService
from .domains.tokens import MlflowTokenService
from .domains.views import Arns
from .endpoints.deploy import DeployService
from .endpoints.plane import EndpointPlane, EndpointSettings
from .evaldatasets.service import EvalDatasetService
from .examples.service import SampleService
from .experiments.artifacts import ArtifactStore
from .experiments.logged_models import LoggedModelService
from .experiments.run_artifacts import ModelArtifacts, RunArtifacts
from .experiments.service import ExperimentService
from .images.builds import ImageBuilds
from .images.environments import EnvironmentFinder
from .images.orm import AppImageConfigRecord, ImageRecord
from .images.service import ImageService
from .inference.models import CreateModelRequest
from .inference.service import ModelService
from .inference.transform.job_logs import TransformJobLogs
from .inference.transform.jobs import TransformDeps, TransformJobs
from .inference.transform.service import TransformJobService
from .issues.service import IssueService
from .jobs.settings import JobSettings
from .jobs.supervisor import JobSupervisor
from .kernels.service import KernelService
from .kernels.specs import KernelSpecWriter
from .kernels.switch import KernelSwitcher
from .labelschemas.service import LabelSchemaService
from .logs.ingest import LogIngest
from .logs.service import LogService
from .objects import ObjectStores, S3ObjectStore
from .objects.buckets import BucketStore
from .objects.router import join_uri
from .processing.jobs import ProcessingDeps, ProcessingJobs
from .processing.orm import ProcessingJobRecord
from .processing.service import ProcessingJobService
from .registry.service import RegistryService
from .registry.sources import SourceCheck
from .resources.service import ResourceService
from .reviewqueues.service import ReviewQueueService
from .runtime.wiring import build_backends
from .scorers.online import OnlineScoring
from .scorers.service import ScorerService
from .serving.units import ServingSettings, prepare_library
from .sharing.service import SnapshotService
from .status.monitor import HostMonitor
from .status.service import StatusService
from .store import Database
from .tags.service import TagService
from .tracing.assessments import AssessmentService
from .tracing.metrics import TraceMetrics
from .tracing.service import TraceService
from .training.job_logs import TrainingJobLogs
from .training.jobs import TrainingDeps, TrainingJobs
from .training.metrics import TrainingMetrics
from .training.orm import TrainingJobRecord
from .training.service import TrainingJobService
from .tuning.jobs import TuningDeps, TuningJobs
from .tuning.service import TuningJobService

#: How long the event stream trusts its listener's membership before reading it again.
AUDIENCE_SECONDS = 2.0


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
        jobs: JobSettings,
        face_buckets: BucketStore | None = None,
        access_key_cipher: bytes | None = None,
        app_launcher: AppLauncher | None = None,
        user_role: str = "",
    ) -> None:
        self.database = database
        self.objects = objects
        self.monitor = monitor
        self.catalogue = catalogue
        self.events = events
        # The event stream tells the server's user of their spaces' records only.
        self._audience: tuple[float, RequestContext] | None = None
        events.audience = self._hears
        self.default_domain = default_domain
        self.default_space = default_space
        #: The server's user's role as the hub gives it; empty on a single-user server.
        self.user_role = user_role
        self.memberships = Memberships(database)
        self.contexts = Contexts(self.memberships, default_domain, default_space)
        self.context_for = self.contexts.context_for
        self.known_context = self.contexts.known_context
        self.server_context = self.contexts.server_context
        self.logs = LogService(database)
        self.audit = AuditService(database)
        self.log_ingest = LogIngest()
        # Every resource kind's tags; kinds register their ARN type and table below.
        self.tags = TagService(database, jobs.region, jobs.account)
        # What kernels and job units get to reach this server's AWS faces.
        self.aws = StudioAws(
            folder=jobs.data_dir / "aws",
            region=jobs.region,
            account=jobs.account,
            buckets=face_buckets,
            server_url=jobs.server_url,
            server_token=jobs.server_token,
            domain=default_domain,
            space=default_space,
        )
        self.experiments = ExperimentService(database, objects.default_root, events)
        self.logged_models = LoggedModelService(database)
        self.registry = RegistryService(
            database, SourceCheck(objects, self.experiments, self.logged_models)
        )
        self.artifacts = ArtifactStore(objects)
        self.run_artifacts = RunArtifacts(self.experiments, self.artifacts)
        self.model_artifacts = ModelArtifacts(self.logged_models, self.artifacts)
        self.traces = TraceService(database, self.experiments, self.artifacts)
        self.assessments = AssessmentService(self.traces)
        self.trace_metrics = TraceMetrics(self.traces)
        self.online_scoring = OnlineScoring(database, self.assessments)
        self.traces.on_finished.append(self.online_scoring.trace_finished)
        self.scorers = ScorerService(database, self.experiments)
        self.eval_datasets = EvalDatasetService(database, self.experiments)
        self.label_schemas = LabelSchemaService(database, self.experiments)
        self.issues = IssueService(database, self.experiments)
        self.review_queues = ReviewQueueService(database, self.experiments)
        self.capacity = CapacityLedger(monitor.host, int(jobs.reserved_memory_gib * GIB))
        self.status = StatusService(
            version, database, objects, s3, monitor, jobs.workspace_root, capacity=self.capacity
        )
        self.status.aws = self.aws
        self.samples = SampleService()
        process, self.backends = build_backends(jobs, monitor)
        # One supervisor drives every job kind; freed capacity wakes the jobs waiting for it.
        self.supervisor = JobSupervisor(database, events, jobs.supervisor_id)
        self.capacity.listeners.append(self.supervisor.wake_all)
        self.training_jobs = TrainingJobs(
            TrainingDeps(
                database=database,
                objects=objects,
                logs=self.logs,
                experiments=self.experiments,
                catalogue=catalogue,
                capacity=self.capacity,
                backends=self.backends,
                events=events,
                jobs_root=jobs.data_dir / "jobs" / "training",
                supervisor_id=jobs.supervisor_id,
                server_url=jobs.server_url,
                server_token=jobs.server_token,
                stop_grace_seconds=jobs.stop_grace_seconds,
                poll_interval=jobs.poll_interval,
                checkpoint_interval=jobs.checkpoint_interval,
                docker_network=jobs.docker_network,
                keep_job_folders=jobs.keep_job_folders,
                ingest=self.log_ingest,
                aws=self.aws,
                artifacts=self.artifacts,
            )
        )
        self.supervisor.register(self.training_jobs)
        docker = self.backends.get("docker")
        self.images = ImageService(
            database,
            self.logs,
            events,
            self.supervisor,
            docker=docker,
            region=jobs.region,
            account=jobs.account,
            default_interpreter=sys.executable,
            tags=self.tags,
        )
        self.supervisor.register(ImageBuilds(self.images))
        self.environments = EnvironmentFinder(jobs.workspace_root, sys.executable)
        self.kernels = KernelService(
            database=database,
            images=self.images,
            catalogue=catalogue,
            monitor=monitor,
            docker=docker,
            data_dir=jobs.data_dir,
            workspace_root=jobs.workspace_root,
            context=self.server_context(),
            server_id=jobs.supervisor_id,
            events=events,
            idle_minutes=jobs.idle_minutes,
            capacity=self.capacity,
            aws=self.aws,
            mount_namespace=process.namespace,
        )
        self.kernel_switcher = KernelSwitcher(self.kernels, events)
        self.kernel_specs = KernelSpecWriter(jobs.data_dir / "kernels")
        self.images.listeners.append(self._write_kernel_specs)
        self.training = TrainingJobService(
            database,
            supervisor=self.supervisor,
            catalogue=catalogue,
            capacity=self.capacity,
            experiments=self.experiments,
            objects=objects,
            backends=self.backends,
            default_interpreter=sys.executable,
            images=self.images,
            region=jobs.region,
            account=jobs.account,
            tags=self.tags,
            sagemaker_image_backend=jobs.sagemaker_image_backend,
            cluster_instance_types=jobs.ray.instance_types if jobs.ray.address else (),
        )
        self.serving = ServingSettings(
            supervisor_id=jobs.supervisor_id,
            library=prepare_library(jobs.data_dir / "serving-lib"),
            health_timeout_seconds=jobs.serving_health_timeout,
            stop_grace_seconds=jobs.serving_stop_grace_seconds,
            max_workers=jobs.serving_max_workers,
        )
        self.models = ModelService(
            database,
            objects=objects,
            resolve_image=self.training.resolve_image,
            region=jobs.region,
            account=jobs.account,
            resolve_image_for=self.training.resolve_image_for,
        )
        self.transform = TransformJobs(
            TransformDeps(
                database=database,
                objects=objects,
                logs=self.logs,
                catalogue=catalogue,
                capacity=self.capacity,
                backends=self.backends,
                events=events,
                jobs_root=jobs.data_dir / "jobs" / "transform",
                serving=self.serving,
                keep_job_folders=jobs.keep_job_folders,
                aws=self.aws,
            )
        )
        self.supervisor.register(self.transform)
        self.transform_jobs = TransformJobService(
            database,
            supervisor=self.supervisor,
            models=self.models,
            catalogue=catalogue,
            capacity=self.capacity,
            objects=objects,
            region=jobs.region,
            account=jobs.account,
        )
        self.processing_jobs = ProcessingJobs(
            ProcessingDeps(
                database=database,
                objects=objects,
                logs=self.logs,
                catalogue=catalogue,
                capacity=self.capacity,
                backends=self.backends,
                events=events,
                jobs_root=jobs.data_dir / "jobs" / "processing",
                supervisor_id=jobs.supervisor_id,
                stop_grace_seconds=jobs.stop_grace_seconds,
                poll_interval=jobs.poll_interval,
                docker_network=jobs.docker_network,
                keep_job_folders=jobs.keep_job_folders,
                aws=self.aws,
            )
        )
        self.supervisor.register(self.processing_jobs)
        self.processing = ProcessingJobService(
            database,
            supervisor=self.supervisor,
            catalogue=catalogue,
            capacity=self.capacity,
            objects=objects,
            logs=self.logs,
            resolve_image=self.training.resolve_image,
            tags=self.tags,
            region=jobs.region,
            account=jobs.account,
            resolve_image_for=self.training.resolve_image_for,
        )
        self.transform_logs = TransformJobLogs(self.transform_jobs, self.logs)
        self.endpoint_plane = EndpointPlane(
            database=database,
            objects=objects,
            logs=self.logs,
            catalogue=catalogue,
            capacity=self.capacity,
            backends=self.backends,
            events=events,
            supervisor=self.supervisor,
            serving=self.serving,
            resolve_model=self.models.serving_model,
            settings=EndpointSettings(
                root=jobs.data_dir / "endpoints",
                region=jobs.region,
                account=jobs.account,
                invocation_timeout_seconds=jobs.endpoint_invocation_timeout,
                capture_flush_seconds=jobs.endpoint_capture_flush_seconds,
                scaling_interval_seconds=jobs.endpoint_scaling_interval,
                scaling_window_seconds=jobs.endpoint_scaling_window,
            ),
        )
        self.endpoints = self.endpoint_plane.endpoints
        self.endpoint_configs = self.endpoint_plane.configs
        self.scaling = self.endpoint_plane.scaling
        self.deploys = DeployService(
            endpoints=self.endpoints,
            configs=self.endpoint_configs,
            models=self.models,
            training=self.training,
            registry=self.registry,
            experiments=self.experiments,
            logged_models=self.logged_models,
            artifacts=self.artifacts,
            model_request=CreateModelRequest,
        )
        self.training_logs = TrainingJobLogs(self.training, self.logs)
        self.training_metrics = TrainingMetrics(database, self.experiments)
        self.tags.register("training-job", TrainingJobRecord)
        self.tags.register("processing-job", ProcessingJobRecord)
        self.tags.register("image", ImageRecord)
        self.tags.register("app-image-config", AppImageConfigRecord)

        # Tuning jobs drive training jobs through the training service and hear of their moves.
        self.tuning_jobs = TuningJobs(
            TuningDeps(
                database=database,
                training=self.training,
                experiments=self.experiments,
                catalogue=catalogue,
                capacity=self.capacity,
                events=events,
            )
        )
        self.supervisor.register(self.tuning_jobs)
        self.supervisor.listeners.append(self.tuning_jobs.job_moved)
        self.tuning = TuningJobService(
            database,
            supervisor=self.supervisor,
            training=self.training,
            experiments=self.experiments,
            region=jobs.region,
            account=jobs.account,
        )
        self.uploads_root = join_uri(objects.default_root, "uploads")
        self.snapshots = SnapshotService(database, objects, jobs.workspace_root)

        # Domains: user profiles, spaces, apps (started by the hub's launcher, or this server
        # is the one app of its user's private space) and the profiles' access keys.
        self.domains = DomainService(
            database,
            arns=Arns(jobs.region, jobs.account),
            tags=self.tags,
            specs=SpecCheck(
                catalogue.get,
                lambda name: self.images.describe_image(self.server_context(), name),
            ),
            base_url=lambda: self.aws.server_url,
        )
        self.spaces = SpaceService(self.domains)
        self.single_user_launcher = SingleUserLauncher(
            default_domain, default_space, jobs.server_url, profile_name_for(local_user())
        )
        self.apps = AppService(self.domains, self.spaces, app_launcher or self.single_user_launcher)
        cipher = access_key_cipher or Fernet.generate_key()
        self.access_keys = AccessKeyService(database, cipher, self.domains)
        self.mlflow_tokens = MlflowTokenService(database, cipher, self.domains)
        launcher = app_launcher or self.single_user_launcher
        self.notebook_instances = NotebookInstanceService(self.domains, launcher)
        self.login_links = LoginLinks(database)
        self.presigner = Presigner(
            self.domains, self.spaces, self.notebook_instances, self.login_links, launcher
        )
        if user_role:
            # On a hub: code run for the user (kernels, jobs' units) gets the user profile's
            # own access key and MLflow token, which the user sees and can revoke.
            self.aws.user_credentials = self._own_key
            self.kernels.mlflow_token = self._own_token
        self.tags.register("domain", self.domains.finder("domain"))
        self.tags.register("user-profile", self.domains.finder("user-profile"))
        self.tags.register("space", self.domains.finder("space"))
        self.tags.register("app", self.domains.finder("app"))
        self.resources = ResourceService(self)
        self.tags.register("notebook-instance", self.notebook_instances.exists)

    def _own_key(self, user: str) -> tuple[str, str]:
        return self.access_keys.kernel_key(self.default_domain, profile_name_for(user))

    def _own_token(self, user: str) -> str:
        return self.mlflow_tokens.kernel_token(self.default_domain, profile_name_for(user))

    def _hears(self, domain: str, space: str) -> bool:
        """Whether the server's user (who listens to its event stream) sees ``space``; their
        membership is read again every two seconds at most."""
        moment = time.monotonic()
        cached = self._audience
        if cached is None or moment - cached[0] > AUDIENCE_SECONDS:
            cached = (moment, self.context_for(local_user()))
            self._audience = cached
        return member_of(cached[1], domain, space)

    def start(self) -> None:
        """Background work that needs the server running: adopt jobs of every kind left in
        progress."""
        self.supervisor.adopt()
        self.endpoint_plane.start()
        context = self.kernels.context
        self.domains.ensure_default(
            self.default_domain, self.default_space, local_user(), self.user_role or "admin"
        )
        self.images.ensure_default(context)
        self.kernels.remove_orphans()
        self._write_kernel_specs(context)

    def _write_kernel_specs(self, context: RequestContext) -> None:
        self.kernel_specs.write(self.images.usable(context))

    def close(self) -> None:
        self.online_scoring.close()
        self.endpoint_plane.close()
        self.supervisor.shutdown()
        self.log_ingest.close()
        for backend in self.backends.values():
            backend.close()
        self.database.dispose()
