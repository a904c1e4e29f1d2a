"""The audit log: who created, started, stopped, deployed, shared, updated or deleted what, when,
and through which face (REST, AWS, MLflow, S3); readable by the domain's admins.

Each face records its changing calls in one place (its base handler), after the call, with the
resource's name and the ids that identify it: never a request's body or an answer, so no secret
(an access key's secret, a token, a password) can reach the log.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from typing import Any

from sqlalchemy import select

from ..core.clock import now_ms
from ..core.context import RequestContext
from ..core.errors import Forbidden
from ..store import Database
from ..store.listing import keyset_page
from .orm import AuditRecord

log = logging.getLogger(__name__)

#: Operations that put a model behind an endpoint: ``deploy`` rather than ``create``.
DEPLOYS = {"CreateEndpoint", "UpdateEndpoint", "UpdateEndpointWeightsAndCapacities"}
#: Operation-name prefixes (AWS and MLflow) and the action each records.
_PREFIXES = (
    ("Create", "create"),
    ("Register", "create"),
    ("Add", "update"),
    ("Start", "start"),
    ("Stop", "stop"),
    ("Update", "update"),
    ("Put", "update"),
    ("Rename", "update"),
    ("Restore", "update"),
    ("Delete", "delete"),
    ("Deregister", "delete"),
    ("Tag", "update"),
    ("Untag", "update"),
    ("Remove", "update"),
)
#: The sub-path of a REST action (``POST /training-jobs/{name}/stop``) and what it records.
REST_ACTIONS = {"stop": "stop", "deploy": "deploy", "start": "start", "share": "share"}
#: Identifiers kept with an AWS call's entry (besides its resource's name): never secrets.
_DETAIL_KEYS = (
    "DomainId",
    "SpaceName",
    "UserProfileName",
    "EndpointConfigName",
    "ModelName",
    "AccessKeyId",
)


def action_of(operation: str, params: dict[str, Any] | None = None) -> str:
    """The audit action of an AWS or MLflow operation (``StopTrainingJob`` → ``stop``; a
    space created shared → ``share``)."""
    if operation in DEPLOYS:
        return "deploy"
    sharing = ((params or {}).get("SpaceSharingSettings") or {}).get("SharingType")
    if operation == "CreateSpace" and sharing != "Private":
        return "share"
    for prefix, action in _PREFIXES:
        if operation.startswith(prefix):
            return action
    return "update"


def resource_of_aws(operation: str, params: dict[str, Any]) -> tuple[str, str, dict[str, str]]:
    """(type, name, detail) of an AWS call: the type from the operation's name
    (``CreateTrainingJob`` → ``TrainingJob``), the name from its ``…Name`` member."""
    kind = operation
    for prefix, _ in _PREFIXES:
        if operation.startswith(prefix):
            kind = operation[len(prefix) :]
            break
    name = params.get(f"{kind}Name")
    if not isinstance(name, str):
        name = next(
            (
                value
                for key, value in params.items()
                if key.endswith("Name") and isinstance(value, str) and key not in _DETAIL_KEYS
            ),
            None,
        )
    if not isinstance(name, str):
        name = next(
            (
                params[key]
                for key in ("DomainId", "ResourceArn")
                if isinstance(params.get(key), str)
            ),
            "",
        )
    detail = {
        key: params[key]
        for key in _DETAIL_KEYS
        if isinstance(params.get(key), str) and params[key] != name
    }
    return kind, name, detail


class AuditService:
    """Record changes and list them (admins only)."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def record(
        self,
        context: RequestContext,
        *,
        action: str,
        operation: str,
        resource_type: str,
        resource_name: str,
        outcome: str = "succeeded",
        detail: dict[str, Any] | None = None,
    ) -> None:
        """One entry; a failure to write it is logged, never the caller's failure (the change
        it describes has already happened)."""
        try:
            with self.database.session() as session:
                session.add(
                    AuditRecord(
                        domain=context.domain,
                        space=context.space,
                        owner=context.owner,
                        time=now_ms(),
                        face=(context.face or "server")[:16],
                        action=action[:32],
                        operation=operation[:128],
                        resource_type=resource_type[:64],
                        resource_name=resource_name[:256],
                        outcome=outcome[:16],
                        detail={key: str(value)[:256] for key, value in (detail or {}).items()},
                    )
                )
        except Exception:
            log.exception("Could not record %s %s in the audit log", operation, resource_name)

    def list(
        self,
        context: RequestContext,
        *,
        max_items: int = 50,
        next_token: str | None = None,
        owner: str | None = None,
        action: str | None = None,
        resource_type: str | None = None,
        resource_name: str | None = None,
        face: str | None = None,
        since: int | None = None,
        until: int | None = None,
    ) -> tuple[list[AuditRecord], str | None]:
        """The domain's entries, newest first, one page; only an admin reads them."""
        if context.role != "admin":
            raise Forbidden(f"User {context.owner} is no admin of domain {context.domain}")
        filters = {
            "owner": owner,
            "action": action,
            "resource_type": resource_type,
            "resource_name": resource_name,
            "face": face,
        }
        statement = select(AuditRecord).where(AuditRecord.domain == context.domain)
        for column, value in filters.items():
            if value:
                statement = statement.where(getattr(AuditRecord, column) == value)
        if since is not None:
            statement = statement.where(AuditRecord.time >= since)
        if until is not None:
            statement = statement.where(AuditRecord.time < until)
        rows, token = keyset_page(
            self.database,
            statement,
            column=AuditRecord.time,
            id_column=AuditRecord.id,
            descending=True,
            max_results=max_items,
            token=next_token,
            listing={"list": "audit", **filters, "since": since, "until": until},
            field="next_token",
        )
        return list(rows), token


