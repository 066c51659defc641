"""Applying snapshots under the revision rules, and reading sessions back.

`apply_all` is the single place a session row is written; it runs inside one write transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, func, select, text
from sqlalchemy.dialects import postgresql

from listing.models.stored import StoredSession
from listing.schema import sessions


class NotYours(Exception):
    """The session belongs to another kiosk."""


class RevisionConflict(Exception):
    """Same revision, other content: a client bug."""


@dataclass(frozen=True)
class Applied:
    session_id: str
    revision: int  # the stored revision after applying
    result: str  # created | updated | unchanged | stale


_CLAIM = text(
    "SELECT pg_advisory_xact_lock(k) FROM"
    " (SELECT DISTINCT hashtextextended(x, 0) AS k FROM unnest(:ids) AS x ORDER BY k) AS keys"
).bindparams(bindparam("ids", type_=postgresql.ARRAY(sessions.c.session_id.type)))


def _claim(conn: Connection, ids: Sequence[str]) -> None:
    """On PostgreSQL, lock every session id of this transaction up front, in one global order,
    so concurrent batches (even inserting the same new sessions) queue instead of deadlocking.
    SQLite needs nothing: BEGIN IMMEDIATE already serialises writers."""
    if conn.dialect.name == "postgresql":
        conn.execute(_CLAIM, {"ids": sorted(set(ids))})


def _locked(conn: Connection, ids: Sequence[str]) -> dict[str, StoredSession]:
    """The stored rows among `ids`, locked for this transaction in a stable order."""
    query = (
        select(sessions)
        .where(sessions.c.session_id.in_(sorted(set(ids))))
        .order_by(sessions.c.session_id)
        .with_for_update()
    )
    return {row.session_id: StoredSession.from_row(row) for row in conn.execute(query)}


def apply_all(
    conn: Connection, kiosk_id: str, snaps: Sequence[StoredSession]
) -> list[Applied | NotYours | RevisionConflict]:
    """Apply each snapshot in order as its PUT would be (the same session twice: the second
    sees the first). Returns an `Applied`, or the `NotYours`/`RevisionConflict`, per item.

    Every id is claimed and every stored row read (locked) in one query up front; the rules
    then run in memory and the rows that changed are written with one INSERT and one UPDATE
    executemany. No other writer can add one of these ids meanwhile (the claim on PostgreSQL,
    BEGIN IMMEDIATE on SQLite), so a duplicate key here is a bug and fails the transaction."""
    _claim(conn, [s.session_id for s in snaps])
    known = _locked(conn, [s.session_id for s in snaps])
    stored_before = set(known)
    written: dict[str, StoredSession] = {}
    outcomes: list[Applied | NotYours | RevisionConflict] = []
    for snap in snaps:
        try:
            outcome = _apply_one(kiosk_id, snap, known.get(snap.session_id))
        except (NotYours, RevisionConflict) as exc:
            outcomes.append(exc)
            continue
        if outcome.result in ("created", "updated"):
            known[snap.session_id] = written[snap.session_id] = snap
        outcomes.append(outcome)
    inserts = [s.columns() for sid, s in written.items() if sid not in stored_before]
    updates = [s.columns() for sid, s in written.items() if sid in stored_before]
    if inserts:
        conn.execute(sessions.insert(), inserts)
    if updates:
        conn.execute(_UPDATE, [{"key": row["session_id"], **row} for row in updates])
    return outcomes


# One compiled statement for every row: the new values as bound parameters named as columns.
_UPDATE = (
    sessions.update()
    .where(sessions.c.session_id == bindparam("key"))
    .values({c.name: bindparam(c.name) for c in sessions.c})
)


def _apply_one(kiosk_id: str, snap: StoredSession, have: StoredSession | None) -> Applied:
    """The revision rules for one snapshot against the row as it stands (None: no row yet)."""
    if have is None:
        return Applied(snap.session_id, snap.revision, "created")
    if have.kiosk_id != kiosk_id:
        raise NotYours(f"session {snap.session_id} belongs to another kiosk")
    if snap.revision > have.revision:
        return Applied(snap.session_id, snap.revision, "updated")
    if snap.revision < have.revision:
        return Applied(snap.session_id, have.revision, "stale")
    if snap.content() == have.content():
        return Applied(snap.session_id, have.revision, "unchanged")
    raise RevisionConflict(
        f"revision {snap.revision} of session {snap.session_id} is already stored"
        " with other content"
    )


def revisions_of(conn: Connection, kiosk_id: str) -> list[tuple[str, int]]:
    query = (
        select(sessions.c.session_id, sessions.c.revision)
        .where(sessions.c.kiosk_id == kiosk_id)
        .order_by(sessions.c.started_at, sessions.c.session_id)
    )
    return [(row.session_id, row.revision) for row in conn.execute(query)]


def public(
    conn: Connection,
    *,
    municipality: str | None = None,
    workshop: str | None = None,
    after: tuple[str, str] | None = None,
    limit: int | None = None,
) -> list[StoredSession]:
    """Open and closed sessions (never cancelled), newest first, optionally filtered; a page
    of `limit` of them that come after `after` (started_at, session_id) in that order."""
    query = select(sessions).where(sessions.c.status != "cancelled")
    if municipality:
        query = query.where(sessions.c.municipality == municipality)
    if workshop:
        query = query.where(sessions.c.workshop_id == workshop)
    if after:
        started, sid = after
        query = query.where(
            sessions.c.started_at <= started,
            ~((sessions.c.started_at == started) & (sessions.c.session_id <= sid)),
        )
    query = query.order_by(sessions.c.started_at.desc(), sessions.c.session_id).limit(limit)
    return [StoredSession.from_row(row) for row in conn.execute(query)]


def of_kiosk(conn: Connection, kiosk_id: str, offset: int, limit: int) -> list[StoredSession]:
    """A page of one kiosk's sessions, the newest first (the index on kiosk and start)."""
    query = (
        select(sessions)
        .where(sessions.c.kiosk_id == kiosk_id)
        .order_by(sessions.c.started_at.desc(), sessions.c.session_id)
        .offset(offset)
        .limit(limit)
    )
    return [StoredSession.from_row(row) for row in conn.execute(query)]


