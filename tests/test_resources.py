"""The resource overview on the REST face: a user sees what they run (here: kernels) with run
time and memory and stops it from one place; an admin sees everyone's and stops idle kernels;
a member sees and stops only their own."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest

from jupyterlab_mlstudio.core.context import RequestContext

from .users import api_as, with_named_users


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    return with_named_users(jp_server_config)


@pytest.fixture
def as_user(jp_fetch: Any) -> Any:
    return api_as(jp_fetch)


@pytest.fixture
def member(services: Any) -> str:
    """A member profile ``bo`` in the server's domain (the server's own user is its admin)."""
    context = RequestContext(owner="admin", domain=services.default_domain)
    services.domains.create_profile(
        context, {"DomainId": services.default_domain, "UserProfileName": "bo"}
    )
    return "bo"


async def start_kernel(jp_fetch: Any, jp_serverapp: Any) -> str:
    """A plain kernel of the server's user, once it has answered a request and is idle."""
    response = await jp_fetch("api", "kernels", method="POST", body=json.dumps({}))
    kernel_id = json.loads(response.body)["id"]
    kernel = jp_serverapp.kernel_manager.get_kernel(kernel_id)
    client = kernel.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=120)
    finally:
        client.stop_channels()
    deadline = time.monotonic() + 60
    while getattr(kernel, "execution_state", None) != "idle":
        assert time.monotonic() < deadline, "the kernel never became idle"
        await asyncio.sleep(0.1)
    return kernel_id


async def test_a_user_sees_their_kernel_with_run_time_and_memory_and_stops_it(
    as_user, jp_fetch, jp_serverapp
):
    # Given a kernel of the server's user runs
    kernel_id = await start_kernel(jp_fetch, jp_serverapp)

    # When the user reads the overview
    code, overview = await as_user(None, "GET", "resources")

    # Then the kernel is there, with its start, run time and measured memory
    assert code == 200, overview
    assert overview["scope"] == "mine" and overview["is_admin"] is True
    [kernel] = [item for item in overview["resources"] if item["id"] == kernel_id]
    assert kernel["kind"] == "kernel" and kernel["run_seconds"] >= 0
    assert kernel["memory_used_bytes"] > 10 * 1024 * 1024  # a Python kernel holds > 10 MB
    assert overview["memory_used_bytes"] >= kernel["memory_used_bytes"]

    # When they stop it from the overview
    code, stopped = await as_user(
        None, "POST", "resources/stop", {"kind": "kernel", "id": kernel_id}
    )

    # Then it is stopped for Jupyter too, and gone from the overview
    assert code == 200 and stopped["id"] == kernel_id, stopped
    assert kernel_id not in jp_serverapp.kernel_manager
    code, after = await as_user(None, "GET", "resources")
    assert kernel_id not in [item["id"] for item in after["resources"]]


async def test_a_member_sees_and_stops_only_their_own(as_user, member, jp_fetch, jp_serverapp):
    # Given the admin's kernel runs
    kernel_id = await start_kernel(jp_fetch, jp_serverapp)

    # Then the member sees nothing of theirs, may not look at everyone's
    code, overview = await as_user(member, "GET", "resources")
    assert code == 200 and overview["resources"] == [] and overview["is_admin"] is False
    code, body = await as_user(member, "GET", "resources", scope="everyone")
    assert code == 403 and "admin" in body["message"]
    # And cannot stop the admin's kernel (it does not exist for them), nor stop idle ones
    code, _ = await as_user(member, "POST", "resources/stop", {"kind": "kernel", "id": kernel_id})
    assert code == 404
    code, _ = await as_user(member, "POST", "resources/stop-idle", {"idle_minutes": 0})
    assert code == 403
    assert kernel_id in jp_serverapp.kernel_manager


async def test_an_admin_sees_everyones_and_stops_what_is_idle(as_user, jp_fetch, jp_serverapp):
    # Given an idle kernel
    kernel_id = await start_kernel(jp_fetch, jp_serverapp)

    # When the admin reads everyone's, the kernel is there with how long it has been idle
    code, overview = await as_user(None, "GET", "resources", scope="everyone")
    assert code == 200, overview
    [kernel] = [item for item in overview["resources"] if item["id"] == kernel_id]
    assert kernel["idle_seconds"] is not None

    # A threshold it has not reached stops nothing
    code, body = await as_user(None, "POST", "resources/stop-idle", {"idle_minutes": 600})
    assert code == 200 and body["stopped"] == []
    assert kernel_id in jp_serverapp.kernel_manager

    # One it has reached stops it
    code, body = await as_user(None, "POST", "resources/stop-idle", {"idle_minutes": 0})
    assert code == 200 and [item["id"] for item in body["stopped"]] == [kernel_id]
    assert kernel_id not in jp_serverapp.kernel_manager


async def test_stopping_what_does_not_run_is_a_404_and_bad_kinds_a_400(as_user):
    code, body = await as_user(None, "POST", "resources/stop", {"kind": "kernel", "id": "x"})
    assert code == 404, body
    code, body = await as_user(None, "POST", "resources/stop", {"kind": "pod", "id": "x"})
    assert code == 400 and body["field"] == "kind", body
    code, body = await as_user(None, "GET", "resources", scope="all")
    assert code == 400 and body["field"] == "scope", body
