"""`GET /v1/kiosks/{kiosk_id}/plan`: what the coordinator planned for the token's kiosk, with a
strong ETag; `If-None-Match` naming it answers 304 with no body.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request, Response

from listing import db, docs
from listing.localtime import today
from listing.models.outgoing_fleet import Plan
from listing.plan import current_plan, matches, representation
from listing.security import Kiosk, require_own

router = APIRouter(tags=["kiosk"])
ETAG = {
    "ETag": {"description": "Strong; changes whenever the body does", "schema": {"type": "string"}}
}


@router.get(
    "/v1/kiosks/{kiosk_id}/plan",
    response_model=Plan,
    responses={
        200: {"headers": ETAG},
        304: {"description": "The plan is the one If-None-Match names", "headers": ETAG},
    }
    | docs.problems(401, 403, 422, 429, 503),
)
def plan(
    kiosk_id: str,
    request: Request,
    token_kiosk: Kiosk,
    if_none_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> Response:
    """The kiosk's tour, stops (from 30 days ago on) and packs; the whole truth each time."""
    require_own(kiosk_id, token_kiosk)
    with db.read(request.app.state.engine) as conn:
        body, etag = representation(current_plan(conn, kiosk_id, today()))
    if matches(if_none_match, etag):
        return Response(status_code=304, headers={"ETag": etag})
    return Response(body, media_type="application/json", headers={"ETag": etag})
