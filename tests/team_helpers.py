"""A team on one real server, for the permission tests: an admin (the server's own user, signing
with the server's token), members and a viewer, each with their own Jupyter token (for REST and
MLflow) and their own access key (for the AWS faces).

Jupyter's identity provider is pluggable; a hub's tells users apart by its own login. Here one
that maps each person's token to their name stands in for the hub (the unit under test is the
server's authorization and membership filtering, not the hub's login).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from jupyter_server.auth.identity import IdentityProvider, User
from jupyter_server.utils import ensure_async
from tornado.httpclient import HTTPClientError
from traitlets import Dict

from jupyterlab_mlstudio.core.identity import local_user

from .aws_helpers import in_thread
from .domain_helpers import client

#: Each person's Jupyter token.
TOKENS = {"mia": "token-of-mia", "ola": "token-of-ola", "vic": "token-of-vic"}


class TeamIdentityProvider(IdentityProvider):
    """Jupyter's token login, plus one token per team member (``team_tokens``)."""

    team_tokens = Dict(config=True, help="Token → user name.")

    async def get_user(self, handler: Any) -> User | None:  # type: ignore[override]
        scheme, _, token = handler.request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() in ("token", "bearer") and token.strip() in self.team_tokens:
            # As Jupyter marks a token login (a token in a header needs no XSRF cookie).
            handler._token_authenticated = True
            return User(username=self.team_tokens[token.strip()])
        user = await ensure_async(super().get_user(handler))
        # The server's own token is the server's own user (the single-user admin).
        return None if user is None else User(username=local_user())


def team_config() -> dict[str, Any]:
    """``jp_server_config`` members that install the team's identity provider."""
    return {
        "identity_provider_class": TeamIdentityProvider,
        "TeamIdentityProvider": {"team_tokens": {token: name for name, token in TOKENS.items()}},
    }


@dataclass
class Person:
    """One person of the team: their token (REST, MLflow) and access key (AWS faces)."""

    name: str
    token: str
    key: str
    secret: str


async def make_team(sagemaker: Any, iam: Any) -> dict[str, Person]:
    """Profiles in the server's own domain: mia and ola (members), vic (viewer); a shared space
    ``team`` of mia and vic; a key each, made by the admin."""
    roles = {"mia": "member", "ola": "member", "vic": "viewer"}
    people: dict[str, Person] = {}
    for name, role in roles.items():
        await in_thread(
            sagemaker.create_user_profile,
            DomainId="d-default",
            UserProfileName=name,
            Tags=[{"Key": "mlstudio:role", "Value": role}],
        )
        made = (await in_thread(iam.create_access_key, UserName=name))["AccessKey"]
        people[name] = Person(name, TOKENS[name], made["AccessKeyId"], made["SecretAccessKey"])
    await in_thread(
        sagemaker.create_space,
        DomainId="d-default",
        SpaceName="team",
        OwnershipSettings={"OwnerUserProfileName": "mia"},
        SpaceSharingSettings={"SharingType": "Shared"},
        Tags=[{"Key": "mlstudio:members", "Value": "mia vic"}],
    )
    return people


def aws(person: Person, service: str, port: int, base_url: str) -> Any:
    """A boto3 client of ``service`` signed with ``person``'s key."""
    return client(service, port, base_url, person.key, person.secret)


async def call(
    jp_fetch: Any, token: str, method: str, *parts: str, body: Any = None, **params: Any
) -> tuple[int, Any]:
    """(status, decoded JSON body) of a request signed with ``token``; errors do not raise."""
    kwargs: dict[str, Any] = {"method": method, "headers": {"Authorization": f"token {token}"}}
    if params:
        kwargs["params"] = params
    if body is not None:
        kwargs["body"] = json.dumps(body)
    elif method in ("POST", "PUT", "PATCH"):
        kwargs["body"] = b""
    try:
        response = await jp_fetch(*parts, **kwargs)
    except HTTPClientError as error:
        assert error.response is not None
        try:
            return error.code, json.loads(error.response.body or b"null")
        except ValueError:
            return error.code, None
    return response.code, json.loads(response.body or b"null")
