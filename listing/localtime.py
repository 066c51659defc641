"""Local time (Europe/Brussels) for the agenda's days and the reports' months.

Stored times are UTC text; this is the one place they become local.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from listing.models.stored import parse_utc_text, utc_text
from listing.settings import TIMEZONE

ZONE = ZoneInfo(TIMEZONE)


def local(text: str) -> datetime:
    return parse_utc_text(text).astimezone(ZONE)


def utc_bounds(first: date, last: date) -> tuple[str, str]:
    """The UTC instants that bound local days `first` to `last` (both included), as stored
    text: from `first`'s local midnight, up to but not including the midnight after `last`."""
    start = datetime.combine(first, time(), tzinfo=ZONE)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=ZONE)
    return utc_text(start), utc_text(end)


def month_of_hour(hour: str) -> str:
    """The local month ("YYYY-MM") of a UTC hour "YYYY-MM-DDTHH" (Brussels' offsets are whole
    hours, so an hour never straddles two local months)."""
    return f"{local(hour + ':00:00.000000Z'):%Y-%m}"
