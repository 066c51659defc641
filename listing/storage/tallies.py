"""Participation added up by the database for the reports, in one query: sums per local month,
venue type and municipality of the sessions some filters let through.

Cancelled sessions never count. The months are a small table of their UTC bounds joined to the
sessions, so each month is one range of the index on `started_at` (on PostgreSQL a covering
index: the sums are read from the index alone) and the database groups a few thousand rows at
most; `listing.reports` folds them into months, venue types and municipalities.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import BigInteger, Connection, case, cast, func, literal, select, union_all

from listing.schema import sessions

BAND_COLUMNS = ("band_0_9", "band_10_13", "band_14_17", "band_18", "band_unknown")
GENDER_COLUMNS = ("gender_girl", "gender_boy", "gender_x", "gender_unstated")


@dataclass(frozen=True)
class Filters:
    """Which sessions a report counts; None is "any"."""

    start: str | None = None  # UTC text, inclusive
    end: str | None = None  # UTC text, exclusive
    kiosk: str | None = None
    municipality: str | None = None
    venue_type: str | None = None
    workshop: str | None = None

    def where(self) -> list:
        c = sessions.c
        found = [c.status != "cancelled"]
        if self.start:
            found.append(c.started_at >= self.start)
        if self.end:
            found.append(c.started_at < self.end)
        for column, value in (
            (c.kiosk_id, self.kiosk),
            (c.municipality, self.municipality),
            (c.venue_type, self.venue_type),
            (c.workshop_id, self.workshop),
        ):
            if value:
                found.append(column == value)
        return found


def _sum(value):
    """SUM as a whole number (PostgreSQL sums bigints as numeric), 0 over no rows."""
    return cast(func.coalesce(func.sum(value), 0), BigInteger)


def _sums() -> list:
    c = sessions.c
    no_gender = case((c.gender_girl.is_(None), c.total), else_=0)
    return [
        func.count().label("sessions"),
        _sum(c.total).label("participants"),
        *(_sum(c[name]).label(name) for name in BAND_COLUMNS),
        *(_sum(c[name]).label(name) for name in GENDER_COLUMNS),
        _sum(no_gender).label("gender_not_reported"),
        _sum(c.returning_count).label("returners"),
        _sum(c.progress_creations).label("creations"),
    ]


def span(conn: Connection, filters: Filters) -> tuple[str, str] | None:
    """The first and last start of the sessions the filters let through (None: there are none)."""
    first, last = conn.execute(
        select(func.min(sessions.c.started_at), func.max(sessions.c.started_at)).where(
            *filters.where()
        )
    ).one()
    return (first, last) if first else None


def sums(conn: Connection, filters: Filters, months: list[tuple[str, str]]) -> list:
    """One row per (month, venue type, municipality) with sessions: `month` (the index of its
    (start, end) UTC bounds in `months`), `venue_type`, `municipality` and every sum."""
    if not months:
        return []
    bounds = union_all(
        *(
            select(literal(i).label("month"), literal(a).label("start"), literal(b).label("stop"))
            for i, (a, b) in enumerate(months)
        )
    ).cte("months")
    c = sessions.c
    within = (c.started_at >= bounds.c.start) & (c.started_at < bounds.c.stop)
    query = (
        select(bounds.c.month, c.venue_type, c.municipality, *_sums())
        .select_from(bounds.join(sessions, within))
        .where(*filters.where())
        .group_by(bounds.c.month, c.venue_type, c.municipality)
    )
    return list(conn.execute(query))
