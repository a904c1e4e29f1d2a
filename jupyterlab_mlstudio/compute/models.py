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


class ReservationInfo(ApiModel):
    """What one kernel or job holds of the host."""

    kind: str = Field(description="kernel, training-job, ...")
    name: str = Field(description="The notebook (or kernel id) or the job's name")
    owner: str
    instance_type: str
    memory_bytes: int = Field(description="Memory held exclusively (0: a type without a size)")
    gpus: list[int] = Field(default_factory=list, description="GPU indices held exclusively")
    vcpus: float = Field(description="vCPUs asked for (CPUs are shared)")
    cpus: list[int] = Field(
        default_factory=list, description="CPUs the unit is pinned to, when the ledger chose them"
    )
    since: int = Field(description="When it was reserved (UTC milliseconds)")


class CapacityReport(ApiModel):
    """The host's capacity ledger: what it offers, what is reserved, by whom."""

    memory_bytes: int = Field(description="Memory handed out to kernels and jobs in total")
    memory_reserved_bytes: int
    gpus: list[int] = Field(description="Indices of the host's GPUs")
    gpus_reserved: list[int]
    cpus: int = Field(description="CPUs of the host (shared by everyone)")
    vcpus_reserved: float = Field(description="vCPUs asked for by all holders together")
    reservations: list[ReservationInfo]
