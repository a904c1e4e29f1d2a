"""GET /mlstudio/api/v1/status."""

from __future__ import annotations

import asyncio

from jupyterlab_mlstudio import __version__

from .store_helpers import head_revision


async def test_status_reports_version_store_object_store_backends_and_host(api, tmp_path):
    # When the status is read
    code, body = await api("GET", "status")

    # Then it names the version, the embedded SQLite store at the current migration and the
    # local object store under the data dir
    assert code == 200
    assert body["version"] == __version__
    assert body["store"]["dialect"] == "sqlite"
    assert body["store"]["revision"] == head_revision()
    assert str(tmp_path / "mlstudio" / "mlstudio.db") in body["store"]["url"]
    assert body["object_store"]["default_root"] == f"file://{tmp_path / 'mlstudio' / 'objects'}"
    assert body["object_store"]["schemes"] == ["file", "s3"]
    # And the process backend is always usable; docker is reported either way, with a reason
    backends = {item["name"]: item for item in body["backends"]}
    assert backends["process"]["available"] is True
    docker = backends["docker"]
    assert docker["available"] or docker["reason"]
    # And the host's resources are real numbers
    assert body["host"]["cpus"] >= 1
    assert body["host"]["memory_bytes"] > 2**28
    assert isinstance(body["host"]["gpus"], list)
    assert body["domain"] == "d-default" and body["space"] == "default" and body["user"]


async def test_status_events_reach_listeners_of_the_event_stream(services, jp_serverapp):
    # Given a listener on the server's event stream
    received = []

    async def listener(logger, schema_id, data):
        received.append(data)

    jp_serverapp.event_logger.add_listener(
        schema_id="https://schema.jupyter.org/jupyterlab_mlstudio/status/v1", listener=listener
    )
    # When the monitor re-reads the backends and the extension announces them
    services.monitor.refresh()
    assert [backend.name for backend in services.monitor.backends()] == ["process", "docker"]
    services.events.emit(
        "status", {"backends": [b.model_dump() for b in services.monitor.backends()]}
    )
    # Then the listener gets the payload, validated against the versioned schema
    for _ in range(100):
        if received:
            break
        await asyncio.sleep(0.02)
    assert received and received[0]["backends"][0]["name"] == "process"


def test_an_event_that_breaks_its_schema_is_dropped_without_failing_the_caller(services):
    services.events.emit("status", {"backends": "not a list"})


def test_monitor_reports_a_change_only_when_a_reading_differs():
    from jupyterlab_mlstudio.status.monitor import HostMonitor

    monitor = HostMonitor(docker_enabled=False)
    assert monitor.backend("docker").reason == "not checked yet"
    assert monitor.refresh() is True
    assert monitor.backend("docker").reason == "disabled in the server configuration"
    assert monitor.refresh() is False


def test_docker_backend_is_available_when_an_engine_answers():
    import os

    import pytest

    from jupyterlab_mlstudio.runtime.probe import probe_docker

    if not os.environ.get("MLSTUDIO_TEST_DOCKER"):
        pytest.skip("no Docker engine was started for this run; scripts/test.sh starts one")
    status = probe_docker()
    assert status.available, status.reason
    assert status.detail.startswith("Docker Engine ")


def test_docker_backend_says_why_when_no_engine_answers(tmp_path):
    from jupyterlab_mlstudio.runtime.probe import probe_docker

    status = probe_docker(f"unix://{tmp_path}/no-engine.sock", timeout=1)
    assert status.available is False
    assert f"unix://{tmp_path}/no-engine.sock" in status.reason
