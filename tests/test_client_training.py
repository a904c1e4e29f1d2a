"""Training jobs from the Python client and the %%mlstudio train magic (in a real kernel too)."""

from __future__ import annotations

import io

import pytest

from jupyterlab_mlstudio.client import Client
from jupyterlab_mlstudio.client.training import TrainingJobFailed
from jupyterlab_mlstudio.magics import MagicFailed
from jupyterlab_mlstudio.magics.charts import downsample, line_chart

from .aws_helpers import in_thread

SCRIPT = """
import os
from helper import loss_at
for step in range(6):
    print(f"step={step} loss={loss_at(step):.4f}", flush=True)
open(os.path.join(os.environ["SM_MODEL_DIR"], "weights.txt"), "w").write("trained")
"""


@pytest.fixture
def client(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    return Client(
        url=f"http://localhost:{jp_http_port}{jp_base_url}",
        token=jp_serverapp.identity_provider.token,
    )


async def test_a_local_folder_becomes_a_job_the_client_waits_for_with_logs(client, tmp_path):
    (tmp_path / "helper.py").write_text("def loss_at(step):\n    return 1 / (step + 1)\n")
    (tmp_path / "train.py").write_text(SCRIPT)
    job = await in_thread(
        client.create_training_job,
        "train.py",
        source_dir=tmp_path,
        name="from-client",
        hyperparameters={"epochs": 6},
        metric_definitions={"loss": r"loss=([0-9.]+)"},
    )
    printed = io.StringIO()
    detail = await in_thread(job.wait, progress=True, out=printed)
    assert detail.training_job_status.value == "Completed", detail.failure_reason
    assert printed.getvalue().splitlines() == [
        f"step={step} loss={1 / (step + 1):.4f}" for step in range(6)
    ]
    assert detail.model_artifacts.s3_model_artifacts.startswith("file://")
    assert detail.model_artifacts.s3_model_artifacts.endswith(
        "/training-output/from-client/output/model.tar.gz"
    )
    series = await in_thread(job.metrics)
    assert [point["step"] for point in series["loss"]] == list(range(6))
    assert series["loss"][0]["value"] == 1.0
    assert "from-client" in [
        item["training_job_name"] for item in await in_thread(client.training_jobs)
    ]


async def test_waiting_for_a_failing_job_raises_with_its_reason(client, tmp_path):
    (tmp_path / "boom.py").write_text("raise SystemExit('no data')\n")
    job = await in_thread(client.create_training_job, tmp_path / "boom.py", name="boom")
    with pytest.raises(TrainingJobFailed, match="exited with code 1"):
        await in_thread(job.wait, progress=False, out=io.StringIO())


async def test_train_cell_magic_runs_the_cell_and_line_magics_read_the_job(
    jp_fetch, jp_http_port, jp_base_url, jp_serverapp, monkeypatch, capsys, ipython_shell
):
    monkeypatch.setenv("MLSTUDIO_URL", f"http://localhost:{jp_http_port}{jp_base_url}")
    monkeypatch.setenv("MLSTUDIO_TOKEN", jp_serverapp.identity_provider.token)
    shell = ipython_shell
    shell.run_line_magic("load_ext", "jupyterlab_mlstudio")
    cell = "import os\nprint('epochs', os.environ['SM_HP_EPOCHS'])\nprint('loss=0.25')\n"
    job = await in_thread(
        shell.run_cell_magic,
        "mlstudio",
        "train --name magic-job --hp epochs=3 --metric loss=loss=([0-9.]+)",
        cell,
    )
    assert await in_thread(lambda: job.status) == "Completed"
    out = capsys.readouterr().out
    assert "epochs 3" in out and "magic-job Completed; model:" in out
    assert (await in_thread(job.metrics))["loss"][0]["value"] == 0.25

    await in_thread(shell.run_line_magic, "mlstudio", "logs magic-job")
    assert "loss=0.25" in capsys.readouterr().out
    # A refused command fails the cell (Run All stops there), saying why in one line
    with pytest.raises(MagicFailed, match="the training job is in status Completed"):
        await in_thread(shell.run_line_magic, "mlstudio", "stop magic-job")
    await in_thread(shell.run_line_magic, "mlstudio", "jobs")
    with pytest.raises(MagicFailed, match="--hp must look like name=value"):
        await in_thread(shell.run_cell_magic, "mlstudio", "train --hp broken", "print(1)\n")


async def test_a_failed_train_cell_fails_the_cell_and_no_wait_says_how_to_follow(
    jp_fetch, jp_http_port, jp_base_url, jp_serverapp, monkeypatch, capsys, ipython_shell
):
    # Given a shell with the magics, talking to the server
    monkeypatch.setenv("MLSTUDIO_URL", f"http://localhost:{jp_http_port}{jp_base_url}")
    monkeypatch.setenv("MLSTUDIO_TOKEN", jp_serverapp.identity_provider.token)
    shell = ipython_shell
    shell.run_line_magic("load_ext", "jupyterlab_mlstudio")

    # When a train cell's code fails
    result = await in_thread(
        shell.run_cell, "%%mlstudio train --name doomed\nraise SystemExit('no data')\n"
    )

    # Then the cell fails as any failing cell does (Run All stops), saying why in one line
    assert result.error_in_exec is not None
    assert "doomed Failed" in str(result.error_in_exec)
    capsys.readouterr()

    # When a cell does not wait, it says how to follow and stop the job
    result = await in_thread(
        shell.run_cell, "%%mlstudio train --name later --no-wait\nprint('loss=1')\n"
    )
    assert result.error_in_exec is None
    out = capsys.readouterr().out
    assert "%mlstudio logs later --follow" in out and "%mlstudio stop later" in out


def test_notebook_charts_take_their_colours_from_the_theme():
    svg = line_chart({"loss": [(0, 1.0), (1, 0.5)]}, title="Metrics")
    # Every text, line and run colour names a JupyterLab theme variable (with a fallback)
    assert "var(--jp-ui-font-color1" in svg and "var(--jp-border-color2" in svg
    assert "var(--jp-mlstudio-run-color-0" in svg
    assert "fill:#000" not in svg and "fill:black" not in svg


async def test_train_magic_in_a_kernel_shows_live_widgets(jp_fetch, jp_serverapp, monkeypatch):
    monkeypatch.delenv("MLSTUDIO_URL", raising=False)
    monkeypatch.delenv("MLSTUDIO_TOKEN", raising=False)
    manager = jp_serverapp.kernel_manager
    kernel_id = await manager.start_kernel(kernel_name="python3")
    kernel_client = manager.get_kernel(kernel_id).client()
    kernel_client.start_channels()
    try:
        await kernel_client.wait_for_ready(timeout=60)
        outputs = []

        def collect(message):
            outputs.append((message["msg_type"], message["content"]))

        reply = await kernel_client.execute_interactive(
            "%load_ext jupyterlab_mlstudio", output_hook=collect, timeout=60
        )
        reply = await kernel_client.execute_interactive(
            "%%mlstudio train --name kernel-job --metric loss=loss=([0-9.]+)\nfor s in range(3):\n    print(f'loss={1/(s+1)}')\n",
            output_hook=collect,
            timeout=120,
        )
        assert reply["content"]["status"] == "ok", outputs
        kinds = [kind for kind, _ in outputs]
        widget_views = [
            c
            for k, c in outputs
            if k == "display_data" and "application/vnd.jupyter.widget-view+json" in c["data"]
        ]
        assert len(widget_views) >= 2, kinds  # progress bar row, log and chart box
        streams = "".join(c.get("text", "") for k, c in outputs if k == "stream")
        assert "kernel-job Completed; model:" in streams
    finally:
        kernel_client.stop_channels()
        await manager.shutdown_kernel(kernel_id, now=True)


def test_downsampling_keeps_extremes_and_the_last_point():
    points = [(float(x), float((x * 37) % 101)) for x in range(10000)]
    points[5000] = (5000.0, 1e6)
    kept = downsample(points, 300)
    assert len(kept) <= 310
    assert (5000.0, 1e6) in kept and kept[-1] == points[-1]
    assert downsample([(0, float("nan")), (1, 2.0)], 10) == [(1, 2.0)]


def test_line_chart_draws_each_series_with_a_legend():
    svg = line_chart({"loss": [(0, 1.0), (1, 0.5)], "acc": [(0, 0.2), (1, 0.9)]}, title="Metrics")
    assert svg.startswith("<svg") and svg.count("<polyline") == 2
    assert ">loss<" in svg and ">acc<" in svg and ">Metrics<" in svg
    assert "no points yet" in line_chart({"loss": []})
