"""Kernel shapes of the REST face: profiles, profile checks, switches, usage, idle timeouts."""

from __future__ import annotations

from pydantic import Field

from ..core.models import ApiModel


class ProfileImage(ApiModel):
    name: str
    display_name: str | None = None
    kind: str | None = Field(default=None, description="local or docker")
    version: int | None = None
    kernel_names: dict[str, str] = Field(
        default_factory=dict, description="Spec name in the image -> Jupyter kernel name"
    )
    available: bool
    reason: str | None = None


class ProfileInstanceType(ApiModel):
    name: str
    description: str
    vcpus: float = Field(description="The vCPUs a kernel really gets on this host")
    nominal_vcpus: float = Field(
        description="The type's own vCPUs (more than vcpus on a small host)"
    )
    memory_gib: float
    gpus: int
    available: bool
    reason: str | None = None
    idle_timeout_minutes: float


class Profiles(ApiModel):
    images: list[ProfileImage]
    instance_types: list[ProfileInstanceType]
    default_image: str
    default_instance_type: str


class ProfileCheck(ApiModel):
    image: str
    instance_type: str | None = None
    spec: str = Field(default="python3", description="Kernel spec inside the image")


class CheckedProfile(ApiModel):
    image: str
    instance_type: str
    kernel_name: str
    display_name: str
    cpus: int
    memory_bytes: int | None
    gpus: int


class SwitchBody(ApiModel):
    image: str | None = None
    instance_type: str | None = None
    force: bool = Field(default=False, description="Restart even if the kernel is busy")
    wait: bool = Field(default=True, description="False: answer 202 and switch right after")
    write_metadata: bool = Field(
        default=True,
        description="Record the choice in the notebook (False when the caller saved it)",
    )


class SwitchResult(ApiModel):
    kernel_id: str = Field(description="The kernel serving the notebook after the switch")
    previous_kernel_id: str
    path: str | None = None
    image: str
    instance_type: str
    kernel_name: str
    done: bool


class KernelUsage(ApiModel):
    kernel_id: str
    image: str
    image_version: int
    kind: str
    instance_type: str
    cpus: int
    memory_bytes: int | None = Field(description="The kernel's memory limit (None: none)")
    gpus: int
    cpu_percent: float | None = Field(description="100 = one CPU busy; None on the first read")
    cpu_limit_percent: float
    memory_used_bytes: int | None = None
    memory_limit_bytes: int
    idle_timeout_minutes: float
    uptime_seconds: float
    last_exit: str | None = Field(
        default=None, description="Why this kernel last ended on its own (it was restarted)"
    )


class IdleTimeout(ApiModel):
    minutes: float = Field(ge=0, le=43200, description="0: never")


class IdleTimeouts(ApiModel):
    timeouts: dict[str, float]
