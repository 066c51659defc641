"""What the listing answers: the bodies of listing-api.md, built from stored rows.

These models also document the responses in /openapi.json.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from listing.models.stored import StoredSession
from listing.privacy import public_bands

Result = Literal["created", "updated", "unchanged", "stale"]


class ProblemPointer(BaseModel):
    pointer: str
    detail: str


class ProblemOut(BaseModel):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[ProblemPointer] | None = None


class Health(BaseModel):
    status: Literal["ok"]
    server_time: str


class PutResult(BaseModel):
    session_id: str
    revision: int
    result: Result


class BatchItemResult(BaseModel):
    session_id: str | None
    revision: int | None
    result: Literal["created", "updated", "unchanged", "stale", "rejected"]
    problem: ProblemOut | None = None


class BatchOut(BaseModel):
    results: list[BatchItemResult]


class SessionRevision(BaseModel):
    session_id: str
    revision: int


class KioskSessions(BaseModel):
    sessions: list[SessionRevision]


class ActivityWorkshop(BaseModel):
    id: str
    title: dict[str, str]
    typical_age_range: str


class ActivityStop(BaseModel):
    name: str
    venue_type: str
    municipality: str


class Activity(BaseModel):
    session_id: str
    workshop: ActivityWorkshop
    stop: ActivityStop
    started_at: str
    ended_at: str | None
    participants: int
    age_bands: dict[str, int] | None = Field(
        None,
        description='Only bands of at least 5 participants; the others together as "other" '
        "(privacy). Null when no band has 5.",
    )

    @classmethod
    def from_stored(cls, s: StoredSession) -> Activity:
        return cls(
            session_id=s.session_id,
            workshop=ActivityWorkshop(
                id=s.workshop_id, title=s.title, typical_age_range=s.typical_age_range
            ),
            stop=ActivityStop(
                name=s.stop_name, venue_type=s.venue_type, municipality=s.municipality
            ),
            started_at=s.started_at,
            ended_at=s.ended_at,
            participants=s.total,
            age_bands=public_bands(s.bands),
        )


class Activities(BaseModel):
    activities: list[Activity]
