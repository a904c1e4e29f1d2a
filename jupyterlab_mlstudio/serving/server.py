"""The web server of a serving unit: Starlette under uvicorn, ``SAGEMAKER_MODEL_SERVER_WORKERS``
worker processes on one listening socket.

``python -m jupyterlab_mlstudio.serving serve`` (what a process unit runs, and what the
project's serving image's ``serve`` runs). Each worker loads the model once, before it accepts
a connection, so ``/ping`` answers only when a worker is ready. The model runs on one thread of
its worker, off the event loop: pings are answered while a long prediction runs, and a model
that is not thread-safe is never called twice at once.

A worker that cannot load the model ends the unit at once with the reason (exit code 3), rather
than being restarted over and over; a worker that dies later is restarted. SIGTERM stops the
workers and ends the unit (the backend sends SIGKILL after its grace period).

Several workers are forked from the unit's process once it has imported the web server and the
libraries the model's format needs (:func:`preload`; importing scikit-learn is most of a cold
start): a worker, first or restarted, then only loads the model. Inference code is imported by
each worker, never before the fork (it may start threads). A worker sets itself to die with the
unit's process, so that nothing is left listening on the port if that process is killed.
"""

from __future__ import annotations

import asyncio
import importlib.util
import multiprocessing
import os
import signal
import socket
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

#: A worker that exits with this code could not load the model: the unit ends.
BOOT_FAILED = 3
MISSING = 4
CUSTOM_ATTRIBUTES = "x-amzn-sagemaker-custom-attributes"


@dataclass(frozen=True)
class ServerConfig:
    """The unit's settings, from the serving contract's environment."""

    host: str
    port: int
    workers: int
    timeout: float
    max_body: int

    @classmethod
    def from_environment(cls) -> ServerConfig:
        env = os.environ

        def number(name: str, default: float) -> float:
            try:
                return float(env.get(name) or default)
            except ValueError:
                return default

        return cls(
            host=env.get("MLSTUDIO_SERVING_HOST") or "0.0.0.0",
            port=int(number("SAGEMAKER_BIND_TO_PORT", 8080)),
            workers=max(1, int(number("SAGEMAKER_MODEL_SERVER_WORKERS", os.cpu_count() or 1))),
            timeout=number("SAGEMAKER_MODEL_SERVER_TIMEOUT", 60.0),
            max_body=int(number("SAGEMAKER_MAX_PAYLOAD_IN_MB", 6.0) * 1024 * 1024),
        )


