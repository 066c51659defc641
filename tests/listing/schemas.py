"""Helpers for the migration tests: a second database of the same kind, a reflected schema to
compare, and two real `stem-listing db upgrade` processes started while the lock is held.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text

from listing.migrate import LOCK_KEY
from tests.support.listing_server import postgres_schema

STEM_LISTING = str(Path(sys.executable).with_name("stem-listing"))


@contextmanager
def another_database(url: str, tmp_path: Path) -> Iterator[str]:
    """A second, empty database of the same kind as `url`."""
    if url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'another.db'}"
        return
    base = url.split("?", 1)[0]
    with postgres_schema(base) as other:
        yield other


def reflected(conn: Connection) -> dict[str, dict[str, Any]]:
    """Every table as the database describes it: columns (name, type, nullability, default),
    primary key, indexes, unique, foreign key and check constraints."""
    found = inspect(conn)
    schema: dict[str, dict[str, Any]] = {}
    for table in found.get_table_names():
        columns = [
            (c["name"], str(c["type"].compile(dialect=conn.dialect)), c["nullable"], c["default"])
            for c in found.get_columns(table)
        ]
        checks = [
            (c["name"], " ".join(c["sqltext"].split())) for c in found.get_check_constraints(table)
        ]
        schema[table] = {
            "columns": columns,
            "primary_key": found.get_pk_constraint(table)["constrained_columns"],
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in found.get_indexes(table)
            ),
            "unique": sorted(
                (u["name"] or "", tuple(u["column_names"]))
                for u in found.get_unique_constraints(table)
            ),
            "foreign_keys": sorted(
                (f["name"] or "", tuple(f["constrained_columns"]), f["referred_table"])
                for f in found.get_foreign_keys(table)
            ),
            "checks": sorted(checks),
        }
    return schema


def _waiting_on(path: Path) -> int:
    """How many processes wait for a flock on `path` (Linux: '->' lines in /proc/locks)."""
    inode = path.stat().st_ino
    lines = Path("/proc/locks").read_text().splitlines()
    return sum(1 for line in lines if "->" in line and line.split()[-3].endswith(f":{inode}"))


@contextmanager
def _lock_held(engine: Engine, url: str) -> Iterator[Any]:
    """Hold the migration lock as a migrating listing would; yields a count of waiters."""
    if url.startswith("sqlite"):
        path = Path(engine.url.database)
        lock = path.with_name(path.name + ".migrate-lock")
        with lock.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield lambda: _waiting_on(lock)
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": LOCK_KEY})
        conn.commit()

        def waiting() -> int:
            query = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            return conn.execute(text(query)).scalar()

        yield waiting
        conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
        conn.commit()


def upgrading_at_once(engine: Engine, url: str) -> list[str]:
    """Start two `stem-listing db upgrade` while the lock is held; once both wait for it (and
    nothing has changed), let go. Returns what each printed; both must exit 0."""
    from listing.migrate import status

    before = status(engine).before
    with _lock_held(engine, url) as waiting:
        processes = [
            subprocess.Popen(
                [STEM_LISTING, "--db", url, "db", "upgrade"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=os.environ.copy(),
            )
            for _ in range(2)
        ]
        deadline = time.monotonic() + 60
        while waiting() < 2:
            assert all(p.poll() is None for p in processes), [p.communicate() for p in processes]
            assert time.monotonic() < deadline, "the two upgrades never waited for the lock"
            time.sleep(0.05)
        assert status(engine).before == before
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        outputs.append(out.strip())
    return outputs
