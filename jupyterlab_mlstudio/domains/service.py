"""Domains and their user profiles (SageMaker's ``*Domain`` and ``*UserProfile`` actions).

Spaces are ``spaces.py``'s and apps ``apps.py``'s; this service makes a profile's private space
with the profile, in the same transaction, and refuses to delete a profile while any of its
apps still runs, as SageMaker does.
"""

from __future__ import annotations

import re
import secrets
import string
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..core.clock import now_ms
from ..core.context import RequestContext
from ..core.errors import Conflict, InvalidInput, NotFound
from ..store import Database
from ..store.listing import keyset_page
from ..tags.service import TagService
from . import views
from .orm import AccessKeyRecord, AppRecord, DomainRecord, SpaceRecord, UserProfileRecord
from .settings import ROLES, SpecCheck, role_of
from .states import LIVE
from .visibility import Scope, scope_of

#: Members of CreateDomain's request kept as the domain's settings (and described back).
DOMAIN_SETTINGS = (
    "DefaultUserSettings",
    "DomainSettings",
    "DefaultSpaceSettings",
    "AppNetworkAccessType",
    "SubnetIds",
    "VpcId",
    "KmsKeyId",
    "HomeEfsFileSystemKmsKeyId",
    "AppSecurityGroupManagement",
    "HomeEfsFileSystemCreation",
    "TagPropagation",
)
#: UpdateDomain's members that replace the stored ones.
DOMAIN_UPDATES = (
    "DefaultUserSettings",
    "DefaultSpaceSettings",
    "AppNetworkAccessType",
    "SubnetIds",
    "VpcId",
    "AppSecurityGroupManagement",
    "TagPropagation",
    "HomeEfsFileSystemCreation",
)
_PROFILE_NAME = re.compile(r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")


def new_domain_id() -> str:
    """``d-`` and twelve lower-case letters and digits, as SageMaker's ids look."""
    alphabet = string.ascii_lowercase + string.digits
    return "d-" + "".join(secrets.choice(alphabet) for _ in range(12))


def profile_name_for(user: str) -> str:
    """A user name as a valid profile name (``jane.doe@x`` → ``jane-doe-x``)."""
    name = re.sub(r"-+", "-", re.sub(r"[^a-zA-Z0-9]", "-", user)).strip("-")[:63].strip("-")
    return name if _PROFILE_NAME.match(name) else "user"


def live_apps(session: Session, domain: str, **columns: Any) -> list[AppRecord]:
    statement = select(AppRecord).where(
        AppRecord.domain == domain,
        AppRecord.status.in_([state.value for state in LIVE]),
        *(getattr(AppRecord, name) == value for name, value in columns.items()),
    )
    return list(session.scalars(statement))


class DomainService:
    """Domains and user profiles; ``spaces`` and ``apps`` build on it."""

    def __init__(
        self,
        database: Database,
        *,
        arns: views.Arns,
        tags: TagService,
        specs: SpecCheck,
        base_url: Callable[[], str],
    ) -> None:
        self.database = database
        self.arns = arns
        self.tags = tags
        self.specs = specs
        self._base_url = base_url

    @property
    def base_url(self) -> str:
        return self._base_url()

    # -- the implicit domain of a single-user server ----------------------------------------

    def ensure_default(self, domain: str, space: str, user: str, role: str = "admin") -> None:
        """The server's own domain and its user's profile with private space ``space`` (the
        space every record made here carries), each made once with no set-up.

        A single-user server's user is its domain's admin. On a hub every user's server calls
        this on its first start (the user's first sign-in) with the role the hub gives them
        (hub admins ``admin``, others ``member``); the profile then starts from the domain's
        ``DefaultUserSettings`` (default image and instance type). Servers starting at once
        may race: whoever loses a race finds the row made and moves on.
        """
        assert role in ROLES, role
        context = RequestContext(owner=user, domain=domain, space=space)
        profile = profile_name_for(user)
        with self.database.session() as session:
            found = session.scalar(select(DomainRecord).where(DomainRecord.domain == domain))
            defaults = (found.settings or {}).get("DefaultUserSettings") if found else None
            has_profile = session.scalar(
                select(UserProfileRecord.id).where(
                    UserProfileRecord.domain == domain, UserProfileRecord.name == profile
                )
            )
        if found is None:
            moment = now_ms()
            try:
                with self.database.session() as session:
                    session.add(
                        DomainRecord(
                            domain=domain,
                            space="",
                            owner=user,
                            name=profile_name_for(f"{domain}-studio")[:63],
                            status="InService",
                            auth_mode="IAM",
                            settings={},
                            implicit=True,
                            creation_time=moment,
                            last_modified_time=moment,
                        )
                    )
            except IntegrityError:
                pass  # another server of the domain made it first
        if has_profile:
            return
        try:
            with self.database.session() as session:
                self._add_profile(
                    session, context, domain, profile, role, dict(defaults or {}), space, now_ms()
                )
        except IntegrityError:
            return  # this user's other server made it first

    # -- domains ----------------------------------------------------------------------------

    def create_domain(self, context: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
        """``CreateDomain``: a domain is InService at once (there is nothing to provision)."""
        if params["AuthMode"] != "IAM":
            raise InvalidInput(
                "AuthMode SSO is not available here: users sign in through Jupyter's (or "
                "JupyterHub's) authenticator, so a domain's AuthMode is IAM",
                field="AuthMode",
            )
        self.specs.check_settings(params.get("DefaultUserSettings"), "DefaultUserSettings")
        self.specs.check_settings(params.get("DefaultSpaceSettings"), "DefaultSpaceSettings")
        domain = new_domain_id()
        moment = now_ms()
        settings = {key: params[key] for key in DOMAIN_SETTINGS if params.get(key) is not None}
        try:
            with self.database.session() as session:
                session.add(
                    DomainRecord(
                        domain=domain,
                        space="",
                        owner=context.owner,
                        name=params["DomainName"],
                        status="InService",
                        auth_mode="IAM",
                        settings=settings,
                        implicit=False,
                        creation_time=moment,
                        last_modified_time=moment,
                    )
                )
                session.flush()
                self.tags.attach(session, context, self.arns.domain(domain), params.get("Tags"))
        except IntegrityError as error:
            raise Conflict(f"Domain {params['DomainName']} already exists") from error
        return {
            "DomainArn": self.arns.domain(domain),
            "DomainId": domain,
            "Url": views.domain_url(self.base_url, domain),
        }

    def describe_domain(self, domain: str) -> dict[str, Any]:
        with self.database.session() as session:
            record = self._domain(session, domain)
        return views.domain_description(record, self.arns, self.base_url)

    def list_domains(
        self, max_results: int | None, token: str | None
    ) -> tuple[list[dict[str, Any]], str | None]:
        rows, next_token = keyset_page(
            self.database,
            select(DomainRecord),
            column=DomainRecord.creation_time,
            id_column=DomainRecord.id,
            descending=True,
            max_results=max_results or 10,
            token=token,
            listing={"list": "domains"},
        )
        return [views.domain_summary(row, self.arns, self.base_url) for row in rows], next_token

    def update_domain(self, params: dict[str, Any]) -> dict[str, Any]:
        self.specs.check_settings(params.get("DefaultUserSettings"), "DefaultUserSettings")
        self.specs.check_settings(params.get("DefaultSpaceSettings"), "DefaultSpaceSettings")
        with self.database.session() as session:
            record = self._domain(session, params["DomainId"])
            settings = dict(record.settings or {})
            for key in DOMAIN_UPDATES:
                if params.get(key) is not None:
                    settings[key] = params[key]
            for key, value in (params.get("DomainSettingsForUpdate") or {}).items():
                if not key.endswith("ForUpdate"):
                    settings.setdefault("DomainSettings", {})[key] = value
            record.settings = settings
            record.last_modified_time = now_ms()
        return {"DomainArn": self.arns.domain(record.domain)}

    def delete_domain(self, context: RequestContext, domain: str) -> None:
        """``DeleteDomain``: refused while the domain still has user profiles or spaces (as
        SageMaker asks them deleted first); the server's own domain stays."""
        with self.database.session() as session:
            record = self._domain(session, domain)
            if record.implicit:
                raise InvalidInput(
                    f"Domain {domain} is this server's own domain and cannot be deleted",
                    field="DomainId",
                )
            profiles = session.scalars(
                select(UserProfileRecord.name).where(UserProfileRecord.domain == domain).limit(5)
            ).all()
            spaces = session.scalars(
                select(SpaceRecord.name).where(SpaceRecord.domain == domain).limit(5)
            ).all()
            if profiles or spaces:
                raise Conflict(
                    f"Domain {domain} still has user profiles {list(profiles)} or spaces "
                    f"{list(spaces)}: delete them first"
                )
            self.tags.forget(session, context, self.arns.domain(domain))
            session.delete(record)

    # -- user profiles ----------------------------------------------------------------------

    def create_profile(self, context: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
        """``CreateUserProfile``: the profile and its private space, InService at once. The
        role comes from the ``mlstudio:role`` tag (default ``member``)."""
        domain, name = params["DomainId"], params["UserProfileName"]
        role = role_of(params.get("Tags"))
        settings = params.get("UserSettings") or {}
        self.specs.check_settings(settings, "UserSettings")
        moment = now_ms()
        try:
            with self.database.session() as session:
                self._domain(session, domain)
                scope_of(session, context).require_manager(domain, "create user profiles")
                space = views.private_space_name(name)
                self._add_profile(session, context, domain, name, role, settings, space, moment)
                self.tags.attach(
                    session, context, self.arns.profile(domain, name), params.get("Tags")
                )
        except IntegrityError as error:
            raise Conflict(
                f"User profile {name} (or its private space) already exists in {domain}"
            ) from error
        return {"UserProfileArn": self.arns.profile(domain, name)}

    def describe_profile(self, context: RequestContext, domain: str, name: str) -> dict[str, Any]:
        """``DescribeUserProfile``: a profile the caller does not see does not exist."""
        with self.database.session() as session:
            record = self._profile(session, domain, name, scope_of(session, context))
        return views.profile_description(record, self.arns)

    def role(self, domain: str, name: str) -> str | None:
        """The role of profile ``name`` in ``domain`` (None when there is no such profile)."""
        with self.database.session() as session:
            return session.scalar(
                select(UserProfileRecord.role).where(
                    UserProfileRecord.domain == domain, UserProfileRecord.name == name
                )
            )

    def list_profiles(
        self, context: RequestContext, params: dict[str, Any]
    ) -> tuple[list[dict[str, Any]], str | None]:
        """``ListUserProfiles``: the profiles the caller sees (an admin's domain's, or their
        own)."""
        with self.database.session() as session:
            scope = scope_of(session, context)
        statement = select(UserProfileRecord).where(scope.profile_clause(UserProfileRecord))
        if params.get("DomainIdEquals"):
            statement = statement.where(UserProfileRecord.domain == params["DomainIdEquals"])
        if params.get("UserProfileNameContains"):
            statement = statement.where(
                UserProfileRecord.name.contains(params["UserProfileNameContains"], autoescape=True)
            )
        rows, token = sorted_page(self.database, statement, UserProfileRecord, params, "profiles")
        return [views.profile_summary(row) for row in rows], token

    def update_profile(self, context: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
        """``UpdateUserProfile``: an admin of the profile's domain changes its settings."""
        domain, name = params["DomainId"], params["UserProfileName"]
        settings = params.get("UserSettings")
        self.specs.check_settings(settings, "UserSettings")
        with self.database.session() as session:
            scope = scope_of(session, context)
            record = self._profile(session, domain, name, scope)
            scope.require_manager(domain, "change user profiles")
            if settings is not None:
                record.user_settings = {**(record.user_settings or {}), **settings}
            record.last_modified_time = now_ms()
        return {"UserProfileArn": self.arns.profile(domain, name)}

    def delete_profile(self, context: RequestContext, domain: str, name: str) -> None:
        """``DeleteUserProfile``: refused while any app of the profile runs or it owns a shared
        space; its private space goes with it."""
        with self.database.session() as session:
            scope = scope_of(session, context)
            record = self._profile(session, domain, name, scope)
            scope.require_manager(domain, "delete user profiles")
            running = live_apps(session, domain, user_profile=name) + live_apps(
                session, domain, space=record.space
            )
            if running:
                names = sorted({f"{app.space}/{app.name} ({app.status})" for app in running})
                raise Conflict(f"User profile {name} has running apps {names}: delete them first")
            owned = session.scalars(
                select(SpaceRecord).where(
                    SpaceRecord.domain == domain, SpaceRecord.owner_profile == name
                )
            ).all()
            shared = [space.name for space in owned if space.sharing_type == "Shared"]
            if shared:
                raise Conflict(
                    f"User profile {name} owns shared spaces {shared}: delete them first"
                )
            for space in owned:
                self.tags.forget(session, context, self.arns.space(domain, space.name))
                session.delete(space)
            session.execute(
                delete(AccessKeyRecord).where(
                    AccessKeyRecord.domain == domain, AccessKeyRecord.owner == name
                )
            )
            self.tags.forget(session, context, self.arns.profile(domain, name))
            session.delete(record)

    def finder(self, kind: str) -> Callable[[Session, RequestContext, str], bool]:
        """Whether the ``kind`` resource an ARN names exists (for tags): ``name`` is the ARN's
        part after ``<kind>/``."""

        def exists(session: Session, context: RequestContext, name: str) -> bool:
            parts = name.split("/")
            table: Any
            if kind == "domain" and len(parts) == 1:
                table, where = DomainRecord, [DomainRecord.domain == parts[0]]
            elif kind == "user-profile" and len(parts) == 2:
                table, where = (
                    UserProfileRecord,
                    [
                        UserProfileRecord.domain == parts[0],
                        UserProfileRecord.name == parts[1],
                    ],
                )
            elif kind == "space" and len(parts) == 2:
                table, where = (
                    SpaceRecord,
                    [
                        SpaceRecord.domain == parts[0],
                        SpaceRecord.name == parts[1],
                    ],
                )
            elif kind == "app" and len(parts) == 4:
                table, where = AppRecord, [AppRecord.arn == self.arns.arn("app", name)]
            else:
                return False
            return session.scalar(select(table.id).where(*where).limit(1)) is not None

        return exists

    # -- internals --------------------------------------------------------------------------

    def _add_profile(
        self,
        session: Session,
        context: RequestContext,
        domain: str,
        name: str,
        role: str,
        settings: dict[str, Any],
        space: str,
        moment: int,
    ) -> None:
        assert role in ROLES
        session.add(
            UserProfileRecord(
                domain=domain,
                space=space,
                owner=context.owner,
                name=name,
                role=role,
                status="InService",
                user_settings=settings,
                creation_time=moment,
                last_modified_time=moment,
            )
        )
        session.add(
            SpaceRecord(
                domain=domain,
                space=space,
                owner=context.owner,
                name=space,
                display_name=None,
                status="InService",
                sharing_type="Private",
                owner_profile=name,
                members=[name],
                space_settings={"AppType": "JupyterLab"},
                creation_time=moment,
                last_modified_time=moment,
            )
        )
        session.flush()

    def _domain(self, session: Session, domain: str) -> DomainRecord:
        record = session.scalar(select(DomainRecord).where(DomainRecord.domain == domain))
        if record is None:
            raise NotFound(f"Domain {domain} does not exist")
        return record

    def _profile(
        self, session: Session, domain: str, name: str, scope: Scope | None = None
    ) -> UserProfileRecord:
        record = session.scalar(
            select(UserProfileRecord).where(
                UserProfileRecord.domain == domain, UserProfileRecord.name == name
            )
        )
        if record is None or (scope is not None and not scope.sees_profile(domain, name)):
            raise NotFound(f"User profile {name} does not exist in domain {domain}")
        return record


def sorted_page(
    database: Database, statement: Any, record: Any, params: dict[str, Any], kind: str
) -> tuple[Sequence[Any], str | None]:
    """One page of a SageMaker listing of ``record`` rows: ``SortBy`` (``CreationTime`` or
    ``LastModifiedTime``), ``SortOrder`` (default Descending), ``MaxResults`` (default 10) and a
    ``NextToken`` bound to the listing's filters and order (not its page size)."""
    column = (
        record.last_modified_time
        if params.get("SortBy") == "LastModifiedTime"
        else record.creation_time
    )
    skip = {"NextToken", "MaxResults"}
    return keyset_page(
        database,
        statement,
        column=column,
        id_column=record.id,
        descending=params.get("SortOrder", "Descending") == "Descending",
        max_results=params.get("MaxResults") or 10,
        token=params.get("NextToken"),
        listing={"list": kind, **{key: params[key] for key in sorted(params) if key not in skip}},
    )
