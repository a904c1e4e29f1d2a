"""Several people on one test server: ``Authorization: token user:<name>`` signs in as
``<name>`` (as a hub's identity would), the server's own token as its local user."""

from __future__ import annotations

import inspect
import json
from typing import Any

from jupyter_server.auth.identity import IdentityProvider, User
from tornado.httpclient import HTTPClientError

from jupyterlab_mlstudio.core.identity import local_user


class NamedUsers(IdentityProvider):
    """An identity provider that knows users by name (a hub's, in tests)."""

    async def get_user(self, handler: Any) -> User | None:  # type: ignore[override]
        scheme, _, token = handler.request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "token" and token.startswith("user:"):
            handler._token_authenticated = True
            return User(username=token.removeprefix("user:"))
        found = super().get_user(handler)
        if inspect.isawaitable(found):
            found = await found
        return User(username=local_user()) if found is not None else None


def with_named_users(config: dict[str, Any]) -> dict[str, Any]:
    """``jp_server_config`` with :class:`NamedUsers` as the identity provider."""
    server = {**config["ServerApp"], "identity_provider_class": NamedUsers}
    return {**config, "ServerApp": server}


def api_as(jp_fetch: Any) -> Any:
    """``await call(user, "GET", "snapshots")`` → (status, JSON body) as ``user`` (None: the
    server's own user)."""

    async def call(user: str | None, method: str, path: str, body: Any = None, **params: Any):
        kwargs: dict[str, Any] = {"method": method}
        if user is not None:
            kwargs["headers"] = {"Authorization": f"token user:{user}"}
        if params:
            kwargs["params"] = params
        if body is not None:
            kwargs["body"] = json.dumps(body)
        elif method in ("POST", "PUT", "PATCH"):
            kwargs["body"] = b""
        try:
            response = await jp_fetch("mlstudio", "api", "v1", *path.split("/"), **kwargs)
        except HTTPClientError as error:
            assert error.response is not None
            return error.code, json.loads(error.response.body or b"null")
        return response.code, json.loads(response.body or b"null")

    return call
