"""Where a session takes place, by one rule whatever language the screen speaks: the tour's stop
of that name, else the name as given at municipality "onbekend"; no name, the unknown place.

What reaches the listing never depends on the screen's language; screens show `UNKNOWN` in
theirs (kiosk/ui/labels.py).
"""

from __future__ import annotations

from kiosk.stop import Stop
from kiosk.tour import Tour

UNKNOWN_MUNICIPALITY = "onbekend"
UNKNOWN = Stop("Onbekende plaats", "other", UNKNOWN_MUNICIPALITY)


def resolve_stop(name: str | None, tour: Tour | None) -> Stop:
    """The tour's stop called `name` (any case), else free text of venue type `other`."""
    if name is None or not name.strip():
        return UNKNOWN
    found = tour.find(name) if tour else None
    return found or Stop(name.strip(), "other", UNKNOWN_MUNICIPALITY)
