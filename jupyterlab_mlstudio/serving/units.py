"""A model as the ``ContainerSpec`` of one serving unit, on the process or the Docker backend.

This is the interface endpoints and batch transform start their units through::

    model = services.models.serving_model(context, "my-model")      # a ModelSpec
    folder = root / endpoint / variant                                # any folder of the server
    stage_model(services.objects, model, folder)                      # staging.py
    port = allocate_port()
    spec = serving_unit_spec(
        model, backend=backend, instance_type=instance, name=unit_name("endpoint", endpoint,
        variant, index), group=endpoint, variant=variant, index=index, port=port,
        folder=folder, settings=settings, gpus=reservation.gpus)
    unit = backend.start(spec)
    wait_healthy(unit_url(port), settings.health_timeout_seconds,
                 alive=lambda: exit_reason(backend, unit))               # health.py

What a unit honours (SageMaker's serving contract): the model artifact unpacked at
``/opt/ml/model``, inference code found by ``SAGEMAKER_PROGRAM`` in the staged submit
directory (``/opt/ml/code``) or in ``/opt/ml/model/code``, ``GET /ping`` and
``POST /invocations`` on ``SAGEMAKER_BIND_TO_PORT``. On the process backend the unit binds
``127.0.0.1:<port>`` and sees the folder at ``/opt/ml`` through its private mount (or, where
the host allows no private mounts, through ``SAGEMAKER_BASE_DIR`` pointing at the folder).
On Docker the image's own ``serve`` runs (``docker run IMAGE serve``, as SageMaker does), on
port 8080 inside the container, published on ``127.0.0.1:<port>``; any image that honours the
contract works as it is. Stop is SIGTERM, then SIGKILL after ``stop_grace_seconds`` (30 s).
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..awsenv.environment import AwsSetup, merged
from ..compute.models import GIB, InstanceType
from ..images.inspect import foreign_env
from ..runtime.base import ContainerSpec, Mount, Resources, RuntimeBackend
from .builtin import format_modules
from .server import SERVER_MODULES

PACKAGE = Path(__file__).resolve().parent.parent
#: Where Docker units find this package (read-only); the project's serving image runs it.
CONTAINER_LIB = "/opt/mlstudio/python"
ML_ROOT = "/opt/ml"
#: The port a serving container listens on, as on SageMaker.
CONTAINER_PORT = 8080
#: Where staged inference code appears inside a unit (``SAGEMAKER_SUBMIT_DIRECTORY``).
STAGED_CODE = f"{ML_ROOT}/code"
#: Environment names that carry the submit directory (the SDK sets the first).
SUBMIT_DIRECTORY_KEYS = ("SAGEMAKER_SUBMIT_DIRECTORY", "sagemaker_submit_directory")
PROGRAM_KEYS = ("SAGEMAKER_PROGRAM", "sagemaker_program")

#: Label keys every serving unit carries; a restarted server finds its units by them.
LABEL_KIND = "mlstudio.kind"
LABEL_GROUP = "mlstudio.job"
LABEL_VARIANT = "mlstudio.variant"
LABEL_INDEX = "mlstudio.instance"
LABEL_PORT = "mlstudio.port"
LABEL_SUPERVISOR = "mlstudio.supervisor"
LABEL_MODEL = "mlstudio.model"


@dataclass(frozen=True)
class ModelSpec:
    """One model as a serving unit runs it (``ModelService.serving_model`` makes these).

    ``backend`` is ``process`` (``image`` is a Python interpreter: the server's own for the
    ``default`` image, or a registered local environment's) or ``docker`` (``image`` is a
    Docker reference whose ``serve`` command honours the serving contract) or ``ray`` (for an
    instance type that runs on the cluster: ``image`` is the cluster's Python, which needs
    this package; the unit binds the node's addresses and the server reaches it at the
    node's address, ``unit_host``).
    ``model_data_url`` is a ``model.tar.gz`` (or a prefix of loose files) by ``s3://`` or
    ``file://`` URI, or ``None`` for a model that needs no artifact. ``environment`` is the
    container's ``Environment`` as given to CreateModel.
    """

    name: str
    backend: str
    image: str
    model_data_url: str | None = None
    environment: Mapping[str, str] = field(default_factory=dict)

    def submit_directory(self) -> str | None:
        """The model's ``SAGEMAKER_SUBMIT_DIRECTORY`` (code by URI, or a path in the unit)."""
        for key in SUBMIT_DIRECTORY_KEYS:
            if self.environment.get(key):
                return self.environment[key]
        return None

    def code_uri(self) -> str | None:
        """The submit directory when it names code to fetch (``s3://``, ``file://``), which
        ``stage_model`` places at ``/opt/ml/code``; ``None`` for a path inside the unit."""
        submit = self.submit_directory()
        if submit and submit.partition("://")[0].lower() in ("s3", "file"):
            return submit
        return None


@dataclass(frozen=True)
class ServingSettings:
    """How this server runs serving units (from the server's traitlets).

    ``library`` is a folder holding only this package (a link to it), put on the
    ``PYTHONPATH`` of process units so that another Python environment runs the serving code
    without seeing this server's other packages (``prepare_library`` makes it).
    """

    supervisor_id: str
    library: Path
    health_timeout_seconds: float = 240.0
    stop_grace_seconds: float = 30.0
    #: Upper bound of web-server workers per unit when the model names none
    #: (``SAGEMAKER_MODEL_SERVER_WORKERS``); a unit gets one per vCPU up to this.
    max_workers: int = 4
    #: Seconds one invocation may take inside the unit (``SAGEMAKER_MODEL_SERVER_TIMEOUT``).
    invocation_timeout_seconds: float = 60.0
    #: Largest request body a unit accepts, in MB (transform raises it to MaxPayloadInMB).
    max_payload_mb: float = 6.0


def prepare_library(folder: Path) -> Path:
    """A folder whose only entry is a link named ``jupyterlab_mlstudio`` to this package."""
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / PACKAGE.name
    if not (link.is_symlink() and Path(os.readlink(link)) == PACKAGE):
        temporary = folder / f".{PACKAGE.name}.{os.getpid()}"
        if temporary.is_symlink():
            temporary.unlink()
        temporary.symlink_to(PACKAGE, target_is_directory=True)
        os.replace(temporary, link)
    return folder


def unit_name(kind: str, group: str, variant: str, index: int, generation: str = "") -> str:
    """A unit name unique per (kind, group, variant, instance, generation), valid for Docker
    container names and process-unit folders. ``generation`` tells apart the units of a
    rolling update (e.g. the endpoint config's revision)."""
    parts = ["mlstudio-serve", kind, group, variant, str(index)]
    if generation:
        parts.append(generation)
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in "-".join(parts))
    return safe[:200]


