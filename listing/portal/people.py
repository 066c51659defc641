"""`/portal/admin/people` (admins only): add a person (their password shown once) and remove
one (every session of theirs ends). The same storage as `stem-listing user`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from listing import db
from listing.auth import forms, guard
from listing.auth.forms import Posted
from listing.auth.passwords import add_person
from listing.i18n import Catalogue
from listing.pages import language
from listing.portal import layout, paging
from listing.storage import users

router = APIRouter(prefix="/portal/admin/people", include_in_schema=False)
HERE = "/portal/admin/people"
Admin = Annotated[Posted, forms.posted("admin")]
REMOVE = ("remove_title", "remove_question", "remove_button")


def _roles(cat: Catalogue) -> list[tuple[str, str]]:
    return [("coordinator", cat.t("role.coordinator")), ("admin", cat.t("role.admin"))]


def _list(request: Request, session, status: int = 200, **context) -> Response:
    asked = paging.asked(request.query_params)
    with db.read(request.app.state.engine) as conn:
        rows = users.list_users(conn, asked.offset, asked.fetch)
    page = paging.page_of(rows, asked, request.query_params)
    context.setdefault("typed", {"name": "", "role": "coordinator"})
    roles = _roles(Catalogue(language(request)))
    return layout.page(
        request, session, "portal/admin_people.html.j2", status, page=page, roles=roles, **context
    )


@router.get("")
def people_page(request: Request, session: guard.Administrator) -> Response:
    removed = request.query_params.get("removed", "")
    with db.read(request.app.state.engine) as conn:
        gone = bool(removed) and users.credentials(conn, removed) is None
    return _list(request, session, removed=removed if gone and users.is_name(removed) else None)


@router.post("")
def add(request: Request, posted: Admin) -> Response:
    cat = Catalogue(language(request))
    name = posted.fields.get("name", "").strip()
    role = posted.fields.get("role", "")
    errors = {}
    if not name:
        errors["name"] = cat.t("person_name_missing")
    elif not users.is_name(name):
        errors["name"] = cat.t("person_name_invalid")
    if role not in users.ROLES:
        errors["role"] = cat.t("person_role_missing")
    if not errors:
        try:
            with db.write(request.app.state.engine) as conn:
                password = add_person(conn, name, role)
        except users.UserExists:
            errors["name"] = cat.t("person_name_taken")
    if errors:
        typed = {"name": name, "role": role}
        return _list(request, posted.session, 422, typed=typed, errors=errors)
    return layout.page(
        request,
        posted.session,
        "portal/admin_added.html.j2",
        201,
        name=name,
        role=role,
        password=password,
    )


@router.get("/{name}/remove")
def confirm_remove(name: str, request: Request, session: guard.Administrator) -> Response:
    with db.read(request.app.state.engine) as conn:
        found = users.credentials(conn, name)
    if found is None:
        return layout.missing(request, session, HERE)
    if name == session.user_name:
        return layout.page(
            request, session, "portal/refused.html.j2", 409, title="remove_self_title",
            reason="remove_self",
        )  # fmt: skip
    return layout.confirm(
        request, session, REMOVE, name=name, action=f"{HERE}/{name}/remove", back=HERE
    )


@router.post("/{name}/remove")
def remove(name: str, request: Request, posted: Admin) -> Response:
    if name == posted.session.user_name:
        return layout.page(
            request, posted.session, "portal/refused.html.j2", 409, title="remove_self_title",
            reason="remove_self",
        )  # fmt: skip
    try:
        with db.write(request.app.state.engine) as conn:
            users.remove_user(conn, name)
    except users.UnknownUser:
        return layout.missing(request, posted.session, HERE)
    return RedirectResponse(f"{HERE}?removed={name}", status_code=303)
