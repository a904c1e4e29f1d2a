"""A bounded pipe from the event loop (where request bytes arrive) to the worker thread that
decodes and stores them, so a body streams through with little memory and no blocked loop."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import deque


class BodyPipe:
    """Bytes sent on the loop, received in a thread; at most ``limit`` bytes wait in between.

    ``send`` waits (without blocking the loop) while the pipe is full. ``receive`` blocks its
    thread until bytes come, and gives ``b""`` after ``close()``; after ``close(error)`` it
    raises ``error`` instead (the client went away: the half-written object is dropped). When
    the receiver has stopped early, ``abandon()`` makes later sends drop their bytes.
    """

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._chunks: deque[bytes] = deque()
        self._size = 0
        self._condition = threading.Condition()
        self._closed = False
        self._abandoned = False
        self._error: BaseException | None = None
        self._loop = asyncio.get_running_loop()
        self._space = asyncio.Event()

    async def send(self, data: bytes) -> None:
        while True:
            with self._condition:
                if self._abandoned or self._closed:
                    return
                if self._size < self._limit:
                    self._chunks.append(data)
                    self._size += len(data)
                    self._condition.notify()
                    return
                self._space.clear()
            await self._space.wait()

    def close(self, error: BaseException | None = None) -> None:
        with self._condition:
            if self._closed:
                return
            self._closed = True
            self._error = error
            if error is not None:
                self._chunks.clear()
            self._condition.notify_all()

    def abandon(self) -> None:
        with self._condition:
            self._abandoned = True
            self._chunks.clear()
            self._size = 0
        self._wake_sender()

    def receive(self) -> bytes:
        with self._condition:
            while not self._chunks and not self._closed:
                self._condition.wait()
            if self._chunks:
                data = self._chunks.popleft()
                self._size -= len(data)
                self._wake_sender()
                return data
            if self._error is not None:
                raise self._error
            return b""

    def _wake_sender(self) -> None:
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody is sending any more
            self._loop.call_soon_threadsafe(self._space.set)
