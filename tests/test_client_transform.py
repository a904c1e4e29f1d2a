"""Batch transform from the Python client: ``client.batch_transform`` over a local folder of
the server, waited for with its progress lines (status, objects done of the total); a failing
job raises with its reason."""

from __future__ import annotations

import io

import pytest

from jupyterlab_mlstudio.client import Client
from jupyterlab_mlstudio.client.transform import TransformJobFailed

from .aws_helpers import in_thread
from .endpoint_helpers import (
    INSTANCE_TYPE,
    breast_cancer,
    create_model,
    csv_rows,
    model_artifact,
    stop_endpoint_units,
)


@pytest.fixture
def mlstudio_config():
    return {"docker_enabled": False}


@pytest.fixture
def client(jp_fetch, jp_http_port, jp_base_url, jp_serverapp, services):
    yield Client(
        url=f"http://localhost:{jp_http_port}{jp_base_url}",
        token=jp_serverapp.identity_provider.token,
    )
    stop_endpoint_units(services)


async def test_batch_transform_waits_with_progress_and_a_failure_raises_its_reason(
    client, jp_root_dir
):
    data, model = model_artifact(code=None)
    (jp_root_dir / "model.tar.gz").write_bytes(data)
    await in_thread(
        create_model, client.sagemaker(), "lr", f"file://{jp_root_dir / 'model.tar.gz'}"
    )
    features, _ = breast_cancer()
    source = jp_root_dir / "rows"
    source.mkdir()
    (source / "rows.csv").write_bytes(csv_rows(features[:25]) + b"\n")
    for part in ("more-1.csv", "more-2.csv"):
        (source / part).write_bytes(csv_rows(features[25:30]) + b"\n")

    # When the client transforms a local folder of the server and waits
    out = io.StringIO()
    job = await in_thread(
        client.batch_transform,
        model="lr",
        input=source,
        output=jp_root_dir / "predictions",
        accept="text/csv",
        instance_type=INSTANCE_TYPE,
        job_name="from-client",
        out=out,
    )

    # Then the job completed, its progress (objects done of the total) was shown as it went,
    # and the answers are the model's
    assert (await in_thread(job.describe))["TransformJobStatus"] == "Completed"
    lines = out.getvalue().splitlines()
    assert lines[-1].startswith("[Completed] from-client: Completed, 3 of 3 objects (35 records)")
    assert any(line.startswith("[InProgress]") for line in lines)
    progress = await in_thread(job.progress)
    assert progress is not None
    assert (progress["objects_done"], progress["objects_total"]) == (3, 3)
    written = (jp_root_dir / "predictions" / "rows.csv.out").read_text().splitlines()
    assert [int(float(line)) for line in written] == model.predict(features[:25]).tolist()

    # And a job over nothing raises with the server's reason
    with pytest.raises(TransformJobFailed) as raised:
        await in_thread(
            client.batch_transform,
            model="lr",
            input=jp_root_dir / "nowhere",
            output=jp_root_dir / "none",
            instance_type=INSTANCE_TYPE,
            job_name="over-nothing",
            out=io.StringIO(),
        )
    assert "over-nothing failed: " in str(raised.value)
    assert str(raised.value) != "over-nothing failed: None"
