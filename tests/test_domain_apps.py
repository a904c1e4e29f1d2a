"""A domain's apps on a hub: they follow what the hub's launcher reports, and hold their
space and user profile while they run."""

from __future__ import annotations

from typing import Any

import pytest

from .aws_helpers import in_thread
from .domain_helpers import HeldLauncher, create_domain, error_of, server_sagemaker


@pytest.fixture
def sagemaker(jp_fetch, jp_http_port, jp_base_url, jp_serverapp) -> Any:
    return server_sagemaker(jp_http_port, jp_base_url, jp_serverapp)


async def test_apps_follow_their_launcher_and_hold_their_space_and_profile_while_running(
    sagemaker, jp_serverapp
):
    # Given a domain on a hub (its launcher starts servers when it reports them)
    services = jp_serverapp.web_app.settings["mlstudio.services"]
    hub = HeldLauncher()
    services.apps.launcher = hub
    domain = await create_domain(
        sagemaker,
        "team-d",
        DefaultUserSettings={
            "JupyterLabAppSettings": {
                "DefaultResourceSpec": {"InstanceType": "local"},
                "AppLifecycleManagement": {"IdleSettings": {"IdleTimeoutInMinutes": 120}},
            }
        },
    )
    await in_thread(sagemaker.create_user_profile, DomainId=domain, UserProfileName="ann")
    app = {
        "DomainId": domain,
        "SpaceName": "ann-private",
        "AppType": "JupyterLab",
        "AppName": "default",
    }

    # When an app of Ann's private space is created, it is Pending until the hub reports
    arn = (await in_thread(sagemaker.create_app, **app))["AppArn"]
    assert (await in_thread(sagemaker.describe_app, **app))["Status"] == "Pending"
    [launch] = hub.started
    assert (launch.space, launch.space_owner, launch.shared) == ("ann-private", "ann", False)
    assert launch.instance_type == "local"  # from the domain's default user settings
    assert launch.idle_timeout_minutes == 120

    # Then a second app of the space is over the limit, and the same name is in use
    code, _ = await error_of(sagemaker.create_app, **app)
    assert code == "ResourceInUse"
    code, message = await error_of(sagemaker.create_app, **{**app, "AppName": "second"})
    assert code == "ResourceLimitExceeded" and "one JupyterLab app" in message

    # When the hub reports the server up, the app is InService with its address
    assert hub.reports is not None
    await in_thread(hub.reports.running, arn, "http://hub/user/ann/")
    assert (await in_thread(sagemaker.describe_app, **app))["Status"] == "InService"

    # Then neither its profile nor its space can be deleted, nor the space's settings changed
    code, _ = await error_of(sagemaker.delete_user_profile, DomainId=domain, UserProfileName="ann")
    assert code == "ResourceInUse"
    code, _ = await error_of(sagemaker.delete_space, DomainId=domain, SpaceName="ann-private")
    assert code == "ResourceInUse"
    code, _ = await error_of(
        sagemaker.update_space,
        DomainId=domain,
        SpaceName="ann-private",
        SpaceSettings={"JupyterLabAppSettings": {}},
    )
    assert code == "ResourceInUse"

    # When it is deleted, it is Deleting until the hub reports it stopped, then Deleted
    await in_thread(sagemaker.delete_app, **app)
    assert (await in_thread(sagemaker.describe_app, **app))["Status"] == "Deleting"
    assert (await error_of(sagemaker.delete_app, **app))[0] == "ResourceInUse"
    assert [stopped.arn for stopped in hub.stopping] == [arn]
    await in_thread(hub.reports.running, arn, "http://late/")  # a late report changes nothing
    await in_thread(hub.reports.stopped, arn)
    assert (await in_thread(sagemaker.describe_app, **app))["Status"] == "Deleted"
    assert (await error_of(sagemaker.delete_app, **app))[0] == "ResourceNotFound"

    # Then the profile can go
    await in_thread(sagemaker.delete_user_profile, DomainId=domain, UserProfileName="ann")

    # And bad app requests get SageMaker's answers
    code, message = await error_of(
        sagemaker.create_app,
        DomainId=domain,
        UserProfileName="ann",
        AppType="JupyterServer",
        AppName="default",
    )
    assert code == "ValidationException" and "JupyterServer" in message
    code, _ = await error_of(
        sagemaker.create_app,
        DomainId=domain,
        SpaceName="gone",
        AppType="JupyterLab",
        AppName="default",
    )
    assert code == "ResourceNotFound"
    code, message = await error_of(
        sagemaker.create_app,
        DomainId="d-default",
        SpaceName="default",
        AppType="JupyterLab",
        AppName="big",
        ResourceSpec={"InstanceType": "ml.nope.big"},
    )
    assert code == "ValidationException" and "ml.nope.big" in message
    code, _ = await error_of(
        sagemaker.describe_app, DomainId=domain, SpaceName="x", AppType="JupyterLab", AppName="no"
    )
    assert code == "ResourceNotFound"
    listed = await in_thread(sagemaker.list_apps, DomainIdEquals=domain)
    assert [(a["AppName"], a["Status"]) for a in listed["Apps"]] == [("default", "Deleted")]
