"""SageMaker's domain API through boto3: domains, user profiles, spaces and apps, with
SageMaker's validation, not-found and in-use answers, and a single-user server as a one-person
domain made with no set-up."""

from __future__ import annotations

from typing import Any

import pytest

from jupyterlab_mlstudio.core.identity import local_user
from jupyterlab_mlstudio.domains.service import profile_name_for

from .aws_helpers import in_thread
from .domain_helpers import ROLE, create_domain, error_of, server_sagemaker


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp) -> Any:
    return server_sagemaker(jp_http_port, jp_base_url, jp_serverapp)


async def test_a_single_user_server_is_a_one_person_domain_whose_app_is_the_server_itself(
    sagemaker, jp_serverapp
):
    # Given a plain single-user server, with no set-up at all
    me = profile_name_for(local_user())

    # Then it is a domain with its user as admin and that user's private space
    domains = (await in_thread(sagemaker.list_domains))["Domains"]
    assert [(d["DomainId"], d["Status"]) for d in domains] == [("d-default", "InService")]
    profiles = await in_thread(sagemaker.list_user_profiles, DomainIdEquals="d-default")
    assert [p["UserProfileName"] for p in profiles["UserProfiles"]] == [me]
    space = await in_thread(sagemaker.describe_space, DomainId="d-default", SpaceName="default")
    assert space["SpaceSharingSettings"] == {"SharingType": "Private"}
    assert space["OwnershipSettings"] == {"OwnerUserProfileName": me}
    services = jp_serverapp.web_app.settings["mlstudio.services"]
    assert services.domains.role("d-default", me) == "admin"

    # When the user creates the JupyterLab app of their own space, it is InService at once
    await in_thread(
        sagemaker.create_app,
        DomainId="d-default",
        SpaceName="default",
        AppType="JupyterLab",
        AppName="default",
        ResourceSpec={"InstanceType": "local"},
    )
    app = await in_thread(
        sagemaker.describe_app,
        DomainId="d-default",
        SpaceName="default",
        AppType="JupyterLab",
        AppName="default",
    )
    assert app["Status"] == "InService"
    assert app["ResourceSpec"] == {"InstanceType": "local"}
    assert app["AppArn"].endswith(":app/d-default/default/jupyterlab/default")

    # And its profile cannot be deleted while the app runs
    code, message = await error_of(
        sagemaker.delete_user_profile, DomainId="d-default", UserProfileName=me
    )
    assert code == "ResourceInUse" and "running apps" in message

    # When a shared space wants an app, it fails with the reason: a hub is needed
    await in_thread(
        sagemaker.create_space,
        DomainId="d-default",
        SpaceName="team",
        OwnershipSettings={"OwnerUserProfileName": me},
        SpaceSharingSettings={"SharingType": "Shared"},
    )
    await in_thread(
        sagemaker.create_app,
        DomainId="d-default",
        SpaceName="team",
        AppType="JupyterLab",
        AppName="default",
    )
    failed = await in_thread(
        sagemaker.describe_app,
        DomainId="d-default",
        SpaceName="team",
        AppType="JupyterLab",
        AppName="default",
    )
    assert failed["Status"] == "Failed"
    assert "needs JupyterHub" in failed["FailureReason"]

    # And deleting the own app leaves it Deleted (listed), the server keeps running
    await in_thread(
        sagemaker.delete_app,
        DomainId="d-default",
        SpaceName="default",
        AppType="JupyterLab",
        AppName="default",
    )
    listed = await in_thread(
        sagemaker.list_apps, DomainIdEquals="d-default", SpaceNameEquals="default"
    )
    assert [a["Status"] for a in listed["Apps"]] == ["Deleted"]
    # The server's own domain and space stay
    code, _ = await error_of(sagemaker.delete_domain, DomainId="d-default")
    assert code == "ValidationException"
    code, _ = await error_of(sagemaker.delete_space, DomainId="d-default", SpaceName="default")
    assert code == "ValidationException"


