"""The router's hop to serving units: a small kept-alive HTTP/1.1 client on asyncio's protocols.

Why not a general client: profiled under load, aiohttp's request (its request and response
objects, multidict headers, tracing hooks, timers, the connector's bookkeeping) was the largest
single share of the server's time per invocation, about a quarter. The hop needs far less: POST
one body to a unit on loopback, read one answer, keep the connection for the next. This does
that on :class:`asyncio.Protocol` directly, with one buffer and one future per request.

What it guarantees:

- one request at a time per connection; a connection goes back to its pool only after a whole
  answer that did not say ``Connection: close`` and left nothing unread;
- a connection idle longer than ``keepalive_seconds`` is closed rather than reused (before a
  unit's web server would drop it under a request);
- failures in the router's terms: :class:`Unreachable` when no connection could be made (nothing
  reached the model), :class:`ConnectionLost` when a connection ended before a whole answer,
  :class:`asyncio.TimeoutError` when no whole answer came in time (that connection is closed);
- answers framed by ``Content-Length``, the chunked transfer coding or the end of the
  connection; interim (1xx) answers skipped; header names lower-cased, repeats joined by commas.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: Longest response head accepted (status line and headers).
MAX_HEAD_BYTES = 64 * 1024
#: Bodies smaller than this are sent in the same write as the head (one segment on loopback).
_JOIN_BELOW = 64 * 1024
_UNTIL_CLOSE = -1
_CHUNKED = -2


class UpstreamError(ConnectionError):
    """The hop failed before a whole answer came."""


class Unreachable(UpstreamError):
    """No connection could be made: nothing listens, or nothing accepts."""


class ConnectionLost(UpstreamError):
    """The connection ended (or the answer was malformed) before a whole answer came."""


@dataclass(frozen=True)
class Answer:
    """One whole answer of a unit."""

    status: int
    headers: dict[str, str]
    body: bytes


class _Connection(asyncio.Protocol):
    """One kept-alive connection; parses the answer to the request in flight."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self.idle_since = 0.0
        self.reusable = False
        self._waiter: asyncio.Future[Answer] | None = None
        self._buffer = bytearray()
        self._head: tuple[int, dict[str, str], bool] | None = None
        self._length = 0

    # -- asyncio's callbacks ---------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        if self._waiter is None or self._waiter.done():
            # Bytes nobody asked for: this connection is out of step; never reuse it.
            self.close()
            return
        self._buffer += data
        try:
            self._parse()
        except ValueError as error:
            self._fail(ConnectionLost(f"malformed answer: {error}"))
            self.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        waiter = self._waiter
        if waiter is None or waiter.done():
            return
        if self._head is not None and self._length == _UNTIL_CLOSE:
            status, headers, _ = self._head
            self._finish(Answer(status, headers, bytes(self._buffer)), reusable=False)
            return
        self._fail(ConnectionLost(f"connection closed before a whole answer ({exc or 'EOF'})"))

    # -- one exchange ----------------------------------------------------------------------

    def send(self, head: bytes, body: bytes, waiter: asyncio.Future[Answer]) -> None:
        self._waiter = waiter
        self._buffer.clear()
        self._head = None
        self.reusable = False
        transport = self.transport
        if transport is None or self.closed or transport.is_closing():
            self._fail(ConnectionLost("connection closed before the request was sent"))
            return
        if len(body) < _JOIN_BELOW:
            transport.write(head + body)
        else:
            transport.write(head)
            transport.write(body)

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()

    def _fail(self, error: Exception) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_exception(error)

    def _finish(self, answer: Answer, reusable: bool) -> None:
        self.reusable = reusable and not self._buffer and not self.closed
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(answer)

    def _parse(self) -> None:
        buffer = self._buffer
        while self._head is None:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(buffer) > MAX_HEAD_BYTES:
                    raise ValueError("response head too long")
                return
            head = bytes(buffer[:end]).decode("latin-1")
            del buffer[: end + 4]
            status, headers, keep = _parse_head(head)
            if 100 <= status < 200:
                continue  # an interim answer: the real one follows
            self._head = (status, headers, keep)
            self._length = _framing(status, headers)
        status, headers, keep = self._head
        length = self._length
        if length >= 0:
            if len(buffer) < length:
                return
            body = bytes(buffer[:length])
            del buffer[:length]
            self._finish(Answer(status, headers, body), keep)
        elif length == _CHUNKED:
            found = _dechunk(buffer)
            if found is None:
                return
            body, used = found
            del buffer[:used]
            self._finish(Answer(status, headers, body), keep)
        # _UNTIL_CLOSE: the answer ends with the connection (connection_lost).


