"""The status report."""

from __future__ import annotations

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
    capacity: CapacityReport = Field(
        description="The host's capacity ledger: memory, GPUs and CPUs reserved by kernels and "
        "jobs, and by whom"
    )
