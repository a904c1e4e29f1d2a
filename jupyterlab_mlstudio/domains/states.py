"""An app's states, as SageMaker names them (``AppStatus``), and the one table of its moves.

``Pending`` while its server starts, ``InService`` once it answers, ``Failed`` with the reason
when it cannot start; ``Deleting`` while it stops, then ``Deleted`` (kept, as SageMaker keeps
deleted apps listed for a while).
"""

from __future__ import annotations

from enum import Enum

from ..jobs.machine import StateMachine


class AppStatus(str, Enum):
    """``AppStatus`` of SageMaker's model."""

    PENDING = "Pending"
    IN_SERVICE = "InService"
    DELETING = "Deleting"
    DELETED = "Deleted"
    FAILED = "Failed"


#: States in which an app counts as running (its profile and space cannot be deleted).
LIVE = frozenset({AppStatus.PENDING, AppStatus.IN_SERVICE, AppStatus.DELETING})

APP_MACHINE: StateMachine[AppStatus] = StateMachine(
    kind="App",
    states=AppStatus,
    transitions={
        AppStatus.PENDING: {AppStatus.IN_SERVICE, AppStatus.FAILED, AppStatus.DELETING},
        AppStatus.IN_SERVICE: {AppStatus.DELETING, AppStatus.FAILED},
        AppStatus.DELETING: {AppStatus.DELETED, AppStatus.FAILED},
        AppStatus.FAILED: {AppStatus.DELETED},
        AppStatus.DELETED: set(),
    },
    initial=AppStatus.PENDING,
    failed=AppStatus.FAILED,
    # Apps rest InService; nothing drives them after a restart but their launcher.
    active=(),
)


class NotebookInstanceStatus(str, Enum):
    """``NotebookInstanceStatus`` of SageMaker's model (``Updating`` is never entered: an
    instance here is not updated in place)."""

    PENDING = "Pending"
    IN_SERVICE = "InService"
    STOPPING = "Stopping"
    STOPPED = "Stopped"
    FAILED = "Failed"
    DELETING = "Deleting"


NOTEBOOK_MACHINE: StateMachine[NotebookInstanceStatus] = StateMachine(
    kind="Notebook instance",
    states=NotebookInstanceStatus,
    transitions={
        NotebookInstanceStatus.PENDING: {
            NotebookInstanceStatus.IN_SERVICE,
            NotebookInstanceStatus.FAILED,
            NotebookInstanceStatus.STOPPING,
        },
        NotebookInstanceStatus.IN_SERVICE: {
            NotebookInstanceStatus.STOPPING,
            NotebookInstanceStatus.FAILED,
        },
        NotebookInstanceStatus.STOPPING: {
            NotebookInstanceStatus.STOPPED,
            NotebookInstanceStatus.FAILED,
        },
        NotebookInstanceStatus.STOPPED: {
            NotebookInstanceStatus.PENDING,
            NotebookInstanceStatus.DELETING,
        },
        NotebookInstanceStatus.FAILED: {
            NotebookInstanceStatus.PENDING,
            NotebookInstanceStatus.DELETING,
        },
        NotebookInstanceStatus.DELETING: set(),
    },
    initial=NotebookInstanceStatus.PENDING,
    failed=NotebookInstanceStatus.FAILED,
    # Driven by the launcher's reports only, as apps are.
    active=(),
)
