"""Local time (Europe/Brussels) for the agenda's days and the reports' months.

Stored times are UTC text; this is the one place they become local, and local times UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from listing.models.stored import parse_utc_text, utc_text
from listing.settings import TIMEZONE

ZONE = ZoneInfo(TIMEZONE)


def local(text: str) -> datetime:
    return parse_utc_text(text).astimezone(ZONE)


def today() -> date:
    """The local date now: a stop's date is a local date."""
    return datetime.now(ZONE).date()


def on_day(day: date, clock: time) -> datetime:
    """A local wall-clock time on a local date, as an aware datetime; ValueError for a time the
    clocks skip on that day (the spring change)."""
    moment = datetime.combine(day, clock, tzinfo=ZONE)
    if moment.astimezone(UTC).astimezone(ZONE).replace(tzinfo=None) != moment.replace(tzinfo=None):
        raise ValueError(f"{clock:%H:%M} does not exist on {day} in {ZONE.key}: the clocks skip it")
    return moment


def clock_span(start: str | None, end: str | None) -> str:
    """Stored UTC times as local clock times: "13:00–17:00", "13:00", or "" for none."""
    return "–".join(f"{local(t):%H:%M}" for t in (start, end) if t)


def utc_bounds(first: date, last: date) -> tuple[str, str]:
    """The UTC instants that bound local days `first` to `last` (both included), as stored
    text: from `first`'s local midnight, up to but not including the midnight after `last`."""
    start = datetime.combine(first, time(), tzinfo=ZONE)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=ZONE)
    return utc_text(start), utc_text(end)


def month_bounds(month: str) -> tuple[str, str]:
    """The UTC instants that bound a local month "YYYY-MM", as stored text: from its first
    local midnight up to but not including the next month's."""
    year, number = map(int, month.split("-"))
    following = date(year + number // 12, number % 12 + 1, 1)
    return utc_bounds(date(year, number, 1), following - timedelta(days=1))
