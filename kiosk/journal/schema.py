"""The journal's schema as forward migrations, applied in order, each in its own transaction.

The version lives in `PRAGMA user_version`; a journal from a newer kiosk is refused, not touched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


class FutureJournal(Exception):
    """The journal was written by a newer kiosk (its user_version is beyond ours)."""


def migration(fn: Migration) -> Migration:
    """Register the next schema version; its number is its place in the list."""
    MIGRATIONS.append(fn)
    return fn


def _run(conn: sqlite3.Connection, script: str) -> None:
    """Statements one by one: `executescript` would commit the migration's transaction."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


@migration
def v1_sessions_taps_progress(conn: sqlite3.Connection) -> None:
    """Sessions with their sync state, attendance taps as append-only events, step progress."""
    stamp = "{p}wall REAL NOT NULL, {p}source TEXT NOT NULL, {p}boot TEXT NOT NULL, {p}mono REAL"
    _run(
        conn,
        f"""
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL,
            workshop_version TEXT NOT NULL,
            workshop_title TEXT NOT NULL,      -- JSON language map {{"nl": ..., "en": ...}}
            age_range TEXT NOT NULL,
            stop_name TEXT NOT NULL,
            venue_type TEXT NOT NULL,
            municipality TEXT NOT NULL,
            postcode TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'cancelled')),
            {stamp.format(p="start_")},
            end_wall REAL, end_source TEXT, end_boot TEXT, end_mono REAL,
            revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
            confirmed_revision INTEGER NOT NULL DEFAULT 0,
            attention TEXT,
            attention_revision INTEGER
        );
        CREATE TABLE taps (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions (id),
            delta INTEGER NOT NULL CHECK (delta IN (1, -1)),
            undoes INTEGER UNIQUE REFERENCES taps (id),
            band TEXT NOT NULL,
            gender TEXT,
            came_back INTEGER NOT NULL DEFAULT 0,
            {stamp.format(p="")}
        );
        CREATE INDEX taps_by_session ON taps (session_id);
        CREATE TABLE progress (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions (id),
            kind TEXT NOT NULL CHECK (kind IN ('step', 'check')),
            step_id TEXT NOT NULL,
            {stamp.format(p="")}
        );
        CREATE INDEX progress_by_session ON progress (session_id)
        """,
    )


@migration
def v2_clock_fixes_and_kiosk(conn: sqlite3.Connection) -> None:
    """Per boot, the proven offset between boot time and true time, and where it came from;
    indexes that find a boot's unsynchronised records quickly; the kiosk id the journal is of."""
    _run(
        conn,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE clock_fixes (
            boot TEXT PRIMARY KEY,
            delta REAL NOT NULL,               -- true wall time = boot-time seconds + delta
            source TEXT NOT NULL,              -- 'ntp', 'listing', ...
            fixed_at REAL NOT NULL
        );
        CREATE INDEX sessions_unsynced_start ON sessions (start_boot)
            WHERE start_source = 'unsynced';
        CREATE INDEX sessions_unsynced_end ON sessions (end_boot) WHERE end_source = 'unsynced';
        CREATE INDEX taps_unsynced ON taps (boot) WHERE source = 'unsynced';
        CREATE INDEX progress_unsynced ON progress (boot) WHERE source = 'unsynced'
        """,
    )


@migration
def v3_covering_tap_index(conn: sqlite3.Connection) -> None:
    """A tap's new total is a sum over the session's taps: read it from the index alone, which
    keeps a long session's tap as fast as its first (the old index is a prefix of this one)."""
    _run(
        conn,
        """
        CREATE INDEX taps_by_session_delta ON taps (session_id, delta);
        DROP INDEX taps_by_session
        """,
    )


@migration
def v4_creations(conn: sqlite3.Connection) -> None:
    """How many creations of maker mode were saved during a session: a count, never what they
    are (their names and rules stay in the maker folder)."""
    conn.execute(
        "ALTER TABLE sessions ADD COLUMN creations INTEGER NOT NULL DEFAULT 0 "
        "CHECK (creations >= 0)"
    )


LATEST = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> list[int]:
    """Bring the journal up to `target`; returns the versions applied. Needs autocommit mode."""
    found = version(conn)
    if found > LATEST:
        raise FutureJournal(f"journal schema version {found} is newer than this kiosk's {LATEST}")
    applied = []
    for number in range(found + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version(conn) < number:  # another process may have migrated meanwhile
                MIGRATIONS[number - 1](conn)
                conn.execute(f"PRAGMA user_version = {number}")
                applied.append(number)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return applied
