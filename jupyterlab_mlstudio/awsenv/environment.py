"""Zero-configuration AWS for code the server starts: kernels and the units of jobs of any kind.

Unless its user asked for real AWS, every kernel and every unit (a training host today;
processing, transform and serving units alike) gets, from :meth:`StudioAws.setup`:

- the standard endpoint variables of each service the AWS face speaks, all naming this server
  (``AWS_ENDPOINT_URL_SAGEMAKER``, ``..._SAGEMAKER_RUNTIME``, ``..._SAGEMAKER_METRICS``,
  ``..._CLOUDWATCH_LOGS``, ``..._CLOUDWATCH``, ``..._APPLICATION_AUTO_SCALING``, ``..._STS``,
  ``..._IAM``), and ``AWS_ENDPOINT_URL_S3`` naming the S3 face when ``s3://`` URIs name its
  buckets;
- its user's keys (:mod:`.keys`; on a hub, the user profile's own access key, made by the
  server for its kernels and revocable like any other) and the server's region, and
  ``SAGEMAKER_VALIDATE_ROLE=false`` (the v3 SDK's role check asks IAM's policy simulation,
  which this server does not answer; it answers STS GetCallerIdentity and IAM GetRole,
  ``awsenv/identity.py``);
- the SageMaker SDK's defaults file through ``SAGEMAKER_ADMIN_CONFIG_OVERRIDE`` (so a user's own
  ``~/.config/sagemaker/config.yaml`` still merges on top): the default bucket, made through
  the face beforehand so ``default_bucket()`` neither asks STS for a name nor has to create
  it; the execution role for every kind of job; telemetry off;
- ``/opt/ml/metadata/resource-metadata.json`` naming the execution role, which
  ``sagemaker.get_execution_role()`` reads before anything else (the SDK would otherwise ask
  STS at an address no variable redirects). It is a read-only bind mount: in containers, in
  units with private mounts, and in process kernels where the host allows a private mount
  namespace (the same probe as the process backend's); elsewhere it is missing, and the role
  still comes from the defaults file for everything but an explicit
  ``get_execution_role()``.

AWS variables of the server's own environment are not passed on (:func:`merged`): a profile,
a session token or an endpoint of the server's account would reach past this server.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ..core.errors import MLStudioError
from ..objects.buckets import BucketStore
from ..runtime.base import Mount
from .keys import credentials_for

#: The role every job runs as here (the server checks each user's rights on every call).
ROLE_NAME = "MLStudioExecutionRole"
#: Where containers find the defaults file and the resource metadata.
CONTAINER_CONFIG_DIR = "/opt/mlstudio/aws"
METADATA_DIR = "/opt/ml/metadata"
METADATA_FILE = "resource-metadata.json"
CONFIG_FILE = "config.yaml"
CONFIG_VARIABLE = "SAGEMAKER_ADMIN_CONFIG_OVERRIDE"

#: botocore's endpoint variable of each service this server answers, and the face that does.
AWS_FACE_SERVICES = (
    "SAGEMAKER",
    "SAGEMAKER_RUNTIME",
    "SAGEMAKER_METRICS",
    "CLOUDWATCH_LOGS",
    "CLOUDWATCH",
    "APPLICATION_AUTO_SCALING",
    "STS",
    "IAM",
)
_SAFE = re.compile(r"[^A-Za-z0-9._-]")


class Placement(Enum):
    """Where the code runs, which decides how it sees the files."""

    #: A process of this host without private mounts: host paths, no resource metadata.
    HOST = "host"
    #: A process of this host with private mounts: host paths, metadata bind-mounted.
    PRIVATE = "private"
    #: A container: both bind-mounted.
    CONTAINER = "container"


def placement_for(*, container: bool, private_mounts: bool) -> Placement:
    if container:
        return Placement.CONTAINER
    return Placement.PRIVATE if private_mounts else Placement.HOST


@dataclass(frozen=True)
class AwsSetup:
    """Variables and mounts that give one kernel or unit the server's AWS."""

    env: dict[str, str] = field(default_factory=dict)
    mounts: list[Mount] = field(default_factory=list)


def merged(base: dict[str, str], setup: AwsSetup) -> dict[str, str]:
    """``base`` (an inherited environment) without its ``AWS_*`` variables, plus ``setup``'s."""
    env = {key: value for key, value in base.items() if not key.startswith("AWS_")}
    env.update(setup.env)
    return env


def folder_name(user: str) -> str:
    """A file name for ``user``: the name itself when safe, else a readable part and a hash."""
    safe = _SAFE.sub("_", user)[:64] or "user"
    if safe == user and not user.startswith("."):
        return user
    return f"{safe.lstrip('.') or 'user'}-{hashlib.sha256(user.encode()).hexdigest()[:8]}"


