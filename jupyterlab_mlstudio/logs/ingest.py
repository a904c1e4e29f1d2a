"""Units' output on its way into log streams: read in large batches, stored on a thread of its own.

A job's runner watches its units and decides when the job ends; storing what the units wrote is
this module's work, at its own pace. So a job that printed 50 MB in a second ends when its
process does, while the tail of its log is still being stored, and neither the runner nor the
server's event loop waits for the store.

Each :class:`LogFeed` is one unit's output flowing into one stream. Its owner supplies how to
read (from a cursor) and how to store a batch: the lines and the cursor after them in one
transaction, so a restarted server resumes exactly after the last stored line, never losing or
repeating one. One :class:`LogIngest` thread serves every feed of a server in turn (the record
store takes one writer at a time anyway), reading up to :data:`BATCH_LINES` lines a turn.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..runtime.base import LogRead

log = logging.getLogger(__name__)

#: Lines read and stored in one transaction, at most.
BATCH_LINES = 20_000
#: Seconds the thread sleeps when no feed had anything new (a nudge wakes it at once).
IDLE_SECONDS = 0.05
#: Seconds before a feed whose read or store failed is tried again.
RETRY_SECONDS = 1.0


@dataclass(eq=False)
class LogFeed:
    """One unit's output flowing into one log stream.

    ``read(cursor, limit)`` returns the lines after ``cursor``; ``store(lines, cursor)`` stores
    them together with the cursor after them (one transaction) and returns nothing. ``cursor``
    is where storing resumes. Once ``end()`` is called (the unit has exited), a read that finds
    nothing new means the feed is complete: ``drained`` is set and the feed leaves the thread.
    """

    name: str
    read: Callable[[Any, int], LogRead]
    store: Callable[[list[tuple[int, str]], Any], None]
    cursor: Any = None
    stored_lines: int = 0
    ended: threading.Event = field(default_factory=threading.Event)
    drained: threading.Event = field(default_factory=threading.Event)
    #: The last error of a read or store (retried every RETRY_SECONDS), for the owner's log.
    error: str | None = None
    _retry_at: float = 0.0

    def end(self) -> None:
        """The unit will write no more: drain what is left, then finish."""
        self.ended.set()


class LogIngest:
    """The thread that stores every feed's lines, in batches, oldest feed first."""

    def __init__(self, batch_lines: int = BATCH_LINES, idle_seconds: float = IDLE_SECONDS) -> None:
        self.batch_lines = batch_lines
        self.idle_seconds = idle_seconds
        self._feeds: list[LogFeed] = []
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._current: LogFeed | None = None  # the feed whose batch is in hand
        self._wake = threading.Event()
        self._closed = False
        self._thread: threading.Thread | None = None

    def follow(self, feed: LogFeed) -> LogFeed:
        """Start storing ``feed``; returns it (wait on ``feed.drained``)."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the log ingest is closed")
            self._feeds.append(feed)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="mlstudio-log-ingest", daemon=True
                )
                self._thread.start()
        self._wake.set()
        return feed

    def forget(self, feed: LogFeed) -> None:
        """Stop storing ``feed`` (its owner is leaving; whoever takes over resumes from its
        stored cursor): returns once no batch of it is in hand."""
        with self._lock:
            if feed in self._feeds:
                self._feeds.remove(feed)
            while self._current is feed and threading.current_thread() is not self._thread:
                self._idle.wait()

    def nudge(self) -> None:
        """New output is waiting: store it now rather than after the idle pause."""
        self._wake.set()

    def close(self, timeout: float = 10.0) -> None:
        """Stop after the batch in hand; feeds not yet drained resume on the next server."""
        with self._lock:
            self._closed = True
            thread = self._thread
        self._wake.set()
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                if self._closed:
                    return
                feeds = list(self._feeds)
            busy = False
            for feed in feeds:
                with self._lock:
                    if self._closed:
                        return
                    if feed not in self._feeds:
                        continue
                    self._current = feed
                try:
                    busy = self._turn(feed) or busy
                finally:
                    with self._lock:
                        self._current = None
                        self._idle.notify_all()
            if not busy:
                self._wake.wait(self.idle_seconds)
                self._wake.clear()

    def _turn(self, feed: LogFeed) -> bool:
        """Store one batch of ``feed``; True if there was one."""
        if feed._retry_at > time.monotonic():
            return False
        ended = feed.ended.is_set()  # before the read: a later end may follow new lines
        try:
            read = feed.read(feed.cursor, self.batch_lines)
            if read.lines:
                feed.store(read.lines, read.cursor)  # (timestamp, message) pairs: no object a line
        except Exception as error:
            if feed.error is None:
                log.exception("Storing the log of %s failed; trying again", feed.name)
            feed.error = str(error)
            feed._retry_at = time.monotonic() + RETRY_SECONDS
            return False
        feed.error = None
        if read.lines:
            feed.cursor = read.cursor
            feed.stored_lines += len(read.lines)
            return True
        if ended or read.complete:
            self.forget(feed)
            feed.drained.set()
        return False
