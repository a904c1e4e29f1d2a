"""REST handlers for kernel profiles: what a notebook can switch to, switching, live usage and
idle timeouts."""

from __future__ import annotations

import asyncio
import logging

from jupyter_server.auth.decorator import authorized
from pydantic import Field
from tornado import web

from ..core.errors import InvalidInput, MLStudioError
from ..core.handlers import MLStudioHandler, route
from ..core.models import ApiModel
from ..core.openapi import Operation, Paths
from ..images.service import DEFAULT_IMAGE
from . import switch
from .specs import spec_name

log = logging.getLogger(__name__)


class ProfileImage(ApiModel):
    name: str
    display_name: str | None = None
    kind: str | None = Field(default=None, description="local or docker")
    version: int | None = None
    kernel_names: dict[str, str] = Field(
        default_factory=dict, description="Spec name in the image -> Jupyter kernel name"
    )
    available: bool
    reason: str | None = None


class ProfileInstanceType(ApiModel):
    name: str
    description: str
    vcpus: float = Field(description="The vCPUs a kernel really gets on this host")
    nominal_vcpus: float = Field(
        description="The type's own vCPUs (more than vcpus on a small host)"
    )
    memory_gib: float
    gpus: int
    available: bool
    reason: str | None = None
    idle_timeout_minutes: float


class Profiles(ApiModel):
    images: list[ProfileImage]
    instance_types: list[ProfileInstanceType]
    default_image: str
    default_instance_type: str


class ProfileCheck(ApiModel):
    image: str
    instance_type: str | None = None
    spec: str = Field(default="python3", description="Kernel spec inside the image")


class CheckedProfile(ApiModel):
    image: str
    instance_type: str
    kernel_name: str
    display_name: str
    cpus: int
    memory_bytes: int | None
    gpus: int


class SwitchBody(ApiModel):
    image: str | None = None
    instance_type: str | None = None
    force: bool = Field(default=False, description="Restart even if the kernel is busy")
    wait: bool = Field(default=True, description="False: answer 202 and switch right after")
    write_metadata: bool = Field(
        default=True,
        description="Record the choice in the notebook (False when the caller saved it)",
    )


class SwitchResult(ApiModel):
    kernel_id: str = Field(description="The kernel serving the notebook after the switch")
    previous_kernel_id: str
    path: str | None = None
    image: str
    instance_type: str
    kernel_name: str
    done: bool


class KernelUsage(ApiModel):
    kernel_id: str
    image: str
    image_version: int
    kind: str
    instance_type: str
    cpus: int
    memory_bytes: int | None = Field(description="The kernel's memory limit (None: none)")
    gpus: int
    cpu_percent: float | None = Field(description="100 = one CPU busy; None on the first read")
    cpu_limit_percent: float
    memory_used_bytes: int | None = None
    memory_limit_bytes: int
    idle_timeout_minutes: float
    uptime_seconds: float
    last_exit: str | None = Field(
        default=None, description="Why this kernel last ended on its own (it was restarted)"
    )


class IdleTimeout(ApiModel):
    minutes: float = Field(ge=0, le=43200, description="0: never")


class IdleTimeouts(ApiModel):
    timeouts: dict[str, float]


class _KernelsBase(MLStudioHandler):
    auth_resource = "mlstudio:kernels"