class StudioAws:
    """Endpoints, keys, the SDK's defaults file and resource metadata for each user."""

    def __init__(
        self,
        *,
        folder: Path,
        region: str,
        account: str,
        buckets: BucketStore | None,
        server_url: str = "",
        server_token: str = "",
        domain: str = "",
        space: str = "",
    ) -> None:
        self.folder = folder
        self.region = region
        self.account = account
        #: The S3 face's buckets when ``s3://`` names them; None when it names a real S3.
        self.buckets = buckets
        self.server_url = server_url
        self.server_token = server_token
        self.domain = domain
        self.space = space
        #: On a hub, the user's own key for code run for them (``user`` → key id, secret):
        #: set by the services; None for the server's one-secret keys (``keys.py``).
        self.user_credentials: Callable[[str], tuple[str, str]] | None = None
        self._lock = threading.Lock()

    @property
    def role_arn(self) -> str:
        return f"arn:aws:iam::{self.account}:role/{ROLE_NAME}"

    @property
    def default_bucket(self) -> str | None:
        """SageMaker's own name for the default bucket, when the S3 face holds it."""
        if self.buckets is None:
            return None
        return f"sagemaker-{self.region}-{self.account}"

    def endpoints(self) -> dict[str, str]:
        """``AWS_ENDPOINT_URL_*`` of every service this server answers."""
        base = self.server_url.rstrip("/")
        if not base:
            return {}
        env = {f"AWS_ENDPOINT_URL_{name}": f"{base}/mlstudio/aws" for name in AWS_FACE_SERVICES}
        if self.buckets is not None:
            env["AWS_ENDPOINT_URL_S3"] = f"{base}/mlstudio/s3"
        return env

    def setup(self, user: str, placement: Placement) -> AwsSetup:
        """What a kernel or unit of ``user`` gets (see the module); prepares the user's files
        and the default bucket first."""
        config, metadata = self.prepare(user)
        if self.user_credentials is not None:
            access_key, secret = self.user_credentials(user)
        else:
            access_key, secret = credentials_for(user, self.server_token)
        env = {
            **self.endpoints(),
            "AWS_ACCESS_KEY_ID": access_key,
            "AWS_SECRET_ACCESS_KEY": secret,
            "AWS_DEFAULT_REGION": self.region,
            "AWS_REGION": self.region,
            # The v3 SDK would check the role with IAM policy simulation, which this server
            # does not answer (its own rights checks run on every call instead).
            "SAGEMAKER_VALIDATE_ROLE": "false",
        }
        mounts: list[Mount] = []
        if placement is Placement.CONTAINER:
            mounts.append(Mount(str(config.parent), CONTAINER_CONFIG_DIR, read_only=True))
            env[CONFIG_VARIABLE] = f"{CONTAINER_CONFIG_DIR}/{CONFIG_FILE}"
        else:
            env[CONFIG_VARIABLE] = str(config)
        if placement is not Placement.HOST:
            mounts.append(Mount(str(metadata.parent), METADATA_DIR, read_only=True))
        return AwsSetup(env=env, mounts=mounts)

    # -- files -------------------------------------------------------------------------------

    def prepare(self, user: str) -> tuple[Path, Path]:
        """Write ``user``'s defaults file and resource metadata (when changed) and make the
        default bucket; returns both files' paths."""
        root = self.folder / folder_name(user)
        config = root / "sagemaker" / CONFIG_FILE
        metadata = root / "metadata" / METADATA_FILE
        with self._lock:
            _write_if_changed(config, json.dumps(self.defaults_file(), indent=2) + "\n")
            _write_if_changed(metadata, json.dumps(self.resource_metadata(user)) + "\n")
            self._ensure_bucket(user)
        return config, metadata

    def defaults_file(self) -> dict[str, object]:
        """The SageMaker SDK's defaults ("intelligent defaults"), schema 1.0. JSON is YAML."""
        role = self.role_arn
        modules: dict[str, object] = {"TelemetryOptOut": True}
        if self.default_bucket:
            modules["Session"] = {"DefaultS3Bucket": self.default_bucket}
        return {
            "SchemaVersion": "1.0",
            "SageMaker": {
                "PythonSDK": {"Modules": modules},
                "TrainingJob": {"RoleArn": role},
                "ProcessingJob": {"RoleArn": role},
                "Model": {"ExecutionRoleArn": role},
                "Pipeline": {"RoleArn": role},
            },
        }

    def resource_metadata(self, user: str) -> dict[str, str]:
        """What SageMaker puts in ``/opt/ml/metadata/resource-metadata.json``, as far as it is
        true here (no ``AppType``: the SDK's local mode would take this for SageMaker Studio)."""
        return {
            "ExecutionRoleArn": self.role_arn,
            "DomainId": self.domain,
            "SpaceName": self.space,
            "UserProfileName": user,
        }

    def _ensure_bucket(self, user: str) -> None:
        name = self.default_bucket
        if self.buckets is None or name is None or self.buckets.bucket(name) is not None:
            return
        # Another server process may make it at the same moment: either one's is fine.
        with contextlib.suppress(MLStudioError):
            self.buckets.create_bucket(name, user)


def _write_if_changed(path: Path, text: str) -> None:
    """Replace ``path`` atomically (a reader never sees half a file), only when it changes."""
    try:
        if path.read_text() == text:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    partial.write_text(text)
    partial.chmod(0o644)
    os.replace(partial, path)
