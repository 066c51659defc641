"""A stop of the tour: where the lab stands today (name, venue type, municipality, postcode).

Plain values, as a session records them; the tour file (kiosk/tour.py) and the listing's plan
(kiosk/core/plan.py) give them a date, and the plan the workshops planned and a status too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

VENUE_TYPES = (
    "library",
    "youth_house",
    "school",
    "youth_movement",
    "care_centre",
    "company",
    "public_space",
    "other",
)


@dataclass(frozen=True)
class Stop:
    name: str
    venue_type: str
    municipality: str
    postcode: str | None = None
    date: dt.date | None = None
    workshops: tuple[str, ...] = ()  # the plan's workshop ids for the stop; empty: any
    cancelled: bool = False
    stop_id: str | None = None  # set on a stop of the listing's plan, None on the tour file's

    def as_json(self) -> dict:
        """The `stop` object of a session snapshot (listing-api.md)."""
        body = {"name": self.name, "venue_type": self.venue_type, "municipality": self.municipality}
        if self.postcode:
            body["postcode"] = self.postcode
        return body
