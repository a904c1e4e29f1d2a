"""SageMaker notebooks run unchanged in studio kernels: the real SDK of each line (pinned in
``tests/sdk/``) in a kernel the server starts, with no AWS configuration of its own.

Each SDK line lives in its own venv (they conflict), made by ``scripts/test.sh``
(``ensure_sdk_venv``) at ``.venv-sdk2`` / ``.venv-sdk3`` or where ``MLSTUDIO_SDK2_VENV`` /
``MLSTUDIO_SDK3_VENV`` point. Outside CI a missing venv skips its test with the command that
makes it; in CI (``MLSTUDIO_SDK_VENVS_REQUIRED=1``) it fails.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from .kernel_helpers import start_session, wait_for_image, wait_for_spec
from .s3face_helpers import (  # noqa: F401  (fixtures)
    face_s3,
    face_url,
    plain_base_url,
    server_token,
    without_aws_configuration,
)
from .sdk_helpers import sdk_venv

NOTEBOOKS = Path(__file__).parent / "sdk" / "notebooks"
BUCKET = "sagemaker-us-east-1-000000000000"


@pytest.fixture
def mlstudio_config(no_aws_configuration):
    return {}


async def run_notebook(
    jp_fetch: Any, jp_serverapp: Any, api: Any, root: Path, line: str, name: str
) -> nbformat.NotebookNode:
    """``name`` from tests/sdk/notebooks run cell by cell, as it is, in a kernel the server
    starts from an image over the SDK line's venv; the executed notebook."""
    venv = sdk_venv(line)
    code, created = await api("POST", "images", {"name": line, "base_image": f"file://{venv}"})
    assert code == 201, created
    version = await wait_for_image(api, line, timeout=120)
    assert version["image_version_status"] == "CREATED", version
    kernel_name = f"mlstudio-{line}-python3"
    await wait_for_spec(jp_fetch, kernel_name)
    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    book.metadata["kernelspec"] = {"name": kernel_name, "display_name": line, "language": "python"}
    book.metadata["mlstudio"] = {"image": line}
    nbformat.write(book, root / name)
    session = await start_session(jp_fetch, name, kernel_name)
    manager = jp_serverapp.kernel_manager.get_kernel(session["kernel"]["id"])
    client = NotebookClient(book, km=manager, timeout=600, startup_timeout=120)
    try:
        await client.async_execute()
    finally:
        nbformat.write(book, root / f"executed-{name}")  # what each cell printed, for failures
        if client.kc is not None:
            client.kc.stop_channels()
    return book


def outputs_of(book: nbformat.NotebookNode) -> list[str]:
    """Each code cell's printed text (also printed, for the report of a failing test)."""
    texts = [
        "".join(
            output.get("text", "") or "".join(output.get("data", {}).get("text/plain", ""))
            for output in cell.outputs
        )
        for cell in book.cells
        if cell.cell_type == "code"
    ]
    for index, text in enumerate(texts):
        print(f"--- cell {index} ---\n{text}")
    return texts


@pytest.mark.timeout(900)
async def test_a_v2_sdk_notebook_trains_attaches_and_reads_metrics_unchanged(
    jp_fetch, jp_serverapp, api, jp_root_dir: Path
):
    # Given the SDK v2 sample notebook, with no AWS settings anywhere
    # When it runs in a studio kernel of the v2 venv
    book = await run_notebook(
        jp_fetch, jp_serverapp, api, jp_root_dir, "sdk2", "sagemaker_v2_training.ipynb"
    )
    cells = outputs_of(book)
    # Then Session() and default_bucket() worked with the studio's bucket and role
    assert f"{BUCKET} arn:aws:iam::000000000000:role/MLStudioExecutionRole" in cells[0]
    # And fit(logs=True) streamed the job's own lines into the notebook
    fit = next(text for text in cells if "epoch=4 loss=" in text)
    assert all(f"epoch={epoch} loss=" in fit for epoch in range(5))
    summary = json.loads(cells[-1].strip().splitlines()[-1])
    # And attach, analytics, tags and the model artifacts agree with the job
    assert summary["attached_model_data"] == summary["model_data"]
    assert summary["model_data"] == f"s3://{BUCKET}/{summary['job']}/output/model.tar.gz"
    assert summary["program"] == "train.py"
    assert summary["tags"] == [["project", "sample"], ["stage", "done"]]
    assert summary["metric_names"] == ["loss"] and summary["metric_rows"] >= 1
    assert "model.joblib" in summary["members"]


@pytest.mark.timeout(900)
async def test_a_v3_model_trainer_notebook_trains_unchanged(
    jp_fetch, jp_serverapp, api, jp_root_dir: Path
):
    # Given the SDK v3 sample notebook
    # When it runs in a studio kernel of the v3 venv
    book = await run_notebook(
        jp_fetch, jp_serverapp, api, jp_root_dir, "sdk3", "sagemaker_v3_training.ipynb"
    )
    cells = outputs_of(book)
    # Then ModelTrainer.train() ran the entry script and showed its log lines
    assert BUCKET in cells[0].splitlines()
    assert any("epoch=3 loss=" in text for text in cells)
    summary = json.loads(cells[-1].strip().splitlines()[-1])
    # And TrainingJob.get() reads the finished job
    assert summary["status"] == "Completed"
    assert (
        summary["model_data"].startswith(f"s3://{BUCKET}/")
        and summary["job"] in (summary["model_data"])
    )
