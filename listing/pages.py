"""Server-rendered pages: one Jinja2 environment, and the page language (Dutch first).

The language is `?lang=` when given (remembered in a cookie), else that cookie, else Dutch.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from listing.i18n import SOURCE, Catalogue, languages

templates = Environment(
    loader=PackageLoader("listing", "templates"), autoescape=select_autoescape(["j2", "html"])
)
LANG_COOKIE = "stem_lang"


def language(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in languages():
        return asked
    kept = request.cookies.get(LANG_COOKIE)
    return kept if kept in languages() else SOURCE


def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    """The page in the request's language; a `?lang=` choice is kept for the next pages."""
    lang = language(request)
    cat = Catalogue(lang)
    switch = urlencode({**request.query_params, "lang": cat.t("other_language_code")})
    html = templates.get_template(template).render(
        lang=lang, t=cat.t, tn=cat.tn, switch=switch, **context
    )
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") == lang and request.cookies.get(LANG_COOKIE) != lang:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax")
    return response
