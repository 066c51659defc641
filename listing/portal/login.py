"""`/portal/login` and `/portal/logout`, and the portal's stylesheet.

Every form carries its session's CSRF token; after logging in, a person goes on to `next` (a
portal page of this site, never elsewhere).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from listing.auth import forms, guard, login, store
from listing.auth.forms import Posted
from listing.i18n import Catalogue
from listing.pages import language
from listing.portal import layout
from listing.storage.users import WebSession

router = APIRouter(prefix="/portal", include_in_schema=False)
HOME = layout.HOME
Next = Annotated[str, Query(max_length=500)]


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a portal page of this site, never elsewhere."""
    if target and target.startswith(HOME) and "//" not in target and "\\" not in target:
        return target
    return HOME


def _login_page(
    request: Request,
    session: WebSession | None,
    *,
    status: int = 200,
    next_path: str = HOME,
    name: str = "",
    message: str | None = None,
    errors: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """The login form, on the browser's login-form session (a new one if it has none)."""
    settings = request.app.state.settings
    secret = None
    if session is None or session.user_name is not None:
        replacing = session.session_hash if session else None
        secret, session = store.start(
            request.app.state.engine, None, settings.idle_minutes * 60, replacing
        )
    response = layout.page(
        request,
        None,
        "portal/login.html.j2",
        status,
        csrf_token=session.csrf_token,
        next_path=safe_next(next_path),
        name=name,
        message=message,
        errors=errors or {},
    )
    response.headers.update(headers or {})
    if secret:
        guard.set_session_cookie(response, request, secret)
    return response


@router.get("/login")
def login_form(request: Request, next: Next = HOME) -> Response:
    session = guard.session_of(request)
    if session is not None and session.role is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_page(request, session, next_path=next)


@router.post("/login")
async def login_post(request: Request) -> Response:
    """Refused (nothing changed): a wrong CSRF token 403, an empty field 422, too many
    failures 429, a wrong name or password 401. Else a new session and on to `next`."""
    fields = await forms.read(request)
    session = await run_in_threadpool(guard.session_of, request)
    cat = Catalogue(language(request))
    name = fields.get("name", "").strip().lower()
    password = fields.get("password", "")
    again = {"next_path": fields.get("next", HOME), "name": name}
    try:
        forms.check_csrf(session, fields)
    except guard.FormExpired:
        return _login_page(request, session, status=403, message=cat.t("form_expired"), **again)
    errors = {}
    if not name:
        errors["name"] = cat.t("login_name_missing")
    if not password:
        errors["password"] = cat.t("login_password_missing")
    if errors:
        return _login_page(request, session, status=422, errors=errors, **again)
    address = request.client.host if request.client else "unknown"
    engine = request.app.state.engine
    tried = await run_in_threadpool(login.attempt, engine, name, password, address)
    if tried.wait is not None:
        minutes = -(-tried.wait // 60)
        message = cat.tn("login_throttled", minutes)
        headers = {"Retry-After": str(tried.wait)}
        return _login_page(request, session, status=429, message=message, headers=headers, **again)
    if tried.role is None:
        return _login_page(request, session, status=401, message=cat.t("login_wrong"), **again)
    idle_s = request.app.state.settings.idle_minutes * 60
    secret, _ = await run_in_threadpool(store.start, engine, name, idle_s, session.session_hash)
    response = RedirectResponse(safe_next(again["next_path"]), status_code=303)
    guard.set_session_cookie(response, request, secret)
    return response


@router.post("/logout")
def logout(request: Request, posted: Annotated[Posted, forms.posted("coordinator")]) -> Response:
    store.end(request.app.state.engine, posted.session.session_hash)
    response = RedirectResponse(guard.LOGIN_PATH, status_code=303)
    guard.clear_session_cookie(response, request)
    return response


@router.get("/portal.css")
def stylesheet() -> Response:
    return layout.stylesheet()


# Included after every other portal page: a page the portal does not have.
fallback = APIRouter(prefix="/portal", include_in_schema=False)


@fallback.get("/{anything:path}")
def not_found(request: Request, session: guard.Coordinator) -> Response:
    return layout.missing(request, session, HOME)
