"""Processing jobs from the Python client (a local script over uploaded data, followed with its
progress) and from the %%mlstudio process magic."""

from __future__ import annotations

import io

import pytest

from jupyterlab_mlstudio.client import Client
from jupyterlab_mlstudio.magics import MagicFailed
from jupyterlab_mlstudio.objects.router import join_uri

from .aws_helpers import in_thread

SCRIPT = """
import sys
from pathlib import Path
import pandas
frame = pandas.read_csv("/opt/ml/processing/input/raw/iris.csv")
summary = frame.groupby("species").mean()
summary.to_csv("/opt/ml/processing/output/summary/summary.csv")
print(f"rows={len(frame)} species={len(summary)} args={sys.argv[1:]}")
"""


@pytest.fixture
def client(jp_fetch, jp_http_port, jp_base_url, jp_serverapp):
    return Client(
        url=f"http://localhost:{jp_http_port}{jp_base_url}",
        token=jp_serverapp.identity_provider.token,
    )


@pytest.fixture
def iris_csv() -> bytes:
    from sklearn.datasets import load_iris

    frame = load_iris(as_frame=True).frame
    frame["species"] = frame.pop("target")
    return frame.to_csv(index=False).encode()


async def test_the_client_runs_a_script_over_uploaded_data_and_shows_its_progress(
    client, services, iris_csv, tmp_path, capsys
):
    (tmp_path / "summarize.py").write_text(SCRIPT)
    data = await in_thread(client.upload, iris_csv, "iris.csv")
    target = join_uri(services.objects.default_root, "client-processing", "summary")
    # Given a local script and data uploaded to the object store
    # When the client runs it as a processing job and waits
    job = await in_thread(
        client.create_processing_job,
        tmp_path / "summarize.py",
        name="client-proc",
        inputs={"raw": data},
        outputs={"summary": target},
        arguments=["--round", "2"],
    )
    printed = io.StringIO()
    detail = await in_thread(job.wait, out=printed, poll=0.2)
    # Then it completed, its log was printed and its progress shown
    assert detail.processing_job_status.value == "Completed", detail.failure_reason
    assert "rows=150 species=3 args=['--round', '2']" in printed.getvalue()
    assert "[Completed] client-proc: Completed" in capsys.readouterr().err
    # And its output is where it says, with one row per species
    assert await in_thread(job.outputs) == {"summary": target}
    summary = services.objects.get_bytes(join_uri(target, "summary.csv")).decode()
    assert len(summary.strip().splitlines()) == 4
    listed = await in_thread(client.processing_jobs)
    assert [item["processing_job_name"] for item in listed] == ["client-proc"]


async def test_process_cell_magic_runs_the_cell_and_fails_the_cell_when_the_job_fails(
    jp_fetch,
    jp_http_port,
    jp_base_url,
    jp_serverapp,
    services,
    monkeypatch,
    iris_csv,
    capsys,
    ipython_shell,
):
    monkeypatch.setenv("MLSTUDIO_URL", f"http://localhost:{jp_http_port}{jp_base_url}")
    monkeypatch.setenv("MLSTUDIO_TOKEN", jp_serverapp.identity_provider.token)
    shell = ipython_shell
    shell.run_line_magic("load_ext", "jupyterlab_mlstudio")
    data = join_uri(services.objects.default_root, "magic-processing", "raw", "iris.csv")
    services.objects.put_bytes(data, iris_csv)
    target = join_uri(services.objects.default_root, "magic-processing", "summary")
    # When a cell runs as a processing job through the magic
    job = await in_thread(
        shell.run_cell_magic,
        "mlstudio",
        f"process --name magic-proc --input raw={data} --output summary={target} -- --fast",
        SCRIPT,
    )
    # Then the job completed, printed its log and where its output went
    assert (await in_thread(job.describe)).processing_job_status.value == "Completed"
    printed = capsys.readouterr().out
    assert "args=['--fast']" in printed
    assert f"summary: {target}" in printed
    assert services.objects.get_bytes(join_uri(target, "summary.csv"))
    # And a cell whose job fails fails with the job's reason
    with pytest.raises(MagicFailed, match="magic-broken Failed: AlgorithmError: algo-1 exited"):
        await in_thread(
            shell.run_cell_magic,
            "mlstudio",
            "process --name magic-broken",
            "raise SystemExit('no data here')\n",
        )
    # And a cell without code is refused
    with pytest.raises(MagicFailed, match="write it below the magic"):
        await in_thread(shell.run_cell_magic, "mlstudio", "process", "  \n")
