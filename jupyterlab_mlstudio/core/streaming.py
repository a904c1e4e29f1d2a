"""Moving large bodies through the faces without holding them in memory.

Downloads (run artifacts, MLflow's artifact proxy) read the object store in a worker thread a
chunk at a time and flush each chunk to the client; uploads (the uploads resource, MLflow's
artifact proxy) spool the request body to a temporary file as it arrives, so a service can
stream it on to the object store.
"""

from __future__ import annotations

import tempfile
from contextlib import AbstractContextManager
from typing import IO, BinaryIO

import anyio.to_thread
from tornado.web import RequestHandler

#: Bytes read from the object store and written to the client at a time.
CHUNK_BYTES = 1024 * 1024


async def send_stream(
    handler: RequestHandler, handle: AbstractContextManager[BinaryIO], content_type: str
) -> None:
    """Answer with the bytes of ``handle`` (opened by a service), flushed chunk by chunk."""
    handler.set_header("Content-Type", content_type)
    with handle as stream:
        while chunk := await anyio.to_thread.run_sync(stream.read, CHUNK_BYTES):
            handler.write(chunk)
            await handler.flush()
    handler.finish()


class SpooledBody(RequestHandler):
    """Base for a ``@tornado.web.stream_request_body`` handler (put it first): the body goes
    to a temporary file (kept in memory up to ``spool_memory_bytes``) as it arrives, closed
    when the request ends. Call ``start_spool`` in ``prepare`` once the caller is known to be
    authenticated."""

    spool_memory_bytes = 8 * 1024 * 1024
    spool: IO[bytes] | None = None
    body_size = 0

    def start_spool(self) -> None:
        # Closed in on_finish: the body arrives in pieces between prepare and the verb.
        self.spool = tempfile.SpooledTemporaryFile(max_size=self.spool_memory_bytes)  # noqa: SIM115

    def data_received(self, chunk: bytes) -> None:
        if self.spool is not None:
            self.spool.write(chunk)
            self.body_size += len(chunk)

    def spooled_body(self) -> IO[bytes]:
        """The whole body, from its start."""
        assert self.spool is not None, "start_spool() was not called in prepare()"
        self.spool.seek(0)
        return self.spool

    def on_finish(self) -> None:
        if self.spool is not None:
            self.spool.close()
        super().on_finish()
