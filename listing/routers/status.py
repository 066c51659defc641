"""`PUT /v1/kiosks/{kiosk_id}/status`: a kiosk's report of how it is doing.

Checks in the contract's order: token 401, size 413, JSON 400, rules 422, ownership 403 (the
path's or the body's kiosk_id not the token's). The latest by `reported_at` is kept; an older
report is answered the same and ignored.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from listing import db, docs
from listing.bodies import parse_json, read_limited, validate_model
from listing.models.incoming_fleet import StatusIn
from listing.models.outgoing_fleet import StatusReceived
from listing.models.stored import now_text, rfc3339, utc_text
from listing.models.stored_fleet import StoredReport
from listing.problems import Problem
from listing.security import Kiosk, require_own
from listing.storage.reports import record_report

router = APIRouter(tags=["kiosk"])


@router.put(
    "/v1/kiosks/{kiosk_id}/status",
    response_model=StatusReceived,
    responses=docs.problems(400, 401, 403, 413, 422, 429, 503),
    openapi_extra=docs.json_body(StatusIn),
)
async def put_status(kiosk_id: str, request: Request, token_kiosk: Kiosk) -> StatusReceived:
    raw = await read_limited(request, request.app.state.settings.max_body)
    status = validate_model(StatusIn, parse_json(raw))
    require_own(kiosk_id, token_kiosk)
    if status.kiosk_id != token_kiosk:
        raise Problem(
            403,
            f"kiosk_id {status.kiosk_id} is not this token's kiosk ({token_kiosk})",
            errors=[{"pointer": "/kiosk_id", "detail": "not this token's kiosk"}],
        )
    received = now_text()
    report = StoredReport(
        token_kiosk, utc_text(status.reported_at), received, status.model_dump(mode="json")
    )
    await run_in_threadpool(
        db.run_write, request.app.state.engine, lambda conn: record_report(conn, report)
    )
    return StatusReceived(kiosk_id=token_kiosk, received_at=rfc3339(received))