#: The last path segment of an MLflow call that changes something worth recording (metrics,
#: params and tags logged in bulk are not: they are a run's content, not its life).
MLFLOW_CHANGES = {
    "create": "create",
    "delete": "delete",
    "restore": "update",
    "update": "update",
    "rename": "update",
}
#: Members of an MLflow body that name what a call changes (never a secret).
_MLFLOW_NAMES = ("name", "experiment_id", "run_id", "model_id", "version", "trace_id")


def mlflow_entry(path: str, body: bytes) -> tuple[str, str, str, str, dict[str, str]] | None:
    """(action, operation, resource type, resource name, detail) of an MLflow call worth
    recording, from its path (``.../mlflow/experiments/create``) and JSON body; None for any
    other call."""
    parts = [part for part in path.split("/") if part]
    if len(parts) < 2 or parts[-1] not in MLFLOW_CHANGES:
        return None
    action, kind = MLFLOW_CHANGES[parts[-1]], parts[-2]
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        data = {}
    found = {
        key: str(data[key])
        for key in _MLFLOW_NAMES
        if isinstance(data, dict) and isinstance(data.get(key), (str, int))
    }
    name = next(iter(found.values()), "")
    return action, f"{kind}/{parts[-1]}", kind, name, found


#: S3 calls the log keeps: those that make or remove a bucket or an object (the steps of a
#: multipart upload are not: its completion makes the object, its abort removes the upload).
S3_CHANGES = {
    "CreateBucket": ("create", "Bucket"),
    "DeleteBucket": ("delete", "Bucket"),
    "PutObject": ("create", "Object"),
    "CopyObject": ("create", "Object"),
    "CompleteMultipartUpload": ("create", "Object"),
    "AbortMultipartUpload": ("delete", "MultipartUpload"),
    "DeleteObject": ("delete", "Object"),
    "DeleteObjects": ("delete", "Objects"),
}


def s3_entry(operation: str, bucket: str, key: str) -> tuple[str, str, str, dict[str, str]] | None:
    """(action, resource type, resource name, detail) of an S3 call worth recording (the name
    is ``bucket/key``, or the bucket's); None for any other call."""
    found = S3_CHANGES.get(operation)
    if found is None:
        return None
    action, kind = found
    name = f"{bucket}/{key}" if key else bucket
    return action, kind, name, {"Bucket": bucket}


def outcome_of(status: int) -> str | None:
    """What a finished call's HTTP status records: ``succeeded`` (2xx/3xx), ``denied`` (403),
    else nothing (a call that failed changed nothing)."""
    if status < 400:
        return "succeeded"
    if status == 403:
        return "denied"
    return None


def record_soon(audit: AuditService, context: RequestContext, **entry: Any) -> None:
    """Record ``entry`` off the event loop (from a handler's ``on_finish``, which cannot wait)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        audit.record(context, **entry)
        return
    loop.run_in_executor(None, functools.partial(audit.record, context, **entry))
