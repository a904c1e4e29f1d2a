"""REST handlers for kernel profiles: what a notebook can switch to, switching, live usage and
idle timeouts."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.handlers import MLStudioHandler
from ..core.openapi import Route, operation
from . import profiles
from .models import (
    CheckedProfile,
    IdleTimeout,
    IdleTimeouts,
    KernelUsage,
    ProfileCheck,
    Profiles,
    SwitchBody,
    SwitchResult,
)

TAGS = ("kernels",)


class _KernelsBase(MLStudioHandler):
    auth_resource = "mlstudio:kernels"


class ProfilesHandler(_KernelsBase):
    """``GET /mlstudio/api/v1/kernels/profiles``: images and instance types a notebook can use."""

    @operation("Images and instance types for notebooks", response=Profiles, tags=TAGS)
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.reply(
            await self.call(
                profiles.available_profiles, self.services.kernels, self.request_context
            )
        )


class ProfileCheckHandler(_KernelsBase):
    """``POST /mlstudio/api/v1/kernels/profile-check``: can this profile run here? 400 with
    the reason if not (nothing is changed)."""

    @operation(
        "Check that a profile can run here",
        response=CheckedProfile,
        body=ProfileCheck,
        errors=(400, 401, 403),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.parse_body(ProfileCheck)
        self.reply(
            await self.call(
                profiles.check_profile,
                self.services.kernels,
                body.image,
                body.instance_type,
                body.spec,
            )
        )


class KernelUsageHandler(_KernelsBase):
    """``GET /mlstudio/api/v1/kernels/{kernel_id}``: the kernel's profile and its CPU and
    memory use against its limits."""

    @operation(
        "A kernel's profile and usage", response=KernelUsage, errors=(401, 403, 404), tags=TAGS
    )
    @web.authenticated
    @authorized
    async def get(self, kernel_id: str) -> None:
        usage = await self.call(self.services.kernels.usage, kernel_id)
        self.reply(KernelUsage.model_validate(usage))


class SwitchHandler(_KernelsBase):
    """``POST /mlstudio/api/v1/kernels/{kernel_id}/profile``: switch the kernel's notebook to
    another image or instance type (409 while busy unless forced; 202 when not waited for)."""

    @operation(
        "Switch a kernel's notebook to another image or instance type",
        response=SwitchResult,
        body=SwitchBody,
        errors=(400, 401, 403, 404, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self, kernel_id: str) -> None:
        body = self.parse_body(SwitchBody)
        result = await self.services.kernel_switcher.switch(kernel_id, body)
        self.reply(result, status=200 if result.done else 202)


class IdleTimeoutsHandler(_KernelsBase):
    """``GET /mlstudio/api/v1/kernels/idle-timeouts``: minutes per instance type."""

    @operation("Idle timeouts per instance type", response=IdleTimeouts, tags=TAGS)
    @web.authenticated
    @authorized
    async def get(self) -> None:
        table = await self.call(self.services.kernels.idle_table)
        self.reply(IdleTimeouts(timeouts=table))


class IdleTimeoutHandler(_KernelsBase):
    """``PUT /mlstudio/api/v1/kernels/idle-timeouts/{name}``: set one type's timeout."""

    @operation(
        "Set an instance type's idle timeout",
        response=IdleTimeout,
        body=IdleTimeout,
        errors=(400, 401, 403, 404),
        tags=TAGS,
    )
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


ROUTES = [
    Route("/kernels/profiles", ProfilesHandler),
    Route("/kernels/profile-check", ProfileCheckHandler),
    Route("/kernels/idle-timeouts", IdleTimeoutsHandler),
    Route("/kernels/idle-timeouts/{name}", IdleTimeoutHandler),
    Route("/kernels/{kernel_id}", KernelUsageHandler),
    Route("/kernels/{kernel_id}/profile", SwitchHandler),
]
