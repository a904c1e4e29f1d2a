"""The Jupyter server extension: settings as traitlets, services, handlers, background loops."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from pathlib import Path
from typing import Any

import anyio.to_thread
from jupyter_core.paths import jupyter_data_dir
from jupyter_core.utils import ensure_async
from jupyter_server.extension.application import ExtensionApp
from traitlets import Bool, Dict, Enum, Float, List, Type, Unicode, default

from . import __version__
from .access.authorizer import install as install_authorizer
from .aws.handlers import handlers as aws_handlers
from .compute.catalogue import InstanceTypeCatalogue
from .core import openapi, paging
from .core.errors import MLStudioError
from .core.events import EventBus
from .core.handlers import API_PREFIX, NotFoundHandler
from .domains.keys import load_cipher_key
from .domains.options import DomainOptions
from .domains.signin import HANDLERS as SIGNIN_HANDLERS
from .endpoints.invocations import LeanInvocation
from .endpoints.invocations import handlers as invocation_handlers
from .endpoints.options import ServingOptions
from .kernels import routing as kernel_routing
from .kernels import service as kernel_service
from .kernels.idle import cull_forever
from .kernels.profiles import default_kernel_name
from .kernels.switch import JupyterManagers
from .mlflow_api.handlers import HANDLERS as MLFLOW_HANDLERS
from .objects import S3Settings
from .objects.wiring import S3_URI_TARGETS, build_object_stores
from .routes import rest_routes
from .runtime.options import ProcessOptions
from .runtime.ray.options import RayOptions, RaySettings
from .runtime.warm_pool import WarmSettings
from .s3face.handlers import HANDLERS as S3_HANDLERS
from .s3face.service import S3Service
from .services import JobSettings, Services
from .status.monitor import HostMonitor
from .store import Database


class MLStudioApp(DomainOptions, ServingOptions, ProcessOptions, RayOptions, ExtensionApp):
    """ML Studio: kernel images, instance types, experiments and training jobs in Jupyter."""

    name = "jupyterlab_mlstudio"
    load_other_extensions = True

    data_dir = Unicode(
        config=True,
        help="Folder for the embedded record store and object store. "
        "Default: <Jupyter data dir>/mlstudio.",
    )

    db_url = Unicode(
        config=True,
        help="SQLAlchemy URL of the record store, e.g. postgresql+psycopg://user@host/db for a "
        "shared domain. Default: sqlite:///<data_dir>/mlstudio.db (WAL mode).",
    )

    object_store_root = Unicode(
        config=True,
        help="URI under which the server keeps its own objects (artifacts, logs): file:///path or "
        "s3://bucket/prefix. Default: file://<data_dir>/objects.",
    )

    allowed_file_roots = List(
        Unicode(),
        config=True,
        help="Folders that file:// URIs may name. Default: the data dir, the object store's "
        "folder (for a file:// object_store_root) and the server's root dir.",
    )

    s3_endpoint_url = Unicode(
        None,
        allow_none=True,
        config=True,
        help="S3 endpoint URL (MinIO, a local S3 server). Default: None, which leaves boto3's "
        "standard resolution in charge (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, ~/.aws/config).",
    )
    s3_region_name = Unicode(
        None,
        allow_none=True,
        config=True,
        help="S3 region. Default: None (boto3's own resolution).",
    )
    s3_profile_name = Unicode(
        None,
        allow_none=True,
        config=True,
        help="AWS profile for S3. Default: None (boto3's default).",
    )
    s3_addressing_style = Unicode(
        None,
        allow_none=True,
        config=True,
        help="S3 addressing style: 'path', 'virtual' or None for boto3's automatic choice.",
    )

    s3_uris = Enum(
        list(S3_URI_TARGETS),
        "auto",
        config=True,
        help="What s3://bucket/key URIs in the API name: 'face', the buckets of this server's "
        "own S3 face (/mlstudio/s3, kept under <object_store_root>/s3); 's3', a real S3 reached "
        "through boto3; 'auto', the face's buckets unless S3 is configured (an s3:// "
        "object_store_root, s3_endpoint_url, s3_profile_name, or an endpoint or credentials in "
        "boto3's standard configuration). Default: auto.",
    )

    docker_enabled = Bool(
        True,
        config=True,
        help="Offer the Docker runtime backend when an engine answers. Default: True.",
    )
    docker_url = Unicode(
        None,
        allow_none=True,
        config=True,
        help="Docker engine URL, e.g. unix:///var/run/docker.sock. Default: None (DOCKER_HOST or "
        "the local socket).",
    )
    gpu_command = Unicode(
        "nvidia-smi", config=True, help="Command that lists the host's GPUs. Default: nvidia-smi."
    )
    monitor_interval = Float(
        30.0,
        config=True,
        help="Seconds between readings of the host and the runtime backends. Default: 30.",
    )

    stop_grace_seconds = Float(
        120.0,
        config=True,
        help="Seconds between SIGTERM and SIGKILL when a job is stopped or exceeds its "
        "MaxRuntimeInSeconds. Default: 120, as on SageMaker.",
    )
    checkpoint_interval = Float(
        10.0,
        config=True,
        help="Seconds between uploads of new checkpoint files to CheckpointConfig.S3Uri. "
        "Default: 10.",
    )
    log_poll_interval = Float(
        0.1,
        config=True,
        help="Seconds between reads of a running job's output. Default: 0.1.",
    )
    docker_network = Enum(
        ["host", "bridge"],
        "host",
        config=True,
        help="Network of Docker jobs: 'host' lets a job reach the server and other services on "
        "the host's loopback; 'bridge' gives each job its own network where hosts find each "
        "other as algo-1..N. Default: host.",
    )
    sagemaker_image_backend = Enum(
        ["process", "docker"],
        "process",
        config=True,
        help="Where SageMaker's algorithm and framework images run (the ECR URIs "
        "image_uris.retrieve gives, and the short names xgboost, kmeans, linear-learner, pca), "
        "unless a registered image declares the framework in its MLFramework: 'process', in "
        "this server's Python; 'docker', in the images scripts/build_images.sh builds "
        "(mlstudio/algorithms for the built-in algorithms, scikit-learn and XGBoost; "
        "mlstudio/pytorch for PyTorch). Default: process.",
    )
    reserved_memory_gib = Float(
        2.0,
        config=True,
        help="GiB of host memory the capacity ledger never hands to kernels or jobs (kept for "
        "the server itself). Default: 2.",
    )
    keep_job_folders = Bool(
        False,
        config=True,
        help="Keep each job's /opt/ml folder after it ends (for debugging). Default: False.",
    )
    aws_region = Unicode(
        "us-east-1",
        config=True,
        help="Region named in the ARNs this server makes. Default: us-east-1.",
    )
    aws_account_id = Unicode(
        "000000000000",
        config=True,
        help="Account named in the ARNs this server makes. Default: 000000000000.",
    )

    kernel_idle_timeouts = Dict(
        value_trait=Float(),
        config=True,
        help="Minutes of idleness after which kernels of an instance type are shut down "
        "(0: never), by type name; '*' is every other type. The UI can change them per type. "
        "Default: local never, local_gpu 60, others 120.",
    )
    idle_check_interval = Float(
        60.0,
        config=True,
        help="Seconds between checks for idle kernels. Default: 60.",
    )

    catalogue_class = Type(
        InstanceTypeCatalogue,
        klass=InstanceTypeCatalogue,
        config=True,
        help="The instance-type catalogue class. Default: InstanceTypeCatalogue.",
    )

    services: Services | None = None
    _monitor_task: asyncio.Task[None] | None = None
    _idle_task: asyncio.Task[None] | None = None

    @default("data_dir")
    def _default_data_dir(self) -> str:
        return str(Path(jupyter_data_dir()) / "mlstudio")

    @default("db_url")
    def _default_db_url(self) -> str:
        return f"sqlite:///{Path(self.data_dir) / 'mlstudio.db'}"

    @default("object_store_root")
    def _default_object_store_root(self) -> str:
        return f"file://{Path(self.data_dir) / 'objects'}"

    @default("allowed_file_roots")
    def _default_allowed_file_roots(self) -> list[str]:
        roots = [self.data_dir]
        if self.object_store_root.startswith("file://"):
            # The server's own object store (a hub's shared folder lies outside both others).
            roots.append(self.object_store_root[len("file://") :])
        root_dir = getattr(self.serverapp, "root_dir", None)
        if root_dir:
            roots.append(str(root_dir))
        return roots

    def initialize_settings(self) -> None:
        serverapp = self.serverapp
        assert serverapp is not None
        Path(self.data_dir).mkdir(parents=True, exist_ok=True)
        paging.use_key(paging.load_key(Path(self.data_dir) / "paging.key"))
        database = Database(self.db_url)
        database.upgrade()
        stores = build_object_stores(
            root=self.object_store_root,
            allowed_file_roots=self.allowed_file_roots,
            s3_settings=S3Settings(
                endpoint_url=self.s3_endpoint_url,
                region_name=self.s3_region_name,
                profile_name=self.s3_profile_name,
                addressing_style=self.s3_addressing_style,
            ),
            s3_uris=self.s3_uris,
        )
        objects, s3 = stores.stores, stores.s3
        named = "the S3 face's buckets" if stores.s3_uris == "face" else "buckets of a real S3"
        self.log.info("ML Studio: s3:// URIs name %s (%s)", named, stores.reason)
        monitor = HostMonitor(
            docker_url=self.docker_url,
            docker_enabled=self.docker_enabled,
            gpu_command=self.gpu_command,
        )
        catalogue = self.catalogue_class(parent=self, host=monitor.host)
        event_logger = getattr(self.serverapp, "event_logger", None)
        self.services = Services(
            version=__version__,
            database=database,
            objects=objects,
            s3=s3,
            monitor=monitor,
            catalogue=catalogue,
            events=EventBus(event_logger),
            default_domain=self.default_domain,
            default_space=self.default_space,
            jobs=JobSettings(
                data_dir=Path(self.data_dir),
                workspace_root=str(Path(serverapp.root_dir).resolve()),
                supervisor_id=f"{socket.gethostname()}:{Path(self.data_dir).resolve()}",
                server_url=serverapp.connection_url,
                server_token=str(getattr(serverapp.identity_provider, "token", "") or ""),
                docker_enabled=self.docker_enabled,
                docker_url=self.docker_url,
                docker_network=self.docker_network,
                sagemaker_image_backend=self.sagemaker_image_backend,
                process_isolation=self.process_isolation,
                ray=RaySettings.of(self),
                warm=WarmSettings(
                    enabled=self.warm_starts,
                    modules={key: list(value) for key, value in self.warm_start_modules.items()},
                    max_parents=self.warm_start_parents,
                ),
                stop_grace_seconds=self.stop_grace_seconds,
                poll_interval=self.log_poll_interval,
                checkpoint_interval=self.checkpoint_interval,
                reserved_memory_gib=self.reserved_memory_gib,
                keep_job_folders=self.keep_job_folders,
                region=self.aws_region,
                account=self.aws_account_id,
                idle_minutes=dict(self.kernel_idle_timeouts),
                endpoint_invocation_timeout=self.endpoint_invocation_timeout,
                endpoint_capture_flush_seconds=self.endpoint_capture_flush_seconds,
                endpoint_scaling_interval=self.endpoint_scaling_interval,
                endpoint_scaling_window=self.endpoint_scaling_window,
                serving_health_timeout=self.serving_health_timeout,
                serving_stop_grace_seconds=self.serving_stop_grace_seconds,
                serving_max_workers=self.serving_max_workers,
            ),
            face_buckets=stores.buckets if stores.s3_uris == "face" else None,
            access_key_cipher=load_cipher_key(Path(self.access_key_file)),
            app_launcher=(
                self.app_launcher_class(parent=self)  # type: ignore[abstract,call-arg]
                if self.app_launcher_class
                else None
            ),
            user_role=self.user_role,
        )
        self.settings["mlstudio.services"] = self.services
        # Every route (ours and Jupyter's) answers to the caller's role in the domain.
        install_authorizer(serverapp, self.settings)
        self.settings["mlstudio.s3face"] = S3Service(stores.buckets, self.aws_region)
        self.settings["mlstudio.openapi"] = openapi.build_document(__version__, rest_routes())
        self.log.info(
            "ML Studio %s: records in %s",
            __version__,
            database.url.render_as_string(hide_password=True),
        )

    def initialize_handlers(self) -> None:
        rest = openapi.tornado_handlers(rest_routes())
        # The invocation routes first: Tornado tries routes in order, and these are the ones
        # called most (they were 58th and 96th). The runtime's path also goes before the AWS
        # face's JSON handler, which takes every other path under it.
        lean = [route for route in rest if issubclass(route[1], LeanInvocation)]
        self.handlers.extend(lean)
        self.handlers.extend(invocation_handlers())
        self.handlers.extend(route for route in rest if route not in lean)
        self.handlers.extend(aws_handlers())
        self.handlers.extend(MLFLOW_HANDLERS)
        self.handlers.extend(S3_HANDLERS)
        if not self.app_launcher_class:
            # A single-user server spends its own one-time login links (a hub spends them).
            self.handlers.extend(SIGNIN_HANDLERS)
        self.handlers.append((rf"{API_PREFIX}/(?P<path>.*)", NotFoundHandler))

    async def _start_jupyter_server_extension(self, serverapp: Any) -> None:
        assert self.services is not None
        # The port is final only now (port_retries may have moved it): jobs call back here.
        self.services.training_jobs.deps.server_url = serverapp.connection_url
        self.services.aws.server_url = serverapp.connection_url
        self.services.single_user_launcher.url = serverapp.connection_url
        self.services.aws.server_token = str(
            getattr(serverapp.identity_provider, "token", "") or ""
        )
        self.services.events.bind_loop(asyncio.get_running_loop())
        await anyio.to_thread.run_sync(self.services.start)
        self._start_kernels(serverapp)
        self._monitor_task = asyncio.create_task(self._watch_host())

    def _start_kernels(self, serverapp: Any) -> None:
        """Make kernels of registered images startable: their provisioners find the kernel
        service, Jupyter's kernel-spec manager finds their specs, notebooks with a profile start
        them whatever kernel they name, idle ones get shut down."""
        assert self.services is not None
        kernels = self.services.kernels
        kernels.server_url = serverapp.connection_url
        kernels.server_token = str(getattr(serverapp.identity_provider, "token", "") or "")
        kernel_service.install(kernels)
        kernel_routing.install(serverapp.kernel_manager, kernels)
        self.services.resources.bind(serverapp.kernel_manager)
        self.services.kernel_switcher.bind(
            JupyterManagers(
                kernels=serverapp.kernel_manager,
                sessions=serverapp.session_manager,
                contents=serverapp.contents_manager,
            )
        )
        spec_manager = serverapp.kernel_spec_manager
        folder = str(self.services.kernel_specs.folder)
        if folder not in spec_manager.kernel_dirs:
            spec_manager.kernel_dirs.insert(0, folder)
        if self.default_kernel_image:
            try:
                name = default_kernel_name(kernels, self.default_kernel_image)
            except MLStudioError as error:
                self.log.warning(
                    "ML Studio: default kernel image %s cannot run here: %s",
                    self.default_kernel_image,
                    error.message,
                )
            else:
                serverapp.kernel_manager.default_kernel_name = name
                kernels.default_image = self.default_kernel_image
        self._idle_task = asyncio.create_task(
            cull_forever(
                kernels, serverapp.kernel_manager, self.services.events, self.idle_check_interval
            )
        )

    async def _watch_host(self) -> None:
        """Re-read host and backends; tell the front end when anything changed."""
        assert self.services is not None
        services = self.services
        while True:
            try:
                changed = await anyio.to_thread.run_sync(services.monitor.refresh)
                if changed:
                    services.events.emit(
                        "status",
                        {
                            "backends": [
                                backend.model_dump() for backend in services.monitor.backends()
                            ]
                        },
                    )
            except Exception:
                self.log.exception("ML Studio could not read the host's status")
            await asyncio.sleep(self.monitor_interval)

    async def _stop_kernels(self) -> None:
        """Kernels in images go before the services they need (Jupyter stops the rest later)."""
        assert self.services is not None
        manager = self.serverapp.kernel_manager if self.serverapp else None
        for kernel in self.services.kernels.kernels():
            if manager is not None and kernel.kernel_id in manager:
                with contextlib.suppress(Exception):
                    await ensure_async(manager.shutdown_kernel(kernel.kernel_id, now=True))

    async def stop_extension(self) -> None:
        """Stop background loops and release the store; never raises."""
        try:
            for task in (self._monitor_task, self._idle_task):
                if task is not None:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await task
            if self.services is not None:
                await self.services.kernel_switcher.close()
                await self._stop_kernels()
                await self.services.endpoint_plane.router.close()
                self.services.close()
        except Exception:
            self.log.exception("ML Studio did not stop cleanly")
