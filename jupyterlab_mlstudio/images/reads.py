"""Image records read back as API models (SageMaker's shapes)."""

from __future__ import annotations

from typing import Any

from .models import AppImageConfig, Image, ImageVersion
from .orm import AppImageConfigRecord, ImageRecord, ImageVersionRecord

#: Kernel specs of an image whose app image config names none.
DEFAULT_SPECS: list[dict[str, Any]] = [{"name": "python3", "display_name": "Python 3"}]
#: File-system settings of an image whose app image config sets none (0: the server's ids).
DEFAULT_FILE_SYSTEM: dict[str, Any] = {"mount_path": "", "uid": 0, "gid": 0}


def image_of(record: ImageRecord) -> Image:
    return Image(
        image_name=record.name,
        image_arn=record.arn,
        image_status=record.status,
        display_name=record.display_name,
        description=record.description,
        creation_time=record.creation_time,
        last_modified_time=record.last_modified_time,
    )


def version_of(name: str, record: ImageVersionRecord) -> ImageVersion:
    return ImageVersion(
        image_name=name,
        version=record.version,
        image_version_arn=record.arn,
        image_arn=record.arn.rsplit("/", 1)[0].replace("image-version", "image"),
        base_image=record.base_image,
        container_image=record.container_image,
        kind=record.kind,
        image_version_status=record.status,
        failure_reason=record.failure_reason,
        aliases=list(record.aliases or []),
        details=dict(record.details or {}),
        creation_time=record.creation_time,
        last_modified_time=record.last_modified_time,
    )


def config_of(record: AppImageConfigRecord) -> AppImageConfig:
    system = {**DEFAULT_FILE_SYSTEM, **(record.file_system or {})}
    return AppImageConfig(
        name=record.name,
        arn=record.arn,
        kernel_specs=list(record.kernel_specs or DEFAULT_SPECS),
        mount_path=system["mount_path"],
        uid=system["uid"],
        gid=system["gid"],
        creation_time=record.creation_time,
        last_modified_time=record.last_modified_time,
    )
