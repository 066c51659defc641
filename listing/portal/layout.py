"""A portal page: the base layout's context (who is logged in, the navigation for their role)
and the headers every portal answer carries (no caching, no framing, no inline script).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

from fastapi import Request
from fastapi.responses import Response

from listing.pages import render
from listing.storage.users import WebSession, allows

HOME = "/portal/"
STYLESHEET = files("listing").joinpath("static/portal.css").read_bytes()
# No script runs on a portal page, and styles come from the one stylesheet: HTML that slipped
# through escaping could still do nothing.
POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


@dataclass(frozen=True)
class Link:
    label: str  # a catalogue key
    href: str
    role: str  # who sees it


NAVIGATION = [
    Link("nav_fleet", HOME, "coordinator"),
    Link("nav_stops", "/portal/stops", "coordinator"),
    Link("nav_packs", "/portal/packs", "coordinator"),
    Link("nav_reports", "/portal/reports", "coordinator"),
    Link("nav_kiosks", "/portal/admin/kiosks", "admin"),
    Link("nav_people", "/portal/admin/people", "admin"),
]


def navigation(session: WebSession | None, path: str) -> list[dict]:
    """The links this person's role may follow; the one for `path` is marked current."""
    if session is None or session.role is None:
        return []
    shown = [link for link in NAVIGATION if allows(session.role, link.role)]
    best = max((link.href for link in shown if path.startswith(link.href)), key=len, default="")
    return [
        {"label": link.label, "href": link.href, "current": link.href == best} for link in shown
    ]


def harden(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = POLICY
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def page(
    request: Request,
    session: WebSession | None,
    template: str,
    status: int = 200,
    **context,
) -> Response:
    """`template` in the request's language, inside the portal's layout."""
    context.setdefault("errors", {})
    nav = navigation(session, request.url.path)
    return harden(render(request, template, status, session=session, nav=nav, **context))


def stylesheet() -> Response:
    return Response(
        STYLESHEET,
        media_type="text/css; charset=utf-8",
        headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


def missing(request: Request, session: WebSession | None, back: str) -> Response:
    """404: what the page was about is not there (any more)."""
    return page(request, session, "portal/missing.html.j2", 404, back=back)


def confirm(
    request: Request,
    session: WebSession,
    texts: tuple[str, str, str],
    *,
    name: str,
    action: str,
    back: str,
) -> Response:
    """A page that asks before something is undone: `texts` are the catalogue keys of its
    title, its question and its button (each may say `{name}`); the button posts `action`."""
    title, question, button = texts
    return page(
        request, session, "portal/confirm.html.j2", title=title, question=question, name=name,
        action=action, button=button, back=back,
    )  # fmt: skip
