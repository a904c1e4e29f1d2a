"""The MLflow face's routes beside the tracking API, as MLflow's server tests check them: unknown
paths, metric histories of many runs, a run's artifact listing, download and UI upload, dataset
summaries, and the types and order of artifact downloads and listings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .aws_helpers import in_thread
from .test_mlflow_compat import tracking  # noqa: F401  (the fixture)

mlflow = pytest.importorskip("mlflow", reason="the test extras install mlflow")
from mlflow import MlflowClient  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24


async def _raw(jp_fetch, *path, method="GET", **kwargs):
    """A request to the face that answers whatever the status (no exception on 4xx)."""
    return await jp_fetch("mlstudio", "mlflow", *path, method=method, raise_error=False, **kwargs)


def _error(response) -> dict:
    assert response.headers["Content-Type"].startswith("application/json")
    return json.loads(response.body)


def _run_with_loss(name: str, steps: range, scale: float = 1.0) -> str:
    with mlflow.start_run(run_name=name) as run:
        for step in steps:
            mlflow.log_metric("loss", scale / (step + 1), step=step, timestamp=1000 + step)
    return run.info.run_id


# -- unknown paths ----------------------------------------------------------------------------


UNKNOWN_PATHS = [
    ("api", "2.0", "mlflow", "no-such-endpoint"),
    ("api", "3.0", "mlflow", "no-such-endpoint"),
    ("api", "3.0", "mlflow", "traces", "tr-1", "no-such-part"),
    ("ajax-api", "2.0", "mlflow", "nothing", "here"),
    ("api", "9.9", "whatever"),
]


async def test_an_unknown_path_under_the_face_is_mlflows_json_endpoint_not_found(
    tracking,  # noqa: F811
    jp_fetch,
):
    for path in UNKNOWN_PATHS:
        # Given the face, When a path it does not serve is asked for
        response = await _raw(jp_fetch, *path)
        # Then the answer is MLflow's JSON 404, not an HTML page
        assert response.code == 404, path
        assert _error(response)["error_code"] == "ENDPOINT_NOT_FOUND", path


async def test_a_known_endpoint_asked_with_another_method_is_a_json_405(
    tracking,  # noqa: F811
    jp_fetch,
):
    response = await _raw(jp_fetch, "api", "2.0", "mlflow", "runs", "get", method="DELETE")
    assert response.code == 405 and "GET" in response.headers["Allow"]
    assert _error(response)["error_code"] == "BAD_REQUEST"


async def test_version_answers_the_followed_mlflow_release_the_clients_probe_reads(
    tracking,  # noqa: F811
    jp_fetch,
):
    # Given the face, When the client asks for the server's version as it does before logging
    # spans
    from mlflow.store.tracking.rest_store import RestStore
    from mlflow.tracking._tracking_service.utils import _get_store
    from packaging.version import Version

    store = _get_store()
    assert isinstance(store, RestStore)
    RestStore._get_server_version.cache_clear()
    version = await in_thread(RestStore._get_server_version, store.get_host_creds())
    # Then it reads a release new enough for span logging, the one the face follows
    assert version is not None and version >= Version("3.4")
    response = await _raw(jp_fetch, "version")
    assert response.code == 200 and response.body.decode() == str(version)


# -- metric histories of many runs ------------------------------------------------------------


async def test_get_history_bulk_gives_every_point_of_each_run_with_its_run_id(
    tracking,  # noqa: F811
    jp_fetch,
):
    # Given two runs that logged "loss"
    first = await in_thread(_run_with_loss, "a", range(3))
    second = await in_thread(_run_with_loss, "b", range(2), 2.0)
    # When the UI asks for both histories at once
    response = await _raw(
        jp_fetch,
        "ajax-api",
        "2.0",
        "mlflow",
        "metrics",
        "get-history-bulk",
        params=[("run_id", first), ("run_id", second), ("metric_key", "loss")],
    )
    # Then each point carries its run, runs by id, a run's points by time
    assert response.code == 200
    metrics = json.loads(response.body)["metrics"]
    expected = sorted([(first, step) for step in range(3)] + [(second, step) for step in range(2)])
    assert [(item["run_id"], item["step"]) for item in metrics] == expected
    assert {item["key"] for item in metrics} == {"loss"}
    assert metrics[0]["timestamp"] == 1000


async def test_get_history_bulk_without_a_run_is_invalid_parameter_value(
    tracking,  # noqa: F811
    jp_fetch,
):
    response = await _raw(
        jp_fetch,
        "ajax-api",
        "2.0",
        "mlflow",
        "metrics",
        "get-history-bulk",
        params={"metric_key": "loss"},
    )
    assert response.code == 400
    assert _error(response)["error_code"] == "INVALID_PARAMETER_VALUE"


async def test_get_history_bulk_interval_samples_steps_and_keeps_each_runs_first_and_last(
    tracking,  # noqa: F811
    jp_fetch,
):
    # Given a run with 100 steps and one with steps 0..29
    long_run = await in_thread(_run_with_loss, "long", range(100))
    short_run = await in_thread(_run_with_loss, "short", range(30))
    # When the chart asks for about 10 steps
    response = await _raw(
        jp_fetch,
        "ajax-api",
        "2.0",
        "mlflow",
        "metrics",
        "get-history-bulk-interval",
        params=[
            ("run_ids", long_run),
            ("run_ids", short_run),
            ("metric_key", "loss"),
            ("max_results", "10"),
        ],
    )
    assert response.code == 200
    metrics = json.loads(response.body)["metrics"]
    long_steps = [item["step"] for item in metrics if item["run_id"] == long_run]
    short_steps = [item["step"] for item in metrics if item["run_id"] == short_run]
    # Then each run gives a sample by step that holds its own first and last step
    assert long_steps == sorted(long_steps) and 0 in long_steps and 99 in long_steps
    assert len(long_steps) <= 12 and 0 in short_steps and 29 in short_steps
    # and the runs come in the order they were named
    assert metrics[0]["run_id"] == long_run


async def test_get_history_bulk_interval_with_a_start_but_no_end_is_refused(
    tracking,  # noqa: F811
    jp_fetch,
):
    run_id = await in_thread(_run_with_loss, "one", range(3))
    response = await _raw(
        jp_fetch,
        "ajax-api",
        "2.0",
        "mlflow",
        "metrics",
        "get-history-bulk-interval",
        params={"run_ids": run_id, "metric_key": "loss", "start_step": "1"},
    )
    assert response.code == 400
    assert "both must be specified" in _error(response)["message"]


async def test_get_history_bulk_interval_within_a_step_range_keeps_to_it(
    tracking,  # noqa: F811
    jp_fetch,
):
    run_id = await in_thread(_run_with_loss, "ranged", range(50))
    response = await _raw(
        jp_fetch,
        "ajax-api",
        "2.0",
        "mlflow",
        "metrics",
        "get-history-bulk-interval",
        params={"run_ids": run_id, "metric_key": "loss", "start_step": "10", "end_step": "19"},
    )
    steps = [item["step"] for item in json.loads(response.body)["metrics"]]
    assert steps == list(range(10, 20))


# -- a run's artifacts --------------------------------------------------------------------------


def _run_with_files(tmp_path) -> str:
    folder = tmp_path / "files"
    (folder / "plots").mkdir(parents=True)
    (folder / "plots" / "curve.png").write_bytes(PNG)
    (folder / "a.json").write_text('{"a": 1}')
    (folder / "zeta.bin").write_bytes(b"\x00\x01")
    (folder / "MLmodel").write_text("flavors: {}\n")
    with mlflow.start_run() as run:
        mlflow.log_artifacts(str(folder))
    return run.info.run_id


async def test_artifacts_list_gives_paths_from_the_run_root_ordered_by_path(
    tracking,  # noqa: F811
    jp_fetch,
    tmp_path,
):
    # Given a run with files and a folder
    run_id = await in_thread(_run_with_files, tmp_path)
    # When its root is listed through MLflow's listing endpoint
    response = await _raw(
        jp_fetch, "api", "2.0", "mlflow", "artifacts", "list", params={"run_id": run_id}
    )
    body = json.loads(response.body)
    # Then entries come by path, the folder among the files, as MLflow lists them
    assert [(item["path"], item["is_dir"]) for item in body["files"]] == [
        ("MLmodel", False),
        ("a.json", False),
        ("plots", True),
        ("zeta.bin", False),
    ]
    assert body["root_uri"].endswith(f"/{run_id}/artifacts")
    inner = await _raw(
        jp_fetch,
        "api",
        "2.0",
        "mlflow",
        "artifacts",
        "list",
        params={"run_id": run_id, "path": "plots"},
    )
    assert json.loads(inner.body)["files"] == [
        {"path": "plots/curve.png", "is_dir": False, "file_size": len(PNG)}
    ]


async def test_artifacts_list_of_an_unknown_run_is_resource_does_not_exist(
    tracking,  # noqa: F811
    jp_fetch,
):
    response = await _raw(
        jp_fetch, "api", "2.0", "mlflow", "artifacts", "list", params={"run_id": "0" * 32}
    )
    assert response.code == 404
    assert _error(response)["error_code"] == "RESOURCE_DOES_NOT_EXIST"


async def test_the_proxys_listing_is_ordered_by_name_as_mlflows(
    tracking,  # noqa: F811
    jp_fetch,
    tmp_path,
):
    run_id = await in_thread(_run_with_files, tmp_path)
    experiment_id = (await in_thread(MlflowClient().get_run, run_id)).info.experiment_id
    response = await _raw(
        jp_fetch,
        "api",
        "2.0",
        "mlflow-artifacts",
        "artifacts",
        params={"path": f"{experiment_id}/{run_id}/artifacts"},
    )
    names = [item["path"] for item in json.loads(response.body)["files"]]
    assert names == ["MLmodel", "a.json", "plots", "zeta.bin"]


CONTENT_TYPES = {
    "plots/curve.png": "image/png",
    "a.json": "text/plain",
    "MLmodel": "text/plain",
    "zeta.bin": "application/octet-stream",
}


async def test_get_artifact_downloads_a_runs_file_with_mlflows_content_type(
    tracking,  # noqa: F811
    jp_fetch,
    tmp_path,
):
    # Given a run's files
    run_id = await in_thread(_run_with_files, tmp_path)
    for path, content_type in CONTENT_TYPES.items():
        # When the UI downloads one through get-artifact
        response = await _raw(jp_fetch, "get-artifact", params={"run_id": run_id, "path": path})
        # Then its bytes come as an attachment of the type MLflow gives that file, never sniffed
        assert response.code == 200
        assert response.body == (tmp_path / "files" / path).read_bytes()
        assert response.headers["Content-Type"] == content_type, path
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Disposition"].startswith("attachment")


async def test_a_download_through_the_proxy_carries_the_files_content_type(
    tracking,  # noqa: F811
    jp_fetch,
    tmp_path,
):
    run_id = await in_thread(_run_with_files, tmp_path)
    experiment_id = (await in_thread(MlflowClient().get_run, run_id)).info.experiment_id
    response = await _raw(
        jp_fetch,
        "api",
        "2.0",
        "mlflow-artifacts",
        "artifacts",
        experiment_id,
        run_id,
        "artifacts",
        "plots",
        "curve.png",
    )
    assert response.code == 200 and response.body == PNG
    assert response.headers["Content-Type"] == "image/png"


async def test_get_artifact_of_a_missing_file_is_resource_does_not_exist(
    tracking,  # noqa: F811
    jp_fetch,
    tmp_path,
):
    run_id = await in_thread(_run_with_files, tmp_path)
    response = await _raw(jp_fetch, "get-artifact", params={"run_id": run_id, "path": "nope.txt"})
    assert response.code == 404
    assert _error(response)["error_code"] == "RESOURCE_DOES_NOT_EXIST"


async def test_upload_artifact_stores_the_body_among_the_runs_artifacts(
    tracking,  # noqa: F811
    jp_fetch,
    tmp_path,
):
    # Given a run
    def start():
        with mlflow.start_run() as run:
            return run.info.run_id

    run_id = await in_thread(start)
    # When the UI uploads a file into it
    response = await _raw(
        jp_fetch,
        "ajax-api",
        "2.0",
        "mlflow",
        "upload-artifact",
        method="POST",
        params={"run_uuid": run_id, "path": "notes/readme.txt"},
        body=b"uploaded",
    )
    assert response.code == 200
    # Then the mlflow client finds and downloads it
    local = await in_thread(
        MlflowClient().download_artifacts, run_id, "notes/readme.txt", str(tmp_path)
    )
    assert Path(local).read_bytes() == b"uploaded"


REFUSED_UPLOADS = [
    ({"path": "x.txt"}, b"x", "run_uuid"),
    ({"run_uuid": "RUN"}, b"x", "path"),
    ({"run_uuid": "RUN", "path": "x.txt"}, b"", "data"),
    ({"run_uuid": "RUN", "path": "big.bin"}, b"\x00" * (10 * 1024 * 1024 + 1), "10MB"),
    ({"run_uuid": "RUN", "path": "../escape.txt"}, b"x", "may not leave"),
]


async def test_upload_artifact_refuses_what_mlflow_refuses(
    tracking,  # noqa: F811
    jp_fetch,
):
    def start():
        with mlflow.start_run() as run:
            return run.info.run_id

    run_id = await in_thread(start)
    for params, body, message in REFUSED_UPLOADS:
        query = {key: run_id if value == "RUN" else value for key, value in params.items()}
        response = await _raw(
            jp_fetch,
            "ajax-api",
            "2.0",
            "mlflow",
            "upload-artifact",
            method="POST",
            params=query,
            body=body,
            allow_nonstandard_methods=True,
        )
        assert response.code == 400, message
        error = _error(response)
        assert error["error_code"] == "INVALID_PARAMETER_VALUE" and message in error["message"]


# -- datasets ----------------------------------------------------------------------------------


async def test_search_datasets_summarises_the_datasets_an_experiments_runs_read(
    tracking,  # noqa: F811
    jp_fetch,
):
    import pandas as pd

    # Given a run that logged a training dataset
    def log():
        mlflow.set_experiment("with-data")
        dataset = mlflow.data.from_pandas(pd.DataFrame({"x": [1, 2, 3]}), name="numbers")
        with mlflow.start_run():
            mlflow.log_input(dataset, context="training")
        return mlflow.get_experiment_by_name("with-data").experiment_id, dataset.digest

    experiment_id, digest = await in_thread(log)
    # When the UI searches the experiment's datasets
    response = await _raw(
        jp_fetch,
        "ajax-api",
        "2.0",
        "mlflow",
        "experiments",
        "search-datasets",
        method="POST",
        body=json.dumps({"experiment_ids": [experiment_id]}),
    )
    # Then it gets one summary: the dataset, its digest and its use
    assert json.loads(response.body)["dataset_summaries"] == [
        {"experiment_id": experiment_id, "name": "numbers", "digest": digest, "context": "training"}
    ]
