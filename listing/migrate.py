"""Schema upgrades with Alembic: adopt the first release's databases, upgrade under a lock.

`upgrade(engine)` runs on `serve` and `stem-listing db upgrade`; a newer database is refused.
"""

from __future__ import annotations

import fcntl
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from listing import db

SCRIPTS = "listing:migrations"
SHIPPED = "0001"  # the revision the first release's databases (schema_versions at 1) are at
LOCK_KEY = 727007  # the advisory lock the first release took too
log = logging.getLogger("listing.migrate")


class SchemaRefused(RuntimeError):
    """A database this listing must not touch: newer than this code, or not recognised."""


class MigrationFailed(RuntimeError):
    """An upgrade step failed; the database was left at the revision it had before."""


@dataclass(frozen=True)
class Upgrade:
    before: str | None  # None: an empty database
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def scripts(location: str = SCRIPTS) -> ScriptDirectory:
    """The revisions (no alembic.ini: configured here; tests may point elsewhere)."""
    config = Config()
    config.set_main_option("script_location", location)
    return ScriptDirectory.from_config(config)


def revision_of(conn: Connection, script: ScriptDirectory) -> str | None:
    """The database's revision; a first-release database counts as SHIPPED. Refuses a revision
    this code does not know (a newer listing migrated it) or a schema_versions it never wrote."""
    current = MigrationContext.configure(conn).get_current_revision()
    if current is None:
        if not inspect(conn).has_table("schema_versions"):
            return None
        legacy = conn.scalar(text("SELECT max(version) FROM schema_versions"))
        if legacy != 1:
            raise SchemaRefused(
                f"the database says schema version {legacy} but has no alembic_version; "
                "no release of this listing made it"
            )
        return SHIPPED
    known = {s.revision for s in script.walk_revisions()}
    if current not in known:
        raise SchemaRefused(
            f"the database is at schema revision {current}, newer than this listing "
            f"(which knows up to {script.get_current_head()}): upgrade the listing"
        )
    return current


def status(engine: Engine, location: str = SCRIPTS) -> Upgrade:
    """Where the database stands (`before`) and where this code would take it (`after`)."""
    script = scripts(location)
    with db.read(engine) as conn:
        return Upgrade(revision_of(conn, script), script.get_current_head())


def require_head(engine: Engine) -> None:
    """For a worker process: refuse to serve a database that is not at this code's head."""
    where = status(engine)
    if where.changed:
        raise SchemaRefused(
            f"the database is at revision {where.before}, this listing needs {where.after}: "
            "run `stem-listing db upgrade`"
        )


def upgrade(engine: Engine, target: str = "head", location: str = SCRIPTS) -> Upgrade:
    """Bring the database to `target` in one transaction, one process at a time: the others
    wait for the lock, then find nothing left to do. On failure nothing of it stays."""
    script = scripts(location)
    goal = script.get_revision(target).revision
    with db.read(engine) as conn:
        if revision_of(conn, script) == goal:
            return Upgrade(goal, goal)
    with _file_lock(engine):
        backup: Path | None = None
        before: str | None = None
        try:
            with db.write(engine) as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
                before = revision_of(conn, script)
                if before == goal:
                    return Upgrade(goal, goal)
                backup = _sqlite_copy(engine, before)
                _run(conn, location, before, goal)
        except SchemaRefused:
            raise
        except Exception as exc:
            kept = f"; a copy taken before is at {backup}" if backup else ""
            raise MigrationFailed(
                f"upgrading from {before} to {goal} failed ({exc.__class__.__name__}: {exc}); "
                f"the database is still at {before}{kept}"
            ) from exc
    if backup:
        backup.unlink()
    log.info("database schema upgraded from %s to %s", before or "nothing", goal)
    return Upgrade(before, goal)


def _run(conn: Connection, location: str, before: str | None, goal: str) -> None:
    config = Config()
    config.set_main_option("script_location", location)
    config.attributes["connection"] = conn
    if before == SHIPPED and not inspect(conn).has_table("alembic_version"):
        command.stamp(config, SHIPPED)  # adopt a first-release database
    command.upgrade(config, goal)


def _sqlite_path(engine: Engine) -> Path | None:
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


@contextmanager
def _file_lock(engine: Engine) -> Iterator[None]:
    """On an SQLite file, one migrating process at a time (the others wait, however long the
    upgrade takes); PostgreSQL uses the advisory lock inside the transaction instead."""
    path = _sqlite_path(engine)
    if path is None:
        yield
        return
    lock = path.with_name(path.name + ".migrate-lock")
    with lock.open("a") as handle:
        lock.chmod(0o600)
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _sqlite_copy(engine: Engine, before: str | None) -> Path | None:
    """A copy of an SQLite file as it is now, kept if the upgrade fails. Called while this
    process holds the write lock, so the copy is exactly what the upgrade starts from."""
    path = _sqlite_path(engine)
    if path is None or before is None:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    copy = path.with_name(f"{path.name}.before-upgrade-{before}-{stamp}")
    source = sqlite3.connect(path)
    target = sqlite3.connect(copy)
    try:
        copy.chmod(0o600)
        source.backup(target)
    finally:
        target.close()
        source.close()
    return copy
