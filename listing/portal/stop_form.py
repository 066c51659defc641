"""The stop form of the tour planner: its workshop choices, what was typed, and every check a
stop must pass, each problem for its own field, before it becomes a `StopIn` to save.

Workshops are chosen from what the kiosk last reported it can run and what the packs assigned
to it hold (a stop keeps the ones it had, should they be gone since).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import Connection

from listing.i18n import Catalogue, title_in
from listing.localtime import local, on_day
from listing.models.incoming import VENUE_TYPES
from listing.models.incoming_fleet import MAX_STOP_WORKSHOPS, StopIn, stop_rules
from listing.models.stored_fleet import StoredStop
from listing.storage.packs import list_packs, packs_for
from listing.storage.reports import recent_reports
from listing.storage.workshops import known_workshops

FIELDS = ("date", "starts_at", "ends_at", "name", "venue_type", "municipality", "postcode")
CLOCK = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])(:[0-5][0-9])?$")
NAME_MAX = 200


@dataclass(frozen=True)
class Choice:
    id: str
    label: str  # its title where the listing knows one
    source: str  # where it comes from, in words


def choices(
    conn: Connection, kiosk_id: str, cat: Catalogue, kept: tuple[str, ...] = ()
) -> list[Choice]:
    """The workshops a stop of this kiosk can plan: the kiosk's own, then its packs', then
    those in `kept` (a stop's planned ones) that neither holds any more."""
    sources: dict[str, str] = {}
    latest = recent_reports(conn, kiosk_id, 1)
    for w in (latest[0].report.get("workshops") or []) if latest else []:
        sources.setdefault(w["id"], cat.t("workshop_on_kiosk", version=w["version"]))
    planned = {p.sha256 for p in packs_for(conn, kiosk_id)}
    for pack in list_packs(conn):
        if pack.sha256 in planned:
            for w in pack.workshops:
                sources.setdefault(w.id, cat.t("workshop_in_pack", pack=pack.name))
    for workshop_id in kept:
        sources.setdefault(workshop_id, cat.t("workshop_gone"))
    known = known_workshops(conn, sources)
    return [
        Choice(w, title_in(known[w].title, cat.lang) if w in known else w, source)
        for w, source in sources.items()
    ]


def typed_of(stop: StoredStop) -> dict:
    """A saved stop as the form shows it (times on the local clock)."""
    return {
        "date": stop.date,
        "starts_at": f"{local(stop.starts_at):%H:%M}" if stop.starts_at else "",
        "ends_at": f"{local(stop.ends_at):%H:%M}" if stop.ends_at else "",
        "name": stop.name,
        "venue_type": stop.venue_type,
        "municipality": stop.municipality,
        "postcode": stop.postcode or "",
        "workshops": list(stop.workshops),
    }


def _text(typed: dict, name: str, cat: Catalogue, errors: dict, missing: str) -> None:
    value = typed[name]
    if not value:
        errors[name] = cat.t(missing)
    elif len(value) > NAME_MAX or "\x00" in value:
        errors[name] = cat.t("stop_text_too_long")


def _clock(value: str, day: date | None, name: str, cat: Catalogue, errors: dict):
    if not value:
        return None
    found = CLOCK.match(value)
    if not found:
        errors[name] = cat.t("stop_time_invalid")
        return None
    if day is None:
        return None
    try:
        return on_day(day, time(int(found[1]), int(found[2])))
    except ValueError:
        errors[name] = cat.t("stop_time_skipped")
        return None


def read(
    fields: dict[str, str], workshops: list[str], kiosk_id: str, offered: list[Choice],
    cat: Catalogue,
) -> tuple[StopIn | None, dict, dict[str, str]]:  # fmt: skip
    """(the stop, or None if a field has a problem; the fields as typed; the problems)."""
    typed = {name: fields.get(name, "").strip() for name in FIELDS}
    typed["workshops"] = list(dict.fromkeys(w for w in workshops if w))
    errors: dict[str, str] = {}
    day = None
    try:
        day = date.fromisoformat(typed["date"]) if typed["date"] else None
    except ValueError:
        errors["date"] = cat.t("stop_date_invalid")
    if not typed["date"]:
        errors["date"] = cat.t("stop_date_missing")
    starts = _clock(typed["starts_at"], day, "starts_at", cat, errors)
    ends = _clock(typed["ends_at"], day, "ends_at", cat, errors)
    if starts and ends and ends < starts:
        errors["ends_at"] = cat.t("stop_ends_before")
    _text(typed, "name", cat, errors, "stop_name_missing")
    if typed["venue_type"] not in VENUE_TYPES:
        errors["venue_type"] = cat.t("stop_venue_missing")
    _text(typed, "municipality", cat, errors, "stop_municipality_missing")
    if typed["postcode"] and not re.fullmatch(r"[0-9]{4}", typed["postcode"]):
        errors["postcode"] = cat.t("stop_postcode_invalid")
    allowed = {c.id for c in offered}
    if any(w not in allowed for w in typed["workshops"]):
        errors["workshops"] = cat.t("stop_workshop_unknown")
    elif len(typed["workshops"]) > MAX_STOP_WORKSHOPS:
        errors["workshops"] = cat.t("stop_workshops_too_many")
    if errors:
        return None, typed, errors
    stop = StopIn(
        kiosk_id=kiosk_id,
        date=day,
        starts_at=starts,
        ends_at=ends,
        name=typed["name"],
        venue_type=typed["venue_type"],
        municipality=typed["municipality"],
        postcode=typed["postcode"] or None,
        workshops=typed["workshops"],
    )
    for field, detail in stop_rules(stop):  # the form's checks above cover these: a guard
        errors[field] = detail
    return (None if errors else stop), typed, errors
