"""Where a session takes place, by one rule whatever language the screen speaks: the known stop
of that name (the listing's plan first, then the local tour file), else the name as given at
municipality "onbekend"; no name, the unknown place. And which stop and workshops come first.

What reaches the listing never depends on the screen's language; screens show `UNKNOWN` in
theirs (kiosk/ui/labels.py).
"""

from __future__ import annotations

import datetime as dt

from kiosk.core.plan import Plan
from kiosk.stop import Stop
from kiosk.tour import Tour
from kiosk.workshop_model import Workshop

UNKNOWN_MUNICIPALITY = "onbekend"
UNKNOWN = Stop("Onbekende plaats", "other", UNKNOWN_MUNICIPALITY)


def resolve_stop(name: str | None, tour: Tour | None) -> Stop:
    """The tour's stop called `name` (any case), else free text of venue type `other`."""
    if name is None or not name.strip():
        return UNKNOWN
    found = tour.find(name) if tour else None
    return found or Stop(name.strip(), "other", UNKNOWN_MUNICIPALITY)


def known_stops(plan: Plan | None, tour: Tour | None) -> Tour:
    """Every stop the kiosk knows: the listing's plan first, then the local tour file."""
    stops = (*(plan.stops if plan else ()), *(tour.stops if tour else ()))
    return Tour((plan.tour if plan else None) or (tour.name if tour else None), stops)


def stop_of_the_day(plan: Plan | None, tour: Tour | None, day: dt.date) -> Stop | None:
    """The stop Home starts with: the plan's one stop of the day not cancelled (or its one
    cancelled stop, which then shows as such), else the tour file's one stop of the day."""
    planned = plan.on(day) if plan else []
    going = [s for s in planned if not s.cancelled]
    for choice in (going, planned, tour.on(day) if tour else []):
        if choice:
            return choice[0] if len(choice) == 1 else None
    return None


def planned_first(workshops: list[Workshop], stop: Stop | None) -> tuple[list[Workshop], list[str]]:
    """The stop's planned workshops first, in the plan's order, then the others; and the planned
    ids this kiosk does not have (to show as missing, never to hide)."""
    wanted = list(dict.fromkeys(stop.workshops)) if stop else []
    by_id = {w.id: w for w in workshops}
    first = [by_id[i] for i in wanted if i in by_id]
    missing = [i for i in wanted if i not in by_id]
    return first + [w for w in workshops if w.id not in wanted], missing
