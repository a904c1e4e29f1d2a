"""Which wire action runs which service call."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .shapes import service_model

if TYPE_CHECKING:
    from ..core.context import RequestContext
    from ..services import Services

ActionFunction = Callable[["Services", "RequestContext", dict[str, Any]], dict[str, Any]]

#: The X-Amz-Target prefix of each service this face speaks, to botocore's model name.
TARGET_PREFIXES = {
    "SageMaker": "sagemaker",
    "Logs_20140328": "logs",
    "GraniteServiceVersion20100801": "cloudwatch",
    "AnyScaleFrontendService": "application-autoscaling",
}


def signing_names(target: str) -> set[str]:
    """The SigV4 service names a request for ``target`` may be scoped to: its own service's
    (``sagemaker``, ``logs``), or any this face speaks when the target names none of them."""
    service = TARGET_PREFIXES.get(target.partition(".")[0])
    names = [service] if service else list(TARGET_PREFIXES.values())
    return {service_model(name).signing_name for name in names}


@dataclass(frozen=True)
class Action:
    """One operation of the AWS face, e.g. ``sagemaker`` / ``ListTrainingJobs``."""

    service: str
    name: str
    function: ActionFunction
    auth_resource: str
    access: str = "read"
    #: The service's own names for the server's error codes (CloudWatch Logs says
    #: ResourceNotFoundException where SageMaker says ResourceNotFound).
    error_codes: dict[str, str] | None = None

    def error_code(self, code: str) -> str:
        return (self.error_codes or {}).get(code, code)


class ActionRegistry:
    """All operations the face implements, looked up by the request's X-Amz-Target."""

    def __init__(self, actions: Iterable[Action] = ()) -> None:
        self._actions: dict[tuple[str, str], Action] = {}
        for action in actions:
            self.add(action)

    def add(self, action: Action) -> None:
        # Fails at start-up, not at request time, when an action names no real operation.
        service_model(action.service).operation_model(action.name)
        self._actions[(action.service, action.name)] = action

    def resolve(self, target: str) -> Action | None:
        prefix, _, operation = target.partition(".")
        service = TARGET_PREFIXES.get(prefix)
        if service is None:
            return None
        return self._actions.get((service, operation))

    def __iter__(self) -> Any:
        return iter(self._actions.values())
