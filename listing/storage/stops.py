"""Stops: the days a kiosk is planned somewhere, with their workshops; adding, cancelling, and
reading them back in one order (date, then start time, a stop without one first).

A stop's id is made here once and never changes; cancelling keeps the stop, so a kiosk and the
agenda can say it is cancelled.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import Connection, exists, func, select

from listing.models.incoming_fleet import StopIn
from listing.models.stored import now_text
from listing.models.stored_fleet import StoredStop
from listing.schema import stop_workshops, stops
from listing.storage.kiosks import UnknownKiosk, missing_kiosks

CHUNK = 500  # stop ids per query when reading their workshops


class UnknownStop(LookupError):
    """No stop with that id."""


def add_stop(conn: Connection, stop: StopIn) -> StoredStop:
    """Plan a stop (status planned); UnknownKiosk if its kiosk was never added."""
    if missing_kiosks(conn, [stop.kiosk_id]):
        raise UnknownKiosk(stop.kiosk_id)
    now = now_text()
    values = StoredStop.columns_of(stop) | {
        "stop_id": str(uuid.uuid4()),
        "status": "planned",
        "created_at": now,
        "updated_at": now,
    }
    conn.execute(stops.insert().values(values))
    if stop.workshops:
        rows = [
            {"stop_id": values["stop_id"], "position": i, "workshop_id": w}
            for i, w in enumerate(stop.workshops)
        ]
        conn.execute(stop_workshops.insert(), rows)
    return StoredStop(**values, workshops=tuple(stop.workshops))


def update_stop(conn: Connection, stop_id: str, stop: StopIn) -> StoredStop:
    """Change a stop's day, times, place and workshops (its kiosk, id and status stay): the
    kiosk's next plan carries the change. UnknownStop if there is none."""
    found = get_stop(conn, stop_id)
    if found is None:
        raise UnknownStop(stop_id)
    values = StoredStop.columns_of(stop) | {"kiosk_id": found.kiosk_id, "updated_at": now_text()}
    conn.execute(stops.update().where(stops.c.stop_id == found.stop_id).values(values))
    conn.execute(stop_workshops.delete().where(stop_workshops.c.stop_id == found.stop_id))
    if stop.workshops:
        rows = [
            {"stop_id": found.stop_id, "position": i, "workshop_id": w}
            for i, w in enumerate(stop.workshops)
        ]
        conn.execute(stop_workshops.insert(), rows)
    return get_stop(conn, found.stop_id)


def cancel_stop(conn: Connection, stop_id: str) -> tuple[StoredStop, bool]:
    """Cancel a stop; returns it and whether it was planned until now (False: already
    cancelled, nothing changed). UnknownStop if there is none."""
    found = get_stop(conn, stop_id)
    if found is None:
        raise UnknownStop(stop_id)
    if found.status == "cancelled":
        return found, False
    now = now_text()
    conn.execute(
        stops.update()
        .where(stops.c.stop_id == found.stop_id)
        .values(status="cancelled", updated_at=now)
    )
    return get_stop(conn, found.stop_id), True


def get_stop(conn: Connection, stop_id: str) -> StoredStop | None:
    """The stop with this id (compared case-insensitively), or None."""
    found = _with_workshops(conn, select(stops).where(stops.c.stop_id == stop_id.lower()))
    return found[0] if found else None


def list_stops(
    conn: Connection,
    *,
    kiosk_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
    municipality: str | None = None,
    workshop: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[StoredStop]:
    """Stops by date, then start time (none first), optionally of one kiosk, between two dates
    (YYYY-MM-DD, both included), in one municipality or planning one workshop; at most `limit`
    of them after the first `offset`."""
    query = select(stops)
    if kiosk_id is not None:
        query = query.where(stops.c.kiosk_id == kiosk_id)
    if since is not None:
        query = query.where(stops.c.date >= since)
    if until is not None:
        query = query.where(stops.c.date <= until)
    if municipality:
        query = query.where(stops.c.municipality == municipality)
    if workshop:
        planned = (stop_workshops.c.stop_id == stops.c.stop_id) & (
            stop_workshops.c.workshop_id == workshop
        )
        query = query.where(exists().where(planned))
    order = (stops.c.date, func.coalesce(stops.c.starts_at, ""), stops.c.stop_id)
    return _with_workshops(conn, query.order_by(*order).offset(offset).limit(limit))


def _with_workshops(conn: Connection, query) -> list[StoredStop]:
    rows = conn.execute(query).all()
    planned = _workshops_of(conn, [row.stop_id for row in rows])
    return [StoredStop.from_row(row, planned.get(row.stop_id, ())) for row in rows]


def _workshops_of(conn: Connection, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for start in range(0, len(ids), CHUNK):
        query = (
            select(stop_workshops.c.stop_id, stop_workshops.c.workshop_id)
            .where(stop_workshops.c.stop_id.in_(ids[start : start + CHUNK]))
            .order_by(stop_workshops.c.stop_id, stop_workshops.c.position)
        )
        for stop_id, workshop_id in conn.execute(query):
            found.setdefault(stop_id, []).append(workshop_id)
    return {stop_id: tuple(ids) for stop_id, ids in found.items()}
