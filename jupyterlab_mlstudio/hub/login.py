"""``/hub/mlstudio-login?token=...``: where one-time login links (``CreatePresigned*Url``)
sign their user in to the hub, whatever authenticator the hub uses.

The link's secret is checked and spent against the domain's store in one statement
(``domains/links.py``); a used, expired or unknown link gets a page saying so (403) and signs
nobody in. A valid one sets the hub's login cookie for the link's user and redirects to where
the link lands (their server, a space's app, a notebook instance), through the hub's usual
OAuth hand-over to that server.
"""

from __future__ import annotations

import functools
import html
from typing import Any

import anyio.to_thread
from jupyterhub.handlers import BaseHandler
from sqlalchemy.engine import make_url

from ..domains.links import LinkRefused, LoginLinks
from ..store import Database
from .domain import PASSWORD_VARIABLE, MLStudioDomain


@functools.lru_cache(maxsize=4)
def _links(url: str, password: str | None) -> LoginLinks:
    target = make_url(url)
    if password and not target.password:
        target = target.set(password=password)
    return LoginLinks(Database(target.render_as_string(hide_password=False)))


class LoginLinkHandler(BaseHandler):
    """Signs in the user of a one-time login link and sends them where it lands."""

    async def get(self) -> None:
        token = self.get_argument("token", "")
        domain = MLStudioDomain(config=self.settings.get("config"))
        password = domain.server_env().get(PASSWORD_VARIABLE)
        links = _links(domain.db_url, password)
        try:
            landing = await anyio.to_thread.run_sync(links.consume, token)
        except LinkRefused as refused:
            self.set_status(403)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(
                "<!doctype html><title>Login link refused</title>"
                f"<p>{html.escape(refused.reason)}</p>"
                f'<p><a href="{html.escape(self.hub.base_url)}login">Sign in</a> instead.</p>'
            )
            return
        user: Any = self.user_from_username(landing.user_name)
        self.set_login_cookie(user)
        self.redirect(landing.target)
