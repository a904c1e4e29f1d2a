"""The built-in default image cannot be reconfigured or versioned, and every app image config
names kernel specs Jupyter accepts, on the REST face and SageMaker's alike."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from botocore.exceptions import ClientError

from .aws_helpers import aws_url, in_thread, sagemaker_client

DEFAULT_KERNEL = "mlstudio-default-python3"


@pytest.fixture
def sagemaker(jp_fetch: Any, jp_http_port: int, jp_base_url: str, jp_serverapp: Any) -> Any:
    return sagemaker_client(
        aws_url(jp_http_port, jp_base_url), jp_serverapp.identity_provider.token
    )


async def _default_kernels(api: Any) -> dict[str, str]:
    code, profiles = await api("GET", "kernels/profiles")
    assert code == 200
    return next(item for item in profiles["images"] if item["name"] == "default")["kernel_names"]


async def test_the_default_images_config_cannot_be_broken_or_replaced(api: Any) -> None:
    assert await _default_kernels(api) == {"python3": DEFAULT_KERNEL}
    # The request: an empty kernel spec name
    code, error = await api("PUT", "images/default/config", {"kernel_specs": [{"name": ""}]})
    assert code == 400 and error["error"] == "InvalidInput", error
    # A valid config is refused too: the default image is the server's own (its state)
    code, error = await api("PUT", "images/default/config", {"kernel_specs": [{"name": "py"}]})
    assert code == 409 and "cannot be changed" in error["message"], error
    assert error["error"] == "IllegalTransition"
    assert await _default_kernels(api) == {"python3": DEFAULT_KERNEL}


async def test_no_version_can_be_added_to_the_default_image(api: Any, sagemaker: Any) -> None:
    code, error = await api(
        "POST", "images/default/versions", {"base_image": "file:///nowhere/python"}
    )
    assert code == 409 and error["field"] == "ImageName", error
    with pytest.raises(ClientError) as raised:
        await in_thread(
            sagemaker.create_image_version,
            ImageName="default",
            BaseImage="file:///nowhere/python",
            ClientToken="t",
        )
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    code, entry = await api("GET", "images/default")
    assert [version["version"] for version in entry["versions"]] == [1]


async def test_the_default_config_cannot_be_made_over_the_aws_face(sagemaker: Any) -> None:
    with pytest.raises(ClientError) as raised:
        await in_thread(
            sagemaker.create_app_image_config,
            AppImageConfigName="default",
            KernelGatewayImageConfig={"KernelSpecs": [{"Name": "python3"}]},
        )
    assert raised.value.response["Error"]["Code"] == "ValidationException"


@pytest.mark.parametrize(
    ("specs", "field"),
    [
        ([{"name": ""}], "kernel_specs.0.name"),
        ([{"name": "has space"}], "kernel_specs.0.name"),
        ([{"name": "a/b"}], "kernel_specs.0.name"),
        ([{"name": "é"}], "kernel_specs.0.name"),
        ([{"name": "x" * 129}], "kernel_specs.0.name"),
        ([{"name": "py"}, {"name": "PY"}], "KernelSpecs.1.Name"),
        ([{"name": f"k{index}"} for index in range(6)], "kernel_specs"),
        ([], "kernel_specs"),
    ],
)
async def test_a_kernel_spec_jupyter_would_refuse_is_refused(
    api: Any, specs: list[dict[str, str]], field: str
) -> None:
    code, created = await api(
        "POST", "images", {"name": "mine", "base_image": f"file://{sys.executable}"}
    )
    assert code == 201, created
    code, error = await api("PUT", "images/mine/config", {"kernel_specs": specs})
    assert code == 400 and error["field"] == field, error
    code, fine = await api("PUT", "images/mine/config", {"kernel_specs": [{"name": "py-3.11_x"}]})
    assert code == 200 and fine["kernel_specs"][0]["name"] == "py-3.11_x", fine


async def test_a_bad_kernel_spec_over_the_aws_face_is_a_validation_exception(
    sagemaker: Any,
) -> None:
    with pytest.raises(ClientError) as raised:
        await in_thread(
            sagemaker.create_app_image_config,
            AppImageConfigName="team",
            KernelGatewayImageConfig={"KernelSpecs": [{"Name": "two words"}]},
        )
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert "Jupyter" in raised.value.response["Error"]["Message"]


async def test_a_new_image_with_a_bad_kernel_spec_is_rolled_back(api: Any) -> None:
    code, error = await api(
        "POST",
        "images",
        {
            "name": "broken",
            "base_image": f"file://{sys.executable}",
            "kernel_specs": [{"name": "py"}, {"name": "py"}],
        },
    )
    assert code == 400, error
    code, _ = await api("GET", "images/broken")
    assert code == 404
