"""Serving units on the process backend: the web server, its workers, the /opt/ml contract,
staging, health and stop (real units, real HTTP; models and code made by hand)."""

from __future__ import annotations

import io
import json
import sys
import tarfile
import time

import numpy as np
import pytest
import requests

from jupyterlab_mlstudio.objects import LocalObjectStore, ObjectStores
from jupyterlab_mlstudio.runtime.base import UnitState
from jupyterlab_mlstudio.runtime.process import ProcessBackend
from jupyterlab_mlstudio.serving.health import UnitNotHealthy, exit_reason, wait_healthy
from jupyterlab_mlstudio.serving.staging import stage_model
from jupyterlab_mlstudio.serving.units import (
    ModelSpec,
    allocate_port,
    serving_unit_spec,
    unit_name,
    unit_url,
)

from .endpoint_helpers import wait_for
from .serving_helpers import (
    FIXTURES,
    WEIGHTS,
    artifact,
    instance_type,
    model_folder,
    settings,
    start_unit,
)

ROWS = [[1.0, 2.0, 3.0], [0.0, 1.0, 0.5]]
EXPECTED = (np.asarray(ROWS) @ np.asarray(WEIGHTS)).tolist()


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    process = ProcessBackend(tmp_path_factory.mktemp("units"))
    yield process
    process.close()


@pytest.fixture
def objects(tmp_path):
    return ObjectStores([LocalObjectStore([str(tmp_path)])], f"file://{tmp_path}/objects")


def test_default_handlers_answer_each_content_type_and_refuse_with_415_406_413(backend, tmp_path):
    # Given a unit of a model with model_fn and predict_fn only, one worker, a 1 MB body limit
    folder = model_folder(tmp_path / "opt_ml", "serving_defaults")
    model = ModelSpec(
        "defaults",
        "process",
        sys.executable,
        environment={"SAGEMAKER_MODEL_SERVER_WORKERS": "1", "SAGEMAKER_MAX_PAYLOAD_IN_MB": "1"},
    )
    unit = start_unit(backend, model, folder, settings(tmp_path), "defaults")
    try:
        # When each content type is sent, Then each is read and the answer written as asked
        status, body, kind = unit.post(json.dumps(ROWS), "application/json")
        assert (status, kind) == (200, "application/json")
        assert json.loads(body) == EXPECTED
        status, body, kind = unit.post("1,2,3\n0,1,0.5", "text/csv", "text/csv")
        assert status == 200 and kind.startswith("text/csv")
        assert [float(line) for line in body.decode().split()] == EXPECTED
        buffer = io.BytesIO()
        np.save(buffer, np.asarray(ROWS))
        status, body, kind = unit.post(buffer.getvalue(), "application/x-npy", "application/x-npy")
        assert status == 200 and np.load(io.BytesIO(body)).tolist() == EXPECTED
        # And what it cannot read or write is refused with the scikit-learn container's codes
        assert unit.post("<x/>", "application/xml")[0] == 415
        assert unit.post(json.dumps(ROWS), "application/json", "image/png")[0] == 406
        assert unit.post(b"0" * (1024 * 1024 + 1), "text/csv")[0] == 413
        # And an exception in the model's code is a 500 carrying its message
        status, body, _ = unit.post(json.dumps([[-1, 0, 0]]), "application/json")
        assert status == 500
        assert body.decode() == "negative inputs are not allowed by this model"
        # And the traceback reaches the unit's log (its worker writes it after answering)
        wait_for(
            lambda: "ValueError: negative inputs are not allowed" in unit.logs(),
            10,
            "the traceback in the unit's log",
        )
        # And a model without execution_parameters_fn says so
        assert requests.get(f"{unit.url}/execution-parameters", timeout=5).status_code == 404
    finally:
        unit.stop()


