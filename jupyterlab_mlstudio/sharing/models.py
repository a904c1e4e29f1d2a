"""REST shapes of notebook snapshots."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ..core.models import ApiModel

#: Who a snapshot is for: the named members, or everyone in the sender's domain.
Audience = Literal["members", "domain"]


class CreateSnapshot(ApiModel):
    """``POST /mlstudio/api/v1/snapshots``: the notebook as the sender sees it."""

    path: str = Field(
        min_length=1, max_length=1024, description="The notebook's path in the sender's space"
    )
    content: dict[str, Any] = Field(
        description="The notebook (nbformat 4 JSON) with its outputs, as shown to the sender"
    )
    audience: Audience = "members"
    recipients: list[str] = Field(
        default_factory=list,
        max_length=100,
        description="User profile names of the domain (audience 'members'; at least one)",
    )


class Snapshot(ApiModel):
    """A read-only snapshot of a notebook. Times are UTC milliseconds."""

    snapshot_id: str
    name: str = Field(description="The notebook's file name")
    source_path: str = Field(description="Where the notebook was in the sender's space")
    audience: Audience
    recipients: list[str]
    sender: str = Field(description="The sender's user profile")
    image: str = Field(description="The notebook's image ('' when it named none)")
    instance_type: str = Field(description="The notebook's instance type ('' when it named none)")
    size_bytes: int
    cell_count: int
    creation_time: int
    sent_by_me: bool = Field(description="Whether the caller sent it")


class SnapshotDetail(Snapshot):
    """A snapshot with its notebook."""

    content: dict[str, Any]


class SnapshotQuery(ApiModel):
    """``GET /mlstudio/api/v1/snapshots``: newest first."""

    box: Literal["all", "sent", "received"] = "all"
    max_items: int = Field(default=50, ge=1, le=100)
    next_token: str | None = None


class SnapshotPage(ApiModel):
    """One page of snapshots."""

    snapshots: list[Snapshot]
    next_token: str | None = None


class CopySnapshot(ApiModel):
    """``POST /mlstudio/api/v1/snapshots/{snapshot_id}/copy``."""

    path: str | None = Field(
        default=None,
        max_length=1024,
        description="Where to put the copy in the caller's space (default: the notebook's "
        "name in the top folder; a free name is chosen when that one is taken)",
    )


class CopiedSnapshot(ApiModel):
    """The copy made in the caller's space."""

    path: str
    image: str
    instance_type: str


class SnapshotRecipients(ApiModel):
    """Who the caller can share with: the domain's other user profiles."""

    me: str = Field(description="The caller's own profile name")
    domain: str
    profiles: list[str]
