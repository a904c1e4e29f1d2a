"""Image shapes (the REST face's; the AWS face maps them to SageMaker's)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field, WithJsonSchema

from ..core.models import ApiModel
from .inspect import ALLOWED_GIDS, ALLOWED_UIDS
from .validation import (
    IMAGE_NAME,
    KERNEL_NAME,
    MAX_DISPLAY_NAME,
    MAX_KERNEL_NAME,
    MAX_KERNEL_SPECS,
    MAX_MOUNT_PATH,
    MIN_KERNEL_SPECS,
)


class Image(ApiModel):
    image_name: str
    image_arn: str
    image_status: str
    display_name: str | None = None
    description: str | None = None
    creation_time: int
    last_modified_time: int


class ImageVersion(ApiModel):
    image_name: str
    version: int
    image_version_arn: str
    image_arn: str
    base_image: str = Field(
        description="docker ref, file:///python/env, or dockerfile:///path/Dockerfile"
    )
    container_image: str | None = None
    kind: str = Field(description="local or docker")
    image_version_status: str = Field(description="CREATING, CREATED or CREATE_FAILED")
    failure_reason: str | None = None
    aliases: list[str] = Field(default_factory=list)
    details: dict[str, Any] = Field(
        default_factory=dict, description="python, arch, ipykernel, kernel_specs"
    )
    creation_time: int
    last_modified_time: int


class AppImageConfig(ApiModel):
    name: str
    arn: str
    kernel_specs: list[dict[str, str]]
    mount_path: str = Field(
        description="Where the workspace appears in a container ('' = its own path)"
    )
    uid: int
    gid: int
    creation_time: int
    last_modified_time: int


class KernelSpecEntry(ApiModel):
    name: str = Field(
        min_length=1,
        max_length=MAX_KERNEL_NAME,
        pattern=KERNEL_NAME.pattern,
        description="The kernel spec's name inside the image, e.g. python3 (a name Jupyter "
        "accepts: letters, digits, '.', '_' and '-')",
    )
    display_name: str = Field(default="", max_length=MAX_DISPLAY_NAME)


class ImageEntry(ApiModel):
    image: Image
    versions: list[ImageVersion] = Field(description="Newest first")
    config: AppImageConfig


class ImageList(ApiModel):
    images: list[ImageEntry]


def _one_of(choices: tuple[int, ...]) -> Any:
    def check(value: int) -> int:
        if value not in choices:
            raise ValueError(f"must be one of {', '.join(str(item) for item in choices)}")
        return value

    return check


#: The user and group ids a kernel may run as (JSON's false is no 0: bodies are read strictly).
Uid = Annotated[
    int,
    AfterValidator(_one_of(ALLOWED_UIDS)),
    WithJsonSchema({"type": "integer", "enum": list(ALLOWED_UIDS)}),
]
Gid = Annotated[
    int,
    AfterValidator(_one_of(ALLOWED_GIDS)),
    WithJsonSchema({"type": "integer", "enum": list(ALLOWED_GIDS)}),
]
MountPath = Annotated[
    str, Field(max_length=MAX_MOUNT_PATH, pattern=r"^(/.*)?$", description="Absolute, or empty")
]


class NewImage(ApiModel):
    # The service checks the name (with its own message); the document states the rule.
    name: str = Field(
        json_schema_extra={"pattern": IMAGE_NAME},
        description="Letters, digits, '-' and '.', at most 63",
    )
    display_name: str | None = None
    description: str | None = None
    base_image: str | None = Field(
        default=None,
        description="First version: a Docker reference, file:///path/to/python-or-env, or "
        "dockerfile:///path/in/workspace/Dockerfile",
    )
    kernel_specs: list[KernelSpecEntry] | None = Field(
        default=None, min_length=MIN_KERNEL_SPECS, max_length=MAX_KERNEL_SPECS
    )
    mount_path: MountPath = ""
    uid: Uid = 0
    gid: Gid = 0


class ConfigBody(ApiModel):
    kernel_specs: list[KernelSpecEntry] = Field(
        min_length=MIN_KERNEL_SPECS, max_length=MAX_KERNEL_SPECS
    )
    mount_path: MountPath = ""
    uid: Uid = 0
    gid: Gid = 0
