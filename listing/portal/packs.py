"""`/portal/packs`: workshop packs. Upload one (the same checks as `stem-listing pack add`),
assign it to every kiosk or to some, see per kiosk whether it is installed, pending or refused
(with the kiosk's reason), and remove it.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from listing import db
from listing.auth import forms, guard
from listing.auth.forms import Posted
from listing.fleet import megabytes
from listing.i18n import Catalogue, title_in
from listing.packcheck import PackRefused, check_pack
from listing.pages import language
from listing.portal import layout, paging, views
from listing.problems import Problem
from listing.settings import PACK_MAX_BYTES
from listing.storage import packs as stored
from listing.storage.kiosks import list_kiosks
from listing.storage.reports import latest_reports

router = APIRouter(prefix="/portal/packs", include_in_schema=False)
HERE = "/portal/packs"
UPLOAD_MAX = PACK_MAX_BYTES + 64 * 1024  # the pack and the form's other fields
Coordinator = Annotated[Posted, forms.posted("coordinator")]
REMOVE = ("pack_remove_title", "pack_remove_question", "pack_remove_button")
ORDER = {"refused": 0, "pending": 1, None: 2, "installed": 3}  # the most urgent first


def _active(conn) -> list[str]:
    return [k.kiosk_id for k in list_kiosks(conn, count=False) if k.revoked_at is None]


def _states(conn) -> dict[tuple[str, str], dict]:
    """(kiosk, sha256) -> what the kiosk's latest report says of that pack."""
    return {
        (kiosk_id, p["sha256"]): p
        for kiosk_id, report in latest_reports(conn).items()
        for p in report.report.get("packs") or []
    }


def _listing(request: Request, session, status: int = 200, **context) -> Response:
    asked = paging.asked(request.query_params)
    with db.read(request.app.state.engine) as conn:
        every = stored.list_packs(conn)
        states = _states(conn)
        kiosks = _active(conn)
    page = paging.page_of(
        every[asked.offset : asked.offset + asked.fetch], asked, request.query_params
    )
    rows = []
    for p in page.rows:
        counted = {"installed": 0, "pending": 0, "refused": 0}
        for (_kiosk, sha256), said in states.items():
            if sha256 == p.sha256:
                counted[said["state"]] += 1
        rows.append(
            {"pack": p, "size": megabytes(p.size), "uploaded": views.when(p.uploaded_at), **counted}
        )
    context.setdefault("typed", {"name": "", "for": "all", "kiosks": []})
    return layout.page(
        request,
        session,
        "portal/packs.html.j2",
        status,
        page=page,
        rows=rows,
        kiosks=kiosks,
        max_mib=PACK_MAX_BYTES // 1_048_576,
        **context,
    )


@router.get("")
def packs_page(request: Request, session: guard.Coordinator) -> Response:
    removed = request.query_params.get("removed", "")
    return _listing(
        request, session, removed=removed if re.fullmatch(stored.NAME_PATTERN, removed) else None
    )


def _whom(fields: dict, chosen: list[str], kiosks: list[str], cat: Catalogue, errors: dict):
    """None for every kiosk, else the chosen ones; a problem when none or unknown ones."""
    if fields.get("for") != "some":
        return None
    if not chosen:
        errors["kiosks"] = cat.t("pack_kiosks_missing")
    elif any(k not in kiosks for k in chosen):
        errors["kiosks"] = cat.t("pack_kiosks_unknown")
    return chosen


