"""The samples the package ships (``jupyterlab_mlstudio/examples/``) run end to end, unchanged,
in studio kernels of the SageMaker SDK's v2 line against a server with the embedded defaults:
every cell of every sample, and a failing cell fails the test with the sample's name, the
cell and its traceback.

The kernels run in the SDK v2 venv (``tests/sdk/sdk2-requirements.txt``: the SDK, scikit-learn
for the bundled data, matplotlib for the pictures); jobs and endpoints run on the process
backend in the server's own environment (built-in algorithms, scikit-learn, torch). The
samples run side by side in one server, as a user would open several.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from jupyterlab_mlstudio.examples.catalogue import SAMPLES, sample_path

from .endpoint_helpers import clients, wait_for
from .kernel_helpers import start_session, wait_for_image, wait_for_spec
from .s3face_helpers import (  # noqa: F401  (fixtures)
    face_s3,
    face_url,
    plain_base_url,
    server_token,
    without_aws_configuration,
)
from .sdk_helpers import sdk_venv

LINE = "sdk2"
KERNEL = f"mlstudio-{LINE}-python3"


@pytest.fixture
def mlstudio_config(no_aws_configuration):
    return {}


async def kernel_image(api: Any, jp_fetch: Any) -> None:
    """The SDK v2 venv registered as an image, its kernel spec ready."""
    code, created = await api(
        "POST", "images", {"name": LINE, "base_image": f"file://{sdk_venv(LINE)}"}
    )
    assert code == 201, created
    version = await wait_for_image(api, LINE, timeout=120)
    assert version["image_version_status"] == "CREATED", version
    await wait_for_spec(jp_fetch, KERNEL)


async def execute(jp_fetch: Any, jp_serverapp: Any, root: Path, name: str) -> tuple[str, float]:
    """Sample ``name`` run cell by cell in a kernel of the image; what failed ('' when nothing
    did) and the seconds it took. The executed copy stays beside it for the report."""
    book = nbformat.read(sample_path(name), as_version=4)
    book.metadata["kernelspec"] = {"name": KERNEL, "display_name": LINE, "language": "python"}
    book.metadata["mlstudio"] = {"image": LINE}
    nbformat.write(book, root / name)
    started = time.monotonic()
    session = await start_session(jp_fetch, name, KERNEL)
    manager = jp_serverapp.kernel_manager.get_kernel(session["kernel"]["id"])
    client = NotebookClient(book, km=manager, timeout=300, startup_timeout=120)
    failure = ""
    try:
        await client.async_execute()
    except CellExecutionError as error:
        failure = f"{name}: {error}"
    finally:
        nbformat.write(book, root / f"executed-{name}")
        if client.kc is not None:
            client.kc.stop_channels()
    return failure, time.monotonic() - started


@pytest.mark.timeout(900)
async def test_every_shipped_sample_runs_end_to_end_and_cleans_up(
    jp_fetch, jp_serverapp, api, jp_root_dir: Path, url, token
):
    # Given the SDK v2 venv as a kernel image, and the samples the package ships
    await kernel_image(api, jp_fetch)
    names = [sample.file for sample in SAMPLES]
    assert len(names) == 5

    # When every sample runs in a kernel of its own, side by side
    results = await asyncio.gather(
        *(execute(jp_fetch, jp_serverapp, jp_root_dir, name) for name in names)
    )

    # Then no cell of any sample failed
    for name, (_failure, seconds) in zip(names, results, strict=True):
        print(f"{name}: {seconds:.1f} s")
    failures = [failure for failure, _seconds in results if failure]
    assert not failures, "\n\n".join(failures)
    # And they left no endpoint, endpoint configuration or model behind (an endpoint's
    # deletion runs on after DeleteEndpoint returns, as on SageMaker)
    sagemaker = clients(url.removesuffix("/s3") + "/aws", token)[0]

    def left() -> tuple[list[Any], list[Any], list[Any]]:
        return (
            sagemaker.list_endpoints()["Endpoints"],
            sagemaker.list_endpoint_configs()["EndpointConfigs"],
            sagemaker.list_models()["Models"],
        )

    await asyncio.to_thread(
        wait_for, lambda: left() == ([], [], []), 30, "nothing left behind by the samples"
    )
