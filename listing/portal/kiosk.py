"""`/portal/kiosks/{kiosk_id}`: one kiosk. Its state and what stands out, the sessions the
listing refused and why, its packs, kit and workshops, its report history and its sessions
(each list paged on its own).
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response

from listing import db
from listing.auth import guard
from listing.i18n import Catalogue, title_in
from listing.localtime import today
from listing.pages import language
from listing.plan import current_plan, representation
from listing.portal import layout, paging, views
from listing.portal.fleet import states
from listing.storage import refusals
from listing.storage.kiosks import held_sessions
from listing.storage.packs import pack_names, packs_for
from listing.storage.reports import recent_reports
from listing.storage.sessions import of_kiosk

router = APIRouter(prefix="/portal/kiosks", include_in_schema=False)
SESSIONS_PAGE, REPORTS_PAGE, REFUSALS_PAGE = 20, 10, 20
STATUSES = {"open": "status_open", "closed": "status_closed", "cancelled": "status_cancelled"}
PACK_STATES = {
    "installed": "pack_installed",
    "pending": "pack_pending",
    "refused": "pack_refused",
    None: "pack_not_reported",
}


def _history(report, cat: Catalogue) -> dict:
    body = report.report
    kit = (body.get("kit") or {}).get("failed") or []
    disk = body.get("disk_free_bytes")
    return {
        "reported": views.when(report.reported_at),
        "version": body.get("software_version"),
        "sessions": body["sessions"],
        "refused": sum(p["state"] == "refused" for p in body.get("packs") or []),
        "kit": len(kit),
        "clock": views.clock(body, cat),
        "disk": views.megabytes(disk) if disk is not None else "–",
    }


@router.get("/{kiosk_id}")
def kiosk_page(kiosk_id: str, request: Request, session: guard.Coordinator) -> Response:
    cat = Catalogue(language(request))
    now = datetime.now(UTC)
    found = [s for s in states(request, now) if s.kiosk.kiosk_id == kiosk_id]
    if not found:
        return layout.missing(request, session, "/portal/")
    (state,) = found
    params = request.query_params
    refused_at = paging.asked(params, REFUSALS_PAGE, "refused")
    reports_at = paging.asked(params, REPORTS_PAGE, "reports")
    sessions_at = paging.asked(params, SESSIONS_PAGE, "sessions")
    with db.read(request.app.state.engine) as conn:
        names = pack_names(conn)
        planned = packs_for(conn, kiosk_id)
        _body, etag = representation(current_plan(conn, kiosk_id, today()))
        held = held_sessions(conn, [kiosk_id]).get(kiosk_id, 0)
        refused = refusals.of_kiosk(conn, kiosk_id, refused_at.offset, refused_at.fetch)
        history = recent_reports(conn, kiosk_id)
        mine = of_kiosk(conn, kiosk_id, sessions_at.offset, sessions_at.fetch)
    report = state.report.report if state.report else {}
    reported = {p["sha256"]: p for p in report.get("packs") or []}
    packs = [
        {
            "name": p.name,
            "sha256": p.sha256,
            "state": reported.get(p.sha256, {}).get("state"),
            "said": cat.t(PACK_STATES[reported.get(p.sha256, {}).get("state")]),
            "detail": reported.get(p.sha256, {}).get("detail"),
        }
        for p in planned
    ] + [  # what it reports of packs no longer planned for it
        {"name": names.get(sha, sha[:12]), "sha256": sha, "state": p["state"],
         "said": cat.t(PACK_STATES[p["state"]]), "detail": p.get("detail"), "gone": True}
        for sha, p in reported.items()
        if sha not in {q.sha256 for q in planned}
    ]  # fmt: skip
    plan_state = None
    if report.get("plan_etag"):
        plan_state = "plan_current" if report["plan_etag"] == etag else "plan_older"
    sessions_page = paging.page_of(mine, sessions_at, params)
    return layout.page(
        request,
        session,
        "portal/kiosk.html.j2",
        k=views.kiosk_row(state, now, cat, names, held),
        report=report,
        plan_state=plan_state,
        packs=packs,
        workshops=report.get("workshops") or [],
        refused=paging.page_of(refused, refused_at, params),
        history=paging.page_of(
            [
                _history(r, cat)
                for r in history[reports_at.offset : reports_at.offset + reports_at.fetch]
            ],
            reports_at,
            params,
        ),
        sessions=sessions_page,
        session_rows=[
            {
                "started": views.when(s.started_at),
                "title": title_in(s.title, cat.lang),
                "stop": s.stop_name,
                "municipality": s.municipality,
                "status": cat.t(STATUSES[s.status]),
                "total": s.total,
            }
            for s in sessions_page.rows
        ],
        when=views.when,
    )
