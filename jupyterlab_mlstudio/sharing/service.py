"""Notebook snapshots: made from what the sender sees, kept in the object store, visible to the
sender and the recipients only (anyone else is told it does not exist), copied into a
recipient's own space with the sender's image and instance type in the notebook's metadata."""

from __future__ import annotations

import builtins
import contextlib
import json
import posixpath
import uuid
from pathlib import Path
from typing import Any

import nbformat
from sqlalchemy import and_, or_, select

from ..core.clock import now_ms
from ..core.context import RequestContext, owned
from ..core.errors import Forbidden, InvalidInput, NotFound
from ..domains.orm import UserProfileRecord
from ..domains.service import profile_name_for
from ..objects.router import ObjectStores, join_uri
from ..store import Database
from ..store.listing import keyset_page
from .models import (
    CopiedSnapshot,
    CopySnapshot,
    CreateSnapshot,
    Snapshot,
    SnapshotDetail,
    SnapshotPage,
    SnapshotQuery,
    SnapshotRecipients,
)
from .orm import SnapshotRecord

#: The largest notebook a snapshot takes (outputs included).
MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024


def notebook_profile(content: dict[str, Any]) -> tuple[str, str]:
    """The image and instance type a notebook's ``mlstudio`` metadata names ('' for none)."""
    metadata = content.get("metadata")
    chosen = metadata.get("mlstudio") if isinstance(metadata, dict) else None
    if not isinstance(chosen, dict):
        return "", ""
    image, instance_type = chosen.get("image"), chosen.get("instance_type")
    return (
        image if isinstance(image, str) else "",
        instance_type if isinstance(instance_type, str) else "",
    )


