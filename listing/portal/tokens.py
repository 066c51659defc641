"""`/portal/admin/kiosks` (admins only): enrol a kiosk, its token shown once with the
`stem-kiosk enroll` line to copy, and revoke one. The same storage as `stem-listing kiosk`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from listing import db
from listing.auth import forms, guard
from listing.auth.forms import Posted
from listing.i18n import Catalogue
from listing.models.incoming import is_identifier
from listing.pages import language
from listing.portal import layout, paging
from listing.security import enrol_kiosk
from listing.storage import kiosks

router = APIRouter(prefix="/portal/admin/kiosks", include_in_schema=False)
HERE = "/portal/admin/kiosks"
TOKEN_FILE = "/etc/stem-kiosk/token"
Admin = Annotated[Posted, forms.posted("admin")]
REVOKE = ("revoke_title", "revoke_question", "revoke_button")


def _list(request: Request, session, status: int = 200, **context) -> Response:
    asked = paging.asked(request.query_params)
    with db.read(request.app.state.engine) as conn:
        rows = kiosks.enrolments(conn, asked.offset, asked.fetch)
    page = paging.page_of(rows, asked, request.query_params)
    context.setdefault("typed", {"kiosk_id": ""})
    return layout.page(
        request, session, "portal/admin_kiosks.html.j2", status, page=page, **context
    )


@router.get("")
def kiosks_page(request: Request, session: guard.Administrator) -> Response:
    revoked = request.query_params.get("revoked", "")
    with db.read(request.app.state.engine) as conn:
        found = kiosks.enrolment(conn, revoked) if revoked else None
    return _list(request, session, revoked=found.kiosk_id if found and found.revoked_at else None)


@router.post("")
def enrol(request: Request, posted: Admin) -> Response:
    cat = Catalogue(language(request))
    kiosk_id = posted.fields.get("kiosk_id", "").strip()
    typed = {"kiosk_id": kiosk_id}
    problem = None
    if not kiosk_id:
        problem = cat.t("kiosk_id_missing")
    elif not is_identifier(kiosk_id):
        problem = cat.t("kiosk_id_invalid")
    else:
        try:
            with db.write(request.app.state.engine) as conn:
                token = enrol_kiosk(conn, kiosk_id)
        except kiosks.KioskExists:
            problem = cat.t("kiosk_id_taken")
    if problem:
        return _list(request, posted.session, 422, typed=typed, errors={"kiosk_id": problem})
    listing_url = str(request.base_url).rstrip("/")
    command = (
        f"stem-kiosk enroll --listing {listing_url} --kiosk-id {kiosk_id} --token-file {TOKEN_FILE}"
    )
    return layout.page(
        request,
        posted.session,
        "portal/admin_enrolled.html.j2",
        201,
        kiosk_id=kiosk_id,
        token=token,
        token_file=TOKEN_FILE,
        command=command,
    )


@router.get("/{kiosk_id}/revoke")
def confirm_revoke(kiosk_id: str, request: Request, session: guard.Administrator) -> Response:
    with db.read(request.app.state.engine) as conn:
        found = kiosks.enrolment(conn, kiosk_id)
    if found is None or found.revoked_at:
        return layout.missing(request, session, HERE)
    return layout.confirm(
        request, session, REVOKE, name=kiosk_id, action=f"{HERE}/{kiosk_id}/revoke", back=HERE
    )


@router.post("/{kiosk_id}/revoke")
def revoke(kiosk_id: str, request: Request, posted: Admin) -> Response:
    try:
        with db.write(request.app.state.engine) as conn:
            kiosks.revoke_kiosk(conn, kiosk_id)
    except kiosks.UnknownKiosk:
        return layout.missing(request, posted.session, HERE)
    return RedirectResponse(f"{HERE}?revoked={kiosk_id}", status_code=303)
