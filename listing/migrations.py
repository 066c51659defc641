"""Versioned schema migrations: small functions applied in order, each in its own transaction.

`schema_versions` records what was applied; a database newer than this code is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select, text

from listing import db
from listing.schema import admin_tokens, kiosks, metadata, schema_versions, sessions


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer listing than this one."""


def _v1_initial(conn: Connection) -> None:
    metadata.create_all(conn, tables=[kiosks, admin_tokens, sessions])


MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = [
    (1, _v1_initial),
]


def _serialise(conn: Connection) -> None:
    """Two listings starting at once on PostgreSQL migrate one after the other."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(727007)"))


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_versions"):
        return 0
    versions = conn.scalars(select(schema_versions.c.version)).all()
    return max(versions, default=0)


def migrate(engine: Engine) -> int:
    """Bring the database up to date; returns the version it is at."""
    with db.write(engine) as conn:
        _serialise(conn)
        schema_versions.create(conn, checkfirst=True)
    latest = MIGRATIONS[-1][0]
    for version, step in MIGRATIONS:

        def apply(conn: Connection, version=version, step=step) -> None:
            _serialise(conn)
            have = current_version(conn)
            if have > latest:
                raise SchemaTooNew(f"database schema {have} is newer than this listing ({latest})")
            if have < version:
                step(conn)
                stamp = datetime.now(UTC).isoformat()
                conn.execute(schema_versions.insert().values(version=version, applied_at=stamp))

        db.run_write(engine, apply)
    with db.read(engine) as conn:
        return current_version(conn)
