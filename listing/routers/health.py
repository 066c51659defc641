"""`GET /v1/health`: no auth; kiosks use it to see they are online and to measure clock offset.

A token sent with it is ignored.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter

from listing.models.outgoing import Health

router = APIRouter()


@router.get("/v1/health", response_model=Health, tags=["kiosk"])
def health() -> Health:
    return Health(status="ok", server_time=datetime.now(UTC).isoformat().replace("+00:00", "Z"))
