"""Engine, sessions and migrations for the record store."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker

from ..core.errors import BackendUnavailable

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_AFTER_COMMIT = "mlstudio.after_commit"
#: The PostgreSQL advisory lock key that serialises migrations across a domain's servers.
_MIGRATION_LOCK = 0x6D6C7374  # "mlst"


def after_commit(session: Session, callback: Callable[[], None]) -> None:
    """Call ``callback`` once ``session`` (one of ``Database.session``) has committed; never
    when it rolls back. For telling others about a change only once it is there to be read."""
    session.info.setdefault(_AFTER_COMMIT, []).append(callback)


#: How long a new connection keeps asking for WAL mode while other servers hold the file.
_WAL_SECONDS = 30.0


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    # Switching a new file to WAL needs it alone, and SQLite answers "database is locked" at
    # once rather than waiting (its busy handler is not called for that lock), so servers
    # opening one new store together ask again until the first switch is done.
    deadline = time.monotonic() + _WAL_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def head_revision() -> str:
    """The revision the migrations end at (what ``upgrade()`` brings a store to)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None, "the migrations have one head"
    return head


class Database:
    """One SQLAlchemy engine plus a session factory; ``upgrade()`` applies migrations."""

    def __init__(self, url: str | URL, *, echo: bool = False) -> None:
        self.url = make_url(url)
        kwargs: dict[str, Any] = {"echo": echo, "future": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
            if self.url.database and self.url.database != ":memory:":
                Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(self.url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success (then calls its ``after_commit`` callbacks) and
        rolls back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except OperationalError as error:
            session.rollback()
            raise BackendUnavailable(f"The record store failed: {error.orig}") from error
        except BaseException:
            session.rollback()
            raise
        finally:
            callbacks = session.info.pop(_AFTER_COMMIT, [])
            session.close()
        for callback in callbacks:
            callback()

    def on_change(self, record_types: tuple[type, ...], callback: Callable[[], None]) -> None:
        """Call ``callback`` after every commit of one of this store's sessions that added,
        changed or deleted a record of ``record_types`` through the ORM (its unit of work or a
        bulk insert, update or delete); never when it rolls back. For what remembers records of
        those types: it forgets them after the commit, so a reader that starts then reads the
        change."""
        key = object()  # this watcher's mark in a session's info

        def flushed(session: Session, _flush: UOWTransaction) -> None:
            changed = chain(session.new, session.dirty, session.deleted)
            if any(isinstance(record, record_types) for record in changed):
                session.info[key] = True

        def executed(state: ORMExecuteState) -> None:
            if state.is_select:
                return
            if any(issubclass(mapper.class_, record_types) for mapper in state.all_mappers):
                state.session.info[key] = True

        def committed(session: Session) -> None:
            if session.info.pop(key, False):
                callback()

        def rolled_back(session: Session) -> None:
            session.info.pop(key, None)

        event.listen(self._sessions, "after_flush", flushed)
        event.listen(self._sessions, "do_orm_execute", executed)
        event.listen(self._sessions, "after_commit", committed)
        event.listen(self._sessions, "after_rollback", rolled_back)

    def upgrade(self, revision: str = "head") -> None:
        """Bring the schema up to ``revision`` with Alembic."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            self._lock_for_migrations(connection)
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

    def _lock_for_migrations(self, connection: Any) -> None:
        """Make the servers of a domain that start at the same moment migrate one at a time:
        the others wait, then find the schema at head (without this, two of them create the
        same tables and one fails to start). The lock ends with the migration's transaction."""
        dialect = connection.dialect.name
        if dialect == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        elif dialect == "sqlite" and self.url.database not in (None, "", ":memory:"):
            # The write lock up front, waited for under the busy timeout; the version is read
            # only once it is held.
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    def revision(self) -> str | None:
        """The schema revision the store is at (``None`` before the first migration)."""
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def describe(self) -> dict[str, Any]:
        """Dialect, URL without password and schema revision, for the status report."""
        return {
            "dialect": self.url.get_backend_name(),
            "url": self.url.render_as_string(hide_password=True),
            "revision": self.revision(),
        }

    def dispose(self) -> None:
        self.engine.dispose()
