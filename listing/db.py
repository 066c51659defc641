"""The database engine: SQLite (WAL, write transactions BEGIN IMMEDIATE) or PostgreSQL.

Engines are built by `make_engine(url)` only, never at import time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

_WRITE = "listing_write"
RETRIES = 5


def make_engine(url: str) -> Engine:
    """An engine for `url`; an SQLite file's folder is created owner-only."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.touch(mode=0o600, exist_ok=True)  # token hashes: owner-only
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we say BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection):
        write = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _retryable(exc: DBAPIError) -> bool:
    """A deadlock or serialization failure (PostgreSQL) or a busy database (SQLite)."""
    code = getattr(exc.orig, "sqlstate", None)
    return code in ("40P01", "40001") or "database is locked" in str(exc.orig)


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """One write transaction: BEGIN IMMEDIATE on SQLite, committed at the end, else rolled back."""
    with engine.connect().execution_options(**{_WRITE: True}) as conn, conn.begin():
        yield conn


def run_write(engine: Engine, work):
    """Run `work(conn)` in one write transaction, again if the database asks for a retry."""
    attempt = 0
    while True:
        try:
            with write(engine) as conn:
                return work(conn)
        except DBAPIError as exc:
            attempt += 1
            if attempt >= RETRIES or not _retryable(exc):
                raise
            time.sleep(0.01 * 2**attempt)


@contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn, conn.begin():
        yield conn


def insert_or_update(conn: Connection, table: Table):
    """An INSERT that can say ON CONFLICT DO UPDATE: the dialect's own (both have it)."""
    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(table)
