"""Who is logged in: the session cookie, `require_user(role)` for pages, and the answers a
browser gets when refused (the login page, or 403), or a problem for any other client.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from listing.auth import store
from listing.portal import layout
from listing.problems import Problem
from listing.storage.users import WebSession, allows

COOKIE = "stem_session"
LOGIN_PATH = "/portal/login"


class LoginRequired(Exception):
    """No session, or it ended (idle, logged out, revoked)."""


class WrongRole(Exception):
    """Logged in, but the page needs another role."""


class FormExpired(Exception):
    """A form came back without the CSRF token of the browser's session."""


def secure(request: Request) -> bool:
    """Whether cookies must say Secure: behind TLS, or when the settings say so."""
    forwarded = request.headers.get("x-forwarded-proto", "").lower() == "https"
    return request.app.state.settings.secure_cookies or forwarded or request.url.scheme == "https"


def set_session_cookie(response: Response, request: Request, secret: str) -> None:
    response.set_cookie(
        COOKIE, secret, path="/", httponly=True, samesite="lax", secure=secure(request)
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=secure(request))


def session_of(request: Request) -> WebSession | None:
    """The browser's live session (a login form's or a person's), if any."""
    idle_s = request.app.state.settings.idle_minutes * 60
    return store.find(request.app.state.engine, request.cookies.get(COOKIE), idle_s)


def require_user(role: str):
    """A dependency: the session of a logged-in person who may act as `role`."""

    def signed_in(request: Request) -> WebSession:
        session = session_of(request)
        if session is None or session.role is None:
            raise LoginRequired()
        if not allows(session.role, role):
            raise WrongRole()
        return session

    return Depends(signed_in)


Coordinator = Annotated[WebSession, require_user("coordinator")]  # or an admin
Administrator = Annotated[WebSession, require_user("admin")]


def wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def login_url(next_path: str) -> str:
    return f"{LOGIN_PATH}?{urlencode({'next': next_path})}"


def install(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _exc: LoginRequired):
        if wants_html(request):
            here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(login_url(here), status_code=303)
        return Problem(401, "Log in first").response()

    @app.exception_handler(WrongRole)
    async def _role(request: Request, _exc: WrongRole):
        if wants_html(request):
            return await _refused(request, "forbidden_title", "forbidden")
        return Problem(403, "Your role may not do this").response()

    @app.exception_handler(FormExpired)
    async def _expired(request: Request, _exc: FormExpired):
        if wants_html(request):
            return await _refused(request, "form_expired_title", "form_expired")
        return Problem(403, "The form's CSRF token is missing or wrong").response()


async def _refused(request: Request, title: str, reason: str) -> Response:
    session = await run_in_threadpool(session_of, request)
    return layout.page(request, session, "portal/refused.html.j2", 403, title=title, reason=reason)
