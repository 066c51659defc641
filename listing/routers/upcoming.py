"""`GET /v1/agenda`: the planned stops from today on, every kiosk's, soonest first, as JSON.

No auth; cancelled stops are listed as cancelled. Workshop titles where the listing knows them.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from listing import db
from listing.localtime import today
from listing.models.outgoing_fleet import Agenda, UpcomingStop
from listing.storage.stops import list_stops
from listing.storage.workshops import known_workshops

router = APIRouter(tags=["public"])


@router.get("/v1/agenda", response_model=Agenda)
def agenda(request: Request) -> Agenda:
    with db.read(request.app.state.engine) as conn:
        stops = list_stops(conn, since=today().isoformat())
        known = known_workshops(conn, (w for s in stops for w in s.workshops))
    return Agenda(upcoming=[UpcomingStop.from_stored(s, known) for s in stops])
