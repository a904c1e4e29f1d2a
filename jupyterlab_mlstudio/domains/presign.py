"""``CreatePresignedDomainUrl`` and ``CreatePresignedNotebookInstanceUrl``: one-time login
links (``links.py``) that land on a profile's server, a space's app or a notebook instance."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from sqlalchemy import select

from ..core.context import RequestContext
from ..core.errors import InvalidInput, NotFound
from .launcher import AppLauncher, LaunchRefused
from .links import MAX_EXPIRY_SECONDS, LoginLinks
from .notebooks import NotebookInstanceService
from .orm import AppRecord
from .profile_secrets import may_manage
from .service import DomainService, profile_name_for
from .spaces import SpaceService
from .states import AppStatus

#: LandingUri's prefix for a path opened in JupyterLab (SageMaker's ``app:JupyterLab:``).
_LAB_PREFIX = "app:JupyterLab:"


class Presigner:
    """Makes login links for the AWS face's presigned-URL actions."""

    def __init__(
        self,
        domains: DomainService,
        spaces: SpaceService,
        notebooks: NotebookInstanceService,
        links: LoginLinks,
        launcher: AppLauncher,
    ) -> None:
        self.domains = domains
        self.spaces = spaces
        self.notebooks = notebooks
        self.links = links
        self.launcher = launcher

    def domain_url(self, context: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
        """A link signing ``UserProfileName`` in, landing on their server, or on the running
        JupyterLab app of ``SpaceName`` (a space they are a member of)."""
        domain, profile = params["DomainId"], params["UserProfileName"]
        may_manage(self.domains, context, domain, profile, "sign-in links")
        self.domains.describe_profile(context, domain, profile)
        self._link_target_available()
        user, server = profile, None
        space_name = params.get("SpaceName")
        if space_name:
            with self.domains.database.session() as session:
                space = self.spaces.space(session, domain, space_name)
                members = set(space.members or ()) | {space.owner_profile}
                if profile not in members:
                    raise NotFound(f"Space {space_name} does not exist in domain {domain}")
                running = session.scalar(
                    select(AppRecord.id).where(
                        AppRecord.domain == domain,
                        AppRecord.space == space_name,
                        AppRecord.app_type == "JupyterLab",
                        AppRecord.status == AppStatus.IN_SERVICE.value,
                    )
                )
                owner = space.owner_profile
            if running is None:
                raise InvalidInput(
                    f"Space {space_name} has no JupyterLab app in service: create one with "
                    "CreateApp first",
                    field="SpaceName",
                )
            user, server = owner, space_name
        target = self._landing(profile_name_for(user), server) + _landing_suffix(
            params.get("LandingUri")
        )
        token = self.links.create(context, profile, target, params.get("ExpiresInSeconds"))
        return {"AuthorizedUrl": self.launcher.login_link(token)}

    def notebook_url(self, context: RequestContext, params: dict[str, Any]) -> dict[str, Any]:
        """A link to an InService notebook instance, for its owner (or an admin)."""
        name = params["NotebookInstanceName"]
        owner, server = self.notebooks.landing(context, name)
        may_manage(self.domains, context, context.domain, profile_name_for(owner), "notebooks")
        self._link_target_available()
        target = self._landing(owner, server)
        token = self.links.create(context, owner, target, MAX_EXPIRY_SECONDS)
        return {"AuthorizedUrl": self.launcher.login_link(token)}

    def _landing(self, user: str, server: str | None) -> str:
        try:
            return self.launcher.landing_path(user, server)
        except LaunchRefused as refused:
            raise InvalidInput(refused.reason) from refused

    def _link_target_available(self) -> None:
        try:
            self.launcher.login_link("")
        except LaunchRefused as refused:
            raise InvalidInput(refused.reason) from refused


def _landing_suffix(landing_uri: str | None) -> str:
    if not landing_uri:
        return ""
    if landing_uri.startswith(_LAB_PREFIX):
        path = landing_uri[len(_LAB_PREFIX) :].strip("/")
        return f"/tree/{quote(path)}" if path else ""
    if landing_uri in ("app:JupyterLab", "studio::"):
        return ""
    raise InvalidInput(
        f"LandingUri {landing_uri!r} is not available here: use app:JupyterLab:<path>",
        field="LandingUri",
    )
