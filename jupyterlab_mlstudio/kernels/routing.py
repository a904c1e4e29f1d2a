"""Notebooks that carry a studio profile start a studio kernel, whatever kernel spec they name.

Most notebooks written elsewhere name Jupyter's plain ``python3``; notebooks exported from
SageMaker Studio name ``python3__SAGEMAKER_INTERNAL__arn:...:image/<image>``, which no Jupyter
knows. When a session starts a kernel for a notebook whose metadata holds a profile (ours, or
SageMaker Studio's), the kernel started is the studio kernel of the profile's image for the
same language: its provisioner then applies the instance type's limits, or refuses with the
reason. A notebook from SageMaker Studio runs in the registered image of the same name if there
is one, else in the default image.

``install`` puts this in front of the server's kernel manager (Jupyter has no hook for it):
every kernel start with a notebook (sessions API, JupyterLab, any client) goes through it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from ..core.errors import InvalidInput, MLStudioError, NotFound
from ..images.service import DEFAULT_IMAGE
from .profile import METADATA_KEY, notebook_metadata, notebook_path, sagemaker_kernel
from .service import KernelService
from .specs import PREFIX, spec_name

log = logging.getLogger(__name__)


def studio_kernel(
    service: KernelService, kernel_name: str | None, session_name: str | None
) -> str | None:
    """The studio kernel to start instead of ``kernel_name`` for the notebook ``session_name``
    names; ``None`` to start the kernel as asked (a studio kernel already, or a notebook without
    a profile). ``InvalidInput`` when the profile's image cannot run here."""
    if kernel_name and kernel_name.startswith(PREFIX):
        return None
    metadata = notebook_metadata(notebook_path(session_name, service.workspace_root))
    exported = sagemaker_kernel(kernel_name) or sagemaker_kernel(
        (metadata.get("kernelspec") or {}).get("name")
    )
    found = metadata.get(METADATA_KEY)
    own: dict[str, Any] = found if isinstance(found, dict) else {}
    if not own and exported is None:
        return None
    image = str(own.get("image") or "") or _exported_image(service, exported)
    try:
        resolved = service.images.resolve(service.context, image)
    except (NotFound, InvalidInput) as error:
        raise InvalidInput(error.message, field="image") from error
    wanted = (exported[0] if exported else None) or kernel_name or "python3"
    names = [spec["name"] for spec in resolved.kernel_specs]
    language = str(
        (metadata.get("kernelspec") or {}).get("language")
        or (metadata.get("language_info") or {}).get("name")
        or "python"
    )
    if wanted in names:
        return spec_name(image, wanted)
    if language == "python" and names:
        return spec_name(image, "python3" if "python3" in names else names[0])
    raise InvalidInput(
        f"Image {image} offers no {language} kernel (its kernels: {', '.join(names) or 'none'}).",
        field="image",
    )


def _exported_image(service: KernelService, exported: tuple[str, str | None] | None) -> str:
    """The registered image named as the SageMaker Studio image, else the default one."""
    name = exported[1] if exported else None
    if name:
        try:
            service.images.resolve(service.context, name)
            return name
        except MLStudioError:
            pass
    return DEFAULT_IMAGE


def install(kernel_manager: Any, service: KernelService) -> None:
    """Route kernel starts of notebooks with a profile through ``studio_kernel``."""
    start = kernel_manager.start_kernel
    if getattr(start, "mlstudio_routing", False):
        return

    async def start_kernel(*args: Any, kernel_name: str | None = None, **kwargs: Any) -> Any:
        session_name = (kwargs.get("env") or {}).get("JPY_SESSION_NAME")
        if session_name:
            try:
                routed = await asyncio.to_thread(studio_kernel, service, kernel_name, session_name)
            except MLStudioError as error:
                raise RuntimeError(error.message) from error
            if routed is not None:
                log.info("Notebook %s starts %s (was %s)", session_name, routed, kernel_name)
                kernel_name = routed
        return await start(*args, kernel_name=kernel_name, **kwargs)

    start_kernel.mlstudio_routing = True  # type: ignore[attr-defined]
    kernel_manager.start_kernel = start_kernel
