"""The instance-type catalogue: named compute profiles, sized as SageMaker sizes them.

Every notebook kernel and job resolves its CPUs, memory and GPUs here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from traitlets import Dict, List, TraitError, Unicode, default, validate
from traitlets.config import LoggingConfigurable

from ..core.errors import InvalidInput, NotFound
from .models import GIB, HostResources, InstanceType, InstanceTypeSpec

LOCAL_TYPES = ("local", "local_gpu")


def _spec(
    name: str, vcpus: float, memory_gib: float, gpus: int = 0, gpu: str | None = None
) -> dict[str, Any]:
    return {"name": name, "vcpus": vcpus, "memory_gib": memory_gib, "gpus": gpus, "gpu_name": gpu}


DEFAULT_INSTANCE_TYPES: list[dict[str, Any]] = [
    _spec("ml.t3.medium", 2, 4),
    _spec("ml.t3.large", 2, 8),
    _spec("ml.t3.xlarge", 4, 16),
    _spec("ml.m5.large", 2, 8),
    _spec("ml.m5.xlarge", 4, 16),
    _spec("ml.m5.2xlarge", 8, 32),
    _spec("ml.m5.4xlarge", 16, 64),
    _spec("ml.c5.large", 2, 4),
    _spec("ml.c5.xlarge", 4, 8),
    _spec("ml.c5.2xlarge", 8, 16),
    _spec("ml.r5.large", 2, 16),
    _spec("ml.r5.xlarge", 4, 32),
    _spec("ml.g4dn.xlarge", 4, 16, 1, "NVIDIA T4"),
    _spec("ml.g4dn.2xlarge", 8, 32, 1, "NVIDIA T4"),
    _spec("ml.g5.xlarge", 4, 16, 1, "NVIDIA A10G"),
    _spec("ml.g5.2xlarge", 8, 32, 1, "NVIDIA A10G"),
    _spec("ml.p3.2xlarge", 8, 61, 1, "NVIDIA V100"),
    {
        "name": "local",
        "vcpus": None,
        "memory_gib": None,
        "gpus": 0,
        "description": "This machine, as in SageMaker local mode: all its CPUs and memory.",
    },
    {
        "name": "local_gpu",
        "vcpus": None,
        "memory_gib": None,
        "gpus": None,
        "description": "This machine with all its GPUs, as in SageMaker local mode.",
    },
]


def _plural(count: float, word: str) -> str:
    shown = f"{count:g}"
    return f"{shown} {word}" if count == 1 else f"{shown} {word}s"


def assess(spec: InstanceTypeSpec, host: HostResources) -> InstanceType:
    """Size ``spec`` on ``host`` and say whether it can run here, and if not, why."""
    host_gib = host.memory_bytes / GIB
    local = spec.vcpus is None and spec.memory_gib is None
    vcpus = float(spec.vcpus if spec.vcpus is not None else host.cpus)
    memory_gib = float(spec.memory_gib if spec.memory_gib is not None else round(host_gib, 2))
    gpus = spec.gpus if spec.gpus is not None else len(host.gpus)
    needs_gpus = max(gpus, 1 if spec.gpus is None else 0)

    reasons = []
    if needs_gpus > len(host.gpus):
        has = "none" if not host.gpus else str(len(host.gpus))
        reasons.append(f"needs {_plural(needs_gpus, 'GPU')}; this host has {has}")
    if memory_gib > host_gib + 1e-6:
        reasons.append(f"needs {memory_gib:g} GiB of memory; this host has {host_gib:.1f} GiB")

    note = None
    effective = min(vcpus, float(host.cpus))
    if vcpus > host.cpus:
        note = f"runs on this host's {_plural(host.cpus, 'CPU')} instead of {vcpus:g} vCPUs"

    family = spec.name.split(".")[1] if spec.name.startswith("ml.") else spec.name
    if spec.description:
        description = spec.description
    else:
        description = f"{vcpus:g} vCPU, {memory_gib:g} GiB"
        if gpus:
            description += f", {_plural(gpus, 'GPU')}" + (
                f" ({spec.gpu_name})" if spec.gpu_name else ""
            )
    return InstanceType(
        name=spec.name,
        family=family,
        description=description,
        vcpus=vcpus,
        memory_gib=memory_gib,
        gpus=gpus,
        gpu_name=spec.gpu_name,
        available=not reasons,
        reason="; ".join(reasons) or None,
        effective_vcpus=effective,
        note=note,
        local=local,
    )


class InstanceTypeCatalogue(LoggingConfigurable):
    """Named compute profiles, configurable in ``jupyter_server_config.py``::

    c.InstanceTypeCatalogue.instance_types.append(
        {"name": "ml.m5.24xlarge", "vcpus": 96, "memory_gib": 384}
    )
    """

    instance_types = List(
        Dict(),
        config=True,
        help=(
            "Instance types offered to notebooks and jobs: a list of objects with name, vcpus, "
            "memory_gib (GiB), gpus, optional gpu_name and description. A null vcpus or "
            "memory_gib means the whole host; a null gpus means every GPU of the host (at least "
            "one). Defaults to SageMaker's common ml.* sizes plus local and local_gpu."
        ),
    )

    default_instance_type = Unicode(
        "local",
        config=True,
        help="The instance type used when a notebook or job names none. Default: local.",
    )

    @default("instance_types")
    def _default_instance_types(self) -> list[dict[str, Any]]:
        return [dict(item) for item in DEFAULT_INSTANCE_TYPES]

    @validate("instance_types")
    def _validate_instance_types(self, proposal: Any) -> list[dict[str, Any]]:
        seen: set[str] = set()
        for item in proposal["value"]:
            try:
                spec = InstanceTypeSpec.model_validate(item)
            except ValidationError as error:
                raise TraitError(f"Invalid instance type {item!r}: {error}") from error
            if spec.name in seen:
                raise TraitError(f"Instance type {spec.name!r} is listed twice")
            seen.add(spec.name)
        return list(proposal["value"])

    def __init__(self, host: Callable[[], HostResources], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._host = host

    def specs(self) -> list[InstanceTypeSpec]:
        return [InstanceTypeSpec.model_validate(item) for item in self.instance_types]

    def list(self, available: bool | None = None) -> list[InstanceType]:
        """Every instance type (or those that can run here, or cannot), sized and assessed on
        the host as it is now."""
        host = self._host()
        found = [assess(spec, host) for spec in self.specs()]
        return [item for item in found if available is None or item.available == available]

    def get(self, name: str) -> InstanceType:
        """One instance type by name (``NotFound`` if the catalogue has none by that name)."""
        for spec in self.specs():
            if spec.name == name:
                return assess(spec, self._host())
        raise NotFound(f"No instance type named {name!r}; see /mlstudio/api/v1/instance-types")

    def require(self, name: str | None, field: str = "InstanceType") -> InstanceType:
        """The named type (or the default), refusing one that cannot run on this host."""
        name = name or self.default_instance_type
        try:
            instance_type = self.get(name)
        except NotFound as error:
            raise InvalidInput(error.message, field=field) from error
        if not instance_type.available:
            raise InvalidInput(
                f"Instance type {name} cannot run here: {instance_type.reason}", field=field
            )
        return instance_type