class ProfilesHandler(_KernelsBase):
    """``GET /mlstudio/api/v1/kernels/profiles``: images and instance types a notebook can use."""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        services = self.services

        def gather() -> Profiles:
            context = self.request_context
            images, _ = services.images.list_images(
                context, sort_by="IMAGE_NAME", ascending=True, max_results=1000
            )
            entries = []
            for image in images:
                try:
                    resolved = services.images.resolve(context, image.image_name)
                except MLStudioError as error:
                    entries.append(
                        ProfileImage(
                            name=image.image_name,
                            display_name=image.display_name,
                            available=False,
                            reason=error.message,
                        )
                    )
                    continue
                reason = None
                if resolved.kind == "docker" and "docker" not in services.backends:
                    reason = "it is a Docker image, and the Docker backend is disabled here"
                entries.append(
                    ProfileImage(
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
                )
            idle = services.kernels.idle_table()
            types = [
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
                for item in services.catalogue.list()
            ]
            return Profiles(
                images=entries,
                instance_types=types,
                default_image=DEFAULT_IMAGE,
                default_instance_type=services.catalogue.default_instance_type,
            )

        self.reply(await self.call(gather))


class ProfileCheckHandler(_KernelsBase):
    """``POST /mlstudio/api/v1/kernels/profile-check``: can this profile run here? 400 with
    the reason if not (nothing is changed)."""

    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.parse_body(ProfileCheck)
        profile = await self.call(self.services.kernels.profile, body.image, body.instance_type)
        specs = {item["name"]: item for item in profile.image.kernel_specs}
        spec = specs.get(body.spec) or next(iter(specs.values()), None)
        if spec is None:
            raise InvalidInput(f"Image {body.image} names no kernel specs.", field="image")
        display = spec.get("display_name") or spec["name"]
        self.reply(
            CheckedProfile(
                image=body.image,
                instance_type=profile.instance_type.name,
                kernel_name=spec_name(body.image, spec["name"]),
                display_name=f"{display} ({body.image})",
                cpus=len(profile.limits.cpus),
                memory_bytes=profile.limits.memory_bytes,
                gpus=len(profile.limits.gpus),
            )
        )


class KernelUsageHandler(_KernelsBase):
    """``GET /mlstudio/api/v1/kernels/{kernel_id}``: the kernel's profile and its CPU and
    memory use against its limits."""

    @web.authenticated
    @authorized
    async def get(self, kernel_id: str) -> None:
        usage = await self.call(self.services.kernels.usage, kernel_id)
        self.reply(KernelUsage.model_validate(usage))


class SwitchHandler(_KernelsBase):
    """``POST /mlstudio/api/v1/kernels/{kernel_id}/profile``: switch the kernel's notebook to
    another image or instance type (409 while busy unless forced)."""

    @web.authenticated
    @authorized
    async def post(self, kernel_id: str) -> None:
        body = self.parse_body(SwitchBody)
        kernels = self.services.kernels
        plan = await switch.prepare(
            kernels,
            self.kernel_manager,
            self.session_manager,
            kernel_id,
            body.image,
            body.instance_type,
            body.force,
        )
        events = self.services.events
        managers = (self.kernel_manager, self.session_manager, self.contents_manager)

        async def run() -> str:
            new_id = await switch.apply(plan, *managers, write=body.write_metadata)
            events.emit(
                "kernel",
                {
                    "kernel_id": kernel_id,
                    "new_kernel_id": new_id,
                    "action": "switched",
                    "path": plan.path,
                    "image": plan.image,
                    "instance_type": plan.instance_type,
                    "message": f"Now on {plan.image} / {plan.instance_type}.",
                },
            )
            return new_id

        result = SwitchResult(
            kernel_id=kernel_id,
            previous_kernel_id=kernel_id,
            path=plan.path,
            image=plan.image,
            instance_type=plan.instance_type,
            kernel_name=plan.kernel_name,
            done=body.wait,
        )
        if body.wait:
            result.kernel_id = await run()
            self.reply(result)
            return

        async def later() -> None:
            await asyncio.sleep(0.3)  # let the answer reach a caller inside this very kernel
            try:
                await run()
            except Exception:
                log.exception("Switching kernel %s failed", kernel_id)

        asyncio.get_running_loop().create_task(later())
        self.reply(result, status=202)


class IdleTimeoutsHandler(_KernelsBase):
    """``GET /mlstudio/api/v1/kernels/idle-timeouts``: minutes per instance type."""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        table = await self.call(self.services.kernels.idle_table)
        self.reply(IdleTimeouts(timeouts=table))


class IdleTimeoutHandler(_KernelsBase):
    """``PUT /mlstudio/api/v1/kernels/idle-timeouts/{name}``: set one type's timeout."""

    @web.authenticated
    @authorized
    async def put(self, name: str) -> None:
        body = self.parse_body(IdleTimeout)
        minutes = await self.call(
            self.services.kernels.set_idle_minutes,
            name,
            body.minutes,
            self.request_context.owner,
        )
        self.reply(IdleTimeout(minutes=minutes))


TAGS = ("kernels",)
OPENAPI: Paths = {
    "/kernels/profiles": {
        "get": Operation("Images and instance types for notebooks", response=Profiles, tags=TAGS)
    },
    "/kernels/profile-check": {
        "post": Operation(
            "Check that a profile can run here",
            response=CheckedProfile,
            body=ProfileCheck,
            errors=(400, 401, 403),
            tags=TAGS,
        )
    },
    "/kernels/idle-timeouts": {
        "get": Operation("Idle timeouts per instance type", response=IdleTimeouts, tags=TAGS)
    },
    "/kernels/idle-timeouts/{name}": {
        "put": Operation(
            "Set an instance type's idle timeout",
            response=IdleTimeout,
            body=IdleTimeout,
            errors=(400, 401, 403, 404),
            tags=TAGS,
        )
    },
    "/kernels/{kernel_id}": {
        "get": Operation(
            "A kernel's profile and usage", response=KernelUsage, errors=(401, 403, 404), tags=TAGS
        )
    },
    "/kernels/{kernel_id}/profile": {
        "post": Operation(
            "Switch a kernel's notebook to another image or instance type",
            response=SwitchResult,
            body=SwitchBody,
            errors=(400, 401, 403, 404, 409),
            tags=TAGS,
        )
    },
}

HANDLERS = [
    (route("/kernels/profiles"), ProfilesHandler),
    (route("/kernels/profile-check"), ProfileCheckHandler),
    (route("/kernels/idle-timeouts"), IdleTimeoutsHandler),
    (route("/kernels/idle-timeouts/{name}"), IdleTimeoutHandler),
    (route("/kernels/{kernel_id}"), KernelUsageHandler),
    (route("/kernels/{kernel_id}/profile"), SwitchHandler),
]
