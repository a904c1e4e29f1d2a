"""Shapes shared by every runtime backend."""

from __future__ import annotations

from ..core.models import ApiModel


class BackendStatus(ApiModel):
    """Whether a backend can run units on this host now, and if not, why."""

    name: str
    available: bool
    reason: str | None = None
    detail: str | None = None
