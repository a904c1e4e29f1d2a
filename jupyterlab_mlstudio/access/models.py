"""Shapes of the audit log's REST face."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..core.models import ApiModel, Millis

Face = Literal["rest", "aws", "mlflow", "s3", "server"]


class AuditQuery(ApiModel):
    """Filters and page of ``GET /audit-events``."""

    owner: str | None = Field(default=None, max_length=128, description="Who acted.")
    action: str | None = Field(
        default=None, max_length=32, description="create, start, stop, deploy, share, ..."
    )
    resource_type: str | None = Field(default=None, max_length=64)
    resource_name: str | None = Field(default=None, max_length=256)
    face: Face | None = None
    since: Millis | None = Field(default=None, description="From this time (UTC ms), inclusive.")
    until: Millis | None = Field(default=None, description="Before this time (UTC ms).")
    max_items: int = Field(default=50, ge=1, le=100)
    next_token: str | None = None


class AuditEvent(ApiModel):
    """One entry of the audit log."""

    time: int = Field(description="When (UTC milliseconds).")
    owner: str = Field(description="Who acted.")
    space: str = Field(description="The space they acted in.")
    face: str
    action: str
    operation: str = Field(description="The face's own name of the call.")
    resource_type: str
    resource_name: str
    outcome: str = Field(description="succeeded, or denied when the role did not allow it.")
    detail: dict[str, str]


class AuditPage(ApiModel):
    """A page of the audit log, newest first."""

    events: list[AuditEvent]
    next_token: str | None = None
