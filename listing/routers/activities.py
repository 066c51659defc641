"""`GET /v1/activities`: the public agenda as JSON, open and closed sessions, newest first.

An age band's count appears only where it is at least 5 (`listing.privacy`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from listing import db, docs
from listing.models.outgoing import Activities, Activity
from listing.storage.sessions import public

router = APIRouter(tags=["public"])

NO_NUL = r"^[^\x00]*$"
Filter = Annotated[str | None, Query(max_length=200, pattern=NO_NUL)]


@router.get("/v1/activities", response_model=Activities, responses=docs.problems(422))
def activities(
    request: Request, municipality: Filter = None, workshop: Filter = None
) -> Activities:
    with db.read(request.app.state.engine) as conn:
        rows = public(conn, municipality=municipality, workshop=workshop)
    return Activities(activities=[Activity.from_stored(s) for s in rows])
