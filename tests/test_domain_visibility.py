"""A domain's own records by membership: members and viewers see their own user profile, the
spaces they belong to and those spaces' apps and notebook instances; admins see all of the
domain. What a caller does not see answers exactly as what never was, on the AWS face and REST;
names stay unique account-wide, and a clash says nothing but that the name is taken."""

from __future__ import annotations

import io
import tarfile
from typing import Any

import pytest

from jupyterlab_mlstudio.core.identity import local_user
from jupyterlab_mlstudio.domains.service import profile_name_for

from .aws_helpers import in_thread
from .domain_helpers import ROLE, HeldLauncher, client, error_of
from .team_helpers import aws, call, make_team, team_config

DOMAIN = "d-default"


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    jp_server_config["ServerApp"].update(team_config())
    return jp_server_config


@pytest.fixture
def admin(jp_fetch, jp_http_port, jp_base_url, jp_serverapp) -> Any:
    token = jp_serverapp.identity_provider.token
    return client("sagemaker", jp_http_port, jp_base_url, "tester", token)


@pytest.fixture
def make_people(admin, jp_http_port, jp_base_url, jp_serverapp) -> Any:
    """Makes the team; each person with their sagemaker client."""

    async def made() -> dict[str, Any]:
        token = jp_serverapp.identity_provider.token
        iam = client("iam", jp_http_port, jp_base_url, "tester", token)
        people = await make_team(admin, iam)
        return {
            name: (person, aws(person, "sagemaker", jp_http_port, jp_base_url))
            for name, person in people.items()
        }

    return made


async def test_members_see_their_profile_spaces_and_apps_and_admins_see_the_domain(
    admin, make_people, services, jp_fetch
):
    team = await make_people()
    (mia_person, mia), (ola_person, ola), (_, vic) = team["mia"], team["ola"], team["vic"]
    me = profile_name_for(local_user())

    # Profiles: each member sees their own, the admin everyone's
    async def profiles(sagemaker: Any) -> set[str]:
        found = await in_thread(sagemaker.list_user_profiles, DomainIdEquals=DOMAIN)
        return {p["UserProfileName"] for p in found["UserProfiles"]}

    assert await profiles(mia) == {"mia"}
    assert await profiles(vic) == {"vic"}
    assert await profiles(admin) == {me, "mia", "ola", "vic"}
    assert (await in_thread(mia.describe_user_profile, DomainId=DOMAIN, UserProfileName="mia"))[
        "UserProfileName"
    ] == "mia"
    for hidden in ("ola", me):
        never = await error_of(
            mia.describe_user_profile, DomainId=DOMAIN, UserProfileName="never-was"
        )
        got = await error_of(mia.describe_user_profile, DomainId=DOMAIN, UserProfileName=hidden)
        assert never[0] == got[0] == "ResourceNotFound"
        assert got[1] == never[1].replace("never-was", hidden)

    # Spaces: their private one and the shared ones that list them
    async def spaces(sagemaker: Any) -> set[str]:
        found = await in_thread(sagemaker.list_spaces, DomainIdEquals=DOMAIN)
        return {s["SpaceName"] for s in found["Spaces"]}

    assert await spaces(mia) == {"mia-private", "team"}
    assert await spaces(vic) == {"vic-private", "team"}
    assert await spaces(ola) == {"ola-private"}
    assert {"default", "mia-private", "ola-private", "team"} <= await spaces(admin)
    team_space = await in_thread(vic.describe_space, DomainId=DOMAIN, SpaceName="team")
    assert team_space["SpaceSharingSettings"] == {"SharingType": "Shared"}
    for caller, hidden in ((ola, "team"), (ola, "mia-private"), (mia, "default")):
        for operation in (caller.describe_space, caller.delete_space, caller.update_space):
            never = await error_of(operation, DomainId=DOMAIN, SpaceName="never-was")
            got = await error_of(operation, DomainId=DOMAIN, SpaceName=hidden)
            assert got[0] == never[0] == "ResourceNotFound", (operation, hidden)
            assert got[1] == never[1].replace("never-was", hidden)

    # Writes: a member makes spaces and apps as themself only, changes spaces they belong to,
    # deletes only their own; a viewer writes nothing
    code, message = await error_of(
        mia.create_space,
        DomainId=DOMAIN,
        SpaceName="olas-now",
        OwnershipSettings={"OwnerUserProfileName": "ola"},
        SpaceSharingSettings={"SharingType": "Private"},
    )
    assert code == "AccessDeniedException" and "must be mia" in message
    await in_thread(
        ola.create_space,
        DomainId=DOMAIN,
        SpaceName="ola-open",
        OwnershipSettings={"OwnerUserProfileName": "ola"},
        SpaceSharingSettings={"SharingType": "Shared"},
    )
    await in_thread(mia.update_space, DomainId=DOMAIN, SpaceName="ola-open", SpaceDisplayName="o")
    code, message = await error_of(mia.delete_space, DomainId=DOMAIN, SpaceName="ola-open")
    assert code == "AccessDeniedException" and "ola's" in message
    for operation in (vic.update_space, vic.delete_space):
        code, _ = await error_of(operation, DomainId=DOMAIN, SpaceName="team")
        assert code == "AccessDeniedException"
    code, _ = await error_of(
        mia.update_user_profile, DomainId=DOMAIN, UserProfileName="ola", UserSettings={}
    )
    assert code == "AccessDeniedException"

    # Apps: those of the spaces one belongs to
    app = {"DomainId": DOMAIN, "SpaceName": "team", "AppType": "JupyterLab", "AppName": "lab"}
    services.apps.launcher = HeldLauncher()  # a hub that has not answered yet: Pending
    await in_thread(mia.create_app, **app)
    code, message = await error_of(
        mia.create_app, **{**app, "SpaceName": "mia-private", "UserProfileName": "ola"}
    )
    assert code == "AccessDeniedException" and "must be mia" in message
    for caller in (mia, vic, admin):
        listed = await in_thread(caller.list_apps, DomainIdEquals=DOMAIN)
        assert [(a["SpaceName"], a["AppName"]) for a in listed["Apps"]] == [("team", "lab")]
        assert (await in_thread(caller.describe_app, **app))["AppName"] == "lab"
    assert (await in_thread(ola.list_apps, DomainIdEquals=DOMAIN))["Apps"] == []
    for operation in (ola.describe_app, ola.delete_app, ola.create_app):
        never = await error_of(operation, **{**app, "SpaceName": "never-was"})
        got = await error_of(operation, **app)
        assert got[0] == never[0] == "ResourceNotFound", operation
        assert got[1] == never[1].replace("never-was", "team")

    # REST: the resource overview shows Mia her running app, Ola nothing, and only an admin
    # everyone's
    async def running(token: str, scope: str) -> tuple[int, list[str]]:
        status, body = await call(
            jp_fetch, token, "GET", "mlstudio", "api", "v1", "resources", scope=scope
        )
        found = [r["id"] for r in body["resources"] if r["kind"] == "app"] if status == 200 else []
        return status, found

    assert await running(mia_person.token, "mine") == (200, ["team/JupyterLab/lab"])
    assert await running(ola_person.token, "mine") == (200, [])
    assert (await running(ola_person.token, "everyone"))[0] == 403
    await in_thread(mia.delete_app, **app)
    assert (await in_thread(mia.describe_app, **app))["Status"] == "Deleting"


