"""The profiles a notebook can choose from (images and instance types, each with whether it can
run here and why not), and the check of one profile before anything is changed."""

from __future__ import annotations

from ..core.context import RequestContext
from ..core.errors import InvalidInput, MLStudioError
from ..images.models import Image
from .models import CheckedProfile, ProfileImage, ProfileInstanceType, Profiles
from .service import KernelService
from .specs import spec_name


def available_profiles(kernels: KernelService, context: RequestContext) -> Profiles:
    """Every image of the caller's domain and every instance type, with availability."""
    images, _ = kernels.images.list_images(
        context, sort_by="IMAGE_NAME", ascending=True, max_results=1000
    )
    idle = kernels.idle_table()
    return Profiles(
        images=[_image(kernels, context, image) for image in images],
        instance_types=[
            ProfileInstanceType(
                name=item.name,
                description=item.description,
                vcpus=item.effective_vcpus,
                nominal_vcpus=item.vcpus,
                memory_gib=item.memory_gib,
                gpus=item.gpus,
                available=item.available,
                reason=item.reason,
                idle_timeout_minutes=idle.get(item.name, 0),
            )
            for item in kernels.catalogue.list()
        ],
        default_image=kernels.default_image,
        default_instance_type=kernels.catalogue.default_instance_type,
    )


def _image(kernels: KernelService, context: RequestContext, image: Image) -> ProfileImage:
    try:
        resolved = kernels.images.resolve(context, image.image_name)
    except MLStudioError as error:
        return ProfileImage(
            name=image.image_name,
            display_name=image.display_name,
            available=False,
            reason=error.message,
        )
    reason = None
    if resolved.kind == "docker" and kernels.docker is None:
        reason = "it is a Docker image, and the Docker backend is disabled here"
    return ProfileImage(
        name=image.image_name,
        display_name=image.display_name,
        kind=resolved.kind,
        version=resolved.version,
        kernel_names={
            spec["name"]: spec_name(image.image_name, spec["name"])
            for spec in resolved.kernel_specs
        },
        available=reason is None,
        reason=reason,
    )


def default_kernel_name(kernels: KernelService, image: str) -> str:
    """The kernel new notebooks start on when ``image`` is the server's default kernel image:
    its ``python3`` spec, else its first. Invalid input with the reason if it cannot run here."""
    resolved = kernels.images.resolve(kernels.context, image)
    names = [spec["name"] for spec in resolved.kernel_specs]
    if not names:
        raise InvalidInput(f"Image {image} names no kernel specs.", field="image")
    return spec_name(image, "python3" if "python3" in names else names[0])


def check_profile(
    kernels: KernelService, image: str, instance_type: str | None, spec: str = "python3"
) -> CheckedProfile:
    """The kernel that ``image`` on ``instance_type`` would start for kernel spec ``spec`` (else
    the image's first), with its limits; invalid input with the reason if it cannot run."""
    profile = kernels.profile(image, instance_type)
    specs = {item["name"]: item for item in profile.image.kernel_specs}
    chosen = specs.get(spec) or next(iter(specs.values()), None)
    if chosen is None:
        raise InvalidInput(f"Image {image} names no kernel specs.", field="image")
    display = chosen.get("display_name") or chosen["name"]
    return CheckedProfile(
        image=image,
        instance_type=profile.instance_type.name,
        kernel_name=spec_name(image, chosen["name"]),
        display_name=f"{display} ({image})",
        cpus=len(profile.limits.cpus),
        memory_bytes=profile.limits.memory_bytes,
        gpus=len(profile.limits.gpus),
    )
