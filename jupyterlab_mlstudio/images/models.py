"""Image shapes (the REST face's; the AWS face maps them to SageMaker's)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ..core.models import ApiModel


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
    name: str = Field(description="The kernel spec's name inside the image, e.g. python3")
    display_name: str = ""


class ImageEntry(ApiModel):
    image: Image
    versions: list[ImageVersion] = Field(description="Newest first")
    config: AppImageConfig


class ImageList(ApiModel):
    images: list[ImageEntry]


class NewImage(ApiModel):
    name: str = Field(description="Letters, digits, '-' and '.', at most 63")
    display_name: str | None = None
    description: str | None = None
    base_image: str | None = Field(
        default=None,
        description="First version: a Docker reference, file:///path/to/python-or-env, or "
        "dockerfile:///path/in/workspace/Dockerfile",
    )
    kernel_specs: list[KernelSpecEntry] | None = None
    mount_path: str = ""
    uid: int = 0
    gid: int = 0


class ConfigBody(ApiModel):
    kernel_specs: list[KernelSpecEntry] = Field(min_length=1)
    mount_path: str = ""
    uid: int = 0
    gid: int = 0