async def test_notebook_instances_are_their_spaces_and_names_clash_saying_only_so(
    admin, make_people, jp_root_dir
):
    team = await make_people()
    (_, mia), (_, ola), (_, vic) = team["mia"], team["ola"], team["vic"]
    name = {"NotebookInstanceName": "mias-notes"}
    await in_thread(mia.create_notebook_instance, **name, InstanceType="ml.t3.medium", RoleArn=ROLE)

    # Mia and the admin see it; Ola and Vic (not of Mia's private space) do not
    for caller, sees in ((mia, True), (admin, True), (ola, False), (vic, False)):
        listed = (await in_thread(caller.list_notebook_instances))["NotebookInstances"]
        assert ([i["NotebookInstanceName"] for i in listed] == ["mias-notes"]) is sees
    assert (await in_thread(mia.describe_notebook_instance, **name))["NotebookInstanceName"] == (
        "mias-notes"
    )
    for operation in (
        ola.describe_notebook_instance,
        ola.stop_notebook_instance,
        ola.start_notebook_instance,
        ola.delete_notebook_instance,
        ola.create_presigned_notebook_instance_url,
    ):
        never = await error_of(operation, NotebookInstanceName="never-was")
        assert await error_of(operation, **name) == never, operation
    # The admin may start anyone's (it fails again: a hub is needed); Mia deletes her own
    await in_thread(admin.start_notebook_instance, **name)
    await in_thread(mia.delete_notebook_instance, **name)

    # Names are the account's: a name another space holds is taken, and the answer says only
    # that (never whose it is or where)
    await in_thread(mia.create_notebook_instance, **name, InstanceType="ml.t3.medium", RoleArn=ROLE)
    code, message = await error_of(
        ola.create_notebook_instance, **name, InstanceType="ml.t3.medium", RoleArn=ROLE
    )
    assert code == "ValidationException" and "duplicate" in message
    path = jp_root_dir / "model.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("model.json")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"{}"))
    model = {
        "ModelName": "churn",
        "ExecutionRoleArn": "arn:aws:iam::000000000000:role/mlstudio",
        "PrimaryContainer": {"Image": "default", "ModelDataUrl": f"file://{path}"},
    }
    await in_thread(mia.create_model, **model)
    code, message = await error_of(ola.create_model, **model)
    assert code == "ValidationException" and "already existing" in message
    await in_thread(
        mia.create_space,
        DomainId=DOMAIN,
        SpaceName="corner",
        OwnershipSettings={"OwnerUserProfileName": "mia"},
        SpaceSharingSettings={"SharingType": "Private"},
    )
    code, space_message = await error_of(
        ola.create_space,
        DomainId=DOMAIN,
        SpaceName="corner",
        OwnershipSettings={"OwnerUserProfileName": "ola"},
        SpaceSharingSettings={"SharingType": "Private"},
    )
    assert code == "ResourceInUse" and "already exists" in space_message
    for said in (message, space_message):
        assert "mia" not in said and "private" not in said, said