async def test_domains_are_created_described_listed_updated_and_deleted(sagemaker):
    # Given a new domain
    domain = await create_domain(
        sagemaker,
        "team-a",
        Tags=[{"Key": "project", "Value": "x"}],
        DefaultSpaceSettings={
            "JupyterLabAppSettings": {"DefaultResourceSpec": {"InstanceType": "local"}}
        },
    )
    assert domain.startswith("d-") and domain != "d-default"

    # Then it is described as created, InService, and listed with the server's own
    described = await in_thread(sagemaker.describe_domain, DomainId=domain)
    assert described["DomainName"] == "team-a"
    assert described["Status"] == "InService"
    assert described["AuthMode"] == "IAM"
    assert described["VpcId"] == "vpc-1"
    assert described["DefaultUserSettings"] == {"ExecutionRole": ROLE}
    assert described["DomainArn"].endswith(f":domain/{domain}")
    tags = await in_thread(sagemaker.list_tags, ResourceArn=described["DomainArn"])
    assert tags["Tags"] == [{"Key": "project", "Value": "x"}]
    names = [d["DomainName"] for d in (await in_thread(sagemaker.list_domains))["Domains"]]
    assert "team-a" in names and len(names) == 2
    first = await in_thread(sagemaker.list_domains, MaxResults=1)
    second = await in_thread(sagemaker.list_domains, MaxResults=1, NextToken=first["NextToken"])
    assert {first["Domains"][0]["DomainId"], second["Domains"][0]["DomainId"]} == {
        domain,
        "d-default",
    }

    # When its default user settings change, the description says so
    await in_thread(
        sagemaker.update_domain,
        DomainId=domain,
        DefaultUserSettings={
            "ExecutionRole": ROLE,
            "JupyterLabAppSettings": {"DefaultResourceSpec": {"InstanceType": "local"}},
        },
    )
    described = await in_thread(sagemaker.describe_domain, DomainId=domain)
    assert described["DefaultUserSettings"]["JupyterLabAppSettings"] == {
        "DefaultResourceSpec": {"InstanceType": "local"}
    }

    # And bad requests get SageMaker's answers
    assert (await error_of(sagemaker.describe_domain, DomainId="d-nothere"))[
        0
    ] == "ResourceNotFound"
    assert (await error_of(sagemaker.update_domain, DomainId="d-nothere"))[0] == "ResourceNotFound"
    code, _ = await error_of(
        sagemaker.create_domain,
        DomainName="team-a",
        AuthMode="IAM",
        DefaultUserSettings={},
        SubnetIds=["s"],
        VpcId="v",
    )
    assert code == "ResourceInUse"
    code, message = await error_of(
        sagemaker.create_domain, DomainName="-bad", AuthMode="IAM", DefaultUserSettings={}
    )
    assert code == "ValidationException" and "domainName" in message
    code, message = await error_of(
        sagemaker.create_domain, DomainName="sso", AuthMode="SSO", DefaultUserSettings={}
    )
    assert code == "ValidationException" and "AuthMode" in message
    code, message = await error_of(
        sagemaker.create_domain,
        DomainName="odd-type",
        AuthMode="IAM",
        DefaultUserSettings={
            "JupyterLabAppSettings": {"DefaultResourceSpec": {"InstanceType": "ml.nope.big"}}
        },
    )
    assert code == "ValidationException" and "ml.nope.big" in message

    # When it still has a user profile it cannot be deleted; once that is gone, it can
    await in_thread(sagemaker.create_user_profile, DomainId=domain, UserProfileName="ann")
    assert (await error_of(sagemaker.delete_domain, DomainId=domain))[0] == "ResourceInUse"
    await in_thread(sagemaker.delete_user_profile, DomainId=domain, UserProfileName="ann")
    await in_thread(sagemaker.delete_domain, DomainId=domain)
    assert (await error_of(sagemaker.describe_domain, DomainId=domain))[0] == "ResourceNotFound"
    assert (await error_of(sagemaker.delete_domain, DomainId=domain))[0] == "ResourceNotFound"


