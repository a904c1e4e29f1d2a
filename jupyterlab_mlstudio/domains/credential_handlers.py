"""REST handlers of the signed-in user's own credentials: access keys for the AWS faces and
tokens for the MLflow face (``/mlstudio/api/v1/credentials...``).

A secret is in the answer of the request that makes it, and nowhere after: lists carry ids,
states and times. Deleting a key or token revokes it at once (every request to the faces
looks it up in the store).
"""

from __future__ import annotations

from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.handlers import MLStudioHandler
from ..core.models import ApiModel
from ..core.openapi import Route, operation
from .service import profile_name_for

TAGS = ("credentials",)


class AccessKeyItem(ApiModel):
    """An access key as listed (no secret)."""

    access_key_id: str
    status: str
    #: ``user`` (made by its user) or ``kernel`` (made by the server for the user's kernels).
    purpose: str
    creation_time: int
    last_used_time: int | None = None


class NewAccessKeyItem(AccessKeyItem):
    """A key just made: its secret, shown this once."""

    secret_access_key: str


class MlflowTokenItem(ApiModel):
    """An MLflow token as listed (its id, no secret)."""

    token_id: str
    status: str
    purpose: str
    creation_time: int
    last_used_time: int | None = None


class NewMlflowTokenItem(MlflowTokenItem):
    """A token just made: the whole token, shown this once."""

    token: str


class Credentials(ApiModel):
    """The caller's profile and its credentials."""

    domain: str
    user_profile: str
    access_keys: list[AccessKeyItem]
    mlflow_tokens: list[MlflowTokenItem]


class _Own(MLStudioHandler):
    auth_resource = "mlstudio:credentials"

    @property
    def profile(self) -> tuple[str, str]:
        context = self.request_context
        return context.domain, profile_name_for(context.owner)


def _listed(model: type[ApiModel], made: Any) -> Any:
    """``made`` (a service's dataclass) as the API ``model``: the fields the model declares."""
    return model.model_validate(made, from_attributes=True)


class CredentialsHandler(_Own):
    """``GET /mlstudio/api/v1/credentials``: the caller's access keys and MLflow tokens."""

    @operation("List your own access keys and MLflow tokens", response=Credentials, tags=TAGS)
    @web.authenticated
    @authorized
    async def get(self) -> None:
        context = self.request_context
        domain, profile = self.profile
        keys = await self.call(self.services.access_keys.list, context, domain, profile)
        tokens = await self.call(self.services.mlflow_tokens.list, context, domain, profile)
        self.reply(
            Credentials(
                domain=domain,
                user_profile=profile,
                access_keys=[_listed(AccessKeyItem, key) for key in keys],
                mlflow_tokens=[_listed(MlflowTokenItem, token) for token in tokens],
            )
        )


def _credential_handlers(
    service: str, path: str, noun: str, made: type[ApiModel], create_summary: str
) -> tuple[type[_Own], type[_Own]]:
    """The (collection, item) handlers of one kind of credential: ``POST`` on the collection
    makes one (its secret shown in that answer only), ``DELETE`` on the item revokes it at
    once. ``service`` names the ``Services`` attribute (``create``/``delete``), ``path`` the
    route under ``/credentials``, ``made`` the answer of ``POST``."""

    class Collection(_Own):
        @operation(
            create_summary, response=made, status=201, errors=(401, 403, 404, 409), tags=TAGS
        )
        @web.authenticated
        @authorized
        async def post(self) -> None:
            domain, profile = self.profile
            created = await self.call(
                getattr(self.services, service).create, self.request_context, domain, profile
            )
            self.reply(_listed(made, created), 201)

    class Item(_Own):
        @operation(
            f"Revoke (delete) one of your {noun}s", status=204, errors=(401, 403, 404), tags=TAGS
        )
        @web.authenticated
        @authorized
        async def delete(self, **parameters: str) -> None:
            (secret_id,) = parameters.values()  # the route's one parameter
            domain, profile = self.profile
            await self.call(
                getattr(self.services, service).delete,
                self.request_context,
                domain,
                profile,
                secret_id,
            )
            self.reply(None, 204)

    base = "".join(word.capitalize() for word in noun.split())
    Collection.__name__ = Collection.__qualname__ = f"{base}sHandler"
    Collection.__doc__ = f"``POST /mlstudio/api/v1/credentials/{path}``: a new {noun} (shown once)."
    Item.__name__ = Item.__qualname__ = f"{base}Handler"
    Item.__doc__ = f"``DELETE /mlstudio/api/v1/credentials/{path}/{{id}}``: revoke a {noun}."
    return Collection, Item


AccessKeysHandler, AccessKeyHandler = _credential_handlers(
    "access_keys",
    "access-keys",
    "access key",
    NewAccessKeyItem,
    "Create an access key for the AWS faces (its secret is shown only in this answer)",
)
MlflowTokensHandler, MlflowTokenHandler = _credential_handlers(
    "mlflow_tokens",
    "mlflow-tokens",
    "MLflow token",
    NewMlflowTokenItem,
    "Create a token for the MLflow face (shown only in this answer)",
)


ROUTES = [
    Route("/credentials", CredentialsHandler),
    Route("/credentials/access-keys", AccessKeysHandler),
    Route("/credentials/access-keys/{key_id}", AccessKeyHandler),
    Route("/credentials/mlflow-tokens", MlflowTokensHandler),
    Route("/credentials/mlflow-tokens/{token_id}", MlflowTokenHandler),
]
