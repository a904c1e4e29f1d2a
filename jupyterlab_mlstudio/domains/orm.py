"""Tables of domains, user profiles, spaces, apps and access keys.

Every table carries ``domain``, ``space`` and ``owner`` (``store.orm.Owned``) like every other
record, so membership filtering reads the same columns everywhere: a domain's ``domain`` is its
own id, a profile's ``space`` is its private space, a space's ``space`` is its own name.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..store.orm import ID_TYPE, Base, Owned
from .states import APP_MACHINE


class DomainRecord(Owned, Base):
    """One domain (``DomainId`` in ``domain``)."""

    __tablename__ = "domains"
    __table_args__ = (UniqueConstraint("domain"), UniqueConstraint("name"))

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(63))
    status: Mapped[str] = mapped_column(String(16))
    auth_mode: Mapped[str] = mapped_column(String(8))
    #: The create request's settings (``DefaultUserSettings``, ``DomainSettings``,
    #: ``DefaultSpaceSettings``, network members) as SageMaker shapes.
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: Made by the server itself for a single-user ``jupyter lab`` (cannot be deleted).
    implicit: Mapped[bool] = mapped_column(Boolean, default=False)
    creation_time: Mapped[int]
    last_modified_time: Mapped[int]


class UserProfileRecord(Owned, Base):
    """A user of a domain: ``name`` is the user name the hub and the faces know them by."""

    __tablename__ = "user_profiles"
    __table_args__ = (UniqueConstraint("domain", "name"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(63))
    role: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    #: ``UserSettings`` as SageMaker shapes (default image and instance type, idle timeouts).
    user_settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    creation_time: Mapped[int]
    last_modified_time: Mapped[int]


class SpaceRecord(Owned, Base):
    """A space (``name`` also in ``space``): private to its owner profile, or shared with
    ``members`` (profile names)."""

    __tablename__ = "spaces"
    __table_args__ = (UniqueConstraint("domain", "name"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(63))
    display_name: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    sharing_type: Mapped[str] = mapped_column(String(8))
    #: ``OwnershipSettings.OwnerUserProfileName``: the profile the space belongs to.
    owner_profile: Mapped[str] = mapped_column(String(63))
    members: Mapped[list[Any]] = mapped_column(default=list)
    space_settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    creation_time: Mapped[int]
    last_modified_time: Mapped[int]


class AppRecord(Owned, Base):
    """An app of a space (its JupyterLab server). Deleted apps stay listed, as SageMaker's do;
    a name is free again once its app is Deleted or Failed."""

    __tablename__ = "apps"
    __table_args__ = (Index(None, "domain", "space", "app_type", "name"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(63))
    app_type: Mapped[str] = mapped_column(String(32))
    arn: Mapped[str] = mapped_column(String(256))
    #: The profile that asked for it (the space's owner for a private space).
    user_profile: Mapped[str | None] = mapped_column(String(63), nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    failure_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    resource_spec: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: Where the app's server answers, once it does (the launcher says).
    url: Mapped[str | None] = mapped_column(String(1024), nullable=True)
    creation_time: Mapped[int]
    last_modified_time: Mapped[int]


APP_MACHINE.guard(AppRecord)


class AccessKeyRecord(Owned, Base):
    """An access key of a user profile (``owner`` is the profile's name). The secret is kept
    encrypted (``keys.KeyCipher``); it is shown once, when the key is made."""

    __tablename__ = "access_keys"
    __table_args__ = (UniqueConstraint("access_key_id"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    access_key_id: Mapped[str] = mapped_column(String(32))
    secret_ciphertext: Mapped[str] = mapped_column(Text)
    #: IAM's ``Active`` or ``Inactive``; an inactive key signs nothing.
    status: Mapped[str] = mapped_column(String(8))
    creation_time: Mapped[int]
    last_used_time: Mapped[int | None] = mapped_column(nullable=True)
    #: ``user`` for a key its user made (IAM's limit counts these), ``kernel`` for the one the
    #: server makes and gives the profile's kernels (see ``identity.py``).
    purpose: Mapped[str] = mapped_column(String(16), default="user")


class MlflowTokenRecord(Owned, Base):
    """A token of a user profile for the MLflow face (``owner`` is the profile's name). As with
    access keys, the secret is kept encrypted and shown once; the id half is what a request's
    token is looked up by."""

    __tablename__ = "mlflow_tokens"
    __table_args__ = (UniqueConstraint("token_id"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    token_id: Mapped[str] = mapped_column(String(32))
    secret_ciphertext: Mapped[str] = mapped_column(Text)
    #: ``Active`` or ``Inactive`` (revoked: it authenticates nothing).
    status: Mapped[str] = mapped_column(String(8))
    purpose: Mapped[str] = mapped_column(String(16), default="user")
    creation_time: Mapped[int]
    last_used_time: Mapped[int | None] = mapped_column(nullable=True)


class LoginLinkRecord(Owned, Base):
    """A one-time login link (``CreatePresigned*Url``): only the digest of its secret is kept;
    ``used_time`` is set by the one request that may use it."""

    __tablename__ = "login_links"
    __table_args__ = (UniqueConstraint("digest"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    digest: Mapped[str] = mapped_column(String(64))
    #: The hub user the link signs in, and the path (under the hub's address) it lands on.
    user_name: Mapped[str] = mapped_column(String(128))
    target: Mapped[str] = mapped_column(String(1024))
    expires_time: Mapped[int]
    used_time: Mapped[int | None] = mapped_column(nullable=True)
    creation_time: Mapped[int]


class NotebookInstanceRecord(Owned, Base):
    """A notebook instance (SageMaker's classic notebooks): a server of its owner's, started
    and stopped through the same launcher as spaces' apps."""

    __tablename__ = "notebook_instances"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(63))
    arn: Mapped[str] = mapped_column(String(256))
    status: Mapped[str] = mapped_column(String(16))
    failure_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    instance_type: Mapped[str] = mapped_column(String(64))
    #: The profile it runs for (its owner's, in the owner's domain).
    user_profile: Mapped[str] = mapped_column(String(63))
    #: CreateNotebookInstance's other members, described back as given.
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    url: Mapped[str | None] = mapped_column(String(1024), nullable=True)
    creation_time: Mapped[int]
    last_modified_time: Mapped[int]
