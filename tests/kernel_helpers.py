"""Running code in a real kernel through the server's websocket, as a browser does."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from typing import Any

NOTEBOOK = {
    "cells": [],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def notebook(metadata: dict[str, Any] | None = None, cells: list[str] | None = None) -> str:
    body = json.loads(json.dumps(NOTEBOOK))
    body["metadata"] = metadata or {}
    body["cells"] = [
        {
            "cell_type": "code",
            "id": f"c{index}",
            "metadata": {},
            "source": source,
            "outputs": [],
            "execution_count": None,
        }
        for index, source in enumerate(cells or [])
    ]
    return json.dumps(body)


class KernelSocket:
    """One websocket to a kernel's channels; ``run(code)`` returns (status, text output)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.session = uuid.uuid4().hex

    def _message(self, channel: str, msg_type: str, content: dict[str, Any]) -> dict[str, Any]:
        return {
            "channel": channel,
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "session": self.session,
                "username": "test",
                "version": "5.3",
                "date": "",
            },
            "parent_header": {},
            "metadata": {},
            "content": content,
            "buffers": [],
        }

    async def run(self, code: str, timeout: float = 60.0) -> tuple[str, str]:
        request = self._message(
            "shell",
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": False,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
        )
        msg_id = request["header"]["msg_id"]
        await self.connection.write_message(json.dumps(request))
        output: list[str] = []
        status = None
        idle = False
        deadline = time.monotonic() + timeout
        while status is None or not idle:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no answer to {code!r} in {timeout} s; output so far {output}")
            raw = await asyncio.wait_for(self.connection.read_message(), remaining)
            if raw is None:
                raise ConnectionError("the kernel's websocket closed")
            if isinstance(raw, bytes):
                continue
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["msg_type"]
            content = message["content"]
            if kind == "stream":
                output.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                output.append(content["data"].get("text/plain", ""))
            elif kind == "error":
                output.append(f"{content['ename']}: {content['evalue']}")
            elif kind == "execute_reply":
                status = content["status"]
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        return status, "".join(output)

    async def run_ok(self, code: str, timeout: float = 60.0) -> str:
        status, text = await self.run(code, timeout)
        assert status == "ok", text
        return text

    def close(self) -> None:
        self.connection.close()


async def open_kernel(jp_ws_fetch: Any, kernel_id: str, attempts: int = 100) -> KernelSocket:
    """A socket to ``kernel_id`` once its kernel answers (retries while it restarts)."""
    last: Exception | None = None
    for _ in range(attempts):
        try:
            connection = await jp_ws_fetch("api", "kernels", kernel_id, "channels")
            socket = KernelSocket(connection)
            await socket.run_ok("1", timeout=30)
            return socket
        except Exception as error:  # the kernel is still starting or restarting
            last = error
            await asyncio.sleep(0.2)
    raise AssertionError(f"kernel {kernel_id} never answered: {last}")


async def wait_for_spec(jp_fetch: Any, name: str) -> dict[str, Any]:
    """The kernel spec ``name`` once Jupyter lists it (written right after its image version is
    validated)."""
    for _ in range(100):
        specs = json.loads((await jp_fetch("api", "kernelspecs")).body)["kernelspecs"]
        if name in specs:
            return dict(specs[name]["spec"])
        await asyncio.sleep(0.1)
    raise AssertionError(f"no kernel spec {name}")


async def start_session(jp_fetch: Any, path: str, kernel: str) -> dict[str, Any]:
    """A notebook session started through Jupyter's sessions API, as JupyterLab starts one."""
    response = await jp_fetch(
        "api",
        "sessions",
        method="POST",
        body=json.dumps({"path": path, "type": "notebook", "kernel": {"name": kernel}}),
    )
    return dict(json.loads(response.body))


async def wait_for_image(api: Any, name: str, timeout: float = 60.0) -> dict[str, Any]:
    """The newest version of image ``name`` once its validation has ended."""
    deadline = time.monotonic() + timeout
    while True:
        code, entry = await api("GET", f"images/{name}")
        assert code == 200, entry
        version = dict(entry["versions"][0])
        if version["image_version_status"] != "CREATING":
            return version
        assert time.monotonic() < deadline, f"{name} still CREATING after {timeout} s"
        await asyncio.sleep(0.1)
