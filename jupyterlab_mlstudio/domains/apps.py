"""Apps of spaces (SageMaker's ``CreateApp``, ``DescribeApp``, ``ListApps``, ``DeleteApp``).

An app's record is stored ``Pending`` and handed to the :class:`~.launcher.AppLauncher`, whose
reports (``running``, ``failed``, ``stopped``) are the only moves of its state after that: this
service is the one writer of app states, through ``states.APP_MACHINE``.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import select

from ..core.clock import now_ms
from ..core.context import RequestContext
from ..core.errors import Conflict, Forbidden, InvalidInput, LimitExceeded, NotFound
from . import views
from .launcher import AppLaunch, AppLauncher, LaunchRefused
from .orm import AppRecord, DomainRecord, SpaceRecord, UserProfileRecord
from .service import DomainService, live_apps, sorted_page
from .settings import default_resource_spec, idle_timeout
from .spaces import SpaceService
from .states import APP_MACHINE, AppStatus
from .visibility import Scope, scope_of


class AppService:
    """Apps of spaces, started and stopped by ``launcher``."""

    def __init__(self, domains: DomainService, spaces: SpaceService, launcher: AppLauncher) -> None:
        self.domains = domains
        self.spaces = spaces
        self.database = domains.database
        self.launcher = launcher
        self._lock = threading.Lock()

    def create_app(self, context: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
        """``CreateApp`` of a space's JupyterLab app: stored Pending, then started by the
        launcher (a refusal fails it with the reason, as SageMaker's apps fail)."""
        domain, app_type, name = params["DomainId"], params["AppType"], params["AppName"]
        if app_type != "JupyterLab":
            raise InvalidInput(
                f"AppType {app_type} is not available here: spaces run JupyterLab apps",
                field="AppType",
            )
        if not params.get("SpaceName"):
            raise InvalidInput(
                "A JupyterLab app belongs to a space: give SpaceName", field="SpaceName"
            )
        space_name = params["SpaceName"]
        requested = params.get("ResourceSpec") or {}
        self.domains.specs.check(requested, "ResourceSpec")
        with self._lock, self.database.session() as session:
            domain_record = session.scalar(
                select(DomainRecord).where(DomainRecord.domain == domain)
            )
            if domain_record is None:
                raise NotFound(f"Domain {domain} does not exist")
            scope = scope_of(session, context)
            space = self.spaces.space(session, domain, space_name, scope)
            wide = scope.wide(domain)
            profile_name = params.get("UserProfileName") or (
                space.owner_profile if wide else scope.profile
            )
            if not wide and profile_name != scope.profile:
                raise Forbidden(
                    f"User {context.owner} creates apps as their own profile only: "
                    f"UserProfileName must be {scope.profile}"
                )
            profile = session.scalar(
                select(UserProfileRecord).where(
                    UserProfileRecord.domain == domain, UserProfileRecord.name == profile_name
                )
            )
            if profile is None:
                raise NotFound(f"User profile {profile_name} does not exist in domain {domain}")
            running = live_apps(session, domain, space=space_name, app_type=app_type)
            if any(app.name == name for app in running):
                raise Conflict(f"App {name} of space {space_name} already exists")
            if running:
                raise LimitExceeded(
                    f"Space {space_name} already runs JupyterLab app {running[0].name}: a space "
                    "runs one JupyterLab app at a time"
                )
            layers = (
                space.space_settings,
                profile.user_settings,
                (domain_record.settings or {}).get("DefaultSpaceSettings"),
                (domain_record.settings or {}).get("DefaultUserSettings"),
            )
            spec = {**default_resource_spec(*layers), **requested}
            arn = self.domains.arns.app(domain, space_name, app_type, name)
            moment = now_ms()
            record = AppRecord(
                domain=domain,
                space=space_name,
                owner=context.owner,
                name=name,
                app_type=app_type,
                arn=arn,
                user_profile=profile_name,
                resource_spec=spec,
                creation_time=moment,
                last_modified_time=moment,
            )
            APP_MACHINE.begin(record, "Starting the space's server", at=moment)
            session.add(record)
            session.flush()
            self.domains.tags.attach(session, context, arn, params.get("Tags"))
            launch = self._launch(record, space, layers)
        try:
            self.launcher.start(launch, self)
        except LaunchRefused as refused:
            self.failed(arn, refused.reason)
        return {"AppArn": arn}

    def describe_app(self, context: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
        """``DescribeApp``: an app of a space the caller is no member of does not exist."""
        with self.database.session() as session:
            record = self._latest(session, params, scope_of(session, context))
        return views.app_description(record)

    def list_apps(
        self, context: RequestContext, params: dict[str, Any]
    ) -> tuple[list[dict[str, Any]], str | None]:
        """``ListApps``: the apps of the spaces the caller is a member of."""
        with self.database.session() as session:
            scope = scope_of(session, context)
        statement = select(AppRecord).where(scope.space_clause(AppRecord, AppRecord.space))
        for member, column in (
            ("DomainIdEquals", AppRecord.domain),
            ("SpaceNameEquals", AppRecord.space),
            ("UserProfileNameEquals", AppRecord.user_profile),
        ):
            if params.get(member):
                statement = statement.where(column == params[member])
        # SageMaker sorts apps by CreationTime only (AppSortKey).
        rows, token = sorted_page(self.database, statement, AppRecord, params, "apps")
        return [views.app_summary(row) for row in rows], token

    def delete_app(self, context: RequestContext, params: dict[str, Any]) -> None:
        """``DeleteApp`` (by a member of its space): a running app goes Deleting and its
        launcher stops it; a failed one is Deleted at once; one already deleting is in use, one
        deleted is gone."""
        with self._lock, self.database.session() as session:
            record = self._latest(session, params, scope_of(session, context))
            status = AppStatus(record.status)
            if status is AppStatus.DELETED:
                raise NotFound(f"App {record.name} of space {record.space} is already deleted")
            if status is AppStatus.DELETING:
                raise Conflict(f"App {record.name} of space {record.space} is being deleted")
            if status is AppStatus.FAILED:
                APP_MACHINE.transition(record, AppStatus.DELETED, "Deleted")
                return
            APP_MACHINE.transition(record, AppStatus.DELETING, "Stopping the space's server")
            space = self.spaces.space(session, record.domain, record.space)
            launch = self._launch(record, space, (space.space_settings,))
        self.launcher.stop(launch, self)

    # -- reports of the launcher (AppReports) ------------------------------------------------

    def running(self, arn: str, url: str) -> None:
        self._move(arn, AppStatus.IN_SERVICE, "The space's server answers", url=url)

    def failed(self, arn: str, reason: str) -> None:
        self._move(arn, AppStatus.FAILED, reason, reason=reason)

    def stopped(self, arn: str) -> None:
        self._move(arn, AppStatus.DELETED, "The space's server has stopped")

    # -- internals --------------------------------------------------------------------------

    def _move(
        self,
        arn: str,
        to: AppStatus,
        message: str,
        *,
        url: str | None = None,
        reason: str | None = None,
    ) -> None:
        with self._lock, self.database.session() as session:
            record = session.scalar(
                select(AppRecord).where(AppRecord.arn == arn).order_by(AppRecord.id.desc()).limit(1)
            )
            if record is None or to not in APP_MACHINE.transitions[AppStatus(record.status)]:
                return  # a report for an app that has moved on (see the launcher contract)
            APP_MACHINE.transition(record, to, message, failure_reason=reason)
            if url is not None:
                record.url = url

    def _latest(self, session: Any, params: dict[str, Any], scope: Scope) -> AppRecord:
        domain, name = params["DomainId"], params["AppName"]
        statement = select(AppRecord).where(
            scope.space_clause(AppRecord, AppRecord.space),
            AppRecord.domain == domain,
            AppRecord.name == name,
            AppRecord.app_type == params["AppType"],
        )
        if params.get("SpaceName"):
            statement = statement.where(AppRecord.space == params["SpaceName"])
        if params.get("UserProfileName"):
            statement = statement.where(AppRecord.user_profile == params["UserProfileName"])
        record = session.scalar(statement.order_by(AppRecord.id.desc()).limit(1))
        if record is None:
            raise NotFound(f"App {name} does not exist in domain {domain}")
        return record

    @staticmethod
    def _launch(record: AppRecord, space: SpaceRecord, layers: tuple[Any, ...]) -> AppLaunch:
        spec = record.resource_spec or {}
        return AppLaunch(
            arn=record.arn,
            domain=record.domain,
            space=record.space,
            app_type=record.app_type,
            app_name=record.name,
            user_profile=record.user_profile,
            space_owner=space.owner_profile,
            shared=space.sharing_type == "Shared",
            members=tuple(space.members or ()),
            image_arn=spec.get("SageMakerImageArn"),
            instance_type=spec.get("InstanceType"),
            idle_timeout_minutes=idle_timeout(*layers),
        )
