"""Image versions as a job kind: each version is built (from a Dockerfile) and validated by a
runner of the server's supervisor, and ends CREATED or CREATE_FAILED with the reason.

A validation cut short by a restart is run again from the start by the next server (a build
or an inspection has nothing to resume from).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.clock import now_ms
from ..core.context import RequestContext
from ..jobs.runner import Detached, JobRunner
from ..jobs.supervisor import JobKind, JobRef, JobSupervisor
from ..logs.service import LogLine
from . import inspect
from .orm import ImageRecord, ImageVersionRecord
from .states import MACHINE
from .states import ImageVersionStatus as V

if TYPE_CHECKING:
    from .service import ImageService

log = logging.getLogger(__name__)

#: The kind's name in job keys.
IMAGE_VERSION = "image-version"
BUILD_LOG_GROUP = "/mlstudio/ImageBuilds"


def version_ref(context: RequestContext, image: str, version: int) -> JobRef:
    return JobRef(IMAGE_VERSION, f"{image}/{version}", context)


def _split(name: str) -> tuple[str, int]:
    image, _, number = name.rpartition("/")
    return image, int(number)


class ImageBuilds(JobKind[ImageVersionRecord]):
    """Validation (and Docker builds) of image versions; ``image-version`` events."""

    name = IMAGE_VERSION
    record = ImageVersionRecord
    machine = MACHINE
    event = "image-version"

    def __init__(self, service: ImageService) -> None:
        self.service = service

    def runner(self, supervisor: JobSupervisor, ref: JobRef) -> JobRunner:
        return ImageBuildRunner(supervisor, self, ref)

    def find(self, session: Session, context: RequestContext, name: str) -> int | None:
        image, number = _split(name)
        found = session.scalar(
            select(ImageVersionRecord.id)
            .join(ImageRecord, ImageRecord.id == ImageVersionRecord.image_id)
            .where(
                ImageRecord.domain == context.domain,
                ImageRecord.name == image,
                ImageVersionRecord.version == number,
            )
        )
        return None if found is None else int(found)

    def adoptable(self, session: Session, supervisor_id: str) -> list[JobRef]:
        """Every version still being validated: versions record no server, so in a shared
        domain a restart may validate again what another server is validating (the second
        result is refused by the machine, since the first ends the version)."""
        rows = session.execute(
            select(
                ImageRecord.name,
                ImageVersionRecord.version,
                ImageVersionRecord.domain,
                ImageVersionRecord.space,
                ImageVersionRecord.owner,
            )
            .join(ImageRecord, ImageRecord.id == ImageVersionRecord.image_id)
            .where(ImageVersionRecord.status.in_(MACHINE.active_values()))
        ).all()
        return [
            version_ref(RequestContext(owner=owner, domain=domain, space=space), image, number)
            for image, number, domain, space, owner in rows
        ]

    def snapshot(self, ref: JobRef, record: Any, message: str) -> dict[str, Any]:
        return {
            "name": _split(ref.name)[0],
            "version": record.version,
            "status": record.status,
            "failure_reason": record.failure_reason,
        }

    def moved(self, ref: JobRef, snapshot: dict[str, Any]) -> None:
        # Kernel specs first: the event tells the UI to read them again.
        self.service._changed(ref.context)


class ImageBuildRunner(JobRunner):
    """Builds (``dockerfile://``) and validates one version: can it run kernels here?"""

    kind: ImageBuilds

    def execute(self) -> None:
        record = self.record()
        if self.kind.machine.is_terminal(record):
            return
        image, number = _split(self.ref.name)
        try:
            target = record.base_image
            if target.startswith("dockerfile://"):
                target = self._build(image, number, target)
            self.check_detached()
            service = self.kind.service
            config = service.app_config_for(self.context, image)
            if record.kind == "local":
                result = inspect.inspect_local(target)
            else:
                result = inspect.inspect_docker(target, service.docker)
            inspect.check_kernel_support(
                result, [spec["name"] for spec in config.kernel_specs], config.uid, config.gid
            )
            reason = (
                None
                if not result.problems
                else f"Image version {image}/{number} cannot run kernels: "
                + "; ".join(result.problems)
            )
            self._end(reason, result.details(), target)
        except Detached:
            raise
        except Exception as error:
            log.exception("Validating image %s/%s failed", image, number)
            self._end(f"Validation failed: {error}", {}, None)

    def fail(self, reason: str) -> None:
        if not self.kind.machine.is_terminal(self.record()):
            self._end(reason, {}, None)

    def _end(self, reason: str | None, details: dict[str, Any], target: str | None) -> None:
        def keep(record: ImageVersionRecord) -> None:
            # What the version was registered with (its MLFramework) stays beside the findings.
            record.details = {**(record.details or {}), **details}
            if target and record.kind == "docker":
                record.container_image = target

        if reason:
            self.move(V.CREATE_FAILED, "Image version cannot run kernels", reason, changes=keep)
        else:
            self.move(V.CREATED, "Image version validated", changes=keep)

    def _build(self, image: str, number: int, base_image: str) -> str:
        """Build a Dockerfile from the workspace, its output stored as the version's build log."""
        service = self.kind.service
        if service.docker is None:
            raise RuntimeError("building an image needs a Docker engine, and none answers here")
        dockerfile = Path(base_image.removeprefix("dockerfile://"))
        if not dockerfile.is_file():
            raise RuntimeError(f"no Dockerfile at {dockerfile}")
        tag = f"mlstudio-images/{image}:{number}"
        stream = f"{image}/{number}"
        for chunk in service.docker.client.api.build(
            path=str(dockerfile.parent),
            dockerfile=dockerfile.name,
            tag=tag,
            rm=True,
            decode=True,
            network_mode="host",
        ):
            self.check_detached()
            text = chunk.get("stream") or chunk.get("status") or chunk.get("error") or ""
            lines = [LogLine(now_ms(), line) for line in text.splitlines() if line.strip()]
            if lines:
                with service.database.session() as session:
                    service.logs.append(session, self.context, BUILD_LOG_GROUP, stream, lines)
                service.events.emit(
                    "image-build-logs",
                    {"name": image, "version": number, "lines": [line.message for line in lines]},
                )
            if chunk.get("error"):
                raise RuntimeError(f"docker build failed: {chunk['error'].strip()}")

        def tagged(record: ImageVersionRecord) -> None:
            record.container_image = tag

        self.supervisor.write(self.ref, tagged)
        return tag