class SnapshotService:
    """Create, list, read, copy and delete snapshots."""

    def __init__(self, database: Database, objects: ObjectStores, workspace_root: str) -> None:
        self.database = database
        self.objects = objects
        self.workspace_root = workspace_root
        self.root = join_uri(objects.default_root, "snapshots")

    # -- writing ---------------------------------------------------------------------------------

    def create(self, context: RequestContext, request: CreateSnapshot) -> Snapshot:
        """Keep ``request.content`` as it is (outputs included) for its audience."""
        body = self._checked_notebook(request.content)
        recipients = sorted(set(request.recipients))
        if request.audience == "members":
            if not recipients:
                raise InvalidInput(
                    "Name at least one member to share with, or share with the whole domain",
                    field="recipients",
                )
            self._check_profiles(context.domain, recipients)
        elif recipients:
            raise InvalidInput(
                "A snapshot for the whole domain names no recipients", field="recipients"
            )
        image, instance_type = notebook_profile(request.content)
        snapshot_id = uuid.uuid4().hex
        uri = join_uri(self.root, context.domain, f"{snapshot_id}.ipynb")
        self.objects.put_bytes(uri, body)
        record = SnapshotRecord(
            **owned(context),
            snapshot_id=snapshot_id,
            name=posixpath.basename(request.path.rstrip("/")) or "notebook.ipynb",
            source_path=request.path,
            audience=request.audience,
            recipients=" " + " ".join(recipients) + " ",
            sender_profile=profile_name_for(context.owner),
            image=image[:255],
            instance_type=instance_type[:64],
            content_uri=uri,
            size_bytes=len(body),
            cell_count=len(request.content.get("cells") or []),
            creation_time=now_ms(),
        )
        try:
            with self.database.session() as session:
                session.add(record)
        except Exception:
            self.objects.delete(uri)
            raise
        return _view(record, context)

    def delete(self, context: RequestContext, snapshot_id: str) -> None:
        """Remove a snapshot and its notebook; only its sender may."""
        with self.database.session() as session:
            record = self._visible(session, context, snapshot_id)
            if record.owner != context.owner:
                raise Forbidden("Only the sender of a snapshot can delete it")
            uri = record.content_uri
            session.delete(record)
        with contextlib.suppress(NotFound):
            self.objects.delete(uri)

    def copy(
        self, context: RequestContext, snapshot_id: str, request: CopySnapshot
    ) -> CopiedSnapshot:
        """Write the snapshot into the caller's space as an ordinary notebook whose metadata
        names the sender's image and instance type (so it starts on them)."""
        detail = self.get(context, snapshot_id)
        content = detail.content
        if detail.image or detail.instance_type:
            metadata = content.setdefault("metadata", {})
            chosen = dict(metadata.get("mlstudio") or {})
            if detail.image:
                chosen["image"] = detail.image
            if detail.instance_type:
                chosen["instance_type"] = detail.instance_type
            metadata["mlstudio"] = chosen
        wanted = (request.path or detail.name).strip("/")
        target = self._free_path(wanted)
        path = Path(self.workspace_root, target)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:
            json.dump(content, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
        return CopiedSnapshot(path=target, image=detail.image, instance_type=detail.instance_type)

    # -- reading ---------------------------------------------------------------------------------

    def get(self, context: RequestContext, snapshot_id: str) -> SnapshotDetail:
        with self.database.session() as session:
            record = self._visible(session, context, snapshot_id)
        content = json.loads(self.objects.get_bytes(record.content_uri))
        return SnapshotDetail(**_view(record, context).model_dump(), content=content)

    def list(self, context: RequestContext, query: SnapshotQuery) -> SnapshotPage:
        sent = SnapshotRecord.owner == context.owner
        received = and_(SnapshotRecord.domain == context.domain, _sent_to(context))
        where = {"sent": sent, "received": received, "all": or_(sent, received)}[query.box]
        rows, token = keyset_page(
            self.database,
            select(SnapshotRecord).where(where),
            column=SnapshotRecord.creation_time,
            id_column=SnapshotRecord.snapshot_id,
            descending=True,
            max_results=query.max_items,
            token=query.next_token,
            listing=("snapshots", context.owner, query.box),
            field="next_token",
        )
        return SnapshotPage(snapshots=[_view(row, context) for row in rows], next_token=token)

    def recipients(self, context: RequestContext) -> SnapshotRecipients:
        """The profiles of the caller's domain but their own."""
        me = profile_name_for(context.owner)
        with self.database.session() as session:
            names = session.scalars(
                select(UserProfileRecord.name)
                .where(UserProfileRecord.domain == context.domain, UserProfileRecord.name != me)
                .order_by(UserProfileRecord.name)
            )
            return SnapshotRecipients(me=me, domain=context.domain, profiles=list(names))

    # -- helpers ---------------------------------------------------------------------------------

    def _visible(self, session: Any, context: RequestContext, snapshot_id: str) -> SnapshotRecord:
        """The snapshot if the caller sent or received it; ``NotFound`` otherwise (whether it
        exists for others is not told)."""
        record = session.scalar(
            select(SnapshotRecord).where(
                SnapshotRecord.snapshot_id == snapshot_id,
                or_(
                    SnapshotRecord.owner == context.owner,
                    and_(SnapshotRecord.domain == context.domain, _sent_to(context)),
                ),
            )
        )
        if record is None:
            raise NotFound(f"Snapshot {snapshot_id} does not exist")
        return record

    @staticmethod
    def _checked_notebook(content: dict[str, Any]) -> bytes:
        try:
            notebook = nbformat.from_dict(content)
            nbformat.validate(notebook)
        except Exception as error:  # nbformat raises several kinds for a bad notebook
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise InvalidInput(
                f"The content is not a valid notebook: {message}", field="content"
            ) from error
        if notebook.get("nbformat") != 4:
            raise InvalidInput("Only nbformat 4 notebooks can be shared", field="content")
        body = json.dumps(content, ensure_ascii=False).encode()
        if len(body) > MAX_SNAPSHOT_BYTES:
            raise InvalidInput(
                f"The notebook is {len(body)} bytes; a snapshot takes at most "
                f"{MAX_SNAPSHOT_BYTES}. Clear large outputs and share again.",
                field="content",
            )
        return body

    def _check_profiles(self, domain: str, names: builtins.list[str]) -> None:
        with self.database.session() as session:
            known = set(
                session.scalars(
                    select(UserProfileRecord.name).where(
                        UserProfileRecord.domain == domain, UserProfileRecord.name.in_(names)
                    )
                )
            )
        unknown = [name for name in names if name not in known]
        if unknown:
            raise InvalidInput(
                f"{', '.join(unknown)}: no such user profile in domain {domain}",
                field="recipients",
            )

    def _free_path(self, wanted: str) -> str:
        """``wanted`` if nothing is there, else ``stem-copy1.ipynb``, ``stem-copy2.ipynb``…;
        never a path outside the workspace."""
        root = Path(self.workspace_root).resolve()
        normal = posixpath.normpath(wanted)
        if not wanted or normal.startswith("..") or posixpath.isabs(normal):
            raise InvalidInput(f"{wanted!r} is not a path inside your space", field="path")
        if not normal.endswith(".ipynb"):
            normal += ".ipynb"
        stem = normal[: -len(".ipynb")]
        candidate, number = normal, 0
        while (root / candidate).exists():
            number += 1
            candidate = f"{stem}-copy{number}.ipynb"
        return candidate


def _sent_to(context: RequestContext) -> Any:
    """The rows whose audience includes the caller (the domain, or them by name)."""
    me = profile_name_for(context.owner)
    return or_(
        SnapshotRecord.audience == "domain",
        SnapshotRecord.recipients.contains(f" {me} ", autoescape=True),
    )


def _view(record: SnapshotRecord, context: RequestContext) -> Snapshot:
    return Snapshot(
        snapshot_id=record.snapshot_id,
        name=record.name,
        source_path=record.source_path,
        audience=record.audience,  # type: ignore[arg-type]
        recipients=record.recipients.split(),
        sender=record.sender_profile,
        image=record.image,
        instance_type=record.instance_type,
        size_bytes=record.size_bytes,
        cell_count=record.cell_count,
        creation_time=record.creation_time,
        sent_by_me=record.owner == context.owner,
    )
