"""Notebook instances (SageMaker's classic notebooks) on the servers that run spaces' apps.

A notebook instance is a server of its creator's, named ``nb-<name>``, started and stopped
by the same :class:`~.launcher.AppLauncher` as a space's app (on a hub, a named server of the
creator's hub user, in the creator's private space, under the instance type's limits). Its
record moves only through ``states.NOTEBOOK_MACHINE``: ``Pending`` until the launcher reports
the server answering (``InService``) or failing (``Failed`` with the reason); ``Stopping`` →
``Stopped`` on a stop; a stopped or failed instance starts again (``Pending``) or is deleted.
Errors are SageMaker's: a missing instance is a ``ValidationException`` "RecordNotFound", as
SageMaker answers it.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import select

from ..core.clock import ms_to_datetime, now_ms
from ..core.context import RequestContext
from ..core.errors import AlreadyExists, Forbidden, IllegalTransition, InvalidInput
from ..store.listing import keyset_page
from .launcher import AppLaunch, AppLauncher, LaunchRefused
from .orm import NotebookInstanceRecord
from .service import DomainService, profile_name_for
from .states import NOTEBOOK_MACHINE
from .states import NotebookInstanceStatus as Status
from .visibility import Scope, scope_of

#: CreateNotebookInstance's members kept and described back as given.
KEPT = (
    "RoleArn",
    "SubnetId",
    "SecurityGroupIds",
    "KmsKeyId",
    "LifecycleConfigName",
    "DirectInternetAccess",
    "VolumeSizeInGB",
    "AcceleratorTypes",
    "DefaultCodeRepository",
    "AdditionalCodeRepositories",
    "RootAccess",
    "PlatformIdentifier",
    "InstanceMetadataServiceConfiguration",
)
_DESCRIBED = {"LifecycleConfigName": "NotebookInstanceLifecycleConfigName"}
_DEFAULTS = {"DirectInternetAccess": "Enabled", "VolumeSizeInGB": 5, "RootAccess": "Enabled"}


def server_name(name: str) -> str:
    """The deployment's name of the server of notebook instance ``name``."""
    return f"nb-{name}"


