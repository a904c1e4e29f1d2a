"""REST handlers for the image catalogue (the sidebar's Images panel)."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from pydantic import Field
from tornado import web

from ..core.errors import InvalidInput
from ..core.handlers import MLStudioHandler
from ..core.models import INT64_MAX, INT64_MIN, ApiModel, Int64
from ..core.openapi import Route, operation
from . import entries
from .environments import PythonEnvironmentList
from .models import AppImageConfig, ConfigBody, ImageEntry, ImageList, ImageVersion, NewImage

TAGS = ("images",)


class NewVersion(ApiModel):
    base_image: str = Field(pattern=r"\S", description="Not blank")
    aliases: list[str] = Field(default_factory=list)


class BuildLogQuery(ApiModel):
    after: Int64 = Field(default=-1, description="Only lines after this sequence number")


class BuildLogLine(ApiModel):
    seq: int
    timestamp: int
    message: str


class BuildLogs(ApiModel):
    lines: list[BuildLogLine]


class _ImagesBase(MLStudioHandler):
    auth_resource = "mlstudio:images"


class ImagesHandler(_ImagesBase):
    """``GET/POST /mlstudio/api/v1/images``."""

    @operation("Images with their versions and configs", response=ImageList, tags=TAGS)
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.reply(await self.call(entries.listing, self.services.images, self.request_context))

    @operation(
        "Register an image (and its first version)",
        response=ImageEntry,
        body=NewImage,
        status=201,
        errors=(400, 401, 403, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.parse_body(NewImage)
        created = await self.call(
            entries.register, self.services.images, self.request_context, body
        )
        self.reply(created, status=201)


class ImageHandler(_ImagesBase):
    """``GET/DELETE /mlstudio/api/v1/images/{name}``."""

    @operation("An image", response=ImageEntry, errors=(401, 403, 404), tags=TAGS)
    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        self.reply(await self.call(entries.entry, self.services.images, self.request_context, name))

    @operation("Delete an image", status=204, errors=(400, 401, 403, 404, 409), tags=TAGS)
    @web.authenticated
    @authorized
    async def delete(self, name: str) -> None:
        await self.call(entries.remove, self.services.images, self.request_context, name)
        self.set_status(204)
        self.finish()


class VersionsHandler(_ImagesBase):
    """``POST /mlstudio/api/v1/images/{name}/versions``: a new version, validated in the
    background (watch its status, or the image-version event)."""

    @operation(
        "Add a version (validated in the background)",
        response=ImageVersion,
        body=NewVersion,
        status=201,
        errors=(400, 401, 403, 404, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self, name: str) -> None:
        body = self.parse_body(NewVersion)
        version = await self.call(
            self.services.images.create_version,
            self.request_context,
            name,
            body.base_image,
            body.aliases,
        )
        self.reply(version, status=201)


class VersionHandler(_ImagesBase):
    """``GET/DELETE /mlstudio/api/v1/images/{name}/versions/{version}``."""

    @operation("A version", response=ImageVersion, errors=(400, 401, 403, 404), tags=TAGS)
    @web.authenticated
    @authorized
    async def get(self, name: str, version: str) -> None:
        self.reply(
            await self.call(
                self.services.images.describe_version,
                self.request_context,
                name,
                _number(version),
            )
        )

    @operation("Delete a version", status=204, errors=(400, 401, 403, 404, 409), tags=TAGS)
    @web.authenticated
    @authorized
    async def delete(self, name: str, version: str) -> None:
        await self.call(
            self.services.images.delete_version, self.request_context, name, _number(version)
        )
        self.set_status(204)
        self.finish()


class BuildLogsHandler(_ImagesBase):
    """``GET /mlstudio/api/v1/images/{name}/versions/{version}/build-logs``."""

    @operation(
        "Build log of a Dockerfile version",
        response=BuildLogs,
        query=BuildLogQuery,
        errors=(400, 401, 403, 404),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self, name: str, version: str) -> None:
        query = self.parse_query(BuildLogQuery)
        lines = await self.call(
            self.services.images.build_logs,
            self.request_context,
            name,
            _number(version),
            query.after,
        )
        self.reply(
            BuildLogs(
                lines=[
                    BuildLogLine(seq=line.seq, timestamp=line.timestamp, message=line.message)
                    for line in lines
                ]
            )
        )


class ConfigHandler(_ImagesBase):
    """``PUT /mlstudio/api/v1/images/{name}/config``: kernel specs and file-system settings."""

    @operation(
        "Set the kernel specs and file-system settings",
        response=AppImageConfig,
        body=ConfigBody,
        errors=(400, 401, 403, 404, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def put(self, name: str) -> None:
        body = self.parse_body(ConfigBody)
        self.reply(
            await self.call(
                entries.configure, self.services.images, self.request_context, name, body
            )
        )


def _number(version: str) -> int:
    try:
        number = int(version)
    except ValueError as error:
        raise InvalidInput(f"Version must be a number, not {version!r}", field="version") from error
    if not INT64_MIN <= number <= INT64_MAX:
        raise InvalidInput(f"Version {version} is out of range", field="version")
    return number


class PythonEnvironmentsHandler(_ImagesBase):
    """``GET /mlstudio/api/v1/python-environments``: the Python environments of this host
    (the server's own, venvs and conda environments), to make image versions of."""

    @operation(
        "The Python environments of this host, for image versions",
        response=PythonEnvironmentList,
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.reply(await self.call(self.services.environments.find))


ROUTES = [
    Route("/python-environments", PythonEnvironmentsHandler),
    Route("/images", ImagesHandler),
    Route("/images/{name}", ImageHandler),
    Route("/images/{name}/versions", VersionsHandler),
    Route("/images/{name}/versions/{version}", VersionHandler),
    Route("/images/{name}/versions/{version}/build-logs", BuildLogsHandler),
    Route("/images/{name}/config", ConfigHandler),
]
