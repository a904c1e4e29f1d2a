"""The snapshot table. The notebook itself lives in the object store (``content_uri``)."""

from __future__ import annotations

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import Base, Owned


class SnapshotRecord(Owned, Base):
    """A read-only snapshot of a notebook. ``owner`` is its sender; ``recipients`` the profile
    names it was sent to (none when ``audience`` is ``domain``: everyone in ``domain`` sees it)."""

    __tablename__ = "notebook_snapshots"
    __table_args__ = (Index(None, "domain", "creation_time"),)

    snapshot_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    source_path: Mapped[str] = mapped_column(String(1024))
    audience: Mapped[str] = mapped_column(String(8))
    #: Recipients' profile names, space-separated with a space at either end (`` ana bo ``), so
    #: that "sent to me" is one ``LIKE '% me %'`` on every database.
    recipients: Mapped[str] = mapped_column(String(4096), default=" ")
    #: The sender's profile name (what recipients see as "from").
    sender_profile: Mapped[str] = mapped_column(String(63))
    image: Mapped[str] = mapped_column(String(255), default="")
    instance_type: Mapped[str] = mapped_column(String(64), default="")
    content_uri: Mapped[str] = mapped_column(String(1024))
    size_bytes: Mapped[int]
    cell_count: Mapped[int]
    creation_time: Mapped[int]
