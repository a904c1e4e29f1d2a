"""The image-version state machine: a version is validated (or built, then validated) once."""

from __future__ import annotations

from enum import Enum

from ..jobs.machine import StateMachine


class ImageVersionStatus(str, Enum):
    """``ImageVersionStatus``, as far as versions here go."""

    CREATING = "CREATING"
    CREATED = "CREATED"
    CREATE_FAILED = "CREATE_FAILED"


V = ImageVersionStatus

MACHINE: StateMachine[ImageVersionStatus] = StateMachine(
    kind="Image version",
    states=ImageVersionStatus,
    transitions={
        V.CREATING: frozenset({V.CREATED, V.CREATE_FAILED}),
        V.CREATED: frozenset(),
        V.CREATE_FAILED: frozenset(),
    },
    initial=V.CREATING,
    column="status",
    failed=V.CREATE_FAILED,
)
