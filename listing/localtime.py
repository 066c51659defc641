"""Local time (Europe/Brussels) for the agenda's days and the reports' months.

Stored times are UTC text; this is the one place they become local.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from listing.models.stored import parse_utc_text
from listing.settings import TIMEZONE

ZONE = ZoneInfo(TIMEZONE)


def local(text: str) -> datetime:
    return parse_utc_text(text).astimezone(ZONE)
