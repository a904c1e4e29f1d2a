"""The server's Authorizer: the caller's role in the domain (``roles.allows``) on top of whatever
authorizer the server had (JupyterHub's scopes, a deployment's own)."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from jupyter_server.auth.authorizer import Authorizer
from jupyter_server.auth.identity import User
from jupyter_server.utils import ensure_async
from traitlets import Instance

from ..core.context import CONTEXT_ATTRIBUTE
from ..core.identity import owner_name
from .roles import allows


class MLStudioAuthorizer(Authorizer):
    """Allows an action when the caller's role allows it and the wrapped authorizer does too.

    The role is the caller's profile's in the server's domain (or, on the AWS and S3 faces, in
    the domain of the access key that signed); a user with no profile may do nothing of the
    project's, and on Jupyter's own resources what the wrapped authorizer says.
    """

    inner = Instance(Authorizer, allow_none=True, help="The authorizer this one narrows.")

    async def is_authorized(self, handler: Any, user: User, action: str, resource: str) -> bool:
        services = handler.settings.get("mlstudio.services")
        if services is not None:
            context: Any = getattr(handler, CONTEXT_ATTRIBUTE, None)
            if context is None:
                owner = owner_name(handler.identity_provider, user)
                # Remembered (the usual case): no thread hop; else read from the store.
                context = services.known_context(owner)
                if context is None:
                    context = await anyio.to_thread.run_sync(services.context_for, owner)
                setattr(handler, CONTEXT_ATTRIBUTE, context)
            # No profile: nothing of the project's; Jupyter's own is the wrapped authorizer's.
            judged = bool(context.role) or resource.startswith("mlstudio")
            if judged and not allows(context.role, action, resource):
                self.log.info(
                    "%s (%s) may not %s %s",
                    context.owner,
                    context.role or "no profile",
                    action,
                    resource,
                )
                return False
        if self.inner is None:
            return True
        return bool(await ensure_async(self.inner.is_authorized(handler, user, action, resource)))


def install(serverapp: Any, settings: dict[str, Any]) -> MLStudioAuthorizer:
    """Put the project's authorizer in front of the server's own (once); ``settings`` are the
    extension's, which the server's web application takes over after they are made."""
    current = serverapp.web_app.settings.get("authorizer") or serverapp.authorizer
    if isinstance(current, MLStudioAuthorizer):
        return current
    authorizer = MLStudioAuthorizer(
        parent=serverapp, identity_provider=serverapp.identity_provider, inner=current
    )
    serverapp.authorizer = authorizer
    serverapp.web_app.settings["authorizer"] = authorizer
    settings["authorizer"] = authorizer
    return authorizer
