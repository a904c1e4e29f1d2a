"""The image catalogue: images, immutable versions validated in the background, app image
configs, and resolving an image name to something a kernel or job can run in."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..core.clock import now_ms
from ..core.context import RequestContext, domain_wide, owned
from ..core.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from ..core.events import EventBus
from ..core.paging import decode_offset, encode_token
from ..jobs.supervisor import JobSupervisor
from ..logs.service import LogService
from ..store import Database
from ..store.lookup import one_in_domain
from ..tags.service import TagInput, TagService
from . import inspect, validation
from .builds import BUILD_LOG_GROUP, version_ref
from .frameworks import check_ml_framework
from .models import AppImageConfig, Image, ImageVersion
from .orm import AppImageConfigRecord, ImageRecord, ImageVersionRecord
from .reads import DEFAULT_FILE_SYSTEM, DEFAULT_SPECS, config_of, image_of, version_of
from .states import MACHINE, ImageVersionStatus

log = logging.getLogger(__name__)

DEFAULT_IMAGE = validation.BUILTIN_IMAGE
_NAME = re.compile(validation.IMAGE_NAME)


@dataclass(frozen=True)
class ResolvedImage:
    """An image's newest usable version: how to run Python in it."""

    name: str
    version: int
    kind: str  # local | docker
    target: str  # interpreter path, or Docker image reference
    interpreter: str  # inside the image: path (local) or command name (docker)
    kernel_specs: list[dict[str, str]]
    mount_path: str
    uid: int
    gid: int
    kernel_argv: dict[str, list[str]] = field(default_factory=dict)
    #: What people call the image ("scikit-learn 1.5"); empty when it has no display name.
    display_name: str = ""

    def argv(self, spec: str) -> list[str]:
        """The command of kernel spec ``spec`` in this image, its Python made explicit."""
        argv = list(
            self.kernel_argv.get(spec)
            or ["python", "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        )
        if Path(argv[0]).name.startswith("python"):
            argv[0] = self.interpreter
        return argv


class ImageService:
    """Images and their versions in one domain-aware store."""

    def __init__(
        self,
        database: Database,
        logs: LogService,
        events: EventBus,
        supervisor: JobSupervisor,
        docker: Any = None,
        region: str = "us-east-1",
        account: str = "000000000000",
        default_interpreter: str = sys.executable,
        tags: TagService | None = None,
    ) -> None:
        self.database = database
        self.tags = tags
        self.logs = logs
        self.events = events
        self.supervisor = supervisor
        self.docker = docker
        self.region = region
        self.account = account
        self.default_interpreter = default_interpreter
        self.listeners: list[Callable[[RequestContext], None]] = []

    def _changed(self, context: RequestContext) -> None:
        """Tell listeners (the kernel-spec writer) that what can run has changed."""
        for listener in self.listeners:
            try:
                listener(context)
            except Exception:
                log.exception("An image listener failed")

    def _arn(self, kind: str, name: str) -> str:
        return f"arn:aws:sagemaker:{self.region}:{self.account}:{kind}/{name}"

    # -- images ----------------------------------------------------------------------------

    def create_image(
        self,
        context: RequestContext,
        name: str,
        display_name: str | None = None,
        description: str | None = None,
        tags: TagInput | None = None,
    ) -> Image:
        if not _NAME.match(name):
            raise InvalidInput(
                f"Invalid image name {name!r}: letters, digits, '-' and '.', at most 63",
                field="ImageName",
            )
        now = now_ms()
        try:
            with self.database.session() as session:
                arn = self._arn("image", name)
                if self.tags is not None:
                    self.tags.attach(session, context, arn, tags)
                session.add(
                    ImageRecord(
                        name=name,
                        arn=arn,
                        display_name=display_name,
                        description=description,
                        status="CREATED",
                        creation_time=now,
                        last_modified_time=now,
                        **owned(context),
                    )
                )
        except IntegrityError as error:
            raise Conflict(f"Image {name} already exists.", field="ImageName") from error
        return self.describe_image(context, name)

    def describe_image(self, context: RequestContext, name: str) -> Image:
        with self.database.session() as session:
            return image_of(self._image(session, context, name))

    def list_images(
        self,
        context: RequestContext,
        name_contains: str | None = None,
        sort_by: str = "CREATION_TIME",
        ascending: bool = False,
        max_results: int = 100,
        page_token: str | None = None,
    ) -> tuple[list[Image], str | None]:
        column = {
            "CREATION_TIME": ImageRecord.creation_time,
            "LAST_MODIFIED_TIME": ImageRecord.last_modified_time,
            "IMAGE_NAME": ImageRecord.name,
        }[sort_by]
        statement = select(ImageRecord).where(ImageRecord.domain == context.domain)
        if name_contains:
            statement = statement.where(ImageRecord.name.contains(name_contains, autoescape=True))
        query = [name_contains, sort_by, ascending]
        offset = decode_offset(page_token, "NextToken", query)
        statement = statement.order_by(column.asc() if ascending else column.desc(), ImageRecord.id)
        with self.database.session() as session:
            records = list(session.scalars(statement.offset(offset).limit(max_results + 1)))
        more = len(records) > max_results
        return [image_of(record) for record in records[:max_results]], (
            encode_token({"offset": offset + max_results}, query) if more else None
        )

    def delete_image(self, context: RequestContext, name: str) -> None:
        if name == DEFAULT_IMAGE:
            raise IllegalTransition(
                "The default image is this server's own Python and cannot be deleted.",
                field="ImageName",
            )
        with self.database.session() as session:
            record = self._image(session, context, name)
            if self.tags is not None:
                self.tags.forget(session, context, record.arn)
            session.delete(record)
        self._changed(context)

    # -- versions --------------------------------------------------------------------------

    def create_version(
        self,
        context: RequestContext,
        name: str,
        base_image: str,
        aliases: list[str] | None = None,
        wait: bool = False,
        ml_framework: str | None = None,
    ) -> ImageVersion:
        """Record version N+1 (CREATING) and have the supervisor validate it in the
        background (CREATED or CREATE_FAILED with the reason); ``wait`` waits for that.
        ``ml_framework`` (``"sklearn 1.2"``) maps SageMaker's framework images to it."""
        base_image = base_image.strip()
        if not base_image:
            raise InvalidInput("BaseImage is required", field="BaseImage")
        details = {"ml_framework": check_ml_framework(ml_framework)} if ml_framework else {}
        kind = "build" if base_image.startswith("dockerfile://") else inspect.kind_of(base_image)
        with self.database.session() as session:
            image = self._image(session, context, name)
            number = (
                session.scalar(
                    select(func.max(ImageVersionRecord.version)).where(
                        ImageVersionRecord.image_id == image.id
                    )
                )
                or 0
            ) + 1
            validation.check_new_version(name, number)
            now = now_ms()
            record = ImageVersionRecord(
                image_id=image.id,
                version=number,
                arn=self._arn("image-version", f"{name}/{number}"),
                base_image=base_image,
                kind="docker" if kind == "build" else kind,
                container_image=None if kind == "build" else base_image,
                aliases=list(aliases or []),
                details=details,
                creation_time=now,
                last_modified_time=now,
                **owned(context),
            )
            MACHINE.begin(record, "Validating the image version", at=now)
            session.add(record)
            session.flush()
            image.last_modified_time = now
            version = version_of(name, record)
        runner = self.supervisor.submit(version_ref(context, name, number))
        if wait and runner is not None:
            runner.join()
            return self.describe_version(context, name, number)
        return version

    def describe_version(
        self,
        context: RequestContext,
        name: str,
        version: int | None = None,
        alias: str | None = None,
    ) -> ImageVersion:
        with self.database.session() as session:
            image = self._image(session, context, name)
            return version_of(name, self._version(session, image, version, alias))

    def list_versions(self, context: RequestContext, name: str) -> list[ImageVersion]:
        with self.database.session() as session:
            image = self._image(session, context, name)
            records = session.scalars(
                select(ImageVersionRecord)
                .where(ImageVersionRecord.image_id == image.id)
                .order_by(ImageVersionRecord.version.desc())
            )
            return [version_of(name, record) for record in records]

    def delete_version(
        self,
        context: RequestContext,
        name: str,
        version: int | None = None,
        alias: str | None = None,
    ) -> None:
        if name == DEFAULT_IMAGE:
            raise IllegalTransition("The default image cannot be changed.", field="ImageName")
        with self.database.session() as session:
            image = self._image(session, context, name)
            session.delete(self._version(session, image, version, alias))
        self._changed(context)

    def build_logs(
        self, context: RequestContext, name: str, version: int, after: int = -1
    ) -> list[Any]:
        if not self.logs.exists(context, BUILD_LOG_GROUP, f"{name}/{version}"):
            return []
        return self.logs.tail(context, BUILD_LOG_GROUP, f"{name}/{version}", after)

    # -- app image configs -----------------------------------------------------------------

    def put_app_config(
        self,
        context: RequestContext,
        name: str,
        kernel_specs: list[dict[str, str]] | None,
        file_system: dict[str, Any] | None,
        create: bool,
        tags: TagInput | None = None,
    ) -> AppImageConfig:
        specs = [dict(spec) for spec in (kernel_specs or DEFAULT_SPECS)]
        system = {**DEFAULT_FILE_SYSTEM, **(file_system or {})}
        validation.check_app_config(name, specs, system)
        if system["uid"] not in inspect.ALLOWED_UIDS or system["gid"] not in inspect.ALLOWED_GIDS:
            raise InvalidInput(
                f"uid/gid {system['uid']}/{system['gid']} is not allowed: "
                "use uid 0 or 1000 and gid 0 or 100",
                field="FileSystemConfig",
            )
        now = now_ms()
        try:
            with self.database.session() as session:
                record = session.scalar(
                    select(AppImageConfigRecord).where(
                        AppImageConfigRecord.domain == context.domain,
                        AppImageConfigRecord.name == name,
                    )
                )
                if create and record is not None:
                    raise Conflict(
                        f"AppImageConfig {name} already exists.", field="AppImageConfigName"
                    )
                if not create and record is None:
                    raise NotFound(f"AppImageConfig {name} does not exist.")
                if record is None:
                    record = AppImageConfigRecord(
                        name=name,
                        arn=self._arn("app-image-config", name),
                        creation_time=now,
                        last_modified_time=now,
                        **owned(context),
                    )
                    session.add(record)
                    if self.tags is not None:
                        self.tags.attach(session, context, record.arn, tags)
                record.kernel_specs = specs
                record.file_system = system
                record.last_modified_time = now
        except IntegrityError as error:
            raise Conflict(
                f"AppImageConfig {name} already exists.", field="AppImageConfigName"
            ) from error
        self._changed(context)
        return self.app_config(context, name)

    def app_config(self, context: RequestContext, name: str) -> AppImageConfig:
        with self.database.session() as session:
            return config_of(self._config(session, context, name))

    def list_app_configs(self, context: RequestContext) -> list[AppImageConfig]:
        with self.database.session() as session:
            records = session.scalars(
                select(AppImageConfigRecord)
                .where(AppImageConfigRecord.domain == context.domain)
                .order_by(AppImageConfigRecord.name)
            )
            return [config_of(record) for record in records]

    def delete_app_config(self, context: RequestContext, name: str) -> None:
        with self.database.session() as session:
            record = self._config(session, context, name)
            if self.tags is not None:
                self.tags.forget(session, context, record.arn)
            session.delete(record)
        self._changed(context)

    def app_config_for(self, context: RequestContext, image: str) -> AppImageConfig:
        """The config an image uses: the one with its name, else the default (python3 kernel)."""
        try:
            return self.app_config(context, image)
        except NotFound:
            return AppImageConfig(
                name=image,
                arn="",
                kernel_specs=DEFAULT_SPECS,
                mount_path="",
                uid=0,
                gid=0,
                creation_time=0,
                last_modified_time=0,
            )

    # -- resolution ------------------------------------------------------------------------

    def ensure_default(self, context: RequestContext) -> None:
        """The ``default`` image: this server's own Python environment, version 1."""
        try:
            self.create_image(
                context, DEFAULT_IMAGE, "This server's Python", "The environment the server runs in"
            )
        except Conflict:
            return
        self.create_version(context, DEFAULT_IMAGE, f"file://{self.default_interpreter}", wait=True)

    def resolve(
        self, context: RequestContext, name: str, version: int | None = None
    ) -> ResolvedImage:
        """The newest CREATED version of ``name`` (or the given one), ready to run."""
        with self.database.session() as session:
            image = self._image(session, context, name)
            display_name = image.display_name or ""
            statement = select(ImageVersionRecord).where(ImageVersionRecord.image_id == image.id)
            if version is not None:
                statement = statement.where(ImageVersionRecord.version == version)
            records = list(session.scalars(statement.order_by(ImageVersionRecord.version.desc())))
            record = next(
                (item for item in records if item.status == ImageVersionStatus.CREATED.value),
                None,
            )
            if record is None:
                newest = records[0] if records else None
                if newest is None:
                    reason = "it has no versions"
                elif newest.status == ImageVersionStatus.CREATING.value:
                    reason = f"version {newest.version} is still being validated"
                else:
                    reason = newest.failure_reason or "no version passed validation"
                raise InvalidInput(f"Image {name} cannot run: {reason}", field="image")
            details = dict(record.details or {})
        config = self.app_config_for(context, name)
        if record.kind == "local":
            target = str(
                details.get("interpreter")
                or inspect.local_interpreter(record.base_image)
                or record.base_image
            )
            interpreter = target
        else:
            target = record.container_image or record.base_image
            interpreter = str(details.get("interpreter") or "python3")
        return ResolvedImage(
            name=name,
            version=record.version,
            kind=record.kind,
            target=target,
            interpreter=interpreter,
            kernel_specs=config.kernel_specs,
            mount_path=config.mount_path,
            uid=config.uid,
            gid=config.gid,
            kernel_argv={
                str(key): list(value) for key, value in (details.get("kernel_argv") or {}).items()
            },
            display_name=display_name,
        )

    def usable(self, context: RequestContext) -> list[ResolvedImage]:
        """Every image with a CREATED version, resolved (for the kernel-spec list)."""
        images, _ = self.list_images(
            context, sort_by="IMAGE_NAME", ascending=True, max_results=1000
        )
        found = []
        for image in images:
            try:
                found.append(self.resolve(context, image.image_name))
            except InvalidInput:
                continue
        return found

    # -- internals -------------------------------------------------------------------------

    @staticmethod
    def _image(session: Session, context: RequestContext, name: str) -> ImageRecord:
        return one_in_domain(
            session, ImageRecord, domain_wide(context), f"Image {name} does not exist.", name=name
        )

    @staticmethod
    def _config(session: Session, context: RequestContext, name: str) -> AppImageConfigRecord:
        return one_in_domain(
            session,
            AppImageConfigRecord,
            domain_wide(context),
            f"AppImageConfig {name} does not exist.",
            name=name,
        )

    @staticmethod
    def _version(
        session: Session, image: ImageRecord, version: int | None, alias: str | None
    ) -> ImageVersionRecord:
        statement = select(ImageVersionRecord).where(ImageVersionRecord.image_id == image.id)
        if version is not None:
            statement = statement.where(ImageVersionRecord.version == version)
        records = list(session.scalars(statement.order_by(ImageVersionRecord.version.desc())))
        if alias is not None:
            records = [record for record in records if alias in (record.aliases or [])]
        if not records:
            what = (
                f"version {version}"
                if version is not None
                else f"alias {alias}"
                if alias
                else "versions"
            )
            raise NotFound(f"Image {image.name} has no {what}.")
        return records[0]
