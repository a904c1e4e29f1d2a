"""REST shapes of the resource overview."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..core.models import ApiModel

#: What can run: a notebook kernel, a space's app, a job of any kind, an endpoint.
ResourceKind = Literal[
    "kernel", "app", "training-job", "processing-job", "transform-job", "endpoint"
]


class RunningResource(ApiModel):
    """One thing that runs now."""

    kind: ResourceKind
    id: str = Field(description="What stops it: a kernel id, a job's or endpoint's name, an app")
    name: str = Field(description="As people know it: the notebook, the job, the endpoint")
    owner: str
    instance_type: str
    since: int = Field(description="When it started (UTC milliseconds)")
    run_seconds: float
    memory_reserved_bytes: int = Field(description="Memory its instance type holds (0: none)")
    memory_used_bytes: int | None = Field(
        default=None, description="Memory it uses now, where it is measured (kernels)"
    )
    idle_seconds: float | None = Field(
        default=None, description="How long it has been idle (kernels; null while busy)"
    )
    units: int = Field(default=1, description="Hosts or replicas it runs on")


class ResourceQuery(ApiModel):
    """``GET /mlstudio/api/v1/resources``."""

    scope: Literal["mine", "everyone"] = Field(
        default="mine", description="everyone: every user's (admins only)"
    )


class ResourceOverview(ApiModel):
    """What runs, oldest first."""

    scope: Literal["mine", "everyone"]
    is_admin: bool = Field(description="Whether the caller may see and stop everyone's")
    resources: list[RunningResource]
    memory_reserved_bytes: int
    memory_used_bytes: int


class StopResource(ApiModel):
    """``POST /mlstudio/api/v1/resources/stop``."""

    kind: ResourceKind
    id: str = Field(min_length=1, max_length=1024)


class StopIdle(ApiModel):
    """``POST /mlstudio/api/v1/resources/stop-idle``: admins stop every kernel idle this long."""

    idle_minutes: float = Field(default=60.0, ge=0, le=10080)


class StoppedResources(ApiModel):
    """What a stop request stopped."""

    stopped: list[RunningResource]
