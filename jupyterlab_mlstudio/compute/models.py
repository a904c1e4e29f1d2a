"""Shapes of the host and of instance types."""

from __future__ import annotations

from pydantic import Field

from ..core.models import ApiModel

GIB = 1024**3


class Gpu(ApiModel):
    """One GPU of the host."""

    index: int
    name: str
    memory_bytes: int | None = None
    uuid: str | None = None


class HostResources(ApiModel):
    """What this machine offers to notebooks and jobs."""

    cpus: int = Field(description="CPUs this server may use (affinity and cgroup quota applied)")
    memory_bytes: int = Field(description="Memory this server may use (cgroup limit applied)")
    gpus: list[Gpu] = Field(default_factory=list)


class InstanceTypeSpec(ApiModel):
    """A configured compute profile. ``None`` sizes mean "the whole host", as in local mode."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_.\-]{0,62}$")
    vcpus: float | None = Field(default=None, gt=0)
    memory_gib: float | None = Field(default=None, gt=0)
    gpus: int | None = Field(
        default=0, ge=0, description="None: every GPU of the host, at least one"
    )
    gpu_name: str | None = None
    description: str = ""


class InstanceType(ApiModel):
    """An instance type as this host sees it: its size and whether it can run here."""

    name: str
    family: str
    description: str
    vcpus: float
    memory_gib: float
    gpus: int
    gpu_name: str | None = None
    available: bool
    reason: str | None = Field(default=None, description="Why it cannot run here, in words")
    effective_vcpus: float = Field(description="vCPUs a unit gets here (the host's, if fewer)")
    note: str | None = Field(default=None, description="What differs here from the named size")
    local: bool = Field(description="True for local / local_gpu, sized by the host")


class InstanceTypeList(ApiModel):
    """``GET /instance-types``."""

    instance_types: list[InstanceType]
    default: str = Field(description="The type used when a notebook or job names none")
