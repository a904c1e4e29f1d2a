"""Images as the Images panel (and the client's ``images()``) see them: each image with its
versions and its config; registering one with its config and first version in one step that
leaves nothing behind when a later step fails."""

from __future__ import annotations

import contextlib
from typing import Any

from ..core.context import RequestContext
from ..core.errors import NotFound
from .models import AppImageConfig, ConfigBody, ImageEntry, ImageList, KernelSpecEntry, NewImage
from .reads import DEFAULT_SPECS
from .service import ImageService


def entry(images: ImageService, context: RequestContext, name: str) -> ImageEntry:
    """Image ``name`` with its versions (newest first) and its config."""
    return ImageEntry(
        image=images.describe_image(context, name),
        versions=images.list_versions(context, name),
        config=images.app_config_for(context, name),
    )


def listing(images: ImageService, context: RequestContext) -> ImageList:
    """Every image of the caller's domain, by name."""
    found, _ = images.list_images(context, sort_by="IMAGE_NAME", ascending=True, max_results=1000)
    return ImageList(images=[entry(images, context, item.image_name) for item in found])


def register(images: ImageService, context: RequestContext, request: NewImage) -> ImageEntry:
    """Create the image, then its config and first version when asked; if either fails, the
    image is deleted again and the error raised."""
    images.create_image(context, request.name, request.display_name, request.description)
    try:
        if request.kernel_specs or request.mount_path or request.uid or request.gid:
            images.put_app_config(
                context,
                request.name,
                _specs(request.kernel_specs) or DEFAULT_SPECS,
                _file_system(request),
                create=True,
            )
        if request.base_image:
            images.create_version(context, request.name, request.base_image)
    except Exception:
        images.delete_image(context, request.name)
        raise
    return entry(images, context, request.name)


def remove(images: ImageService, context: RequestContext, name: str) -> None:
    """Delete the image and its config, if it has one."""
    images.delete_image(context, name)
    with contextlib.suppress(NotFound):
        images.delete_app_config(context, name)


def configure(
    images: ImageService, context: RequestContext, name: str, config: ConfigBody
) -> AppImageConfig:
    """Set the image's kernel specs and file-system settings (made on first use)."""
    images.describe_image(context, name)
    exists = any(item.name == name for item in images.list_app_configs(context))
    return images.put_app_config(
        context, name, _specs(config.kernel_specs), _file_system(config), create=not exists
    )


def _specs(entries: list[KernelSpecEntry] | None) -> list[dict[str, str]] | None:
    if entries is None:
        return None
    return [{"name": item.name, "display_name": item.display_name or item.name} for item in entries]


def _file_system(settings: NewImage | ConfigBody) -> dict[str, Any]:
    return {"mount_path": settings.mount_path, "uid": settings.uid, "gid": settings.gid}