def every(conn: Connection) -> Iterator[StoredSession]:
    """Every session (reports), oldest first, fetched a thousand rows at a time (a server-side
    cursor on PostgreSQL): a report never holds them all in memory."""
    query = select(sessions).order_by(sessions.c.started_at, sessions.c.session_id)
    for row in conn.execution_options(yield_per=1000).execute(query):
        yield StoredSession.from_row(row)


def _distinct(column, visible):
    """The distinct values of an indexed column, smallest first, one index probe each (a
    "loose index scan" as a recursive query: neither engine skips through an index itself)."""
    found = select(func.min(column).label("value")).where(visible).cte("found", recursive=True)
    following = select(func.min(column)).where(visible, column > found.c.value)
    found = found.union_all(select(following.scalar_subquery()).where(found.c.value.is_not(None)))
    return found


def choices(conn: Connection) -> tuple[list[str], list[tuple[str, str]]]:
    """The municipalities and workshops (id, title JSON of its newest session) of public
    sessions, for the agenda's filters: a few index probes, however many sessions there are."""
    visible = sessions.c.status != "cancelled"
    towns = _distinct(sessions.c.municipality, visible)
    towns = conn.scalars(
        select(towns.c.value).where(towns.c.value.is_not(None)).order_by(towns.c.value)
    ).all()
    shops = _distinct(sessions.c.workshop_id, visible)
    newest_title = (
        select(sessions.c.workshop_title)
        .where(visible, sessions.c.workshop_id == shops.c.value)
        .order_by(sessions.c.started_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    titles = conn.execute(
        select(shops.c.value, newest_title)
        .where(shops.c.value.is_not(None))
        .order_by(shops.c.value)
    ).all()
    return list(towns), [(workshop_id, title) for workshop_id, title in titles]