async def test_user_profiles_carry_a_role_and_a_private_space_and_go_with_it(
    sagemaker, jp_serverapp
):
    domain = await create_domain(sagemaker, "team-b")
    services = jp_serverapp.web_app.settings["mlstudio.services"]

    # When profiles are created with and without a role
    arn = (
        await in_thread(
            sagemaker.create_user_profile,
            DomainId=domain,
            UserProfileName="ann",
            Tags=[{"Key": "mlstudio:role", "Value": "admin"}],
            UserSettings={
                "JupyterLabAppSettings": {
                    "DefaultResourceSpec": {"InstanceType": "local"},
                    "AppLifecycleManagement": {"IdleSettings": {"IdleTimeoutInMinutes": 90}},
                }
            },
        )
    )["UserProfileArn"]
    await in_thread(sagemaker.create_user_profile, DomainId=domain, UserProfileName="bob")

    # Then each has its role and a private space it owns
    assert arn.endswith(f":user-profile/{domain}/ann")
    assert services.domains.role(domain, "ann") == "admin"
    assert services.domains.role(domain, "bob") == "member"
    described = await in_thread(
        sagemaker.describe_user_profile, DomainId=domain, UserProfileName="ann"
    )
    assert described["Status"] == "InService"
    lab = described["UserSettings"]["JupyterLabAppSettings"]
    assert lab["AppLifecycleManagement"]["IdleSettings"]["IdleTimeoutInMinutes"] == 90
    space = await in_thread(sagemaker.describe_space, DomainId=domain, SpaceName="bob-private")
    assert space["SpaceSharingSettings"] == {"SharingType": "Private"}
    assert space["OwnershipSettings"] == {"OwnerUserProfileName": "bob"}
    listed = await in_thread(
        sagemaker.list_user_profiles,
        DomainIdEquals=domain,
        UserProfileNameContains="an",
        SortBy="CreationTime",
        SortOrder="Ascending",
    )
    assert [p["UserProfileName"] for p in listed["UserProfiles"]] == ["ann"]

    # When a profile's settings change, the rest of its settings stay
    await in_thread(
        sagemaker.update_user_profile,
        DomainId=domain,
        UserProfileName="ann",
        UserSettings={"ExecutionRole": ROLE},
    )
    described = await in_thread(
        sagemaker.describe_user_profile, DomainId=domain, UserProfileName="ann"
    )
    assert described["UserSettings"]["ExecutionRole"] == ROLE
    assert "JupyterLabAppSettings" in described["UserSettings"]

    # Then bad requests get SageMaker's answers
    code, _ = await error_of(sagemaker.create_user_profile, DomainId=domain, UserProfileName="ann")
    assert code == "ResourceInUse"
    code, message = await error_of(
        sagemaker.create_user_profile,
        DomainId=domain,
        UserProfileName="cat",
        Tags=[{"Key": "mlstudio:role", "Value": "owner"}],
    )
    assert code == "ValidationException" and "mlstudio:role" in message
    code, _ = await error_of(
        sagemaker.create_user_profile, DomainId="d-nothere", UserProfileName="x"
    )
    assert code == "ResourceNotFound"
    for call in (sagemaker.describe_user_profile, sagemaker.delete_user_profile):
        assert (await error_of(call, DomainId=domain, UserProfileName="nobody"))[0] == (
            "ResourceNotFound"
        )
    code, _ = await error_of(sagemaker.create_user_profile, DomainId=domain, UserProfileName="b_c")
    assert code == "ValidationException"

    # When a profile owns a shared space it stays until the space goes; its private one goes
    # with it
    await in_thread(
        sagemaker.create_space,
        DomainId=domain,
        SpaceName="bobs-team",
        OwnershipSettings={"OwnerUserProfileName": "bob"},
        SpaceSharingSettings={"SharingType": "Shared"},
    )
    code, message = await error_of(
        sagemaker.delete_user_profile, DomainId=domain, UserProfileName="bob"
    )
    assert code == "ResourceInUse" and "bobs-team" in message
    await in_thread(sagemaker.delete_space, DomainId=domain, SpaceName="bobs-team")
    await in_thread(sagemaker.delete_user_profile, DomainId=domain, UserProfileName="bob")
    code, _ = await error_of(sagemaker.describe_space, DomainId=domain, SpaceName="bob-private")
    assert code == "ResourceNotFound"


