"""What a report counts: the period and the filters of `/portal/reports` and the funder report,
read from the query string, checked (each problem for its field) and turned into `Filters`.

The period is of local days, both included; by default the last twelve months to today.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from urllib.parse import urlencode

from sqlalchemy import Connection

from listing.i18n import Catalogue, title_in
from listing.localtime import today, utc_bounds
from listing.models.incoming import VENUE_TYPES
from listing.storage.kiosks import kiosk_ids
from listing.storage.sessions import choices
from listing.storage.tallies import Filters

LONGEST_DAYS = 3660  # ten years: a chart of 120 months still reads
FIELDS = ("from", "to", "kiosk", "municipality", "venue_type", "workshop")


@dataclass(frozen=True)
class Chosen:
    first: date
    last: date
    kiosk: str = ""
    municipality: str = ""
    venue_type: str = ""
    workshop: str = ""

    def filters(self) -> Filters:
        start, end = utc_bounds(self.first, self.last)
        rest = {k: v or None for k, v in asdict(self).items() if k not in ("first", "last")}
        return Filters(start=start, end=end, **rest)

    @property
    def months(self) -> tuple[str, str]:
        return f"{self.first:%Y-%m}", f"{self.last:%Y-%m}"

    def query(self) -> str:
        """The query string that chooses this again (empty filters left out)."""
        values = {"from": self.first.isoformat(), "to": self.last.isoformat()}
        values |= {k: v for k, v in asdict(self).items() if k not in ("first", "last") and v}
        return urlencode(values)


def default_period(today: date) -> tuple[date, date]:
    """The current month and the eleven before it, up to today."""
    back = today.year * 12 + today.month - 1 - 11  # months since year 0, eleven back
    return date(back // 12, back % 12 + 1, 1), today


def read(params, cat: Catalogue) -> tuple[Chosen | None, dict[str, str], dict[str, str]]:
    """(what was chosen, or None if a field has a problem; the fields as typed; the problems)."""
    first, last = default_period(today())
    typed = {name: params.get(name, "").strip()[:200] for name in FIELDS}
    typed["from"] = typed["from"] or first.isoformat()
    typed["to"] = typed["to"] or last.isoformat()
    errors: dict[str, str] = {}
    dates = {}
    for name in ("from", "to"):
        try:
            dates[name] = date.fromisoformat(typed[name])
        except ValueError:
            errors[name] = cat.t("report_date_invalid")
    if not errors and dates["to"] < dates["from"]:
        errors["to"] = cat.t("report_period_reversed")
    elif not errors and (dates["to"] - dates["from"]).days > LONGEST_DAYS:
        errors["to"] = cat.t("report_period_too_long")
    if typed["venue_type"] and typed["venue_type"] not in VENUE_TYPES:
        errors["venue_type"] = cat.t("report_venue_unknown")
    if errors:
        return None, typed, errors
    rest = {k: typed[k] for k in ("kiosk", "municipality", "venue_type", "workshop")}
    return Chosen(dates["from"], dates["to"], **rest), typed, errors


def options(conn: Connection, cat: Catalogue) -> dict[str, list[tuple[str, str]]]:
    """The choices each filter offers: kiosks, municipalities and workshops that the listing
    knows, and every venue type."""
    towns, shops = choices(conn)
    return {
        "kiosk": [(k, k) for k in kiosk_ids(conn)],
        "municipality": [(town, town) for town in towns],
        "venue_type": [(v, cat.t(f"venue.{v}")) for v in VENUE_TYPES],
        "workshop": [(w, title_in(json.loads(title), cat.lang)) for w, title in shops],
    }
