"""Kernel profiles from any notebook: a notebook that carries a studio profile starts in it
through the sessions API whatever kernel spec it names (Jupyter's plain ``python3``, or the
kernel of a notebook exported from SageMaker Studio), or is refused with the reason."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from tornado.httpclient import HTTPClientError

from jupyterlab_mlstudio.compute.catalogue import DEFAULT_INSTANCE_TYPES
from jupyterlab_mlstudio.images.inspect import kind_of
from jupyterlab_mlstudio.kernels.profile import choice_of, sagemaker_kernel

from .kernel_helpers import notebook, open_kernel, start_session, wait_for_image, wait_for_spec

SMALL = {"name": "ml.test.small", "vcpus": 1, "memory_gib": 1}
SAGEMAKER_KERNEL = (
    "python3__SAGEMAKER_INTERNAL__arn:aws:sagemaker:us-east-1:081325390199:image/datascience-1.0"
)


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    jp_server_config["InstanceTypeCatalogue"] = {"instance_types": [*DEFAULT_INSTANCE_TYPES, SMALL]}
    return jp_server_config


def exported_notebook(instance_type: str = "ml.test.small") -> str:
    """A notebook as SageMaker Studio exports it."""
    body = json.loads(notebook({}))
    body["metadata"] = {
        "instance_type": instance_type,
        "kernelspec": {
            "display_name": "Python 3 (Data Science)",
            "language": "python",
            "name": SAGEMAKER_KERNEL,
        },
        "language_info": {"name": "python"},
    }
    return json.dumps(body)


def test_sagemaker_kernel_names_and_metadata_are_read_as_a_profile() -> None:
    assert sagemaker_kernel(SAGEMAKER_KERNEL) == ("python3", "datascience-1.0")
    assert sagemaker_kernel("python3") is None
    assert choice_of(json.loads(exported_notebook())["metadata"]) == {
        "instance_type": "ml.test.small",
        "sagemaker_image": "datascience-1.0",
    }
    own = {"mlstudio": {"image": "default", "instance_type": "local"}, "instance_type": "ml.x"}
    assert choice_of(own) == {"image": "default", "instance_type": "local"}
    assert choice_of({"kernelspec": {"name": "python3"}}) == {}


def test_an_absolute_path_is_a_local_environment_never_a_docker_reference() -> None:
    assert kind_of("/opt/venv/bin/python") == "local"
    assert kind_of("file:///opt/venv") == "local"
    assert kind_of("python:3.11-slim") == "docker"
    assert kind_of("registry.example.com/team/image:1") == "docker"


async def test_a_plain_python3_notebook_with_a_profile_starts_in_it(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, api: Any
) -> None:
    # Given a notebook written elsewhere: Jupyter's python3 kernel, and a studio profile
    body = json.loads(
        notebook({"mlstudio": {"image": "default", "instance_type": "ml.test.small"}})
    )
    body["metadata"]["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    (jp_root_dir / "plain.ipynb").write_text(json.dumps(body))
    # When a client starts it through the sessions API with the kernel it names
    session = await start_session(jp_fetch, "plain.ipynb", "python3")
    # Then the image's studio kernel starts, within the instance type's limits
    assert session["kernel"]["name"] == "mlstudio-default-python3"
    kernel = await open_kernel(jp_ws_fetch, session["kernel"]["id"])
    try:
        text = await kernel.run_ok(
            "import os\nprint(len(os.sched_getaffinity(0)), os.environ['MLSTUDIO_INSTANCE_TYPE'])"
        )
        assert text.split() == ["1", "ml.test.small"]
    finally:
        kernel.close()
    code, usage = await api("GET", f"kernels/{session['kernel']['id']}")
    assert code == 200 and usage["memory_limit_bytes"] == 1024**3, usage


async def test_a_plain_python3_notebook_on_a_gpu_type_is_refused_on_a_host_without_gpus(
    jp_fetch: Any, jp_root_dir: Path, services: Any
) -> None:
    if services.monitor.host().gpus:
        pytest.skip("this host has GPUs")
    body = json.loads(
        notebook({"mlstudio": {"image": "default", "instance_type": "ml.g4dn.xlarge"}})
    )
    body["metadata"]["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    (jp_root_dir / "gpu.ipynb").write_text(json.dumps(body))
    with pytest.raises(HTTPClientError) as refused:
        await start_session(jp_fetch, "gpu.ipynb", "python3")
    assert refused.value.response is not None
    assert b"needs 1 GPU; this host has none" in refused.value.response.body
    # A notebook that names an image this server does not have is refused with that reason
    body["metadata"]["mlstudio"] = {"image": "no-such-image", "instance_type": "local"}
    (jp_root_dir / "missing.ipynb").write_text(json.dumps(body))
    with pytest.raises(HTTPClientError) as refused:
        await start_session(jp_fetch, "missing.ipynb", "python3")
    assert b"Image no-such-image does not exist" in refused.value.response.body


async def test_a_notebook_from_sagemaker_studio_opens_on_its_type_and_image(
    jp_fetch: Any, jp_ws_fetch: Any, jp_root_dir: Path, api: Any
) -> None:
    # Given a notebook exported from SageMaker Studio, whose kernel no Jupyter has
    (jp_root_dir / "exported.ipynb").write_text(exported_notebook())
    # When it starts before an image named as its SageMaker image is registered
    session = await start_session(jp_fetch, "exported.ipynb", SAGEMAKER_KERNEL)
    # Then it runs in the default image, on its SageMaker instance type
    assert session["kernel"]["name"] == "mlstudio-default-python3"
    kernel = await open_kernel(jp_ws_fetch, session["kernel"]["id"])
    try:
        text = await kernel.run_ok(
            "import os\nprint(os.environ['MLSTUDIO_IMAGE'], os.environ['MLSTUDIO_INSTANCE_TYPE'])"
        )
        assert text.split() == ["default", "ml.test.small"]
    finally:
        kernel.close()
    await jp_fetch("api", "sessions", session["id"], method="DELETE")

    # When an image of that name is registered here
    code, created = await api(
        "POST", "images", {"name": "datascience-1.0", "base_image": sys.executable}
    )
    assert code == 201, created
    version = await wait_for_image(api, "datascience-1.0")
    assert (version["image_version_status"], version["kind"]) == ("CREATED", "local"), version
    await wait_for_spec(jp_fetch, "mlstudio-datascience-1.0-python3")
    # Then the notebook opens in it
    session = await start_session(jp_fetch, "exported.ipynb", SAGEMAKER_KERNEL)
    assert session["kernel"]["name"] == "mlstudio-datascience-1.0-python3"
    kernel = await open_kernel(jp_ws_fetch, session["kernel"]["id"])
    try:
        text = await kernel.run_ok(
            "import os\nprint(os.environ['MLSTUDIO_IMAGE'], os.environ['MLSTUDIO_INSTANCE_TYPE'])"
        )
        assert text.split() == ["datascience-1.0", "ml.test.small"]
    finally:
        kernel.close()


async def test_a_notebook_without_a_profile_starts_the_kernel_it_names(
    jp_fetch: Any, jp_root_dir: Path
) -> None:
    (jp_root_dir / "other.ipynb").write_text(notebook({}))
    session = await start_session(jp_fetch, "other.ipynb", "python3")
    assert session["kernel"]["name"] == "python3"
    await jp_fetch("api", "sessions", session["id"], method="DELETE")