@router.post("")
async def upload(request: Request, session: guard.Coordinator) -> Response:
    cat = Catalogue(language(request))
    try:
        sent = await forms.read_upload(request, UPLOAD_MAX)
    except Problem as problem:
        if problem.status != 413:
            raise
        errors = {"file": cat.t("pack_too_big", mib=PACK_MAX_BYTES // 1_048_576)}
        return _listing(request, session, 413, errors=errors)
    forms.check_csrf(session, sent.fields)
    name = sent.fields.get("name", "").strip()
    chosen = [v for k, v in sent.pairs if k == "kiosks"]
    typed = {"name": name, "for": sent.fields.get("for", "all"), "kiosks": chosen}
    errors: dict[str, str] = {}
    filename, content = sent.files.get("file", ("", b""))
    pack = None
    if not content:
        errors["file"] = cat.t("pack_file_missing")
    else:
        try:
            pack = check_pack(content)
        except PackRefused as exc:
            errors["file"] = cat.t("pack_refused_upload", file=filename, why=str(exc))
    if not name:
        errors["name"] = cat.t("pack_name_missing")
    elif not re.fullmatch(stored.NAME_PATTERN, name):
        errors["name"] = cat.t("pack_name_invalid")
    with db.read(request.app.state.engine) as conn:
        kiosks = _whom(sent.fields, chosen, _active(conn), cat, errors)
    if errors:
        return _listing(request, session, 422, typed=typed, errors=errors)
    with db.write(request.app.state.engine) as conn:
        stored.store_pack(conn, pack, name, kiosks)
    return RedirectResponse(f"{HERE}/{pack.sha256}?uploaded=1", status_code=303)


def _one(request: Request, sha256: str):
    with db.read(request.app.state.engine) as conn:
        found = [p for p in stored.list_packs(conn) if p.sha256 == sha256]
        return (found[0] if found else None), _states(conn), _active(conn)


@router.get("/{sha256}")
def pack_page(sha256: str, request: Request, session: guard.Coordinator) -> Response:
    return _pack(request, session, sha256)


def _pack(
    request: Request,
    session,
    sha256: str,
    status: int = 200,
    errors: dict | None = None,
    typed: dict | None = None,
) -> Response:
    """A pack: what it holds, who carries it, each kiosk's state (refused first), paged."""
    cat = Catalogue(language(request))
    pack, states, kiosks = _one(request, sha256)
    if pack is None:
        return layout.missing(request, session, HERE)
    carrying = kiosks if pack.for_all else [k for k in pack.kiosks if k in kiosks]
    reported = [k for (k, sha) in states if sha == sha256 and k not in carrying]
    per_kiosk = sorted(
        (
            {
                "kiosk_id": k,
                "state": states.get((k, sha256), {}).get("state"),
                "detail": states.get((k, sha256), {}).get("detail"),
                "assigned": k in carrying,
            }
            for k in carrying + reported
        ),
        key=lambda row: (ORDER[row["state"]], row["kiosk_id"]),
    )
    asked = paging.asked(request.query_params)
    page = paging.page_of(
        per_kiosk[asked.offset : asked.offset + asked.fetch], asked, request.query_params
    )
    titles = [
        (w.id, w.version, title_in(w.title, cat.lang) if w.title else w.id) for w in pack.workshops
    ]
    return layout.page(
        request,
        session,
        "portal/pack.html.j2",
        status,
        pack=pack,
        size=megabytes(pack.size),
        uploaded=views.when(pack.uploaded_at),
        titles=titles,
        page=page,
        kiosks=kiosks,
        typed=typed or {"for": "all" if pack.for_all else "some", "kiosks": list(pack.kiosks)},
        errors=errors or {},
        just_uploaded=request.query_params.get("uploaded") == "1",
        assigned=request.query_params.get("assigned") == "1",
    )


@router.post("/{sha256}/assign")
def assign(sha256: str, request: Request, posted: Coordinator) -> Response:
    cat = Catalogue(language(request))
    pack, _states_now, kiosks = _one(request, sha256)
    if pack is None:
        return layout.missing(request, posted.session, HERE)
    chosen = posted.every("kiosks")
    errors: dict[str, str] = {}
    whom = _whom(posted.fields, chosen, kiosks, cat, errors)
    if errors:
        typed = {"for": posted.fields.get("for", "all"), "kiosks": chosen}
        return _pack(request, posted.session, sha256, 422, errors, typed)
    with db.write(request.app.state.engine) as conn:
        stored.assign_pack(conn, sha256, whom)
    return RedirectResponse(f"{HERE}/{sha256}?assigned=1", status_code=303)


@router.get("/{sha256}/remove")
def confirm_remove(sha256: str, request: Request, session: guard.Coordinator) -> Response:
    pack, _states_now, _kiosks = _one(request, sha256)
    if pack is None:
        return layout.missing(request, session, HERE)
    return layout.confirm(
        request, session, REMOVE, name=pack.name, action=f"{HERE}/{sha256}/remove",
        back=f"{HERE}/{sha256}",
    )  # fmt: skip


@router.post("/{sha256}/remove")
def remove(sha256: str, request: Request, posted: Coordinator) -> Response:
    try:
        with db.write(request.app.state.engine) as conn:
            gone = stored.remove_pack(conn, sha256)
    except stored.UnknownPack:
        return layout.missing(request, posted.session, HERE)
    return RedirectResponse(f"{HERE}?removed={gone.name}", status_code=303)
