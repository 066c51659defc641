"""`/portal/stops/.../publish` and `.../place`: the coordinator's UiTdatabank buttons. Publish one
stop, or every stop that needs it, and see each stop's result; pick a stop's UiT place.

A run is answered on the POST itself: its lines are nowhere else to show on a later GET, and a
reload only runs it again, which the exactly-once publishing turns into "unchanged".
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from listing import db
from listing.auth import forms, guard
from listing.auth.forms import Posted
from listing.i18n import Catalogue
from listing.pages import language
from listing.portal import layout, uit_view
from listing.portal.stops import HERE, show_stop
from listing.storage.stops import UnknownStop, get_stop
from listing.storage.uit import uit_states
from listing.uit.errors import AuthFailed, UitError
from listing.uit.event import NotPublishable
from listing.uit.run import pick_place, publish_from_env

router = APIRouter(prefix=HERE, include_in_schema=False)
Coordinator = Annotated[Posted, forms.posted("coordinator")]
WAIT_S = 5.0  # how long a button waits for a stop another run is publishing


@router.post("/publish")
def publish_due(request: Request, posted: Coordinator) -> Response:
    """Every stop that needs it, as `uit publish` without options takes them."""
    return _publish(request, posted, None)


@router.post("/{stop_id}/publish")
def publish_one(stop_id: str, request: Request, posted: Coordinator) -> Response:
    return _publish(request, posted, stop_id)


@router.get("/{stop_id}/publish")
@router.get("/{stop_id}/place")
def to_the_stop(stop_id: str, session: guard.Coordinator) -> Response:
    """Where logging in leads after a button pressed by someone whose session had ended: the
    stop's page, to press it again."""
    return RedirectResponse(f"{HERE}/{stop_id}#uit", status_code=303)


def _publish(request: Request, posted: Posted, stop_id: str | None) -> Response:
    back = f"{HERE}/{stop_id}" if stop_id else HERE
    try:
        run = publish_from_env(request.app.state.engine, stop_id=stop_id, wait_s=WAIT_S)
    except UnknownStop:
        return layout.missing(request, posted.session, HERE)
    except UitError as err:  # the settings, the secret file, or publiq refused the secret
        failed = "uit_failed_secret" if isinstance(err, AuthFailed) else "uit_failed_settings"
        return layout.page(
            request, posted.session, "portal/uit_run.html.j2", back=back, failed=failed,
            detail=uit_view.for_admins(posted.session, err.message), lines=[],
        )  # fmt: skip
    return layout.page(
        request, posted.session, "portal/uit_run.html.j2", back=back, failed=None,
        lines=uit_view.run_lines(run, Catalogue(language(request))),
        unreachable=run.unreachable, busy=run.later is not None and not run.unreachable,
        untried=run.untried,
    )  # fmt: skip


@router.post("/{stop_id}/place")
def place(stop_id: str, request: Request, posted: Coordinator) -> Response:
    """The place picked among the candidates, or any place's id or URL typed."""
    engine, entry_url = request.app.state.engine, uit_view.setup().entry_url
    with db.read(engine) as conn:
        found = get_stop(conn, stop_id)
        if found is None or entry_url is None:
            return layout.missing(request, posted.session, HERE)
        state = uit_states(conn, entry_url, [found.stop_id]).get(found.stop_id)
    radios = bool(state and state.candidates)  # else the id field is the only one
    cat = Catalogue(language(request))
    typed = {k: posted.fields.get(k, "").strip() for k in ("place", "place_id")}
    chosen = typed["place_id"] or typed["place"]
    if not chosen:
        errors = {"place" if radios else "place_id": cat.t("uit_place_missing")}
    else:
        try:
            with db.write(engine) as conn:
                pick_place(conn, found.stop_id, entry_url, chosen)
        except NotPublishable:
            field = "place_id" if typed["place_id"] else "place"
            errors = {field: cat.t("uit_place_invalid")}
        except UnknownStop:
            return layout.missing(request, posted.session, HERE)
        else:
            return RedirectResponse(f"{HERE}/{found.stop_id}?place=1#uit", status_code=303)
    return show_stop(request, posted.session, found, 422, typed=typed, errors=errors)