def create_app(handler: Any, config: ServerConfig) -> Any:
    """The Starlette application around a loaded ``InferenceHandler``."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    # One thread runs the model: never two calls at once in a worker, and the loop stays free.
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="model")

    async def ping(_request: Request) -> Response:
        return Response(status_code=200)

    async def invocations(request: Request) -> Response:
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > config.max_body:
            return _too_large(config)
        chunks = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > config.max_body:
                return _too_large(config)
            chunks.append(chunk)
        body = b"".join(chunks)
        headers = request.headers
        loop = asyncio.get_running_loop()
        work = loop.run_in_executor(
            executor,
            handler.invoke,
            body,
            headers.get("content-type"),
            headers.get("accept"),
            headers.get(CUSTOM_ATTRIBUTES),
        )
        try:
            reply = await asyncio.wait_for(work, config.timeout)
        except asyncio.TimeoutError:
            return PlainTextResponse(
                f"The model did not answer within {config.timeout:g} s "
                "(SAGEMAKER_MODEL_SERVER_TIMEOUT)",
                status_code=504,
            )
        return Response(
            reply.body,
            status_code=reply.status,
            media_type=reply.content_type,
            headers=reply.headers,
        )

    async def execution_parameters(_request: Request) -> Response:
        parameters = handler.execution_parameters()
        if parameters is None:
            return PlainTextResponse("The model defines no execution_parameters_fn", 404)
        return JSONResponse(parameters)

    return Starlette(
        routes=[
            Route("/ping", ping, methods=["GET"]),
            Route("/invocations", invocations, methods=["POST"]),
            Route("/execution-parameters", execution_parameters, methods=["GET"]),
        ]
    )


def _too_large(config: ServerConfig) -> Any:
    from starlette.responses import PlainTextResponse

    return PlainTextResponse(
        f"The request body is larger than {config.max_body} bytes (SAGEMAKER_MAX_PAYLOAD_IN_MB)",
        status_code=413,
    )


def _uvicorn_config(app: Any, config: ServerConfig) -> Any:
    import uvicorn

    return uvicorn.Config(
        app,
        host=config.host,
        port=config.port,
        # The fastest parts installed; uvicorn's pure-Python ones otherwise.
        http="httptools" if importlib.util.find_spec("httptools") else "h11",
        loop="uvloop" if importlib.util.find_spec("uvloop") else "asyncio",
        lifespan="off",
        access_log=False,
        log_level="warning",
        # Callers keep connections open (the endpoint router); do not close them under it.
        timeout_keep_alive=75,
        backlog=2048,
        # In-flight requests get this long after SIGTERM, within the backend's 30 s grace.
        timeout_graceful_shutdown=20,
    )


#: What every worker imports: the web server and the serving code.
SERVER_MODULES = (
    "numpy",
    "starlette.applications",
    "starlette.responses",
    "uvicorn",
    "uvicorn.protocols.http.httptools_impl",
    "uvicorn.loops.uvloop",
    "jupyterlab_mlstudio.serving.handlers",
    "jupyterlab_mlstudio.algorithms.serving",
)


def preload() -> list[str]:
    """Import what every worker will import (the web server, the serving code and the
    libraries the built-in handler needs for the model's format), so that forked workers start
    with it; the names of the modules that could not be imported (they are not needed here)."""
    from .builtin import format_modules

    failed = []
    for name in (*SERVER_MODULES, *format_modules(_model_dir())):
        try:
            importlib.import_module(name)
        except Exception:
            failed.append(name)
    return failed


def _model_dir() -> str:
    base = os.environ.get("SAGEMAKER_BASE_DIR") or "/opt/ml"
    return os.path.join(base, "model")


def _die_with_parent() -> None:
    """SIGKILL this worker when the unit's process ends (Linux), however it ends."""
    parent = os.getppid()
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it ended before the line above
        os._exit(1)


def _load() -> Any:
    from .handlers import InferenceHandler

    handler = InferenceHandler.from_environment()
    handler.load()
    return handler


def serve_worker(config: ServerConfig, sock: socket.socket | None) -> None:
    """One worker: load the model, then answer on ``sock`` (or bind the port itself)."""
    if sock is not None:
        _die_with_parent()
    try:
        handler = _load()
    except BaseException:
        traceback.print_exc()
        print("ML Studio serving: the model could not be loaded (see above)", flush=True)
        sys.stderr.flush()
        os._exit(BOOT_FAILED)
    import uvicorn

    server = uvicorn.Server(_uvicorn_config(create_app(handler, config), config))
    if sock is None:
        server.run()
    else:
        server.run(sockets=[sock])


class Supervisor:
    """The parent of several workers sharing one socket: ends the unit when a worker cannot
    load the model, restarts one that dies later, stops them all on SIGTERM."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.stopping = False
        # Forked after preload(): a worker starts with the imports done (no threads yet here).
        self.context = multiprocessing.get_context("fork")
        # IPPROTO_TCP named explicitly: asyncio sets TCP_NODELAY only on sockets whose proto
        # says TCP, and without it every kept-alive answer waits for a delayed ACK (~40 ms).
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((config.host, config.port))
        self.sock.listen(2048)
        self.sock.set_inheritable(True)
        self.workers: list[Any] = []

    def _spawn(self) -> Any:
        process = self.context.Process(
            target=serve_worker, args=(self.config, self.sock), daemon=False
        )
        process.start()
        return process

    def _stop(self, *_args: Any) -> None:
        self.stopping = True

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        preload()
        self.workers = [self._spawn() for _ in range(self.config.workers)]
        print(
            f"ML Studio serving: {self.config.workers} workers on "
            f"{self.config.host}:{self.config.port}",
            flush=True,
        )
        code = 0
        while not self.stopping:
            for index, process in enumerate(self.workers):
                if process.is_alive():
                    continue
                if process.exitcode == BOOT_FAILED:
                    print("ML Studio serving: a worker could not load the model", flush=True)
                    self.stopping, code = True, 1
                    break
                print(
                    f"ML Studio serving: worker {process.pid} ended ({process.exitcode}); "
                    "starting another",
                    flush=True,
                )
                self.workers[index] = self._spawn()
            time.sleep(0.2)
        for process in self.workers:
            if process.is_alive():
                process.terminate()
        for process in self.workers:
            process.join(25)
        return code


def main(argv: list[str] | None = None) -> int:
    """``python -m jupyterlab_mlstudio.serving serve``."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] not in ("serve",):
        print(f"usage: python -m jupyterlab_mlstudio.serving serve (not {args[0]!r})")
        return 2
    missing = [
        name for name in ("starlette", "uvicorn", "numpy") if importlib.util.find_spec(name) is None
    ]
    if missing:
        print(
            f"ML Studio serving: this Python ({sys.executable}) lacks {', '.join(missing)}, "
            "which serving needs: install them into it (pip install "
            "'jupyterlab_mlstudio[serve]' in the server's environment, or pip install "
            f"{' '.join(missing)} in another one)",
            flush=True,
        )
        return MISSING
    config = ServerConfig.from_environment()
    if config.workers == 1:
        serve_worker(config, None)
        return 0
    return Supervisor(config).run()
