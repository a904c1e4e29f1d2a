"""The Python client, its server discovery, and the %mlstudio magics (in a real kernel too)."""

from __future__ import annotations

import json
import os

import pytest

from jupyterlab_mlstudio.client import Client, find_server
from jupyterlab_mlstudio.client.discovery import ServerNotFound
from jupyterlab_mlstudio.core.errors import InvalidInput, NotFound
from jupyterlab_mlstudio.magics import MagicFailed

from .aws_helpers import in_thread


@pytest.fixture
def server_url(jp_fetch, jp_http_port, jp_base_url):
    return f"http://localhost:{jp_http_port}{jp_base_url}"


@pytest.fixture
def client(server_url, jp_serverapp):
    return Client(url=server_url, token=jp_serverapp.identity_provider.token)


async def test_client_reads_status_and_instance_types(client):
    status = await in_thread(client.status)
    assert status.backends[0].name == "process" and status.backends[0].available
    types = await in_thread(client.instance_types, available=True)
    assert types and all(item.available for item in types)
    assert "ml.m5.large" in {item.name for item in types}


async def test_client_raises_the_servers_own_errors(client):
    with pytest.raises(NotFound, match="No instance type named"):
        await in_thread(client.request, "GET", "instance-types/ml.none")
    with pytest.raises(InvalidInput) as raised:
        await in_thread(client.request, "GET", "instance-types", params={"available": "perhaps"})
    assert raised.value.field == "available"


async def test_client_builds_a_working_boto3_sagemaker_client(client):
    sagemaker = client.sagemaker()
    response = await in_thread(sagemaker.list_training_jobs)
    assert response["TrainingJobSummaries"] == []


def test_discovery_prefers_arguments_then_environment_then_an_ancestor_server(
    tmp_path, monkeypatch
):
    monkeypatch.delenv("MLSTUDIO_URL", raising=False)
    monkeypatch.delenv("MLSTUDIO_TOKEN", raising=False)
    (tmp_path / f"jpserver-{os.getppid()}.json").write_text(
        json.dumps({"pid": os.getppid(), "url": "http://127.0.0.1:1/", "token": "from-file"})
    )
    (tmp_path / "jpserver-1.json").write_text(
        json.dumps({"pid": 1, "url": "http://wrong/", "token": "x"})
    )
    assert find_server(runtime_dir=str(tmp_path)).token == "from-file"
    monkeypatch.setenv("MLSTUDIO_URL", "http://env:2/")
    monkeypatch.setenv("MLSTUDIO_TOKEN", "from-env")
    assert find_server(runtime_dir=str(tmp_path)).url == "http://env:2/"
    assert find_server("http://arg:3/", "t").token == "t"


def test_discovery_outside_any_server_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.delenv("MLSTUDIO_URL", raising=False)
    with pytest.raises(ServerNotFound, match="MLSTUDIO_URL"):
        find_server(runtime_dir=str(tmp_path))


async def test_magics_print_status_and_instance_type_tables(
    server_url, jp_serverapp, monkeypatch, ipython_shell
):
    from IPython.utils.capture import capture_output

    monkeypatch.setenv("MLSTUDIO_URL", server_url)
    monkeypatch.setenv("MLSTUDIO_TOKEN", jp_serverapp.identity_provider.token)
    shell = ipython_shell
    shell.run_line_magic("load_ext", "jupyterlab_mlstudio")

    def run(line):
        with capture_output() as captured:
            shell.run_line_magic("mlstudio", line)
        return captured

    status = await in_thread(run, "status")
    texts = [output.data["text/plain"] for output in status.outputs]
    assert "ML Studio status" in texts[0] and "Record store" in texts[0]
    assert "Runtime backends" in texts[1] and "process" in texts[1]
    assert texts[2].startswith("Reserved: ") and "Instance type" in texts[2]
    assert "<table" in status.outputs[0].data["text/html"]

    types = await in_thread(run, "instance-types")
    table = types.outputs[0].data["text/plain"]
    assert "ml.g5.xlarge" in table and "ml.m5.large" in table
    assert (
        "needs 1 GPU" in table
        or jp_serverapp.web_app.settings["mlstudio.services"].monitor.host().gpus
    )

    # An unknown command fails the cell, naming the commands there are.
    with pytest.raises(MagicFailed, match="invalid choice"):
        await in_thread(run, "launch")
    helped = await in_thread(run, "")
    assert "instance-types" in helped.stdout


async def test_magics_in_a_kernel_started_by_the_server_need_no_configuration(
    jp_fetch, jp_serverapp, monkeypatch
):
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
            content = message["content"]
            if message["msg_type"] == "stream":
                outputs.append(content["text"])
            elif message["msg_type"] in ("display_data", "execute_result"):
                outputs.append(content["data"]["text/plain"])
            elif message["msg_type"] == "error":
                outputs.append("\n".join(content["traceback"]))

        reply = await kernel_client.execute_interactive(
            "%load_ext jupyterlab_mlstudio\n%mlstudio status", output_hook=collect, timeout=60
        )
        text = "\n".join(outputs)
        assert reply["content"]["status"] == "ok", text
        assert "Runtime backends" in text and "process" in text, text
    finally:
        kernel_client.stop_channels()
        await manager.shutdown_kernel(kernel_id, now=True)


def test_magics_in_an_image_without_their_dependencies_say_what_to_install(monkeypatch):
    # Given a kernel whose image has this package mounted but not `requests`
    import sys

    import jupyterlab_mlstudio

    for name in [m for m in sys.modules if m.startswith("jupyterlab_mlstudio.")]:
        if _imports_requests(name):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "requests", None)

    # When the magics are loaded
    with pytest.raises(ImportError) as raised:
        jupyterlab_mlstudio.load_ipython_extension(object())

    # Then the error names the missing package and the one command that adds it for good
    message = str(raised.value)
    assert "'requests'" in message
    assert "%pip install requests pydantic" in message


def _imports_requests(name: str) -> bool:
    """Modules that import `requests` (directly or through the client)."""
    return name.startswith(("jupyterlab_mlstudio.magics", "jupyterlab_mlstudio.client"))
