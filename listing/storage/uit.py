"""What the listing remembers of each stop at UiTdatabank (table uit_events, a row per stop and
environment), the place a coordinator chose for it, and one publisher per stop at a time.

`UitTable` is listing.uit.publish's UitStore on that table: every save is its own committed
write. `stop_lock` serialises the publishing of one stop across threads, processes and hosts.
"""

from __future__ import annotations

import fcntl
import json
import re
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, select, text

from listing import db
from listing.models.stored import now_text, parse_utc_text, utc_text
from listing.schema import uit_events
from listing.uit.client import Place
from listing.uit.publish import UitRecord

LOCK_SPACE = 727017  # the advisory lock's first key (the stop's is the second)
POLL_S = 0.05  # how often a waiting run tries the lock again
CHUNK = 500  # stop ids per query
STOP_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
RECORD = ("state", "event_id", "content_hash", "unsure_since", "error", "rejected_hash")


class Busy(Exception):
    """Another run was still publishing the stop when the wait ran out."""


@dataclass(frozen=True)
class UitState:
    """A stop's standing at one UiTdatabank environment, for the command line and the portal:
    state None (nothing sent), creating, published or cancelled; the last error, if any."""

    stop_id: str
    state: str | None
    event_id: str | None
    error: str | None
    place_id: str | None
    candidates: tuple[Place, ...]
    updated_at: str


class UitTable:
    """listing.uit.publish.UitStore for one environment (its Entry API URL)."""

    def __init__(self, engine: Engine, entry_url: str):
        self.engine = engine
        self.entry_url = entry_url

    def load(self, stop_id: str) -> UitRecord:
        with db.read(self.engine) as conn:
            row = conn.execute(
                select(*(uit_events.c[name] for name in RECORD)).where(self._row(stop_id))
            ).first()
        if row is None:
            return UitRecord()
        values = dict(row._mapping)
        since = values["unsure_since"]
        values["unsure_since"] = parse_utc_text(since).timestamp() if since else None
        return UitRecord(**values)

    def save(self, stop_id: str, record: UitRecord) -> None:
        """Committed when it returns."""
        since = record.unsure_since
        values = {name: getattr(record, name) for name in RECORD}
        values["unsure_since"] = utc_text(datetime.fromtimestamp(since, UTC)) if since else None
        db.run_write(self.engine, lambda conn: _upsert(conn, stop_id, self.entry_url, values))

    def keep_candidates(self, stop_id: str, candidates: Iterable[Place]) -> None:
        """The places a coordinator may pick from (none: the list is cleared)."""
        listed = [{"id": p.id, "name": p.name, "address": p.address} for p in candidates]
        values = {"candidates": json.dumps(listed, ensure_ascii=False) if listed else None}
        db.run_write(self.engine, lambda conn: _upsert(conn, stop_id, self.entry_url, values))

    def _row(self, stop_id: str):
        return (uit_events.c.stop_id == stop_id) & (uit_events.c.entry_url == self.entry_url)


def choose_place(conn: Connection, stop_id: str, entry_url: str, place_url: str) -> None:
    """The coordinator's place for the stop (an @id URL); the candidates are no longer asked."""
    _upsert(conn, stop_id, entry_url, {"place_id": place_url, "candidates": None})


def uit_states(conn: Connection, entry_url: str, stop_ids: Iterable[str]) -> dict[str, UitState]:
    """The stops among `stop_ids` the listing has a record of at this environment."""
    ids = list(stop_ids)
    found: dict[str, UitState] = {}
    for start in range(0, len(ids), CHUNK):
        query = select(uit_events).where(
            uit_events.c.entry_url == entry_url,
            uit_events.c.stop_id.in_(ids[start : start + CHUNK]),
        )
        for row in conn.execute(query):
            places = json.loads(row.candidates) if row.candidates else []
            found[row.stop_id] = UitState(
                stop_id=row.stop_id,
                state=row.state,
                event_id=row.event_id,
                error=row.error,
                place_id=row.place_id,
                candidates=tuple(Place(p["id"], p["name"], p["address"]) for p in places),
                updated_at=row.updated_at,
            )
    return found


def _upsert(conn: Connection, stop_id: str, entry_url: str, values: dict) -> None:
    now = now_text()
    insert = db.insert_or_update(conn, uit_events).values(
        stop_id=stop_id, entry_url=entry_url, updated_at=now, **values
    )
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=[uit_events.c.stop_id, uit_events.c.entry_url],
            set_={**values, "updated_at": now},
        )
    )


@contextmanager
def stop_lock(engine: Engine, stop_id: str, wait_s: float) -> Iterator[None]:
    """Hold the stop's publishing lock for the block, or raise Busy after `wait_s`. PostgreSQL:
    an advisory lock on a connection of its own (a process that dies loses it with its
    connection); SQLite: a file lock beside the database (SQLite serves one host)."""
    if not STOP_ID.match(stop_id):
        raise ValueError(f"{stop_id!r} is not a stop id")
    deadline = time.monotonic() + wait_s
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine, stop_id, deadline):
            yield
    else:
        with _file_lock(Path(engine.url.database), stop_id, deadline):
            yield


@contextmanager
def _advisory_lock(engine: Engine, stop_id: str, deadline: float) -> Iterator[None]:
    key = {"space": LOCK_SPACE, "stop": zlib.crc32(stop_id.encode()) - 2**31}  # an int4
    conn = engine.connect()
    try:
        while not conn.scalar(text("SELECT pg_try_advisory_lock(:space, :stop)"), key):
            conn.commit()  # wait outside any transaction
            _wait_or_give_up(deadline, stop_id)
        conn.commit()
        try:
            yield
        finally:
            try:
                conn.execute(text("SELECT pg_advisory_unlock(:space, :stop)"), key)
                conn.commit()
            except Exception:
                conn.invalidate()  # never back to the pool still holding the lock
                raise
    finally:
        conn.close()


@contextmanager
def _file_lock(database: Path, stop_id: str, deadline: float) -> Iterator[None]:
    folder = database.with_name(database.name + ".uit-locks")
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / stop_id
    with path.open("a") as handle:
        path.chmod(0o600)
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                _wait_or_give_up(deadline, stop_id)
        yield  # closing the file releases the lock


def _wait_or_give_up(deadline: float, stop_id: str) -> None:
    if time.monotonic() >= deadline:
        raise Busy(stop_id)
    time.sleep(POLL_S)
