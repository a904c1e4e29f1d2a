"""CreateApp's ResourceSpec reaches the app's server: the hub's launcher asks for the server
with the spec's image and instance type, the spawner starts it under the type's limits with
that type as its default and that image as its default kernel image, and a server so started
offers new notebooks that image's kernel."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest

from jupyterlab_mlstudio.compute.catalogue import DEFAULT_INSTANCE_TYPES
from jupyterlab_mlstudio.hub.domain import MLStudioDomain
from jupyterlab_mlstudio.hub.launcher import spawn_options
from jupyterlab_mlstudio.hub.spawner import TrialSpawner

from .aws_helpers import in_thread
from .domain_helpers import HeldLauncher, create_domain, server_sagemaker

IMAGE = "default"


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    jp_server_config.setdefault("MLStudioApp", {})["default_kernel_image"] = IMAGE
    return jp_server_config


async def test_an_apps_image_and_instance_type_start_its_server(
    jp_fetch, jp_http_port, jp_base_url, jp_serverapp, tmp_path
):
    # Given a domain on a hub (its launcher holds the start) and a profile
    services = jp_serverapp.web_app.settings["mlstudio.services"]
    hub = HeldLauncher()
    services.apps.launcher = hub
    sagemaker = server_sagemaker(jp_http_port, jp_base_url, jp_serverapp)
    domain = await create_domain(sagemaker, "imaging")
    await in_thread(sagemaker.create_user_profile, DomainId=domain, UserProfileName="ann")
    image_arn = f"arn:aws:sagemaker:us-east-1:000000000000:image/{IMAGE}"

    # When an app is created with an image and an instance type
    await in_thread(
        sagemaker.create_app,
        DomainId=domain,
        SpaceName="ann-private",
        AppType="JupyterLab",
        AppName="default",
        ResourceSpec={"SageMakerImageArn": image_arn, "InstanceType": "ml.t3.medium"},
    )

    # Then the launcher is asked for a server of that image and type
    [launch] = hub.started
    assert (launch.image_arn, launch.instance_type) == (image_arn, "ml.t3.medium")

    # And the hub's spawner, given what the launcher sends, starts it with the image as its
    # default kernel image, the type as its default type, under the type's limits
    spawner = TrialSpawner(
        user=SimpleNamespace(name="ann", admin=False, url="/user/ann/", escaped_name="ann"),
        hub=SimpleNamespace(base_url="/hub/", api_url="http://127.0.0.1:8081/hub/api"),
        domain=MLStudioDomain(state_dir=str(tmp_path)),
    )
    spawner.user_options = json.loads(json.dumps(spawn_options(launch)))  # as the hub keeps it
    args = spawner.get_args()
    assert f"--MLStudioApp.default_kernel_image={IMAGE}" in args
    assert "--InstanceTypeCatalogue.default_instance_type=ml.t3.medium" in args
    assert f"--MLStudioApp.default_domain={domain}" in args
    assert "--MLStudioApp.default_space=ann-private" in args
    medium = next(item for item in DEFAULT_INSTANCE_TYPES if item["name"] == "ml.t3.medium")
    limits = spawner.instance_limits()
    assert limits is not None and limits[1] == int(medium["memory_gib"] * 1024**3)

    # And a server started with a default kernel image (this one) offers new notebooks that
    # image's kernel, and says so in its kernel profiles
    specs = json.loads((await jp_fetch("api", "kernelspecs")).body)
    assert specs["default"] == f"mlstudio-{IMAGE}-python3"
    assert specs["default"] in specs["kernelspecs"]
    profiles = json.loads((await jp_fetch("mlstudio", "api", "v1", "kernels", "profiles")).body)
    assert profiles["default_image"] == IMAGE