def _parse_head(head: str) -> tuple[int, dict[str, str], bool]:
    """Status, lower-cased headers and whether the connection may be kept, from a head."""
    lines = head.split("\r\n")
    version, _, rest = lines[0].partition(" ")
    code = rest[:3]
    if not version.startswith("HTTP/1.") or len(code) != 3 or not code.isdigit():
        raise ValueError(f"bad status line {lines[0][:80]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if not colon or not name or name != name.strip():
            raise ValueError(f"bad header line {line[:80]!r}")
        key = name.lower()
        value = value.strip()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    connection = headers.get("connection", "").lower()
    keep = version == "HTTP/1.1" and "close" not in connection
    return int(code), headers, keep


def _framing(status: int, headers: dict[str, str]) -> int:
    """The body's length, or how its end is found."""
    if status in (204, 304):
        return 0
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return _CHUNKED
    declared = headers.get("content-length")
    if declared is None:
        return _UNTIL_CLOSE
    if not declared.isdigit():
        raise ValueError(f"bad Content-Length {declared[:40]!r}")
    return int(declared)


def _dechunk(buffer: bytearray) -> tuple[bytes, int] | None:
    """A whole chunked body from the start of ``buffer`` and the bytes it used; ``None`` while
    it is incomplete."""
    parts: list[bytes] = []
    position = 0
    while True:
        line_end = buffer.find(b"\r\n", position)
        if line_end < 0:
            return None
        size_text = bytes(buffer[position:line_end]).split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            raise ValueError(f"bad chunk size {size_text[:20]!r}") from None
        start = line_end + 2
        if size == 0:
            # Trailers (ignored), then an empty line.
            trailer_end = buffer.find(b"\r\n\r\n", line_end)
            if trailer_end >= 0:
                return b"".join(parts), trailer_end + 4
            return None
        if len(buffer) < start + size + 2:
            return None
        parts.append(bytes(buffer[start : start + size]))
        position = start + size + 2


class UpstreamPool:
    """Kept-alive connections to serving units, by host and port; one per request in flight."""

    def __init__(self, keepalive_seconds: float = 3.0) -> None:
        self.keepalive_seconds = keepalive_seconds
        self._idle: dict[tuple[str, int], list[_Connection]] = {}
        self._closed = False

    async def post(
        self,
        host: str,
        port: int,
        path: str,
        body: bytes,
        headers: Mapping[str, str],
        timeout: float,
    ) -> Answer:
        """POST ``body`` to ``http://host:port/path``; the whole answer, whatever its status."""
        head = _request_head(host, port, path, len(body), headers)
        loop = asyncio.get_running_loop()
        started = loop.time()
        key = (host, port)
        connection = self._take(key)
        if connection is None:
            connection = await self._connect(loop, host, port, timeout)
        waiter: asyncio.Future[Answer] = loop.create_future()
        remaining = max(0.0, timeout - (loop.time() - started))
        expiry = loop.call_later(remaining, _expire, waiter)
        try:
            connection.send(head, body, waiter)
            answer = await waiter
        except BaseException:
            connection.close()
            raise
        finally:
            expiry.cancel()
        if connection.reusable and not self._closed:
            connection.idle_since = time.monotonic()
            self._idle.setdefault(key, []).append(connection)
        else:
            connection.close()
        return answer

    def _take(self, key: tuple[str, int]) -> _Connection | None:
        idle = self._idle.get(key)
        if not idle:
            return None
        oldest = time.monotonic() - self.keepalive_seconds
        while idle:
            connection = idle.pop()
            if not connection.closed and connection.idle_since >= oldest:
                return connection
            connection.close()
        # Every idle connection was stale: close those under it too (they are older still).
        for connection in idle:
            connection.close()
        idle.clear()
        return None

    async def _connect(
        self, loop: asyncio.AbstractEventLoop, host: str, port: int, timeout: float
    ) -> _Connection:
        try:
            _, protocol = await asyncio.wait_for(
                loop.create_connection(_Connection, host, port), timeout
            )
        except OSError as error:
            raise Unreachable(f"cannot connect to {host}:{port}: {error}") from error
        return protocol

    def forget(self, host: str, port: int) -> None:
        """Close the idle connections to one unit (it was stopped or replaced)."""
        for connection in self._idle.pop((host, port), []):
            connection.close()

    def close(self) -> None:
        """Close every idle connection; those in flight close when their answer is in."""
        self._closed = True
        for idle in self._idle.values():
            for connection in idle:
                connection.close()
        self._idle.clear()

    def reopen(self) -> None:
        self._closed = False


def _expire(waiter: asyncio.Future[Any]) -> None:
    if not waiter.done():
        waiter.set_exception(asyncio.TimeoutError())


def _request_head(
    host: str, port: int, path: str, length: int, headers: Mapping[str, str]
) -> bytes:
    """The request's head; ValueError for a header value that cannot be sent as it is."""
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", f"Content-Length: {length}"]
    for name, value in headers.items():
        if "\r" in value or "\n" in value:
            raise ValueError(f"header {name} holds a line break")
        lines.append(f"{name}: {value}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
