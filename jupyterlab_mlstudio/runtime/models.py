"""Shapes shared by every runtime backend."""

from __future__ import annotations

from pydantic import Field

from ..core.models import ApiModel


class BackendStatus(ApiModel):
    """Whether a backend can run units on this host now, and if not, why."""

    name: str
    available: bool
    reason: str | None = None
    detail: str | None = None
    warnings: list[str] = Field(
        default_factory=list,
        description="What works less well than it should here, each with how to fix it",
    )
