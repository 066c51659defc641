"""`/portal/`: the fleet. Every kiosk with when it was last heard from, its version, sessions
waiting or needing attention, refused packs, kit failures, clock and disk; those that stand out
(silent, behind on version) first. Paged; `?show=concerns` keeps only those worth a look.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response

from listing import db
from listing.auth import guard
from listing.fleet import fleet
from listing.i18n import Catalogue
from listing.pages import language
from listing.portal import layout, paging, views
from listing.storage.kiosks import held_sessions, list_kiosks
from listing.storage.packs import pack_names
from listing.storage.reports import latest_reports

router = APIRouter(prefix="/portal", include_in_schema=False)
PAGE = paging.SIZE  # kiosks a page


def states(request: Request, now: datetime):
    """Every kiosk's state, in the fleet's order (see `listing.fleet`)."""
    with db.read(request.app.state.engine) as conn:
        kiosks = list_kiosks(conn, count=False)
        reports = latest_reports(conn)
    return fleet(kiosks, reports, now, request.app.state.settings.silent_days)


@router.get("/")
def fleet_page(request: Request, session: guard.Coordinator) -> Response:
    cat = Catalogue(language(request))
    now = datetime.now(UTC)
    every = states(request, now)
    only = request.query_params.get("show") == "concerns"
    shown = [s for s in every if s.concerns and not s.revoked] if only else every
    asked = paging.asked(request.query_params, PAGE)
    page = paging.page_of(
        shown[asked.offset : asked.offset + asked.fetch], asked, request.query_params
    )
    with db.read(request.app.state.engine) as conn:
        held = held_sessions(conn, [s.kiosk.kiosk_id for s in page.rows])
        names = pack_names(conn)
    rows = [views.kiosk_row(s, now, cat, names, held.get(s.kiosk.kiosk_id, 0)) for s in page.rows]
    active = [s for s in every if not s.revoked]
    return layout.page(
        request,
        session,
        "portal/fleet.html.j2",
        page=page,
        rows=rows,
        only=only,
        counts={
            "kiosks": len(active),
            "urgent": sum(s.urgent for s in active),
            "concerns": sum(bool(s.concerns) for s in active),
        },
        silent_days=request.app.state.settings.silent_days,
    )
