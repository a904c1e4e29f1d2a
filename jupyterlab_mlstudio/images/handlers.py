"""REST handlers for the image catalogue (the sidebar's Images panel)."""

from __future__ import annotations

import contextlib
from typing import Annotated, Any

from jupyter_server.auth.decorator import authorized
from pydantic import AfterValidator, Field, WithJsonSchema
from tornado import web

from ..core.errors import InvalidInput, NotFound
from ..core.handlers import MLStudioHandler, route
from ..core.models import INT64_MAX, INT64_MIN, ApiModel, Int64
from ..core.openapi import Operation, Paths
from .environments import PythonEnvironmentList
from .inspect import ALLOWED_GIDS, ALLOWED_UIDS
from .models import AppImageConfig, Image, ImageVersion
from .reads import DEFAULT_SPECS
from .validation import (
    IMAGE_NAME,
    KERNEL_NAME,
    MAX_DISPLAY_NAME,
    MAX_KERNEL_NAME,
    MAX_KERNEL_SPECS,
    MAX_MOUNT_PATH,
    MIN_KERNEL_SPECS,
)


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


class NewVersion(ApiModel):
    base_image: str = Field(pattern=r"\S", description="Not blank")
    aliases: list[str] = Field(default_factory=list)


class ConfigBody(ApiModel):
    kernel_specs: list[KernelSpecEntry] = Field(
        min_length=MIN_KERNEL_SPECS, max_length=MAX_KERNEL_SPECS
    )
    mount_path: MountPath = ""
    uid: Uid = 0
    gid: Gid = 0


class BuildLogQuery(ApiModel):
    after: Int64 = Field(default=-1, description="Only lines after this sequence number")


class BuildLogLine(ApiModel):
    seq: int
    timestamp: int
    message: str


class BuildLogs(ApiModel):
    lines: list[BuildLogLine]


def _specs(entries: list[KernelSpecEntry] | None) -> list[dict[str, str]] | None:
    if entries is None:
        return None
    return [{"name": item.name, "display_name": item.display_name or item.name} for item in entries]


class _ImagesBase(MLStudioHandler):
    auth_resource = "mlstudio:images"

    def entry(self, name: str) -> ImageEntry:
        images = self.services.images
        context = self.request_context
        return ImageEntry(
            image=images.describe_image(context, name),
            versions=images.list_versions(context, name),
            config=images.app_config_for(context, name),
        )


class ImagesHandler(_ImagesBase):
    """``GET/POST /mlstudio/api/v1/images``."""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        def listing() -> ImageList:
            images, _ = self.services.images.list_images(
                self.request_context, sort_by="IMAGE_NAME", ascending=True, max_results=1000
            )
            return ImageList(images=[self.entry(item.image_name) for item in images])

        self.reply(await self.call(listing))

    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.parse_body(NewImage)
        images = self.services.images
        context = self.request_context

        def create() -> ImageEntry:
            images.create_image(context, body.name, body.display_name, body.description)
            try:
                if body.kernel_specs or body.mount_path or body.uid or body.gid:
                    images.put_app_config(
                        context,
                        body.name,
                        _specs(body.kernel_specs) or DEFAULT_SPECS,
                        {"mount_path": body.mount_path, "uid": body.uid, "gid": body.gid},
                        create=True,
                    )
                if body.base_image:
                    images.create_version(context, body.name, body.base_image)
            except Exception:
                images.delete_image(context, body.name)
                raise
            return self.entry(body.name)

        self.reply(await self.call(create), status=201)


class ImageHandler(_ImagesBase):
    """``GET/DELETE /mlstudio/api/v1/images/{name}``."""

    @web.authenticated
    @authorized
    async def get(self, name: str) -> None:
        self.reply(await self.call(self.entry, name))

    @web.authenticated
    @authorized
    async def delete(self, name: str) -> None:
        images = self.services.images
        context = self.request_context

        def remove() -> None:
            images.delete_image(context, name)
            with contextlib.suppress(NotFound):
                images.delete_app_config(context, name)

        await self.call(remove)
        self.set_status(204)
        self.finish()


class VersionsHandler(_ImagesBase):
    """``POST /mlstudio/api/v1/images/{name}/versions``: a new version, validated in the
    background (watch its status, or the image-version event)."""

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

    @web.authenticated
    @authorized
    async def put(self, name: str) -> None:
        body = self.parse_body(ConfigBody)
        images = self.services.images
        context = self.request_context

        def put() -> AppImageConfig:
            images.describe_image(context, name)
            exists = any(item.name == name for item in images.list_app_configs(context))
            return images.put_app_config(
                context,
                name,
                _specs(body.kernel_specs),
                {"mount_path": body.mount_path, "uid": body.uid, "gid": body.gid},
                create=not exists,
            )

        self.reply(await self.call(put))


def _number(version: str) -> int:
    try:
        number = int(version)
    except ValueError as error:
        raise InvalidInput(f"Version must be a number, not {version!r}", field="version") from error
    if not INT64_MIN <= number <= INT64_MAX:
        raise InvalidInput(f"Version {version} is out of range", field="version")
    return number


TAGS = ("images",)


class PythonEnvironmentsHandler(_ImagesBase):
    """``GET /mlstudio/api/v1/python-environments``: the Python environments of this host
    (the server's own, venvs and conda environments), to make image versions of."""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.reply(await self.call(self.services.environments.find))


OPENAPI: Paths = {
    "/python-environments": {
        "get": Operation(
            "The Python environments of this host, for image versions",
            response=PythonEnvironmentList,
            tags=("images",),
        )
    },
    "/images": {
        "get": Operation("Images with their versions and configs", response=ImageList, tags=TAGS),
        "post": Operation(
            "Register an image (and its first version)",
            response=ImageEntry,
            body=NewImage,
            status=201,
            errors=(400, 401, 403, 409),
            tags=TAGS,
        ),
    },
    "/images/{name}": {
        "get": Operation("An image", response=ImageEntry, errors=(401, 403, 404), tags=TAGS),
        "delete": Operation(
            "Delete an image", status=204, errors=(400, 401, 403, 404, 409), tags=TAGS
        ),
    },
    "/images/{name}/versions": {
        "post": Operation(
            "Add a version (validated in the background)",
            response=ImageVersion,
            body=NewVersion,
            status=201,
            errors=(400, 401, 403, 404, 409),
            tags=TAGS,
        )
    },
    "/images/{name}/versions/{version}": {
        "get": Operation(
            "A version", response=ImageVersion, errors=(400, 401, 403, 404), tags=TAGS
        ),
        "delete": Operation(
            "Delete a version", status=204, errors=(400, 401, 403, 404, 409), tags=TAGS
        ),
    },
    "/images/{name}/versions/{version}/build-logs": {
        "get": Operation(
            "Build log of a Dockerfile version",
            response=BuildLogs,
            query=BuildLogQuery,
            errors=(400, 401, 403, 404),
            tags=TAGS,
        )
    },
    "/images/{name}/config": {
        "put": Operation(
            "Set the kernel specs and file-system settings",
            response=AppImageConfig,
            body=ConfigBody,
            errors=(400, 401, 403, 404, 409),
            tags=TAGS,
        )
    },
}

HANDLERS = [
    (route("/python-environments"), PythonEnvironmentsHandler),
    (route("/images"), ImagesHandler),
    (route("/images/{name}"), ImageHandler),
    (route("/images/{name}/versions"), VersionsHandler),
    (route("/images/{name}/versions/{version}"), VersionHandler),
    (route("/images/{name}/versions/{version}/build-logs"), BuildLogsHandler),
    (route("/images/{name}/config"), ConfigHandler),
]
