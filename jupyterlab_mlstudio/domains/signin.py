"""``GET /mlstudio/login?token=...``: where a single-user server's one-time login links
(``CreatePresigned*Url`` without a hub) sign a browser in, once.

The same links as a hub's (``links.py``): the secret is checked and spent in one statement, so
a used, expired or unknown link gets a page saying so (403) and signs nobody in. A valid one,
for this server's own user (the only one it signs in), sets Jupyter's login cookie and sends
the browser where the link lands. The link itself is the request's authentication.
"""

from __future__ import annotations

import html
from typing import Any

import anyio.to_thread
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import User
from jupyter_server.base.handlers import JupyterHandler

from ..core.identity import local_user
from .launcher import LOGIN_PATH
from .links import LinkRefused


class SingleUserLoginHandler(JupyterHandler):
    """``GET /mlstudio/login?token=...``: spends a one-time login link of this server."""

    @allow_unauthenticated
    async def get(self) -> None:
        services: Any = self.settings["mlstudio.services"]
        token = self.get_argument("token", "")
        try:
            landing = await anyio.to_thread.run_sync(services.login_links.consume, token)
            if landing.user_name != services.single_user_launcher.profile:
                # Made on a hub sharing this store, for someone this server does not serve.
                raise LinkRefused("This login link is not for this server's user.")
        except LinkRefused as refused:
            self.set_status(403)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(
                "<!doctype html><title>Login link refused</title>"
                f"<p>{html.escape(refused.reason)}</p>"
                f'<p><a href="{html.escape(self.base_url)}login">Sign in</a> instead.</p>'
            )
            return
        name = local_user()
        self.identity_provider.set_login_cookie(
            self, User(username=name, name=name, display_name=name)
        )
        self.redirect(landing.target)


HANDLERS = [(rf"/{LOGIN_PATH}", SingleUserLoginHandler)]