async def test_spaces_are_private_or_shared_with_members_and_refuse_bad_settings(sagemaker):
    domain = await create_domain(sagemaker, "team-c")
    for name in ("ann", "bob", "cat"):
        await in_thread(sagemaker.create_user_profile, DomainId=domain, UserProfileName=name)

    # When a shared space names its members and another leaves them open
    await in_thread(
        sagemaker.create_space,
        DomainId=domain,
        SpaceName="pair",
        SpaceDisplayName="Ann and Bob",
        OwnershipSettings={"OwnerUserProfileName": "ann"},
        SpaceSharingSettings={"SharingType": "Shared"},
        Tags=[{"Key": "mlstudio:members", "Value": "bob"}],
        SpaceSettings={"JupyterLabAppSettings": {"DefaultResourceSpec": {"InstanceType": "local"}}},
    )

    # Then they are described and listed with their sharing and owner
    space = await in_thread(sagemaker.describe_space, DomainId=domain, SpaceName="pair")
    assert space["SpaceSharingSettings"] == {"SharingType": "Shared"}
    assert space["SpaceDisplayName"] == "Ann and Bob"
    assert space["SpaceArn"].endswith(f":space/{domain}/pair")
    listed = await in_thread(sagemaker.list_spaces, DomainIdEquals=domain, SpaceNameContains="pai")
    [summary] = listed["Spaces"]
    assert summary["SpaceSharingSettingsSummary"] == {"SharingType": "Shared"}
    assert summary["OwnershipSettingsSummary"] == {"OwnerUserProfileName": "ann"}
    all_spaces = await in_thread(sagemaker.list_spaces, DomainIdEquals=domain)
    assert len(all_spaces["Spaces"]) == 4  # three private spaces and the shared one

    # When it is updated, its display name and settings change
    await in_thread(
        sagemaker.update_space, DomainId=domain, SpaceName="pair", SpaceDisplayName="Pair"
    )
    space = await in_thread(sagemaker.describe_space, DomainId=domain, SpaceName="pair")
    assert space["SpaceDisplayName"] == "Pair"

    # Then bad requests get SageMaker's answers
    async def create(**params: Any) -> tuple[str, str]:
        return await error_of(sagemaker.create_space, DomainId=domain, **params)

    assert (await create(SpaceName="pair"))[0] == "ResourceInUse"
    code, message = await create(SpaceName="half", SpaceSharingSettings={"SharingType": "Shared"})
    assert code == "ValidationException" and "OwnershipSettings" in message
    code, message = await create(
        SpaceName="orphan",
        OwnershipSettings={"OwnerUserProfileName": "nobody"},
        SpaceSharingSettings={"SharingType": "Private"},
    )
    assert code == "ValidationException" and "nobody" in message
    code, message = await create(
        SpaceName="strangers",
        OwnershipSettings={"OwnerUserProfileName": "ann"},
        SpaceSharingSettings={"SharingType": "Shared"},
        Tags=[{"Key": "mlstudio:members", "Value": "bob zed"}],
    )
    assert code == "ValidationException" and "zed" in message
    code, _ = await create(
        SpaceName="bad-sharing",
        OwnershipSettings={"OwnerUserProfileName": "ann"},
        SpaceSharingSettings={"SharingType": "Public"},
    )
    assert code == "ValidationException"
    code, message = await create(SpaceName="code", SpaceSettings={"AppType": "CodeEditor"})
    assert code == "ValidationException" and "CodeEditor" in message
    code, _ = await error_of(sagemaker.describe_space, DomainId=domain, SpaceName="nothing")
    assert code == "ResourceNotFound"
    code, _ = await error_of(sagemaker.delete_space, DomainId=domain, SpaceName="nothing")
    assert code == "ResourceNotFound"
    code, _ = await error_of(sagemaker.create_space, DomainId="d-nothere", SpaceName="x")
    assert code == "ResourceNotFound"
