"""How long a notebook waits when it switches instance type or image, against a plain restart.

    python bench/switch.py [--runs 5] [--docker]

Starts a Jupyter server with ML Studio on 127.0.0.1 (a temporary data and root dir), opens a
notebook session through Jupyter's sessions API, and times, from the request until the kernel
answers an execute request over the server's websocket:

- restart:  Jupyter's own ``POST /api/kernels/{id}/restart`` (the peer: what a restart costs);
- switch:   ``POST /mlstudio/api/v1/kernels/{id}/profile`` to another instance type (the notebook's
            metadata is rewritten and the kernel restarts inside the new limits);
- image:    the same to another image (the session moves to a kernel of that image).

for a local environment (this server's Python) and, with ``--docker``, a Docker image
(mlstudio/sklearn:latest, which scripts/build_images.sh builds). Targets: a switch answers within
2 s for local environments and 5 s for Docker images.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import websocket

sys.path.insert(0, str(Path(__file__).resolve().parent))
from job_start import start_server

TYPES = ("ml.t3.medium", "ml.m5.large")
DOCKER_IMAGE = "mlstudio/sklearn:latest"
TARGETS = {"local": 2.0, "docker": 5.0}


class Server:
    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.token = token

    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else (b"" if method != "GET" else None)
        request = urllib.request.Request(
            f"{self.url}/{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                text = response.read()
        except urllib.error.HTTPError as error:
            raise SystemExit(f"{method} {path}: {error.code} {error.read()[:500]!r}") from error
        return json.loads(text) if text else None

    def answer(self, kernel_id: str, timeout: float = 60.0) -> None:
        """Until the kernel runs ``1`` and replies (connecting as often as it takes)."""
        deadline = time.monotonic() + timeout
        ws_url = self.url.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels"
        while time.monotonic() < deadline:
            try:
                connection = websocket.create_connection(
                    ws_url, header=[f"Authorization: token {self.token}"], timeout=timeout
                )
            except Exception:
                time.sleep(0.02)
                continue
            try:
                msg_id = uuid.uuid4().hex
                connection.send(
                    json.dumps(
                        {
                            "channel": "shell",
                            "header": {
                                "msg_id": msg_id,
                                "msg_type": "execute_request",
                                "session": uuid.uuid4().hex,
                                "username": "bench",
                                "version": "5.3",
                                "date": "",
                            },
                            "parent_header": {},
                            "metadata": {},
                            "content": {"code": "1", "silent": False, "allow_stdin": False},
                            "buffers": [],
                        }
                    )
                )
                while True:
                    message = connection.recv()
                    if isinstance(message, bytes):
                        continue
                    parsed = json.loads(message)
                    if (
                        parsed.get("msg_type") == "execute_reply"
                        and parsed["parent_header"].get("msg_id") == msg_id
                    ):
                        return
            except Exception:
                time.sleep(0.02)
            finally:
                connection.close()
        raise SystemExit(f"kernel {kernel_id} did not answer in {timeout} s")


def wait_image(server: Server, name: str) -> None:
    for _ in range(1200):
        entry = server.call("GET", f"mlstudio/api/v1/images/{name}")
        status = entry["versions"][0]["image_version_status"]
        if status == "CREATED":
            return
        if status == "CREATE_FAILED":
            raise SystemExit(f"image {name}: {entry['versions'][0]['failure_reason']}")
        time.sleep(0.2)
    raise SystemExit(f"image {name} was never validated")


def measure(server: Server, root: Path, kind: str, image: str, other: str, runs: int) -> dict:
    path = f"bench-{kind}.ipynb"
    (root / path).write_text(
        json.dumps(
            {
                "cells": [],
                "metadata": {"mlstudio": {"image": image, "instance_type": TYPES[0]}},
                "nbformat": 4,
                "nbformat_minor": 5,
            }
        )
    )
    session = server.call(
        "POST",
        "api/sessions",
        {
            "path": path,
            "name": path,
            "type": "notebook",
            "kernel": {"name": f"mlstudio-{image}-python3"},
        },
    )
    kernel_id = session["kernel"]["id"]
    server.answer(kernel_id)
    times: dict[str, list[float]] = {"restart": [], "switch": [], "image": []}
    for index in range(runs):
        started = time.perf_counter()
        server.call("POST", f"api/kernels/{kernel_id}/restart")
        server.answer(kernel_id)
        times["restart"].append(time.perf_counter() - started)

        started = time.perf_counter()
        server.call(
            "POST",
            f"mlstudio/api/v1/kernels/{kernel_id}/profile",
            {"instance_type": TYPES[(index + 1) % 2]},
        )
        server.answer(kernel_id)
        times["switch"].append(time.perf_counter() - started)

        for target in (other, image):  # there and back: the session ends where it began
            started = time.perf_counter()
            moved = server.call(
                "POST", f"mlstudio/api/v1/kernels/{kernel_id}/profile", {"image": target}
            )
            kernel_id = moved["kernel_id"]
            server.answer(kernel_id)
            if target == other:
                times["image"].append(time.perf_counter() - started)
    server.call("DELETE", f"api/sessions/{session['id']}")
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--docker", action="store_true", help="also a Docker image")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mlstudio-bench-switch-"))
    token = uuid.uuid4().hex
    process, url = start_server(work, token)
    server = Server(url, token)
    try:
        server.call(
            "POST",
            "mlstudio/api/v1/images",
            {"name": "other", "base_image": f"file://{sys.executable}"},
        )
        wait_image(server, "other")
        kinds = [("local", "default", "other")]
        if args.docker:
            for name in ("sklearn", "sklearn2"):
                server.call(
                    "POST", "mlstudio/api/v1/images", {"name": name, "base_image": DOCKER_IMAGE}
                )
                wait_image(server, name)
            kinds.append(("docker", "sklearn", "sklearn2"))
        print(f"Median of {args.runs} runs, request until the kernel answers an execute request")
        print(
            f"{'kind':8} {'restart':>9} {'switch':>9} {'image':>9} {'switch/restart':>15}  target"
        )
        for kind, image, other in kinds:
            result = measure(server, work, kind, image, other, args.runs)
            ratio = result["switch"] / result["restart"]
            verdict = "ok" if max(result["switch"], result["image"]) <= TARGETS[kind] else "MISSED"
            print(
                f"{kind:8} {result['restart']:8.2f}s {result['switch']:8.2f}s "
                f"{result['image']:8.2f}s {ratio:14.2f}x  <= {TARGETS[kind]:.0f} s {verdict}"
            )
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except Exception:
            process.kill()
        if not os.environ.get("MLSTUDIO_BENCH_KEEP"):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
