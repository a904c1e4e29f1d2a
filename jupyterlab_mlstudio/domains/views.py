"""ARNs of domain resources and their records as SageMaker's describe and list shapes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from ..core.clock import ms_to_datetime
from .orm import AppRecord, DomainRecord, SpaceRecord, UserProfileRecord

#: Suffix of the private space made with each profile.
PRIVATE_SUFFIX = "-private"
_NAME_LIMIT = 63


@dataclass(frozen=True)
class Arns:
    """ARNs in one region and account."""

    region: str
    account: str

    def arn(self, kind: str, name: str) -> str:
        return f"arn:aws:sagemaker:{self.region}:{self.account}:{kind}/{name}"

    def domain(self, domain: str) -> str:
        return self.arn("domain", domain)

    def profile(self, domain: str, name: str) -> str:
        return self.arn("user-profile", f"{domain}/{name}")

    def space(self, domain: str, name: str) -> str:
        return self.arn("space", f"{domain}/{name}")

    def app(self, domain: str, space: str, app_type: str, name: str) -> str:
        return self.arn("app", f"{domain}/{space}/{app_type.lower()}/{name}")


def private_space_name(profile: str) -> str:
    """The name of ``profile``'s private space: ``<profile>-private``, shortened with a digest
    when that would pass SageMaker's 63 characters."""
    name = profile + PRIVATE_SUFFIX
    if len(name) <= _NAME_LIMIT:
        return name
    digest = hashlib.sha256(profile.encode()).hexdigest()[:8]
    keep = _NAME_LIMIT - len(PRIVATE_SUFFIX) - len(digest) - 1
    return f"{profile[:keep].rstrip('-')}-{digest}{PRIVATE_SUFFIX}"


def domain_url(base_url: str, domain: str) -> str | None:
    return f"{base_url.rstrip('/')}/lab?domain={domain}" if base_url else None


def domain_summary(record: DomainRecord, arns: Arns, base_url: str) -> dict[str, Any]:
    return {
        "DomainArn": arns.domain(record.domain),
        "DomainId": record.domain,
        "DomainName": record.name,
        "Status": record.status,
        "CreationTime": ms_to_datetime(record.creation_time),
        "LastModifiedTime": ms_to_datetime(record.last_modified_time),
        "Url": domain_url(base_url, record.domain),
    }


def domain_description(record: DomainRecord, arns: Arns, base_url: str) -> dict[str, Any]:
    return {
        **domain_summary(record, arns, base_url),
        "AuthMode": record.auth_mode,
        **record.settings,
    }


def profile_summary(record: UserProfileRecord) -> dict[str, Any]:
    return {
        "DomainId": record.domain,
        "UserProfileName": record.name,
        "Status": record.status,
        "CreationTime": ms_to_datetime(record.creation_time),
        "LastModifiedTime": ms_to_datetime(record.last_modified_time),
    }


def profile_description(record: UserProfileRecord, arns: Arns) -> dict[str, Any]:
    return {
        **profile_summary(record),
        "UserProfileArn": arns.profile(record.domain, record.name),
        "UserSettings": record.user_settings or None,
    }


def space_summary(record: SpaceRecord) -> dict[str, Any]:
    settings = record.space_settings or {}
    return {
        "DomainId": record.domain,
        "SpaceName": record.name,
        "Status": record.status,
        "CreationTime": ms_to_datetime(record.creation_time),
        "LastModifiedTime": ms_to_datetime(record.last_modified_time),
        "SpaceSettingsSummary": {"AppType": settings.get("AppType", "JupyterLab")},
        "SpaceSharingSettingsSummary": {"SharingType": record.sharing_type},
        "OwnershipSettingsSummary": {"OwnerUserProfileName": record.owner_profile},
        "SpaceDisplayName": record.display_name,
    }


def space_description(record: SpaceRecord, arns: Arns, base_url: str) -> dict[str, Any]:
    summary = space_summary(record)
    for key in ("SpaceSettingsSummary", "SpaceSharingSettingsSummary", "OwnershipSettingsSummary"):
        summary.pop(key)
    return {
        **summary,
        "SpaceArn": arns.space(record.domain, record.name),
        "SpaceSettings": record.space_settings or None,
        "SpaceSharingSettings": {"SharingType": record.sharing_type},
        "OwnershipSettings": {"OwnerUserProfileName": record.owner_profile},
        "Url": domain_url(base_url, record.domain),
    }


def app_summary(record: AppRecord) -> dict[str, Any]:
    return {
        "DomainId": record.domain,
        "UserProfileName": record.user_profile,
        "SpaceName": record.space,
        "AppType": record.app_type,
        "AppName": record.name,
        "Status": record.status,
        "CreationTime": ms_to_datetime(record.creation_time),
        "ResourceSpec": record.resource_spec or None,
    }


def app_description(record: AppRecord) -> dict[str, Any]:
    return {
        **app_summary(record),
        "AppArn": record.arn,
        "FailureReason": record.failure_reason,
        "LastHealthCheckTimestamp": ms_to_datetime(record.last_modified_time),
    }
