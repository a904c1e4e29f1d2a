"""REST handlers of the signed-in user's own credentials: access keys for the AWS faces and
tokens for the MLflow face (``/mlstudio/api/v1/credentials...``).

A secret is in the answer of the request that makes it, and nowhere after: lists carry ids,
states and times. Deleting a key or token revokes it at once (every request to the faces
looks it up in the store).
"""

from __future__ import annotations

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
                access_keys=[
                    AccessKeyItem(
                        access_key_id=key.access_key_id,
                        status=key.status,
                        purpose=key.purpose,
                        creation_time=key.creation_time,
                        last_used_time=key.last_used_time,
                    )
                    for key in keys
                ],
                mlflow_tokens=[
                    MlflowTokenItem(
                        token_id=token.token_id,
                        status=token.status,
                        purpose=token.purpose,
                        creation_time=token.creation_time,
                        last_used_time=token.last_used_time,
                    )
                    for token in tokens
                ],
            )
        )


class AccessKeysHandler(_Own):
    """``POST /mlstudio/api/v1/credentials/access-keys``: a new access key (secret once)."""

    @operation(
        "Create an access key for the AWS faces (its secret is shown only in this answer)",
        response=NewAccessKeyItem,
        status=201,
        errors=(401, 403, 404, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self) -> None:
        domain, profile = self.profile
        key = await self.call(
            self.services.access_keys.create, self.request_context, domain, profile
        )
        self.reply(
            NewAccessKeyItem(
                access_key_id=key.access_key_id,
                secret_access_key=key.secret_access_key,
                status=key.status,
                purpose=key.purpose,
                creation_time=key.creation_time,
            ),
            201,
        )


class AccessKeyHandler(_Own):
    """``DELETE /mlstudio/api/v1/credentials/access-keys/{key_id}``: revoke a key at once."""

    @operation(
        "Revoke (delete) one of your access keys", status=204, errors=(401, 403, 404), tags=TAGS
    )
    @web.authenticated
    @authorized
    async def delete(self, key_id: str) -> None:
        domain, profile = self.profile
        await self.call(
            self.services.access_keys.delete, self.request_context, domain, profile, key_id
        )
        self.reply(None, 204)


class MlflowTokensHandler(_Own):
    """``POST /mlstudio/api/v1/credentials/mlflow-tokens``: a new MLflow token (shown once)."""

    @operation(
        "Create a token for the MLflow face (shown only in this answer)",
        response=NewMlflowTokenItem,
        status=201,
        errors=(401, 403, 404, 409),
        tags=TAGS,
    )
    @web.authenticated
    @authorized
    async def post(self) -> None:
        domain, profile = self.profile
        token = await self.call(
            self.services.mlflow_tokens.create, self.request_context, domain, profile
        )
        self.reply(
            NewMlflowTokenItem(
                token_id=token.token_id,
                token=token.token,
                status=token.status,
                purpose=token.purpose,
                creation_time=token.creation_time,
            ),
            201,
        )


class MlflowTokenHandler(_Own):
    """``DELETE /mlstudio/api/v1/credentials/mlflow-tokens/{token_id}``: revoke a token."""

    @operation(
        "Revoke (delete) one of your MLflow tokens", status=204, errors=(401, 403, 404), tags=TAGS
    )
    @web.authenticated
    @authorized
    async def delete(self, token_id: str) -> None:
        domain, profile = self.profile
        await self.call(
            self.services.mlflow_tokens.delete, self.request_context, domain, profile, token_id
        )
        self.reply(None, 204)


ROUTES = [
    Route("/credentials", CredentialsHandler),
    Route("/credentials/access-keys", AccessKeysHandler),
    Route("/credentials/access-keys/{key_id}", AccessKeyHandler),
    Route("/credentials/mlflow-tokens", MlflowTokensHandler),
    Route("/credentials/mlflow-tokens/{token_id}", MlflowTokenHandler),
]
