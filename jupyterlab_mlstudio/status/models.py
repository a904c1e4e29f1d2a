"""The status report."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ..compute.models import CapacityReport, HostResources
from ..core.models import ApiModel
from ..runtime.models import BackendStatus


class StoreInfo(ApiModel):
    """The record store."""

    dialect: str
    url: str = Field(description="SQLAlchemy URL with any password hidden")
    revision: str | None = Field(description="Schema migration the store is at")


class ObjectStoreInfo(ApiModel):
    """The object store."""

    default_root: str = Field(description="Where the server keeps its own objects")
    schemes: list[str]
    s3_endpoint_url: str | None = None


class AwsInfo(ApiModel):
    """What code outside the studio needs to use the SageMaker SDK against this server (code the
    server starts gets it with no configuration)."""

    region: str
    account_id: str
    execution_role_arn: str = Field(description="The role jobs run as")
    default_bucket: str | None = Field(
        description="SageMaker's default bucket, in the S3 face (null: s3:// names a real S3)"
    )
    defaults: dict[str, Any] = Field(description="The SageMaker SDK's defaults file, schema 1.0")


class Status(ApiModel):
    """``GET /mlstudio/api/v1/status``."""

    version: str
    user: str
    domain: str
    space: str
    store: StoreInfo
    object_store: ObjectStoreInfo
    backends: list[BackendStatus]
    host: HostResources
    workspace_root: str = Field(description="The server's root folder (file:// URIs may name it)")
    default_image: str = Field(
        default="default", description="Image that runs in this server's Python"
    )
    aws: AwsInfo | None = None
    capacity: CapacityReport = Field(
        description="The host's capacity ledger: memory, GPUs and CPUs reserved by kernels and "
        "jobs, and by whom"
    )