def test_code_from_a_submit_directory_tarball_runs_in_two_workers_under_opt_ml(
    backend, tmp_path, objects
):
    # Given a model.tar.gz and, apart from it, a sourcedir.tar.gz named by
    # SAGEMAKER_SUBMIT_DIRECTORY and SAGEMAKER_PROGRAM (as the SDK deploys a framework model)
    root = tmp_path / "objects"
    root.mkdir()
    (root / "model.tar.gz").write_bytes(artifact({"weights.json": json.dumps(WEIGHTS).encode()}))
    code = io.BytesIO()
    with tarfile.open(fileobj=code, mode="w:gz") as tar:
        tar.add(FIXTURES / "serving_hooks" / "inference.py", arcname="serve_me.py")
    (root / "sourcedir.tar.gz").write_bytes(code.getvalue())
    model = ModelSpec(
        "hooks",
        "process",
        sys.executable,
        model_data_url=f"file://{root}/model.tar.gz",
        environment={
            "SAGEMAKER_PROGRAM": "serve_me.py",
            "SAGEMAKER_SUBMIT_DIRECTORY": f"file://{root}/sourcedir.tar.gz",
            "SAGEMAKER_MODEL_SERVER_WORKERS": "2",
        },
    )
    # When it is staged and a unit starts
    folder = stage_model(objects, model, tmp_path / "staged")
    assert (folder / "code" / "serve_me.py").is_file()
    assert stage_model(objects, model, tmp_path / "staged") == folder  # staged once
    unit = start_unit(backend, model, folder, settings(tmp_path), "hooks")
    try:
        # Then requests are answered by the model's own hooks, which see /opt/ml/model
        answers = [unit.post(json.dumps({"rows": ROWS}), "application/json") for _ in range(12)]
        bodies = [json.loads(body) for status, body, _ in answers if status == 200]
        assert len(bodies) == 12, answers[0]
        assert bodies[0]["predictions"] == EXPECTED
        assert bodies[0]["model_dir"] == "/opt/ml/model"
        # And the unit runs the number of workers asked for
        assert "2 workers" in unit.logs()
        parameters = requests.get(f"{unit.url}/execution-parameters", timeout=5).json()
        assert parameters["BatchStrategy"] == "MULTI_RECORD"
    finally:
        unit.stop()
    # And stop ends it with everything below it
    assert backend.status(unit.unit).state != UnitState.RUNNING


def test_a_model_that_cannot_load_ends_the_unit_at_once_with_its_message(backend, tmp_path):
    # Given inference code whose model_fn raises
    folder = model_folder(tmp_path / "opt_ml", "serving_defaults", files={"other.txt": b"x"})
    model = ModelSpec("broken", "process", sys.executable, environment={})
    port = allocate_port()
    spec = serving_unit_spec(
        model,
        backend=backend,
        instance_type=instance_type(),
        name=unit_name("test", "broken", "v", 1, str(time.time_ns())),
        group="broken",
        variant="v",
        index=1,
        port=port,
        folder=folder,
        settings=settings(tmp_path),
    )
    unit = backend.start(spec)
    started = time.monotonic()
    # When its health is awaited, Then it fails long before the timeout, with the reason
    with pytest.raises(UnitNotHealthy, match="exited with code"):
        wait_healthy(unit_url(port), 60, alive=lambda: exit_reason(backend, unit))
    assert time.monotonic() - started < 30
    log = "\n".join(line for _, line in backend.read_logs(unit).lines)
    assert "weights.json" in log and "could not be loaded" in log
    backend.remove(unit)


def test_the_serve_extra_missing_from_an_environment_is_said_in_the_units_log(backend, tmp_path):
    # Given a Python environment without uvicorn and Starlette (a bare venv)
    import venv

    venv.create(tmp_path / "bare", with_pip=False)
    python = str(tmp_path / "bare" / "bin" / "python")
    folder = model_folder(tmp_path / "opt_ml")
    model = ModelSpec("bare", "process", python)
    port = allocate_port()
    spec = serving_unit_spec(
        model,
        backend=backend,
        instance_type=instance_type(),
        name=unit_name("test", "bare", "v", 1, str(time.time_ns())),
        group="bare",
        variant="v",
        index=1,
        port=port,
        folder=folder,
        settings=settings(tmp_path),
    )
    unit = backend.start(spec)
    # Then the unit ends and its log names what is missing and how to install it
    status = backend.wait(unit, 30)
    assert status.exit_code == 4
    log = "\n".join(line for _, line in backend.read_logs(unit).lines)
    assert "lacks starlette, uvicorn, numpy" in log and "pip install" in log
    backend.remove(unit)
