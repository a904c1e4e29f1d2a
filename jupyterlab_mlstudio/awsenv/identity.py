"""Who the caller is, as STS and IAM answer it: the studio's execution role, assumed by the
signed-in user (``GetCallerIdentity``), and that role (``GetRole``).

SageMaker notebooks ask these (``sagemaker.get_execution_role()``, the v2 SDK's
``default_bucket()`` naming, ``boto3.client("sts").get_caller_identity()``); kernels reach them
through ``AWS_ENDPOINT_URL_STS`` / ``AWS_ENDPOINT_URL_IAM`` (``environment.py``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ..core.errors import InvalidInput, NotFound
from .environment import ROLE_NAME

#: IAM's role-name rule.
_ROLE_NAME = re.compile(r"^[\w+=,.@-]{1,64}$")


@dataclass(frozen=True)
class CallerIdentity:
    """STS's answer: the assumed-role ARN of the user's session, its id and the account."""

    account: str
    arn: str
    user_id: str


@dataclass(frozen=True)
class Role:
    """IAM's description of the studio's execution role."""

    name: str
    arn: str
    role_id: str
    path: str = "/"


def _role_id(account: str) -> str:
    """A stable, IAM-shaped role id (``AROA`` + 17 characters) for the account's role."""
    digest = hashlib.sha256(f"{account}/{ROLE_NAME}".encode()).hexdigest().upper()
    return "AROA" + digest[:17]


def caller_identity(account: str, user: str) -> CallerIdentity:
    """The user's session of the execution role (SageMaker Studio's users are role sessions)."""
    session = re.sub(r"[^\w+=,.@-]", "-", user)[:64] or "user"
    return CallerIdentity(
        account=account,
        arn=f"arn:aws:sts::{account}:assumed-role/{ROLE_NAME}/{session}",
        user_id=f"{_role_id(account)}:{session}",
    )


def get_role(account: str, name: str) -> Role:
    """The execution role by its name; ``NotFound`` for any other (there is no other here)."""
    if not _ROLE_NAME.match(name):
        raise InvalidInput(f"Invalid role name {name!r}", field="RoleName")
    if name != ROLE_NAME:
        raise NotFound(f"The role with name {name} cannot be found.")
    return Role(
        name=ROLE_NAME, arn=f"arn:aws:iam::{account}:role/{ROLE_NAME}", role_id=_role_id(account)
    )
