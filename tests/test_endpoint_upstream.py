"""The router's HTTP/1.1 client to serving units on its own: kept-alive connections, every way
an answer can be framed, and failures in the router's terms. Upstreams are real servers on
loopback: aiohttp's, and raw asyncio servers that answer byte for byte what a test needs."""

from __future__ import annotations

import asyncio
import socket

import pytest
from aiohttp import web

from jupyterlab_mlstudio.endpoints.upstream import ConnectionLost, Unreachable, UpstreamPool


async def _aiohttp_upstream(handler) -> tuple[int, web.AppRunner]:
    app = web.Application(client_max_size=8 * 1024 * 1024)
    app.router.add_post("/invocations", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return site._server.sockets[0].getsockname()[1], runner  # type: ignore[union-attr]


async def _raw_upstream(answer: bytes, close: bool = False) -> tuple[int, asyncio.Server, list]:
    """A server that reads one request head and body per exchange and writes ``answer``."""
    seen: list[bytes] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                body = await reader.readexactly(length)
                seen.append(head + body)
                writer.write(answer)
                await writer.drain()
                if close:
                    writer.close()
                    return
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    return server.sockets[0].getsockname()[1], server, seen


async def test_a_post_comes_back_whole_and_the_connection_is_kept_for_the_next() -> None:
    peers: list[object] = []

    async def echo(request: web.Request) -> web.Response:
        peers.append(request.transport.get_extra_info("peername"))  # type: ignore[union-attr]
        body = await request.read()
        return web.Response(
            body=b"out:" + body,
            content_type="text/csv",
            headers={"X-Amzn-SageMaker-Custom-Attributes": request.headers.get("X-Custom", "")},
        )

    port, runner = await _aiohttp_upstream(echo)
    pool = UpstreamPool()
    try:
        first = await pool.post(
            "127.0.0.1", port, "/invocations", b"1,2", {"X-Custom": "a=1"}, timeout=5
        )
        second = await pool.post("127.0.0.1", port, "/invocations", b"3", {}, timeout=5)
        big = b"x" * (3 * 1024 * 1024)
        third = await pool.post("127.0.0.1", port, "/invocations", big, {}, timeout=10)
    finally:
        pool.close()
        await runner.cleanup()
    assert (first.status, first.body, first.headers["content-type"]) == (
        200,
        b"out:1,2",
        "text/csv",
    )
    assert first.headers["x-amzn-sagemaker-custom-attributes"] == "a=1"
    assert second.body == b"out:3"
    assert third.body == b"out:" + big
    # One connection served all three
    assert len(set(peers)) == 1, peers


async def test_chunked_answers_and_interim_answers_are_read() -> None:
    answer = (
        b"HTTP/1.1 100 Continue\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
        b"4;ext=1\r\n[1, \r\n3\r\n2]\n\r\n0\r\nX-Trailer: t\r\n\r\n"
    )
    port, server, seen = await _raw_upstream(answer)
    pool = UpstreamPool()
    try:
        for _ in range(2):
            result = await pool.post("127.0.0.1", port, "/invocations", b"q", {}, timeout=5)
            assert (result.status, result.body) == (200, b"[1, 2]\n")
    finally:
        pool.close()
        server.close()
    # Both requests went over one connection, each with its length and host
    assert len(seen) == 2
    assert seen[0].startswith(b"POST /invocations HTTP/1.1\r\nHost: 127.0.0.1:")
    assert b"Content-Length: 1\r\n" in seen[0] and seen[0].endswith(b"\r\n\r\nq")


async def test_an_answer_that_ends_with_its_connection_is_read_and_not_reused() -> None:
    answer = b"HTTP/1.0 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\nboom"
    port, server, seen = await _raw_upstream(answer, close=True)
    pool = UpstreamPool()
    try:
        for _ in range(2):
            result = await pool.post("127.0.0.1", port, "/invocations", b"", {}, timeout=5)
            assert (result.status, result.body) == (500, b"boom")
    finally:
        pool.close()
        server.close()
    assert len(seen) == 2


async def test_connection_close_and_stale_connections_are_not_reused() -> None:
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
    port, server, _ = await _raw_upstream(answer, close=True)
    pool = UpstreamPool(keepalive_seconds=0.0)
    try:
        for _ in range(3):
            result = await pool.post("127.0.0.1", port, "/invocations", b"", {}, timeout=5)
            assert result.body == b"ok"
    finally:
        pool.close()
        server.close()


async def test_failures_are_unreachable_lost_or_timed_out() -> None:
    pool = UpstreamPool()
    # Nothing listens
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        free = sock.getsockname()[1]
    with pytest.raises(Unreachable):
        await pool.post("127.0.0.1", free, "/invocations", b"", {}, timeout=5)
    # The server closes in the middle of an answer
    port, server, _ = await _raw_upstream(
        b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf", close=True
    )
    with pytest.raises(ConnectionLost):
        await pool.post("127.0.0.1", port, "/invocations", b"", {}, timeout=5)
    server.close()
    # A malformed answer
    port, server, _ = await _raw_upstream(b"SMTP ready\r\n\r\n")
    with pytest.raises(ConnectionLost):
        await pool.post("127.0.0.1", port, "/invocations", b"", {}, timeout=5)
    server.close()

    # No answer in time
    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.Response(text="late")

    port, runner = await _aiohttp_upstream(slow)
    try:
        with pytest.raises(asyncio.TimeoutError):
            await pool.post("127.0.0.1", port, "/invocations", b"", {}, timeout=0.2)
    finally:
        pool.close()
        await runner.cleanup()
    # A header value that would split the request is refused before anything is sent
    with pytest.raises(ValueError):
        await pool.post("127.0.0.1", port, "/invocations", b"", {"X": "a\r\nB: c"}, timeout=1)
