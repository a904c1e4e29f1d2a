"""Reading the SageMaker settings shapes a domain, profile or space carries: the default
resource spec and idle timeout an app takes, and the checks of what the server can honour."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.errors import InvalidInput, NotFound

#: Roles of a user profile: admins manage the domain, members work in their spaces, viewers read.
ROLES = ("admin", "member", "viewer")
#: The tag that carries a profile's role through SageMaker's shapes (which have no such member).
ROLE_TAG = "mlstudio:role"
#: The tag that names a shared space's members (space-separated profile names; absent: everyone).
MEMBERS_TAG = "mlstudio:members"


def jupyterlab_settings(settings: dict[str, Any] | None) -> dict[str, Any]:
    """``JupyterLabAppSettings`` of a user's, space's or default space's settings."""
    return dict((settings or {}).get("JupyterLabAppSettings") or {})


def default_resource_spec(*layers: dict[str, Any] | None) -> dict[str, Any]:
    """The resource spec an app gets: each member from the first layer (space, profile, domain)
    whose ``JupyterLabAppSettings.DefaultResourceSpec`` sets it."""
    spec: dict[str, Any] = {}
    for layer in layers:
        for key, value in (jupyterlab_settings(layer).get("DefaultResourceSpec") or {}).items():
            spec.setdefault(key, value)
    return spec


def idle_timeout(*layers: dict[str, Any] | None) -> int | None:
    """Minutes of idleness before an app may be stopped, from the first layer that sets it
    (``None`` when none does or lifecycle management is disabled)."""
    for layer in layers:
        lifecycle = jupyterlab_settings(layer).get("AppLifecycleManagement") or {}
        idle = lifecycle.get("IdleSettings") or {}
        if idle.get("LifecycleManagement") == "DISABLED":
            return None
        if idle.get("IdleTimeoutInMinutes") is not None:
            return int(idle["IdleTimeoutInMinutes"])
    return None


def tag_value(tags: list[dict[str, Any]] | None, key: str) -> str | None:
    for tag in tags or []:
        if tag.get("Key") == key:
            return str(tag.get("Value", ""))
    return None


def role_of(tags: list[dict[str, Any]] | None, default: str = "member") -> str:
    """The role a create request's ``Tags`` give (``mlstudio:role``), or ``default``."""
    role = tag_value(tags, ROLE_TAG)
    if role is None:
        return default
    if role not in ROLES:
        raise InvalidInput(
            f"Tag {ROLE_TAG} must be one of {', '.join(ROLES)}, not {role!r}", field="Tags"
        )
    return role


class SpecCheck:
    """Refuses resource specs that name an instance type or image this server does not know."""

    def __init__(
        self, instance_type_exists: Callable[[str], object], image_exists: Callable[[str], object]
    ) -> None:
        self._instance_type = instance_type_exists
        self._image = image_exists

    def check(self, spec: dict[str, Any] | None, field: str) -> None:
        spec = spec or {}
        instance_type = spec.get("InstanceType")
        if instance_type and instance_type != "system":
            self.check_instance_type(instance_type, f"{field}.InstanceType")
        image_arn = spec.get("SageMakerImageArn")
        if image_arn:
            name = image_arn.rsplit("image/", 1)[-1]
            try:
                self._image(name)
            except NotFound as error:
                raise InvalidInput(
                    f"Image {image_arn} does not exist on this server", field=f"{field}.Image"
                ) from error

    def check_instance_type(self, name: str, field: str) -> None:
        try:
            self._instance_type(name)
        except NotFound as error:
            raise InvalidInput(error.message, field=field) from error

    def check_settings(self, settings: dict[str, Any] | None, field: str) -> None:
        """The default resource specs of a settings shape's JupyterLab (and JupyterServer)
        app settings."""
        for app in ("JupyterLabAppSettings", "JupyterServerAppSettings"):
            spec = ((settings or {}).get(app) or {}).get("DefaultResourceSpec")
            self.check(spec, f"{field}.{app}.DefaultResourceSpec")
