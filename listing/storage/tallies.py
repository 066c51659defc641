"""Participation added up by the database for the reports: per hour (which `listing.reports`
folds into local months), per venue type and per municipality, under one set of filters.

Cancelled sessions never count. A report never reads sessions one by one: each figure is one
aggregate query, narrowed by the period through the index on `started_at`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import BigInteger, Connection, case, cast, func, select

from listing.schema import sessions

BAND_COLUMNS = ("band_0_9", "band_10_13", "band_14_17", "band_18", "band_unknown")
GENDER_COLUMNS = ("gender_girl", "gender_boy", "gender_x", "gender_unstated")
HOUR = func.substr(sessions.c.started_at, 1, 13)  # "YYYY-MM-DDTHH" in UTC


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
    ]


def per_hour(conn: Connection, filters: Filters) -> list:
    """One row per UTC hour with sessions: `hour` and every sum (see `_sums`)."""
    query = select(HOUR.label("hour"), *_sums()).where(*filters.where()).group_by(HOUR)
    return list(conn.execute(query))


def per_value(conn: Connection, filters: Filters, column: str) -> list[tuple[str, int, int]]:
    """(value, sessions, participants) per value of `column` (venue_type, municipality),
    the most participants first."""
    c = sessions.c[column]
    participants = _sum(sessions.c.total)
    query = (
        select(c, func.count(), participants)
        .where(*filters.where())
        .group_by(c)
        .order_by(participants.desc(), c)
    )
    return [tuple(row) for row in conn.execute(query)]
