"""What the listing answers for the fleet: a kiosk's plan, the receipt of its status, and the
public list of upcoming stops (listing-api.md, Fleet and Upcoming stops in public).

These models also document the responses in /openapi.json.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from listing.models.stored import rfc3339
from listing.models.stored_fleet import KnownWorkshop, PlannedPack, StoredStop

StopStatus = Literal["planned", "cancelled"]


class PlanTour(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class StopFields(BaseModel):
    """What a kiosk's plan and the public agenda both say of a stop."""

    stop_id: str
    date: str = Field(description="YYYY-MM-DD, the local date of the stop")
    starts_at: str | None
    ends_at: str | None
    name: str
    venue_type: str
    municipality: str
    postcode: str | None
    status: StopStatus

    @staticmethod
    def of(s: StoredStop) -> dict:
        return {
            "stop_id": s.stop_id,
            "date": s.date,
            "starts_at": rfc3339(s.starts_at) if s.starts_at else None,
            "ends_at": rfc3339(s.ends_at) if s.ends_at else None,
            "name": s.name,
            "venue_type": s.venue_type,
            "municipality": s.municipality,
            "postcode": s.postcode,
            "status": s.status,
        }


class PlanStop(StopFields):
    workshops: list[str] = Field(description='Workshop ids planned for the stop; empty: "any".')

    @classmethod
    def from_stored(cls, s: StoredStop) -> PlanStop:
        return cls(**cls.of(s), workshops=list(s.workshops))


class PlanPack(BaseModel):
    sha256: str
    name: str
    size: int

    @classmethod
    def from_planned(cls, p: PlannedPack) -> PlanPack:
        return cls(sha256=p.sha256, name=p.name, size=p.size)


class Plan(BaseModel):
    kiosk_id: str
    tour: PlanTour | None
    stops: list[PlanStop] = Field(description="From 30 days ago on, by date, then starts_at.")
    packs: list[PlanPack] = Field(description="Every pack the kiosk should carry, by name.")


class StatusReceived(BaseModel):
    kiosk_id: str
    received_at: str


class AgendaWorkshop(BaseModel):
    id: str
    title: dict[str, str] | None = Field(description="A language map with nl, where known.")


class UpcomingStop(StopFields):
    workshops: list[AgendaWorkshop]

    @classmethod
    def from_stored(cls, s: StoredStop, known: dict[str, KnownWorkshop]) -> UpcomingStop:
        workshops = [
            AgendaWorkshop(id=w, title=known[w].title if w in known else None) for w in s.workshops
        ]
        return cls(**cls.of(s), workshops=workshops)


class Agenda(BaseModel):
    upcoming: list[UpcomingStop] = Field(description="Stops from today on, soonest first.")