def allocate_port() -> int:
    """A free TCP port on 127.0.0.1 (a unit then binds it; a lost race fails its start)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def unit_url(port: int, host: str = "127.0.0.1") -> str:
    """Where the server reaches a unit published or bound on ``port`` of ``host``."""
    return f"http://{host}:{port}"


def unit_host(backend: RuntimeBackend, unit: str) -> str:
    """The address the server reaches ``unit``'s port on: loopback for the units of this
    host; for a unit on a cluster, its node's address (the backend's ``unit_address``, which
    waits until the cluster has placed the unit)."""
    find = getattr(backend, "unit_address", None)
    return "127.0.0.1" if find is None else str(find(unit))


def worker_count(model: ModelSpec, instance_type: InstanceType, settings: ServingSettings) -> int:
    """Web-server workers of one unit: the model's ``SAGEMAKER_MODEL_SERVER_WORKERS``, else one
    per vCPU of the instance type, at most ``settings.max_workers``."""
    given = model.environment.get("SAGEMAKER_MODEL_SERVER_WORKERS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    return max(1, min(settings.max_workers, int(instance_type.effective_vcpus)))


def serving_unit_spec(
    model: ModelSpec,
    *,
    backend: RuntimeBackend,
    instance_type: InstanceType,
    name: str,
    group: str,
    variant: str,
    index: int,
    port: int,
    folder: Path,
    settings: ServingSettings,
    kind: str = "endpoint",
    gpus: Sequence[int] = (),
    environment: Mapping[str, str] | None = None,
    aws: AwsSetup | None = None,
) -> ContainerSpec:
    """The spec of one serving unit of ``model``.

    ``folder`` was filled by ``stage_model`` (``model/``, ``code/``) and becomes the unit's
    ``/opt/ml``; several units may share it (nothing in it is written by serving). ``port`` is
    a free loopback port (``allocate_port``): the unit answers on ``unit_url(port)``.
    ``group`` is the endpoint or transform job, ``kind`` its job kind (``endpoint``,
    ``transform-job``): both become labels, with the variant, index and port, so a restarted
    server finds the unit and its URL again (``LABEL_*``). ``gpus`` are the host GPUs reserved
    for this unit. ``environment`` adds variables (a transform job's ``Environment``); they win
    over ``aws``, the owner's AWS (``StudioAws.setup``: variables and mounts), as on training
    units.
    """
    docker = backend.name == "docker"
    # On a cluster the unit runs in the node's own environment and Python, which has this
    # package (``MLStudioApp.ray_python``), and binds every address of the node.
    remote = backend.name == "ray"
    private = docker or bool(getattr(backend, "private_mounts", False))
    base_dir = ML_ROOT if private else str(folder)
    env: dict[str, str] = {}
    if not docker and not remote:
        env.update(os.environ if model.image == sys.executable else foreign_env())
    if aws is not None:
        env = merged(env, aws)
    env.update(model.environment)
    env.update(environment or {})
    env.update(
        {
            "SAGEMAKER_BIND_TO_PORT": str(CONTAINER_PORT if docker else port),
            "SAGEMAKER_BASE_DIR": base_dir,
            "SAGEMAKER_MODEL_SERVER_WORKERS": str(worker_count(model, instance_type, settings)),
            "SAGEMAKER_MODEL_SERVER_TIMEOUT": env.get(
                "SAGEMAKER_MODEL_SERVER_TIMEOUT", f"{settings.invocation_timeout_seconds:g}"
            ),
            "SAGEMAKER_MAX_PAYLOAD_IN_MB": env.get(
                "SAGEMAKER_MAX_PAYLOAD_IN_MB", f"{settings.max_payload_mb:g}"
            ),
            "MLSTUDIO_SERVING_HOST": "0.0.0.0" if docker or remote else "127.0.0.1",
            "MLSTUDIO_INSTANCE_TYPE": instance_type.name,
            "MLSTUDIO_INSTANCE_GPUS": str(instance_type.gpus),
            "PYTHONUNBUFFERED": "1",
        }
    )
    if model.code_uri():
        for key in SUBMIT_DIRECTORY_KEYS:
            env.pop(key, None)
        env["SAGEMAKER_SUBMIT_DIRECTORY"] = f"{base_dir}/code"
    if not docker and not remote:
        # Which GPUs the unit may see; an instance type without GPUs sees none (on a
        # cluster, its scheduler says).
        env["CUDA_VISIBLE_DEVICES"] = ",".join(str(gpu) for gpu in gpus)
    mounts: list[Mount] = list(aws.mounts) if aws is not None else []
    if docker:
        mounts.append(Mount(str(PACKAGE), f"{CONTAINER_LIB}/{PACKAGE.name}", read_only=True))
        mounts.append(Mount(str(folder), ML_ROOT))
        command, entrypoint = ["serve"], None
    else:
        own = model.image == sys.executable
        library = "" if remote else str(settings.library)
        env["PYTHONPATH"] = os.pathsep.join(
            part for part in (library, env.get("PYTHONPATH", "") if own else "") if part
        )
        if not env["PYTHONPATH"]:
            del env["PYTHONPATH"]
        if private:
            mounts.append(Mount(str(folder), ML_ROOT))
        command, entrypoint = [model.image, "-m", "jupyterlab_mlstudio.serving", "serve"], None
    return ContainerSpec(
        # A process unit runs in its /opt/ml (not in the server's folder, whose files a
        # ``python -m`` would put first on its path); Docker keeps the image's own.
        workdir=None if docker else base_dir,
        # What its workers import, for a backend that imports it ahead (a warm parent): a
        # restarted unit then only loads the model.
        preload=() if docker else (*SERVER_MODULES, *format_modules(folder / "model")),
        name=name,
        image=model.image,
        command=command,
        entrypoint=entrypoint,
        env=env,
        mounts=mounts,
        ports={CONTAINER_PORT: port} if docker else {},
        resources=Resources(
            cpus=instance_type.effective_vcpus,
            memory_bytes=None if instance_type.local else int(instance_type.memory_gib * GIB),
            gpus=list(gpus),
        ),
        labels={
            LABEL_KIND: kind,
            LABEL_GROUP: group,
            LABEL_VARIANT: variant,
            LABEL_INDEX: str(index),
            LABEL_PORT: str(port),
            LABEL_MODEL: model.name,
            LABEL_SUPERVISOR: settings.supervisor_id,
        },
        network=None,
        stop_grace_seconds=settings.stop_grace_seconds,
        opt_ml_fallback=not private,
    )
