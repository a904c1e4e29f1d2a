"""Spaces of a domain (SageMaker's ``*Space`` actions): private ones (one per profile, made with
it, and any a user makes for themself) and shared ones, open to the domain's profiles or to the
members named by the ``mlstudio:members`` tag."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..core.clock import now_ms
from ..core.context import RequestContext
from ..core.errors import Conflict, Forbidden, InvalidInput, NotFound
from . import views
from .orm import DomainRecord, SpaceRecord, UserProfileRecord
from .service import DomainService, live_apps, sorted_page
from .settings import MEMBERS_TAG, tag_value
from .visibility import Scope, scope_of


class SpaceService:
    """Create, describe, list, update and delete spaces."""

    def __init__(self, domains: DomainService) -> None:
        self.domains = domains
        self.database = domains.database
        self.arns = domains.arns

    def create_space(self, context: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
        """``CreateSpace``. ``OwnershipSettings`` and ``SpaceSharingSettings`` come together (as
        SageMaker asks); without them the space is shared and owned by the caller's profile."""
        domain, name = params["DomainId"], params["SpaceName"]
        ownership = params.get("OwnershipSettings")
        sharing = params.get("SpaceSharingSettings")
        if (ownership is None) != (sharing is None):
            raise InvalidInput(
                "OwnershipSettings and SpaceSharingSettings must be given together",
                field="OwnershipSettings" if ownership is None else "SpaceSharingSettings",
            )
        settings = params.get("SpaceSettings") or {}
        app_type = settings.get("AppType")
        if app_type not in (None, "JupyterLab"):
            raise InvalidInput(
                f"Spaces here run JupyterLab apps only, not {app_type}", field="SpaceSettings"
            )
        self.domains.specs.check_settings(settings, "SpaceSettings")
        sharing_type = (sharing or {}).get("SharingType", "Shared")
        moment = now_ms()
        try:
            with self.database.session() as session:
                if (
                    session.scalar(select(DomainRecord.id).where(DomainRecord.domain == domain))
                    is None
                ):
                    raise NotFound(f"Domain {domain} does not exist")
                scope = scope_of(session, context)
                owner = (ownership or {}).get("OwnerUserProfileName") or scope.profile
                if not scope.wide(domain) and (domain != scope.domain or owner != scope.profile):
                    raise Forbidden(
                        f"User {context.owner} creates spaces of their own in domain "
                        f"{scope.domain} only: OwnershipSettings.OwnerUserProfileName must be "
                        f"{scope.profile}"
                    )
                taken = select(SpaceRecord.id).where(
                    SpaceRecord.domain == domain, SpaceRecord.name == name
                )
                if session.scalar(taken) is not None:
                    raise Conflict(f"Space {name} already exists in domain {domain}")
                profiles = set(
                    session.scalars(
                        select(UserProfileRecord.name).where(UserProfileRecord.domain == domain)
                    )
                )
                if owner not in profiles:
                    raise InvalidInput(
                        f"User profile {owner} does not exist in domain {domain}",
                        field="OwnershipSettings.OwnerUserProfileName",
                    )
                members = self._members(params.get("Tags"), sharing_type, owner, profiles)
                session.add(
                    SpaceRecord(
                        domain=domain,
                        space=name,
                        owner=context.owner,
                        name=name,
                        display_name=params.get("SpaceDisplayName"),
                        status="InService",
                        sharing_type=sharing_type,
                        owner_profile=owner,
                        members=members,
                        space_settings={"AppType": "JupyterLab", **settings},
                        creation_time=moment,
                        last_modified_time=moment,
                    )
                )
                session.flush()
                self.domains.tags.attach(
                    session, context, self.arns.space(domain, name), params.get("Tags")
                )
        except IntegrityError as error:
            raise Conflict(f"Space {name} already exists in domain {domain}") from error
        return {"SpaceArn": self.arns.space(domain, name)}

    def describe_space(self, context: RequestContext, domain: str, name: str) -> dict[str, Any]:
        """``DescribeSpace``: a space the caller is no member of does not exist."""
        with self.database.session() as session:
            record = self.space(session, domain, name, scope_of(session, context))
        return views.space_description(record, self.arns, self.domains.base_url)

    def list_spaces(
        self, context: RequestContext, params: dict[str, Any]
    ) -> tuple[list[dict[str, Any]], str | None]:
        """``ListSpaces``: the spaces the caller is a member of (all of an admin's domain)."""
        with self.database.session() as session:
            scope = scope_of(session, context)
        statement = select(SpaceRecord).where(scope.space_clause(SpaceRecord, SpaceRecord.name))
        if params.get("DomainIdEquals"):
            statement = statement.where(SpaceRecord.domain == params["DomainIdEquals"])
        if params.get("SpaceNameContains"):
            statement = statement.where(
                SpaceRecord.name.contains(params["SpaceNameContains"], autoescape=True)
            )
        rows, token = sorted_page(self.database, statement, SpaceRecord, params, "spaces")
        return [views.space_summary(row) for row in rows], token

    def update_space(self, context: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
        """``UpdateSpace``: settings and display name (sharing and ownership are fixed at
        creation, as SageMaker's shape has it), by a member of the space or an admin; refused
        while an app of the space runs."""
        domain, name = params["DomainId"], params["SpaceName"]
        settings = params.get("SpaceSettings")
        if settings is not None:
            if settings.get("AppType") not in (None, "JupyterLab"):
                raise InvalidInput(
                    f"Spaces here run JupyterLab apps only, not {settings['AppType']}",
                    field="SpaceSettings",
                )
            self.domains.specs.check_settings(settings, "SpaceSettings")
        with self.database.session() as session:
            record = self.space(session, domain, name, scope_of(session, context))
            if settings is not None:
                running = live_apps(session, domain, space=name)
                if running:
                    raise Conflict(
                        f"Space {name} has a running app {running[0].name}: delete it before "
                        "changing the space's settings"
                    )
                record.space_settings = {**(record.space_settings or {}), **settings}
            if params.get("SpaceDisplayName") is not None:
                record.display_name = params["SpaceDisplayName"]
            record.last_modified_time = now_ms()
        return {"SpaceArn": self.arns.space(domain, name)}

    def delete_space(self, context: RequestContext, domain: str, name: str) -> None:
        """``DeleteSpace``, by the space's owner or an admin: refused while an app of the space
        runs; the private space of the server's own user in the server's own domain stays."""
        with self.database.session() as session:
            scope = scope_of(session, context)
            record = self.space(session, domain, name, scope)
            if not scope.wide(domain) and record.owner_profile != scope.profile:
                raise Forbidden(
                    f"Space {name} is {record.owner_profile}'s: only they or an admin delete it"
                )
            running = live_apps(session, domain, space=name)
            if running:
                raise Conflict(
                    f"Space {name} has running apps {[app.name for app in running]}: delete "
                    "them first"
                )
            implicit = session.scalar(
                select(DomainRecord.implicit).where(DomainRecord.domain == domain)
            )
            profile = session.scalar(
                select(UserProfileRecord.id).where(
                    UserProfileRecord.domain == domain, UserProfileRecord.space == name
                )
            )
            if implicit and profile is not None:
                raise InvalidInput(
                    f"Space {name} is this server's own space and cannot be deleted",
                    field="SpaceName",
                )
            self.domains.tags.forget(session, context, self.arns.space(domain, name))
            session.delete(record)

    def space(
        self, session: Session, domain: str, name: str, scope: Scope | None = None
    ) -> SpaceRecord:
        """Space ``name`` of ``domain``; ``NotFound`` when there is none or ``scope`` does not
        see it (None: the server's own look-up)."""
        record = session.scalar(
            select(SpaceRecord).where(SpaceRecord.domain == domain, SpaceRecord.name == name)
        )
        if record is None or (scope is not None and not scope.sees_space(domain, name)):
            raise NotFound(f"Space {name} does not exist in domain {domain}")
        return record

    @staticmethod
    def _members(
        tags: list[dict[str, Any]] | None, sharing_type: str, owner: str, profiles: set[str]
    ) -> list[str]:
        """A private space's member is its owner; a shared one's are the ``mlstudio:members``
        tag's profiles (with the owner), or everyone in the domain (an empty list)."""
        named = tag_value(tags, MEMBERS_TAG)
        if sharing_type == "Private":
            if named is not None:
                raise InvalidInput(
                    f"A private space has no members but its owner: drop the {MEMBERS_TAG} tag",
                    field="Tags",
                )
            return [owner]
        if named is None:
            return []
        members = sorted(set(named.split()) | {owner})
        unknown = sorted(set(members) - profiles)
        if unknown:
            raise InvalidInput(
                f"Members {unknown} are not user profiles of the domain", field="Tags"
            )
        return members
