"""The endpoint state machine: SageMaker's EndpointStatus and the moves between them.

An endpoint rests InService (serving) or Failed (nothing runs) until the next request; a
runner drives it only while it is Creating, Updating, SystemUpdating, RollingBack or Deleting.
Deleting ends with the record removed, so no state is terminal: a name is free again as soon
as its endpoint is gone, as on SageMaker.
"""

from __future__ import annotations

from enum import Enum

from ..jobs.machine import StateMachine


class EndpointStatus(str, Enum):
    """``EndpointStatus`` (the values this server reaches)."""

    CREATING = "Creating"
    IN_SERVICE = "InService"
    UPDATING = "Updating"
    SYSTEM_UPDATING = "SystemUpdating"
    ROLLING_BACK = "RollingBack"
    FAILED = "Failed"
    DELETING = "Deleting"


E = EndpointStatus

TRANSITIONS: dict[EndpointStatus, frozenset[EndpointStatus]] = {
    E.CREATING: frozenset({E.IN_SERVICE, E.FAILED, E.DELETING}),
    # Updating: a new config, new weights or capacities (UpdateEndpointWeightsAndCapacities and
    # the autoscaler); SystemUpdating: the server re-attaches an endpoint after a restart.
    E.IN_SERVICE: frozenset({E.UPDATING, E.SYSTEM_UPDATING, E.DELETING}),
    E.UPDATING: frozenset({E.IN_SERVICE, E.ROLLING_BACK, E.FAILED, E.DELETING}),
    E.SYSTEM_UPDATING: frozenset({E.IN_SERVICE, E.FAILED, E.DELETING}),
    E.ROLLING_BACK: frozenset({E.IN_SERVICE, E.FAILED, E.DELETING}),
    # A failed endpoint can be given a working config again (UpdateEndpoint), or deleted.
    E.FAILED: frozenset({E.UPDATING, E.DELETING}),
    # Deleting ends when the runner removes the record; it may still fail to stop its units.
    E.DELETING: frozenset({E.FAILED}),
}

ACTIVE = (E.CREATING, E.UPDATING, E.SYSTEM_UPDATING, E.ROLLING_BACK, E.DELETING)

MACHINE: StateMachine[EndpointStatus] = StateMachine(
    kind="Endpoint",
    states=EndpointStatus,
    transitions=TRANSITIONS,
    initial=E.CREATING,
    column="status",
    active=ACTIVE,
    failed=E.FAILED,
)

#: States in which the endpoint answers invocations (while updating, the old fleet serves).
SERVING = frozenset({E.IN_SERVICE, E.UPDATING, E.SYSTEM_UPDATING, E.ROLLING_BACK})
