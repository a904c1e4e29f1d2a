"""Tags of every resource, in one table keyed by ARN.

A resource kind takes part with one registration and two calls in its own service:

- once, in the composition root: ``tags.register("training-job", TrainingJobRecord)``: the
  resource type its ARNs carry and the table whose ``name`` ends them (or a function that says
  whether a name exists), so ``AddTags`` and ``ListTags`` refuse an ARN that names nothing;
- at creation, in the transaction that stores the resource: ``tags.attach(session, context,
  arn, request.tags)`` (``Tags`` of the create request: SageMaker shapes, dicts or pairs);
- at deletion, in the transaction that removes it: ``tags.forget(session, context, arn)``.

The AWS face's ``AddTags``, ``ListTags`` and ``DeleteTags`` (``aws.py``) then work on it. Rows
carry the caller's domain, space and owner; reads and writes stay inside the caller's domain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..core.context import RequestContext, visible
from ..core.errors import Conflict, InvalidInput
from ..core.paging import decode_offset, encode_token
from ..store import Database
from .orm import TagRecord

#: SageMaker's limit of tags on one resource.
MAX_TAGS = 50
RESERVED_PREFIX = "aws:"

Exists = Callable[[Session, RequestContext, str], bool]
TagInput = Iterable[Any]


def _pairs(tags: TagInput | None) -> list[tuple[str, str]]:
    """``tags`` as (key, value) pairs, from SageMaker's ``{"Key", "Value"}`` dicts, models with
    ``key``/``value`` attributes, or pairs; refuses reserved and repeated keys."""
    pairs: list[tuple[str, str]] = []
    for item in tags or ():
        if isinstance(item, dict):
            key, value = item.get("Key"), item.get("Value", "")
        elif isinstance(item, tuple | list):
            key, value = item
        else:
            key, value = getattr(item, "key", None), getattr(item, "value", "")
        if not isinstance(key, str) or not key:
            raise InvalidInput("Every tag needs a Key", field="Tags")
        if key.lower().startswith(RESERVED_PREFIX):
            raise InvalidInput(
                f"Tag keys starting with '{RESERVED_PREFIX}' are reserved for AWS: {key}",
                field="Tags",
            )
        pairs.append((key, "" if value is None else str(value)))
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise InvalidInput("Tag keys must be unique within a request", field="Tags")
    return pairs


def _table_finder(table: Any) -> Exists:
    def exists(session: Session, context: RequestContext, name: str) -> bool:
        found = session.scalar(
            select(table.id).where(visible(table, context), table.name == name).limit(1)
        )
        return found is not None

    return exists


class TagService:
    """Tags by ARN for every registered resource kind (see the module's docstring)."""

    def __init__(self, database: Database, region: str, account: str) -> None:
        self.database = database
        self.region = region
        self.account = account
        self._kinds: dict[str, Exists] = {}

    def register(self, resource_type: str, finder: Any) -> None:
        """Let ``resource_type`` ARNs (``training-job``) be tagged: ``finder`` is the ORM
        table whose ``name`` and ``domain`` columns find the resource, or a function
        ``(session, context, name) -> bool``."""
        self._kinds[resource_type] = _table_finder(finder) if isinstance(finder, type) else finder

    # -- what resource services call -------------------------------------------------------

    def attach(
        self, session: Session, context: RequestContext, arn: str, tags: TagInput | None
    ) -> None:
        """Store the ``Tags`` of a create request, in the transaction that creates ``arn``."""
        pairs = _pairs(tags)
        if len(pairs) > MAX_TAGS:
            raise InvalidInput(f"A resource has at most {MAX_TAGS} tags", field="Tags")
        for key, value in pairs:
            session.add(TagRecord(arn=arn, key=key, value=value, **_owned(context)))

    def forget(self, session: Session, context: RequestContext, arn: str) -> None:
        """Drop every tag of ``arn``, in the transaction that deletes it."""
        session.execute(
            delete(TagRecord).where(TagRecord.domain == context.domain, TagRecord.arn == arn)
        )

    def tags_of(self, context: RequestContext, arn: str) -> dict[str, str]:
        """The tags of ``arn`` as a dict (for descriptions that show them)."""
        with self.database.session() as session:
            return dict(self._rows(session, context, arn))

    # -- AddTags, ListTags, DeleteTags -----------------------------------------------------

    def add_tags(self, context: RequestContext, arn: str, tags: TagInput) -> list[dict[str, str]]:
        """Add or overwrite tags of an existing resource; returns the tags given."""
        pairs = _pairs(tags)
        try:
            with self.database.session() as session:
                self._require(session, context, arn)
                current = {row.key: row for row in self._records(session, context, arn)}
                new = [key for key, _ in pairs if key not in current]
                if len(current) + len(new) > MAX_TAGS:
                    raise InvalidInput(
                        f"A resource has at most {MAX_TAGS} tags; {arn} has {len(current)} "
                        f"and the request adds {len(new)}",
                        field="Tags",
                    )
                for key, value in pairs:
                    if key in current:
                        current[key].value = value
                    else:
                        session.add(TagRecord(arn=arn, key=key, value=value, **_owned(context)))
        except IntegrityError as error:
            raise Conflict(f"The tags of {arn} changed at the same time; try again") from error
        return [{"Key": key, "Value": value} for key, value in pairs]

    def list_tags(
        self,
        context: RequestContext,
        arn: str,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> tuple[list[dict[str, str]], str | None]:
        """One page of the tags of an existing resource, in the order they were added."""
        limit = max_results or MAX_TAGS
        offset = decode_offset(next_token, "NextToken", [arn, limit])
        with self.database.session() as session:
            self._require(session, context, arn)
            rows = self._rows(session, context, arn)
        page = rows[offset : offset + limit]
        token = (
            encode_token({"offset": offset + limit}, [arn, limit])
            if offset + limit < len(rows)
            else None
        )
        return [{"Key": key, "Value": value} for key, value in page], token

    def delete_tags(self, context: RequestContext, arn: str, keys: Iterable[str]) -> None:
        """Remove the tags ``keys`` of a resource (keys it does not carry are ignored)."""
        keys = list(keys)
        with self.database.session() as session:
            self._require(session, context, arn)
            session.execute(
                delete(TagRecord).where(
                    TagRecord.domain == context.domain,
                    TagRecord.arn == arn,
                    TagRecord.key.in_(keys),
                )
            )

    # -- internals --------------------------------------------------------------------------

    def _records(self, session: Session, context: RequestContext, arn: str) -> list[TagRecord]:
        return list(
            session.scalars(
                select(TagRecord)
                .where(TagRecord.domain == context.domain, TagRecord.arn == arn)
                .order_by(TagRecord.id)
            )
        )

    def _rows(self, session: Session, context: RequestContext, arn: str) -> list[tuple[str, str]]:
        return [(row.key, row.value) for row in self._records(session, context, arn)]

    def _require(self, session: Session, context: RequestContext, arn: str) -> None:
        """Refuse an ARN that names no resource of this server (SageMaker's message)."""
        missing = InvalidInput(f"Resource {arn} does not exist.", field="ResourceArn")
        parts = arn.split(":", 5)
        if len(parts) != 6 or parts[2] != "sagemaker":
            raise missing
        region, account, resource = parts[3], parts[4], parts[5]
        kind, _, name = resource.partition("/")
        exists = self._kinds.get(kind)
        if region != self.region or account != self.account or exists is None or not name:
            raise missing
        if not exists(session, context, name):
            raise missing


def _owned(context: RequestContext) -> dict[str, str]:
    return {"domain": context.domain, "space": context.space, "owner": context.owner}
