"""``POST /mlstudio/api/v1/uploads``: stream a file into the object store."""

from __future__ import annotations

import re
import uuid

from jupyter_server.auth.decorator import authorized
from pydantic import Field
from tornado import web

from ..core.errors import InvalidInput
from ..core.handlers import MLStudioHandler
from ..core.models import ApiModel
from ..core.openapi import Route, operation
from ..core.streaming import SpooledBody
from ..objects.router import join_uri

_NAME = re.compile(r"^[A-Za-z0-9._-]{1,128}$")


class UploadQuery(ApiModel):
    name: str = Field(
        json_schema_extra={"pattern": _NAME.pattern},
        description="File name to keep, e.g. sourcedir.tar.gz",
    )


class Upload(ApiModel):
    uri: str
    size: int


@web.stream_request_body
class UploadHandler(SpooledBody, MLStudioHandler):
    """``POST /mlstudio/api/v1/uploads?name=...``: the body, streamed to the object store."""

    auth_resource = "mlstudio:uploads"

    async def prepare(self) -> None:  # type: ignore[override]
        await super().prepare()
        if self.current_user is None:
            raise web.HTTPError(403)  # refuse before reading a byte of the body
        self.start_spool()

    @operation(
        "Store the request body as an object; returns its URI",
        query=UploadQuery,
        response=Upload,
        status=201,
        tags=("uploads",),
    )
    @web.authenticated
    @authorized
    async def post(self) -> None:
        name = self.parse_query(UploadQuery).name
        if not _NAME.match(name):
            raise InvalidInput("name: letters, digits, '.', '_' and '-' only", field="name")
        uri = join_uri(self.services.uploads_root, uuid.uuid4().hex, name)
        size = await self.call(self.services.objects.write, uri, self.spooled_body())
        self.reply(Upload(uri=uri, size=size), status=201)


ROUTES = [Route("/uploads", UploadHandler)]
