"""A kernel's profile: which image version it runs in and on which instance type.

A notebook stores its choice in its metadata as ``"mlstudio": {"image": ..., "instance_type":
...}``. Whoever starts a kernel for that notebook (our UI, JupyterLab, any client of Jupyter's
sessions API) gets that profile, because the provisioner reads it from the notebook itself. A
notebook exported from SageMaker Studio carries its profile its own way (a top-level
``instance_type`` and the image in the kernel name), and gets it just the same.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..compute.models import GIB, InstanceType
from ..core.errors import InvalidInput
from ..images.service import ResolvedImage

METADATA_KEY = "mlstudio"
#: ``"mlstudio": {"aws": "real"}``: the kernel keeps the user's own AWS configuration.
AWS_KEY = "aws"
REAL_AWS = "real"
#: What SageMaker Studio puts between the kernel and the image ARN in its kernel names.
SAGEMAKER_MARK = "__SAGEMAKER_INTERNAL__"


@dataclass(frozen=True)
class Limits:
    """What the kernel may use: CPU numbers, memory bytes (None: unlimited), GPU indices."""

    cpus: list[int]
    memory_bytes: int | None
    gpus: list[int] = field(default_factory=list)

    def launcher_args(self) -> list[str]:
        args = ["--cpus", ",".join(str(cpu) for cpu in self.cpus)]
        if self.memory_bytes:
            args += ["--memory", str(self.memory_bytes)]
        return args


@dataclass(frozen=True)
class KernelProfile:
    image: ResolvedImage
    instance_type: InstanceType
    limits: Limits

    def describe(self) -> dict[str, Any]:
        return {
            "image": self.image.name,
            "image_version": self.image.version,
            "kind": self.image.kind,
            "instance_type": self.instance_type.name,
            "cpus": len(self.limits.cpus),
            "memory_bytes": self.limits.memory_bytes,
            "gpus": len(self.limits.gpus),
        }


def notebook_metadata(path: str | None) -> dict[str, Any]:
    """The metadata of the notebook at ``path`` ({} if none or unreadable)."""
    if not path or not path.endswith(".ipynb") or not os.path.isfile(path):
        return {}
    try:
        with open(path, encoding="utf-8") as handle:
            metadata = json.load(handle).get("metadata") or {}
    except (OSError, ValueError, AttributeError):
        return {}
    return metadata if isinstance(metadata, dict) else {}


def sagemaker_kernel(kernel_name: str | None) -> tuple[str, str | None] | None:
    """(kernel, image) of a SageMaker Studio kernel name, e.g. ``("python3", "datascience-1.0")``
    for ``python3__SAGEMAKER_INTERNAL__arn:aws:sagemaker:...:image/datascience-1.0``; ``None``
    for any other name."""
    if not kernel_name or SAGEMAKER_MARK not in kernel_name:
        return None
    kernel, _, arn = kernel_name.partition(SAGEMAKER_MARK)
    image = arn.rsplit(":image/", 1)[1].split("/")[0] if ":image/" in arn else None
    return kernel, image or None


def choice_of(metadata: dict[str, Any]) -> dict[str, str]:
    """A notebook's studio profile: its ``mlstudio`` metadata, else what a notebook exported
    from SageMaker Studio says (a top-level ``instance_type``; the image in its kernel name,
    as ``sagemaker_image``). {} when it carries none."""
    choice: dict[str, str] = {}
    own = metadata.get(METADATA_KEY)
    if isinstance(own, dict):
        choice = {
            key: str(value)
            for key, value in own.items()
            if key in ("image", "instance_type") and value
        }
    exported = sagemaker_kernel((metadata.get("kernelspec") or {}).get("name"))
    top_level = metadata.get("instance_type")
    if (
        "instance_type" not in choice
        and isinstance(top_level, str)
        and (exported is not None or top_level.startswith("ml."))
    ):
        choice["instance_type"] = top_level
    if exported is not None and exported[1]:
        choice["sagemaker_image"] = exported[1]
    return choice


def notebook_choice(path: str | None) -> dict[str, str]:
    """The studio profile of the notebook at ``path`` (see ``choice_of``)."""
    return choice_of(notebook_metadata(path))


def wants_real_aws(path: str | None) -> bool:
    """Whether the notebook at ``path`` asks for the user's own AWS configuration instead of
    this server's (``"mlstudio": {"aws": "real"}`` in its metadata)."""
    own = notebook_metadata(path).get(METADATA_KEY)
    return isinstance(own, dict) and own.get(AWS_KEY) == REAL_AWS


def notebook_path(session_name: str | None, root_dir: str) -> str | None:
    """The file a kernel's ``JPY_SESSION_NAME`` names: absolute, or relative to the server root."""
    if not session_name:
        return None
    candidate = Path(session_name)
    if not candidate.is_absolute():
        candidate = Path(root_dir) / session_name
    return str(candidate)


def limits_for(instance_type: InstanceType, gpu_indices: list[int]) -> Limits:
    """The CPUs, memory and GPUs a kernel of ``instance_type`` gets on this host."""
    available = sorted(os.sched_getaffinity(0))
    count = max(1, min(len(available), math.ceil(instance_type.effective_vcpus)))
    memory = None if instance_type.local else int(instance_type.memory_gib * GIB)
    return Limits(
        cpus=available[:count], memory_bytes=memory, gpus=gpu_indices[: instance_type.gpus]
    )


def require_available(instance_type: InstanceType) -> None:
    """Refuse a type this host cannot run (a GPU type without GPUs), saying why."""
    if not instance_type.available:
        raise InvalidInput(
            f"Instance type {instance_type.name} cannot run here: {instance_type.reason}",
            field="instance_type",
        )
