"""A stop of the tour: where the lab stands today (name, venue type, municipality, postcode).

Plain values, as a session records them; the tour plan (kiosk/tour.py) reads them from a file.
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

    def as_json(self) -> dict:
        """The `stop` object of a session snapshot (listing-api.md)."""
        body = {"name": self.name, "venue_type": self.venue_type, "municipality": self.municipality}
        if self.postcode:
            body["postcode"] = self.postcode
        return body
