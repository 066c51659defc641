"""`GET /v1/activities`: the public agenda as JSON, open and closed sessions, newest first.

Band breakdowns appear only for sessions with at least PUBLIC_DETAIL_MIN participants.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from listing import db, docs
from listing.models.outgoing import Activities, Activity
from listing.settings import PUBLIC_DETAIL_MIN
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
    return Activities(activities=[Activity.from_stored(s, PUBLIC_DETAIL_MIN) for s in rows])
