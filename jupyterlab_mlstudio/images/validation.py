"""What an image's configuration and versions may be, checked before anything is stored.

Each kernel spec of an app image config becomes a Jupyter kernel named
``mlstudio-<image>-<spec>``; a spec Jupyter would refuse (an empty name, a slash, a space) left
the launcher with a broken kernel. The built-in ``default`` image is this server's own Python:
its kernel spec and its single version are the server's, so no client may replace them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..core.errors import IllegalTransition, InvalidInput

#: The built-in image (the server's own Python environment).
BUILTIN_IMAGE = "default"
#: An image's name, as SageMaker's ImageName allows it.
IMAGE_NAME = r"^[a-zA-Z0-9]([-.]?[a-zA-Z0-9]){0,62}$"
#: Kernel names Jupyter accepts (its own rule, ASCII only), and a length that keeps the kernel's
#: folder name (``mlstudio-<image>-<spec>``) well within file-system limits.
KERNEL_NAME = re.compile(r"^[A-Za-z0-9._-]+$")
MAX_KERNEL_NAME = 128
MAX_DISPLAY_NAME = 1024
#: SageMaker's limits on an app image config's kernel specs.
MIN_KERNEL_SPECS, MAX_KERNEL_SPECS = 1, 5
MAX_MOUNT_PATH = 1024


def check_app_config(
    image: str, kernel_specs: Iterable[Mapping[str, Any]], file_system: Mapping[str, Any]
) -> None:
    """Refuse a config for the built-in image, or one whose specs Jupyter could not use."""
    if image == BUILTIN_IMAGE:
        raise IllegalTransition(
            f"The '{BUILTIN_IMAGE}' image runs this server's own Python; its configuration "
            "cannot be changed. Register an image of your own to use other kernel specs.",
            field="KernelSpecs",
        )
    specs = list(kernel_specs)
    if not MIN_KERNEL_SPECS <= len(specs) <= MAX_KERNEL_SPECS:
        raise InvalidInput(
            f"An image has {MIN_KERNEL_SPECS} to {MAX_KERNEL_SPECS} kernel specs, "
            f"not {len(specs)}.",
            field="KernelSpecs",
        )
    seen: set[str] = set()
    for index, spec in enumerate(specs):
        field = f"KernelSpecs.{index}"
        name = spec.get("name")
        if not isinstance(name, str) or not KERNEL_NAME.match(name):
            raise InvalidInput(
                f"Kernel spec name {name!r} is not one Jupyter accepts: use letters, digits, "
                "'.', '_' and '-', at least one.",
                field=f"{field}.Name",
            )
        if len(name) > MAX_KERNEL_NAME:
            raise InvalidInput(
                f"Kernel spec name is {len(name)} characters; at most {MAX_KERNEL_NAME}.",
                field=f"{field}.Name",
            )
        if name.lower() in seen:
            raise InvalidInput(
                f"Kernel spec name {name!r} appears twice (names are compared ignoring case).",
                field=f"{field}.Name",
            )
        seen.add(name.lower())
        display = spec.get("display_name") or ""
        if not isinstance(display, str) or len(display) > MAX_DISPLAY_NAME:
            raise InvalidInput(
                f"Kernel spec display name must be text of at most {MAX_DISPLAY_NAME} characters.",
                field=f"{field}.DisplayName",
            )
    mount_path = file_system.get("mount_path") or ""
    if mount_path and (not mount_path.startswith("/") or len(mount_path) > MAX_MOUNT_PATH):
        raise InvalidInput(
            f"MountPath must be an absolute path of at most {MAX_MOUNT_PATH} characters.",
            field="FileSystemConfig.MountPath",
        )


def check_new_version(image: str, number: int) -> None:
    """Refuse a version past the first of the built-in image (the server makes that one)."""
    if image == BUILTIN_IMAGE and number > 1:
        raise IllegalTransition(
            f"The '{BUILTIN_IMAGE}' image is this server's own Python and has exactly one "
            "version; register an image of your own for other environments.",
            field="ImageName",
        )