class NotebookInstanceService:
    """``*NotebookInstance*`` actions; the launcher's reports (``AppReports``) for them."""

    def __init__(self, domains: DomainService, launcher: AppLauncher) -> None:
        self.domains = domains
        self.database = domains.database
        self.launcher = launcher
        self._lock = threading.Lock()

    def arn(self, name: str) -> str:
        return self.domains.arns.arn("notebook-instance", name.lower())

    def create(self, context: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
        """``CreateNotebookInstance``: stored Pending and its server started."""
        name, instance_type = params["NotebookInstanceName"], params["InstanceType"]
        self.domains.specs.check_instance_type(instance_type, "InstanceType")
        profile = profile_name_for(context.owner)
        moment = now_ms()
        with self._lock, self.database.session() as session:
            if session.scalar(
                select(NotebookInstanceRecord.id).where(NotebookInstanceRecord.name == name)
            ):
                raise AlreadyExists(f"Cannot create a duplicate Notebook Instance ({name})")
            record = NotebookInstanceRecord(
                domain=context.domain,
                space=context.space,
                owner=context.owner,
                name=name,
                arn=self.arn(name),
                instance_type=instance_type,
                user_profile=profile,
                settings={key: params[key] for key in KEPT if params.get(key) is not None},
                creation_time=moment,
                last_modified_time=moment,
            )
            NOTEBOOK_MACHINE.begin(record, "Starting the notebook instance's server", at=moment)
            session.add(record)
            session.flush()
            self.domains.tags.attach(session, context, record.arn, params.get("Tags"))
            launch = self._launch(record)
        self._start(launch)
        return {"NotebookInstanceArn": launch.arn}

    def exists(self, session: Any, context: RequestContext, name: str) -> bool:
        """Whether the instance an ARN's ``notebook-instance/<name>`` names exists (tags)."""
        found = select(NotebookInstanceRecord.id).where(
            NotebookInstanceRecord.arn == self.arn(name)
        )
        return session.scalar(found) is not None

    def describe(self, context: RequestContext, name: str) -> dict[str, Any]:
        """``DescribeNotebookInstance``: one of a space the caller is no member of does not
        exist."""
        with self.database.session() as session:
            record = self._record(session, name, scope_of(session, context))
        settings = {**_DEFAULTS, **(record.settings or {})}
        answer: dict[str, Any] = {
            "NotebookInstanceArn": record.arn,
            "NotebookInstanceName": record.name,
            "NotebookInstanceStatus": record.status,
            "InstanceType": record.instance_type,
            "CreationTime": ms_to_datetime(record.creation_time),
            "LastModifiedTime": ms_to_datetime(record.last_modified_time),
            **{_DESCRIBED.get(key, key): value for key, value in settings.items()},
        }
        if record.failure_reason and record.status == Status.FAILED.value:
            answer["FailureReason"] = record.failure_reason
        if record.url:
            answer["Url"] = record.url
        return answer

    def list(
        self, context: RequestContext, params: dict[str, Any]
    ) -> tuple[list[dict[str, Any]], str | None]:
        """``ListNotebookInstances``: those of the spaces the caller is a member of."""
        with self.database.session() as session:
            scope = scope_of(session, context)
        statement = select(NotebookInstanceRecord).where(
            scope.space_clause(NotebookInstanceRecord, NotebookInstanceRecord.space)
        )
        if params.get("NameContains"):
            statement = statement.where(
                NotebookInstanceRecord.name.contains(params["NameContains"], autoescape=True)
            )
        if params.get("StatusEquals"):
            statement = statement.where(NotebookInstanceRecord.status == params["StatusEquals"])
        column = {
            "Name": NotebookInstanceRecord.name,
            "Status": NotebookInstanceRecord.status,
        }.get(params.get("SortBy") or "", NotebookInstanceRecord.creation_time)
        skip = {"NextToken", "MaxResults"}
        rows, token = keyset_page(
            self.database,
            statement,
            column=column,
            id_column=NotebookInstanceRecord.id,
            descending=params.get("SortOrder", "Descending") == "Descending",
            max_results=params.get("MaxResults") or 10,
            token=params.get("NextToken"),
            listing={
                "list": "notebook-instances",
                **{key: str(params[key]) for key in sorted(params) if key not in skip},
            },
        )
        summaries = []
        for row in rows:
            summary: dict[str, Any] = {
                "NotebookInstanceName": row.name,
                "NotebookInstanceArn": row.arn,
                "NotebookInstanceStatus": row.status,
                "InstanceType": row.instance_type,
                "CreationTime": ms_to_datetime(row.creation_time),
                "LastModifiedTime": ms_to_datetime(row.last_modified_time),
            }
            if row.url:
                summary["Url"] = row.url
            summaries.append(summary)
        return summaries, token

    def start(self, context: RequestContext, name: str) -> None:
        """``StartNotebookInstance``: a stopped (or failed) instance starts again."""
        with self._lock, self.database.session() as session:
            record = self._own(session, context, name, "start")
            self._move(record, Status.PENDING, "Starting the notebook instance's server")
            record.url = None
            launch = self._launch(record)
        self._start(launch)

    def stop(self, context: RequestContext, name: str) -> None:
        """``StopNotebookInstance``: Stopping until the launcher reports the server gone."""
        with self._lock, self.database.session() as session:
            record = self._own(session, context, name, "stop")
            self._move(record, Status.STOPPING, "Stopping the notebook instance's server")
            launch = self._launch(record)
        self.launcher.stop(launch, self)

    def delete(self, context: RequestContext, name: str) -> None:
        """``DeleteNotebookInstance``: only a stopped or failed one, as SageMaker asks."""
        with self._lock, self.database.session() as session:
            record = self._own(session, context, name, "delete")
            if record.status not in (Status.STOPPED.value, Status.FAILED.value):
                raise InvalidInput(
                    f"Status ({record.status}) not in ([Stopped, Failed]). Unable to transition "
                    f"to (Deleting) for Notebook Instance ({record.arn}).",
                    field="NotebookInstanceName",
                )
            NOTEBOOK_MACHINE.transition(record, Status.DELETING, "Deleted")
            self.domains.tags.forget(
                session, RequestContext(record.owner, record.domain, record.space), record.arn
            )
            session.delete(record)

    def landing(self, context: RequestContext, name: str) -> tuple[str, str]:
        """(hub user, server name) of an InService instance the caller sees, for its presigned
        URL."""
        with self.database.session() as session:
            record = self._record(session, name, scope_of(session, context))
        if record.status != Status.IN_SERVICE.value:
            raise InvalidInput(
                f"Notebook Instance {name} is {record.status}: only an InService instance "
                "can be opened",
                field="NotebookInstanceName",
            )
        return record.owner, server_name(record.name)

    # -- reports of the launcher (AppReports) ------------------------------------------------

    def running(self, arn: str, url: str) -> None:
        self._report(arn, Status.IN_SERVICE, "The server answers", url=url)

    def failed(self, arn: str, reason: str) -> None:
        self._report(arn, Status.FAILED, reason, reason=reason)

    def stopped(self, arn: str) -> None:
        self._report(arn, Status.STOPPED, "The server has stopped")

    # -- internals --------------------------------------------------------------------------

    def _start(self, launch: AppLaunch) -> None:
        try:
            self.launcher.start(launch, self)
        except LaunchRefused as refused:
            self.failed(launch.arn, refused.reason)

    def _report(
        self,
        arn: str,
        to: Status,
        message: str,
        *,
        url: str | None = None,
        reason: str | None = None,
    ) -> None:
        with self._lock, self.database.session() as session:
            record = session.scalar(
                select(NotebookInstanceRecord).where(NotebookInstanceRecord.arn == arn)
            )
            if record is None or to not in NOTEBOOK_MACHINE.transitions[Status(record.status)]:
                return  # a report for an instance that has moved on
            NOTEBOOK_MACHINE.transition(record, to, message, failure_reason=reason)
            if url is not None:
                record.url = url

    @staticmethod
    def _move(record: NotebookInstanceRecord, to: Status, message: str) -> None:
        if to not in NOTEBOOK_MACHINE.transitions[Status(record.status)]:
            raise IllegalTransition(
                f"Unable to transition to ({to.value}) from ({record.status}) for Notebook "
                f"Instance ({record.arn})."
            )
        NOTEBOOK_MACHINE.transition(record, to, message)

    @staticmethod
    def _record(session: Any, name: str, scope: Scope) -> NotebookInstanceRecord:
        """Instance ``name``, or SageMaker's "RecordNotFound" when there is none or ``scope``
        does not see it (the same answer either way)."""
        record = session.scalar(
            select(NotebookInstanceRecord).where(NotebookInstanceRecord.name == name)
        )
        if record is None or not scope.sees_space(record.domain, record.space):
            raise InvalidInput("RecordNotFound", field="NotebookInstanceName")
        return record

    def _own(
        self, session: Any, context: RequestContext, name: str, what: str
    ) -> NotebookInstanceRecord:
        """Instance ``name``, which the caller may ``what``: their own, or any for an admin."""
        scope = scope_of(session, context)
        record = self._record(session, name, scope)
        if record.user_profile != scope.profile and not scope.wide(record.domain):
            raise Forbidden(
                f"Notebook Instance {name} is {record.user_profile}'s: only they or an admin "
                f"may {what} it"
            )
        return record

    @staticmethod
    def _launch(record: NotebookInstanceRecord) -> AppLaunch:
        return AppLaunch(
            arn=record.arn,
            domain=record.domain,
            space=record.space,
            app_type="JupyterLab",
            app_name=record.name,
            user_profile=record.user_profile,
            space_owner=record.owner,
            shared=False,
            members=(record.user_profile,),
            image_arn=None,
            instance_type=record.instance_type,
            idle_timeout_minutes=None,
            server_name=server_name(record.name),
        )
