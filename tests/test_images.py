"""The image catalogue through boto3 and REST: immutable versions validated with precise
reasons, app image configs, Dockerfile builds with their logs."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from jupyterlab_mlstudio.compute.host import detect_cpus

from .aws_helpers import aws_url, in_thread, sagemaker_client


@pytest.fixture
def sagemaker(jp_fetch: Any, jp_http_port: int, jp_base_url: str, jp_serverapp: Any) -> Any:
    return sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token
    )


async def wait_version(sagemaker: Any, name: str, version: int) -> dict[str, Any]:
    for _ in range(600):
        found = await in_thread(sagemaker.describe_image_version, ImageName=name, Version=version)
        if found["ImageVersionStatus"] != "CREATING":
            return found
        await asyncio.sleep(0.1)
    raise AssertionError(f"{name}/{version} still CREATING")


async def register(sagemaker: Any, name: str, base: str) -> dict[str, Any]:
    await in_thread(
        sagemaker.create_image, ImageName=name, RoleArn="arn:aws:iam::000000000000:role/x"
    )
    created = await in_thread(
        sagemaker.create_image_version, ImageName=name, BaseImage=base, ClientToken="t"
    )
    assert created["ImageVersionArn"].endswith(f"image-version/{name}/1")
    return await wait_version(sagemaker, name, 1)


async def test_the_default_image_is_this_servers_python(sagemaker: Any) -> None:
    image = await in_thread(sagemaker.describe_image, ImageName="default")
    assert image["ImageStatus"] == "CREATED"
    version = await wait_version(sagemaker, "default", 1)
    assert version["ImageVersionStatus"] == "CREATED"
    assert version["BaseImage"] == f"file://{sys.executable}"
    with pytest.raises(ClientError) as error:
        await in_thread(sagemaker.delete_image, ImageName="default")
    assert error.value.response["Error"]["Code"] == "ValidationException"


async def test_a_local_environment_version_and_its_listing(sagemaker: Any, tmp_path: Path) -> None:
    found = await register(sagemaker, "server-env", f"file://{Path(sys.executable).parent.parent}")
    assert found["ImageVersionStatus"] == "CREATED", found
    await in_thread(
        sagemaker.create_image_version,
        ImageName="server-env",
        BaseImage=f"file://{sys.executable}",
        ClientToken="u",
    )
    await wait_version(sagemaker, "server-env", 2)
    versions = await in_thread(sagemaker.list_image_versions, ImageName="server-env")
    assert [item["Version"] for item in versions["ImageVersions"]] == [2, 1]
    listed = await in_thread(sagemaker.list_images, NameContains="server")
    assert [item["ImageName"] for item in listed["Images"]] == ["server-env"]
    with pytest.raises(ClientError) as error:
        await in_thread(
            sagemaker.create_image,
            ImageName="server-env",
            RoleArn="arn:aws:iam::000000000000:role/x",
        )
    assert error.value.response["Error"]["Code"] == "ResourceInUse"
    await in_thread(sagemaker.delete_image_version, ImageName="server-env", Version=1)
    with pytest.raises(ClientError) as error:
        await in_thread(sagemaker.describe_image_version, ImageName="server-env", Version=1)
    assert error.value.response["Error"]["Code"] == "ResourceNotFound"
    await in_thread(sagemaker.delete_image, ImageName="server-env")
    with pytest.raises(ClientError) as error:
        await in_thread(sagemaker.describe_image, ImageName="server-env")
    assert error.value.response["Error"]["Code"] == "ResourceNotFound"


async def test_broken_local_environments_say_exactly_what_is_wrong(
    sagemaker: Any, tmp_path: Path
) -> None:
    found = await register(sagemaker, "nowhere", f"file://{tmp_path}/missing-env")
    assert found["ImageVersionStatus"] == "CREATE_FAILED"
    assert "no Python at" in found["FailureReason"] and "missing-env" in found["FailureReason"]

    bare = tmp_path / "bare-env"
    await asyncio.to_thread(venv.create, bare, with_pip=False)
    found = await register(sagemaker, "bare", f"file://{bare}")
    assert found["ImageVersionStatus"] == "CREATE_FAILED"
    assert "has Python but no ipykernel" in found["FailureReason"], found["FailureReason"]

    await in_thread(
        sagemaker.create_app_image_config,
        AppImageConfigName="wants-r",
        KernelGatewayImageConfig={"KernelSpecs": [{"Name": "ir", "DisplayName": "R"}]},
    )
    found = await register(sagemaker, "wants-r", f"file://{sys.executable}")
    assert found["ImageVersionStatus"] == "CREATE_FAILED"
    assert "the kernel spec ir is not in it" in found["FailureReason"], found["FailureReason"]


async def test_app_image_configs(sagemaker: Any) -> None:
    with pytest.raises(ClientError) as error:
        await in_thread(
            sagemaker.create_app_image_config,
            AppImageConfigName="root-ish",
            KernelGatewayImageConfig={
                "KernelSpecs": [{"Name": "python3"}],
                "FileSystemConfig": {
                    "MountPath": "/home/sagemaker-user",
                    "DefaultUid": 4242,
                    "DefaultGid": 100,
                },
            },
        )
    assert error.value.response["Error"]["Code"] == "ValidationException"
    assert "uid/gid 4242/100 is not allowed" in error.value.response["Error"]["Message"]
    await in_thread(
        sagemaker.create_app_image_config,
        AppImageConfigName="team",
        KernelGatewayImageConfig={
            "KernelSpecs": [{"Name": "python3", "DisplayName": "Team Python"}],
            "FileSystemConfig": {
                "MountPath": "/home/sagemaker-user",
                "DefaultUid": 1000,
                "DefaultGid": 100,
            },
        },
    )
    described = await in_thread(sagemaker.describe_app_image_config, AppImageConfigName="team")
    config = described["KernelGatewayImageConfig"]
    assert config["KernelSpecs"] == [{"Name": "python3", "DisplayName": "Team Python"}]
    assert config["FileSystemConfig"] == {
        "MountPath": "/home/sagemaker-user",
        "DefaultUid": 1000,
        "DefaultGid": 100,
    }
    await in_thread(
        sagemaker.update_app_image_config,
        AppImageConfigName="team",
        KernelGatewayImageConfig={"KernelSpecs": [{"Name": "python3", "DisplayName": "Python"}]},
    )
    listed = await in_thread(sagemaker.list_app_image_configs)
    assert [item["AppImageConfigName"] for item in listed["AppImageConfigs"]] == ["team"]
    await in_thread(sagemaker.delete_app_image_config, AppImageConfigName="team")
    with pytest.raises(ClientError) as error:
        await in_thread(sagemaker.describe_app_image_config, AppImageConfigName="team")
    assert error.value.response["Error"]["Code"] == "ResourceNotFound"


async def test_images_over_rest(api: Any, jp_fetch: Any) -> None:
    code, error = await api("POST", "images", {"name": "bad name!"})
    assert code == 400 and "Invalid image name" in error["message"], error
    code, created = await api(
        "POST",
        "images",
        {
            "name": "mine",
            "base_image": f"file://{sys.executable}",
            "kernel_specs": [{"name": "python3", "display_name": "My Python"}],
        },
    )
    assert code == 201, created
    assert created["config"]["kernel_specs"] == [{"name": "python3", "display_name": "My Python"}]
    code, error = await api("POST", "images", {"name": "mine"})
    assert code == 409, error
    for _ in range(100):
        code, entry = await api("GET", "images/mine")
        if entry["versions"][0]["image_version_status"] == "CREATED":
            break
        await asyncio.sleep(0.1)
    assert entry["versions"][0]["details"]["ipykernel"], entry
    code, version = await api(
        "POST", "images/mine/versions", {"base_image": "file:///nowhere/python"}
    )
    assert code == 201 and version["version"] == 2, version
    code, listing = await api("GET", "images")
    assert {item["image"]["image_name"] for item in listing["images"]} >= {"default", "mine"}
    code, error = await api("GET", "images/mine/versions/x")
    assert code == 400, error
    code, error = await api("GET", "images/nope")
    assert code == 404, error
    code, profiles = await api("GET", "kernels/profiles")
    mine = next(item for item in profiles["images"] if item["name"] == "mine")
    assert mine["available"] and mine["kernel_names"] == {"python3": "mlstudio-mine-python3"}
    gpu = next(item for item in profiles["instance_types"] if item["name"] == "ml.g5.xlarge")
    assert gpu["available"] is False and "GPU" in gpu["reason"]
    # A type is sized as SageMaker sizes it, and by what a kernel gets on this host
    host_cpus = detect_cpus()
    big = next(item for item in profiles["instance_types"] if item["name"] == "ml.m5.4xlarge")
    assert big["nominal_vcpus"] == 16 and big["vcpus"] == min(16, host_cpus)


# -- Docker images -------------------------------------------------------------------------------

SKLEARN = "mlstudio/sklearn:latest"
BASE = "mlstudio/python-base:bookworm"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: Any) -> Any:
    if not os.environ.get("MLSTUDIO_TEST_DOCKER"):
        pytest.skip("no Docker engine was started for this run; scripts/test.sh starts one")
    import docker

    client = docker.from_env()
    context = tmp_path_factory.mktemp("scratch")
    (context / "hello").write_text("hi\n")
    (context / "Dockerfile").write_text("FROM scratch\nCOPY hello /hello\n")
    client.images.build(path=str(context), tag="mlstudio-test/no-python:1", rm=True, nocache=True)
    client.images.build(
        path=str(context),
        tag="mlstudio-test/arm64:1",
        rm=True,
        nocache=True,
        platform="linux/arm64",
    )
    return client


async def test_broken_docker_images_say_exactly_what_is_wrong(engine: Any, sagemaker: Any) -> None:
    found = await register(sagemaker, "absent", "mlstudio-test/not-built:1")
    assert (
        "the image mlstudio-test/not-built:1 is not present in the Docker engine"
        in found["FailureReason"]
    )
    found = await register(sagemaker, "nopython", "mlstudio-test/no-python:1")
    assert "it has no Python" in found["FailureReason"], found["FailureReason"]
    # and the probes that could not start left no container behind
    leftovers = engine.containers.list(all=True, filters={"ancestor": "mlstudio-test/no-python:1"})
    assert leftovers == [], [c.name for c in leftovers]
    found = await register(sagemaker, "foreign", "mlstudio-test/arm64:1")
    assert "its architecture is arm64, and this host is amd64" in found["FailureReason"], found[
        "FailureReason"
    ]
    found = await register(sagemaker, "plain", BASE)
    assert "has Python but no ipykernel" in found["FailureReason"], found["FailureReason"]
    found = await register(sagemaker, "sklearn", SKLEARN)
    assert found["ImageVersionStatus"] == "CREATED", found


async def test_a_dockerfile_in_the_workspace_builds_with_its_log(
    engine: Any, api: Any, jp_root_dir: Path
) -> None:
    folder = jp_root_dir / "envs" / "extra"
    folder.mkdir(parents=True)
    (folder / "Dockerfile").write_text(f"FROM {SKLEARN}\nRUN echo built-by-mlstudio > /built.txt\n")
    code, created = await api(
        "POST", "images", {"name": "extra", "base_image": f"dockerfile://{folder / 'Dockerfile'}"}
    )
    assert code == 201, created
    for _ in range(600):
        code, entry = await api("GET", "images/extra")
        if entry["versions"][0]["image_version_status"] != "CREATING":
            break
        await asyncio.sleep(0.2)
    version = entry["versions"][0]
    assert version["image_version_status"] == "CREATED", version
    assert version["container_image"] == "mlstudio-images/extra:1"
    code, logs = await api("GET", "images/extra/versions/1/build-logs")
    text = "\n".join(line["message"] for line in logs["lines"])
    assert "echo built-by-mlstudio" in text, text
    code, later = await api(
        "GET", "images/extra/versions/1/build-logs", after=logs["lines"][-1]["seq"]
    )
    assert later["lines"] == []

    (folder / "Dockerfile").write_text("FROM mlstudio-test/not-built:1\n")
    code, version = await api(
        "POST", "images/extra/versions", {"base_image": f"dockerfile://{folder / 'Dockerfile'}"}
    )
    for _ in range(600):
        code, entry = await api("GET", "images/extra")
        if entry["versions"][0]["image_version_status"] != "CREATING":
            break
        await asyncio.sleep(0.2)
    assert entry["versions"][0]["image_version_status"] == "CREATE_FAILED"
    assert "docker build failed" in entry["versions"][0]["failure_reason"], entry["versions"][0]
    subprocess.run(["docker", "image", "rm", "-f", "mlstudio-images/extra:1"], capture_output=True)


async def test_training_jobs_run_in_registered_images(sagemaker: Any, jp_root_dir: Path) -> None:
    from .training_helpers import job_request, wait_for_end

    await register(sagemaker, "train-env", f"file://{sys.executable}")
    code = jp_root_dir / "code"
    code.mkdir()
    (code / "train.py").write_text("import os\nprint('image', os.environ.get('SM_CURRENT_HOST'))\n")
    request = job_request(
        "in-registered-image",
        code_uri=f"file://{code}",
        output=f"file://{jp_root_dir / 'out'}",
        image="train-env",
        instance_type="ml.t3.medium",
    )
    await in_thread(sagemaker.create_training_job, **request)
    finished = await in_thread(wait_for_end, sagemaker, "in-registered-image")
    assert finished["TrainingJobStatus"] == "Completed", finished.get("FailureReason")

    await register(sagemaker, "broken-env", "file:///nowhere/python")
    request = job_request(
        "in-broken-image",
        code_uri=f"file://{code}",
        output=f"file://{jp_root_dir / 'out'}",
        image="broken-env",
        instance_type="ml.t3.medium",
    )
    with pytest.raises(ClientError) as error:
        await in_thread(sagemaker.create_training_job, **request)
    assert error.value.response["Error"]["Code"] == "ValidationException"
    assert "Image broken-env cannot run: " in error.value.response["Error"]["Message"]
    assert "no Python at /nowhere/python" in error.value.response["Error"]["Message"]
