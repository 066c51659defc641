"""Example stops and workshops for the UiTdatabank tests, and the in-memory store that stands
in for the listing's tables (the real one comes with the stops table)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from listing.uit.event import PlannedStop, Workshop
from listing.uit.publish import UitRecord

UTC = dt.UTC
REACTIESPEL = Workshop(
    "reactiespel",
    {"nl": "Reactiespel", "en": "Reaction game"},
    {"nl": "Bouw een spel met een knop en een lampje.", "en": "Build a game with a button."},
    "10-18",
)
NACHTLAMPJE = Workshop(
    "nachtlampje",
    {"nl": "Nachtlampje", "en": "Night light"},
    {"nl": "Een lampje dat aangaat als het donker wordt.", "en": "A light that comes on."},
    "10-14",
)
DATALOGGER = Workshop("datalogger", {"nl": "Datalogger"}, {}, "14-")


def stop(n: int = 1, **changes) -> PlannedStop:
    """Stop number `n` at 'Bibliotheek Maldegem' on 12 February 2027, 13:00-17:00 UTC."""
    base = PlannedStop(
        stop_id=f"8e1c4f0a-2b3d-4e5f-9a6b-{n:012d}",
        name="Bibliotheek Maldegem",
        date=dt.date(2027, 2, 12),
        starts_at=dt.datetime(2027, 2, 12, 13, tzinfo=UTC),
        ends_at=dt.datetime(2027, 2, 12, 17, tzinfo=UTC),
        municipality="Maldegem",
        postcode="9990",
        workshops=(REACTIESPEL, NACHTLAMPJE),
    )
    return dataclasses.replace(base, **changes)


class MemoryStore:
    """UitStore in memory; `saves` keeps every record saved, in order, with the number of
    requests the fake had seen at that moment (to check what was stored before what)."""

    def __init__(self, fake=None):
        self.records: dict[str, UitRecord] = {}
        self.saves: list[tuple[str, UitRecord, int]] = []
        self.fake = fake

    def load(self, stop_id: str) -> UitRecord:
        return self.records.get(stop_id, UitRecord())

    def save(self, stop_id: str, record: UitRecord) -> None:
        self.records[stop_id] = record
        self.saves.append((stop_id, record, len(self.fake.calls) if self.fake else 0))
