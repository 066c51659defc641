"""`GET /v1/kiosks/{kiosk_id}/sessions`: every session the listing holds for the token's kiosk.

For reconciliation ("312 on the kiosk, 312 confirmed"); no paging.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from listing import db, docs
from listing.models.outgoing import KioskSessions, SessionRevision
from listing.security import Kiosk, require_own
from listing.storage.sessions import revisions_of

router = APIRouter(tags=["kiosk"])


@router.get(
    "/v1/kiosks/{kiosk_id}/sessions",
    response_model=KioskSessions,
    responses=docs.problems(401, 403, 429, 503),
)
def kiosk_sessions(kiosk_id: str, request: Request, token_kiosk: Kiosk) -> KioskSessions:
    require_own(kiosk_id, token_kiosk)
    with db.read(request.app.state.engine) as conn:
        pairs = revisions_of(conn, kiosk_id)
    return KioskSessions(sessions=[SessionRevision(session_id=s, revision=r) for s, r in pairs])
