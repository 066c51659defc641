"""The tour plan: the stops of a tour (date, venue, municipality), read from `tour.yaml`.

Every mistake is a positioned problem; a stop is found here by its name (kiosk/core/stops.py).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Any

from devices.yamlcheck import Checker
from devices.yamlsource import Problem, SourceError, quoted, read
from kiosk.stop import VENUE_TYPES, Stop


@dataclass(frozen=True)
class Tour:
    name: str | None
    stops: tuple[Stop, ...]

    def find(self, name: str) -> Stop | None:
        wanted = name.strip().casefold()
        return next((s for s in self.stops if s.name.casefold() == wanted), None)

    def on(self, day: dt.date) -> list[Stop]:
        return [s for s in self.stops if s.date == day]


def load_tour(path: str | os.PathLike) -> tuple[Tour | None, list[Problem]]:
    try:
        doc = read(path)
    except SourceError as err:
        return None, err.problems
    check = Checker(doc)
    top = check.mapping((), doc.data, required=["stops"], optional=["name"], what="tour plan")
    if top is None:
        return None, check.problems
    name = check.text(("name",), top["name"], max_len=200) if "name" in top else None
    stops = []
    if check.sequence(("stops",), top.get("stops"), min_items=1) is not None:
        for i, item in enumerate(top["stops"]):
            stop = _stop(check, ("stops", i), item)
            if stop:
                stops.append(stop)
    if check.problems:
        return None, check.problems
    return Tour(name, tuple(stops)), []


def _stop(check: Checker, where: tuple, item: Any) -> Stop | None:
    body = check.mapping(
        where,
        item,
        required=["name", "venue_type", "municipality"],
        optional=["postcode", "date"],
        what="stop",
    )
    if body is None:
        return None
    # A missing key was reported by mapping() above; only the ones present are checked here.
    name = "name" in body and check.text((*where, "name"), body["name"], max_len=200)
    venue = "venue_type" in body and check.choice(
        (*where, "venue_type"), body["venue_type"], VENUE_TYPES
    )
    town = "municipality" in body and check.text(
        (*where, "municipality"), body["municipality"], max_len=200
    )
    postcode = None
    if "postcode" in body:
        raw = body["postcode"]
        if isinstance(raw, int) and not isinstance(raw, bool):  # 9990 unquoted: as written
            raw = check.written((*where, "postcode"), raw)
        postcode = check.text(
            (*where, "postcode"),
            raw,
            max_len=10,
            pattern=r"\d{4}",
            hint='must be four digits, like "9990"',
        )
    date = body.get("date")
    date = _day(check, (*where, "date"), date) if date is not None else None
    if name and venue and town:
        return Stop(name, venue, town, postcode, date)
    return None


def _day(check: Checker, keypath: tuple, value: Any) -> dt.date | None:
    """A day written as 2026-02-12 (YAML 1.2 reads it as text; quoted is the same)."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        check.fail(keypath, "date must be a day like 2026-02-12")
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        check.fail(keypath, f"{quoted(value)} is not a valid date")  # 2026-02-30
        return None
