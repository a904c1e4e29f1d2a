"""How the object stores are put together, and what ``s3://`` URIs mean on this server.

The S3 face keeps its buckets below ``<object store root>/s3``. Whether an ``s3://bucket/key``
named anywhere in the API (a training channel, an output path, code) means one of those buckets
or a bucket of a real S3 is decided once, at start:

- ``face``: the face's buckets, always;
- ``s3``: the S3 that boto3 reaches (AWS, MinIO, ...), as before the face existed;
- ``auto`` (default): the face's buckets when the server has no S3 of its own, that is when the
  object store root is ``file://`` and neither these settings nor boto3's standard configuration
  (``AWS_ENDPOINT_URL_S3``/``AWS_ENDPOINT_URL``, ``~/.aws/config``, credentials in the
  environment or the shared files) name an endpoint or credentials; otherwise the real S3. So a
  server with a configured S3 keeps working as it did, and one with the embedded defaults runs a
  training job on ``s3://<bucket made through the face>/...``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import botocore.session
from botocore.exceptions import BotoCoreError

from .base import parse_uri
from .buckets import BucketStore
from .local import LocalObjectStore
from .router import ObjectStores, join_uri
from .s3 import S3ObjectStore, S3Settings

S3_URI_TARGETS = ("auto", "face", "s3")
_AWS_ENDPOINT = re.compile(r"^https://s3([.-][a-z0-9-]+)*\.amazonaws\.com(\.cn)?/?$")
_PROFILE_CREDENTIAL_KEYS = (
    "credential_process",
    "role_arn",
    "sso_session",
    "sso_start_url",
    "web_identity_token_file",
)


@dataclass(frozen=True)
class ObjectStoreSetup:
    """The stores of one server."""

    stores: ObjectStores
    #: the client of a real S3 (used for s3:// URIs when ``s3_uris`` is "s3")
    s3: S3ObjectStore
    #: the S3 face's buckets
    buckets: BucketStore
    #: "face" or "s3": where s3:// URIs go
    s3_uris: str
    #: why, in words (for the log)
    reason: str


def build_object_stores(
    *,
    root: str,
    allowed_file_roots: list[str],
    s3_settings: S3Settings,
    s3_uris: str = "auto",
    face_root: str | None = None,
) -> ObjectStoreSetup:
    """The server's object stores, with ``s3://`` routed as ``s3_uris`` says (see the module)."""
    local = LocalObjectStore(allowed_file_roots)
    s3 = S3ObjectStore(s3_settings)
    backing = s3 if parse_uri(root).scheme == "s3" else local
    buckets = BucketStore(backing, face_root or join_uri(root, "s3"))
    if s3_uris == "auto":
        reason = _why_s3_is_configured(root, s3_settings)
        target = "s3" if reason else "face"
        reason = reason or "no S3 is configured for this server"
    else:
        target, reason = s3_uris, f"s3_uris is {s3_uris!r}"
    if target == "face" and backing is s3:
        raise ValueError(
            "s3_uris cannot be 'face' while the object store root is an s3:// URI: s3:// URIs "
            "would then name both the root's S3 and the face's buckets"
        )
    stores = ObjectStores([local, buckets if target == "face" else s3], root)
    return ObjectStoreSetup(stores=stores, s3=s3, buckets=buckets, s3_uris=target, reason=reason)


def _why_s3_is_configured(root: str, settings: S3Settings) -> str | None:
    """Why this server counts as having an S3 of its own, or ``None``. Reads configuration
    only: no network (instance roles are not looked up)."""
    if parse_uri(root).scheme == "s3":
        return f"the object store root is {root}"
    if settings.endpoint_url:
        return f"s3_endpoint_url is {settings.endpoint_url}"
    if settings.profile_name:
        return f"s3_profile_name is {settings.profile_name}"
    try:
        session = botocore.session.Session()
        endpoint = session.create_client(
            "s3", region_name=settings.region_name or "us-east-1"
        ).meta.endpoint_url
        if not _AWS_ENDPOINT.match(endpoint):
            return f"boto3's configuration names the S3 endpoint {endpoint}"
        scoped = session.get_scoped_config()
        named = [key for key in _PROFILE_CREDENTIAL_KEYS if key in scoped]
        if named:
            return f"the AWS profile names credentials ({named[0]})"
        resolver = session.get_component("credential_provider")
        for name in ("container-role", "iam-role", "custom-process"):
            resolver.remove(name)
        credentials = resolver.load_credentials()
    except BotoCoreError as error:
        return f"the AWS configuration is present but unusable ({error})"
    if credentials is not None:
        return f"boto3 finds AWS credentials ({credentials.method})"
    return None
