"""`/portal/stops`: the tour planner. Stops per kiosk as a list or a month; adding one is a
task of its own pages (the kiosk, the stop, a summary to check), and so is changing one;
cancelling asks first. What is saved here is the next plan the kiosk receives.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from listing import db
from listing.auth import forms, guard
from listing.auth.forms import Posted
from listing.i18n import Catalogue, title_in
from listing.localtime import clock_span, today
from listing.models.incoming import VENUE_TYPES
from listing.models.stored_fleet import StoredStop
from listing.pages import language
from listing.portal import calendar, layout, paging, stop_form, uit_view
from listing.storage import stops as stored
from listing.storage.kiosks import list_kiosks
from listing.storage.workshops import known_workshops

router = APIRouter(prefix="/portal/stops", include_in_schema=False)
HERE = "/portal/stops"
Coordinator = Annotated[Posted, forms.posted("coordinator")]
CANCEL = ("stop_cancel_title", "stop_cancel_question", "stop_cancel_button")
MONTH_MAX = 2000  # stops one month's grid shows at most (a fleet of a thousand kiosks)


def view(stops: list[StoredStop], conn, cat: Catalogue) -> list[dict]:
    """Stops as the planner shows them, workshops by title where the listing knows one."""
    known = known_workshops(conn, {w for s in stops for w in s.workshops})
    return [
        {
            "stop_id": s.stop_id,
            "kiosk_id": s.kiosk_id,
            "date": s.date,
            "day": cat.day(date.fromisoformat(s.date)),
            "time": clock_span(s.starts_at, s.ends_at),
            "name": s.name,
            "venue": cat.t(f"venue.{s.venue_type}"),
            "municipality": s.municipality,
            "postcode": s.postcode or "",
            "workshops": [
                title_in(known[w].title, cat.lang) if w in known else w for w in s.workshops
            ],
            "cancelled": s.status == "cancelled",
        }
        for s in stops
    ]


def _kiosks(conn) -> list[str]:
    return [k.kiosk_id for k in list_kiosks(conn, count=False) if k.revoked_at is None]


def _query(kiosk: str | None, **values) -> str:
    """A planner query string that keeps the kiosk chosen."""
    return urlencode(values | ({"kiosk": kiosk} if kiosk else {}))


@router.get("")
def planner(request: Request, session: guard.Coordinator) -> Response:
    """The stops from today on (`?past=1`: every one), paged; `?view=month`: a month."""
    cat = Catalogue(language(request))
    params = request.query_params
    with db.read(request.app.state.engine) as conn:
        kiosks = _kiosks(conn)
        kiosk = params.get("kiosk") if params.get("kiosk") in kiosks else None
        if params.get("view") == "month":
            return _month(request, session, conn, cat, kiosks, kiosk)
        past = params.get("past") == "1"
        asked = paging.asked(params)
        since = None if past else today().isoformat()
        found = stored.list_stops(
            conn, kiosk_id=kiosk, since=since, offset=asked.offset, limit=asked.fetch
        )
        page = paging.page_of(found, asked, params)
        rows = view(page.rows, conn, cat)
        entry_url = uit_view.setup().entry_url
        uit = entry_url and uit_view.standings(
            conn, [(s.stop_id, s.name) for s in page.rows], entry_url, cat
        )
    return layout.page(
        request,
        session,
        "portal/stops.html.j2",
        kiosks=kiosks,
        kiosk=kiosk,
        past=past,
        page=page,
        rows=rows,
        uit=uit,
        month_query=_query(kiosk, view="month"),
        past_query=_query(kiosk, past="1"),
        today_query=_query(kiosk),
    )


def _month(request: Request, session, conn, cat: Catalogue, kiosks, kiosk) -> Response:
    month = calendar.month_of(request.query_params.get("month", ""), today())
    first, last = calendar.bounds(month)
    found = stored.list_stops(
        conn, kiosk_id=kiosk, since=first.isoformat(), until=last.isoformat(), limit=MONTH_MAX
    )
    return layout.page(
        request,
        session,
        "portal/stops_month.html.j2",
        kiosks=kiosks,
        kiosk=kiosk,
        weeks=calendar.weeks(month, view(found, conn, cat), today()),
        month_label=f"{cat.t(f'month.{month.month}')} {month.year}",
        month=f"{month:%Y-%m}",
        previous=_query(kiosk, view="month", month=calendar.shift(month, -1)),
        next=_query(kiosk, view="month", month=calendar.shift(month, 1)),
        list_query=_query(kiosk),
        weekdays=[cat.t(f"weekday.{d}") for d in range(1, 8)],
        full=len(found) >= MONTH_MAX,
    )


def _form(
    request: Request,
    session,
    kiosk_id: str,
    action: str,
    typed=None,
    errors=None,
    kept: tuple[str, ...] = (),
    status: int = 200,
    stop_id: str | None = None,
) -> Response:
    cat = Catalogue(language(request))
    with db.read(request.app.state.engine) as conn:
        offered = stop_form.choices(conn, kiosk_id, cat, kept)
    return layout.page(
        request,
        session,
        "portal/stop_form.html.j2",
        status,
        kiosk_id=kiosk_id,
        action=action,
        typed=typed or {"workshops": []},
        errors=errors or {},
        offered=offered,
        venues=[(v, cat.t(f"venue.{v}")) for v in VENUE_TYPES],
        stop_id=stop_id,
    )


def _check(
    request: Request,
    posted: Posted,
    kiosk_id: str,
    action: str,
    kept: tuple[str, ...] = (),
    stop_id: str | None = None,
):
    """The posted form: back to it (with its problems, or to change it), the summary to check,
    or the stop to save (returned as a StopIn)."""
    cat = Catalogue(language(request))
    with db.read(request.app.state.engine) as conn:
        offered = stop_form.choices(conn, kiosk_id, cat, kept)
    stop, typed, errors = stop_form.read(
        posted.fields, posted.every("workshops"), kiosk_id, offered, cat
    )
    step = posted.fields.get("step", "check")
    if errors or step == "change":
        status = 422 if errors else 200
        return _form(
            request, posted.session, kiosk_id, action, typed, errors, kept, status, stop_id
        )
    if step == "save":
        return stop
    labels = {c.id: c.label for c in offered}
    return layout.page(
        request,
        posted.session,
        "portal/stop_check.html.j2",
        kiosk_id=kiosk_id,
        action=action,
        typed=typed,
        day=cat.day(stop.date),
        venue=cat.t(f"venue.{stop.venue_type}"),
        workshops=[labels.get(w, w) for w in stop.workshops],
        stop_id=stop_id,
    )


@router.get("/new")
def new_stop(request: Request, session: guard.Coordinator) -> Response:
    with db.read(request.app.state.engine) as conn:
        kiosks = _kiosks(conn)
    kiosk = request.query_params.get("kiosk", "")
    if kiosk in kiosks:
        return _form(request, session, kiosk, f"{HERE}/new")
    errors = {"kiosk": Catalogue(language(request)).t("stop_kiosk_missing")} if kiosk else {}
    return layout.page(
        request,
        session,
        "portal/stop_kiosk.html.j2",
        422 if errors else 200,
        kiosks=kiosks,
        errors=errors,
        typed={"kiosk": kiosk},
    )


@router.post("/new")
def add(request: Request, posted: Coordinator) -> Response:
    kiosk = posted.fields.get("kiosk", "")
    with db.read(request.app.state.engine) as conn:
        if kiosk not in _kiosks(conn):
            return layout.missing(request, posted.session, HERE)
    checked = _check(request, posted, kiosk, f"{HERE}/new")
    if isinstance(checked, Response):
        return checked
    with db.write(request.app.state.engine) as conn:
        saved = stored.add_stop(conn, checked)
    return RedirectResponse(f"{HERE}/{saved.stop_id}?saved=1", status_code=303)


def _stop(request: Request, stop_id: str) -> StoredStop | None:
    with db.read(request.app.state.engine) as conn:
        return stored.get_stop(conn, stop_id)


@router.get("/{stop_id}")
def stop_page(stop_id: str, request: Request, session: guard.Coordinator) -> Response:
    found = _stop(request, stop_id)
    if found is None:
        return layout.missing(request, session, HERE)
    return show_stop(request, session, found)


def show_stop(request: Request, session, found: StoredStop, status: int = 200, **form) -> Response:
    """The stop's page with its UiTdatabank section; `form`: the place form's typed and errors."""
    cat = Catalogue(language(request))
    with db.read(request.app.state.engine) as conn:
        (shown,) = view([found], conn, cat)
        uit = uit_view.section(conn, found.stop_id, found.name, session, cat)
    said = request.query_params
    return layout.page(
        request, session, "portal/stop.html.j2", status, stop=shown, uit=uit,
        saved=said.get("saved") == "1", placed=said.get("place") == "1", **form,
    )  # fmt: skip


@router.get("/{stop_id}/edit")
def edit_form(stop_id: str, request: Request, session: guard.Coordinator) -> Response:
    found = _stop(request, stop_id)
    if found is None:
        return layout.missing(request, session, HERE)
    return _form(
        request,
        session,
        found.kiosk_id,
        f"{HERE}/{found.stop_id}/edit",
        stop_form.typed_of(found),
        kept=found.workshops,
        stop_id=found.stop_id,
    )


@router.post("/{stop_id}/edit")
def edit(stop_id: str, request: Request, posted: Coordinator) -> Response:
    found = _stop(request, stop_id)
    if found is None:
        return layout.missing(request, posted.session, HERE)
    action = f"{HERE}/{found.stop_id}/edit"
    checked = _check(request, posted, found.kiosk_id, action, found.workshops, found.stop_id)
    if isinstance(checked, Response):
        return checked
    with db.write(request.app.state.engine) as conn:
        stored.update_stop(conn, found.stop_id, checked)
    return RedirectResponse(f"{HERE}/{found.stop_id}?saved=1", status_code=303)


@router.get("/{stop_id}/cancel")
def confirm_cancel(stop_id: str, request: Request, session: guard.Coordinator) -> Response:
    found = _stop(request, stop_id)
    if found is None or found.status == "cancelled":
        return layout.missing(request, session, HERE)
    return layout.confirm(
        request, session, CANCEL, name=f"{found.name} ({found.date})",
        action=f"{HERE}/{found.stop_id}/cancel", back=f"{HERE}/{found.stop_id}",
    )  # fmt: skip


@router.post("/{stop_id}/cancel")
def cancel(stop_id: str, request: Request, posted: Coordinator) -> Response:
    try:
        with db.write(request.app.state.engine) as conn:
            stop, _changed = stored.cancel_stop(conn, stop_id)
    except stored.UnknownStop:
        return layout.missing(request, posted.session, HERE)
    return RedirectResponse(f"{HERE}/{stop.stop_id}", status_code=303)
