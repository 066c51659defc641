"""`GET /`: the public agenda, server-rendered with Jinja2, Dutch by default, `?lang=en`.

Filters by municipality and workshop; each activity carries schema.org Event JSON-LD.
"""

from __future__ import annotations

import json
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from listing import db, docs
from listing.agenda import days
from listing.i18n import Catalogue, title_in
from listing.routers.activities import Filter
from listing.storage.sessions import choices, public

router = APIRouter(tags=["public"])
_templates = Environment(
    loader=PackageLoader("listing", "templates"), autoescape=select_autoescape(["j2", "html"])
)

Lang = Annotated[str, Query(max_length=8, description="nl (default) or en")]


@router.get("/", response_class=HTMLResponse, responses=docs.problems(422))
def agenda(
    request: Request, lang: Lang = "nl", municipality: Filter = None, workshop: Filter = None
) -> HTMLResponse:
    cat = Catalogue(lang)
    with db.read(request.app.state.engine) as conn:
        sessions = public(conn, municipality=municipality, workshop=workshop)
        towns, shops = choices(conn)
    other_lang = cat.t("other_language_code")
    other = {"lang": other_lang, "municipality": municipality, "workshop": workshop}
    page = _templates.get_template("agenda.html.j2").render(
        lang=cat.lang,
        t=cat.t,
        days=days(sessions, cat),
        municipalities=towns,
        workshops=[(wid, title_in(json.loads(title), cat.lang)) for wid, title in shops],
        municipality=municipality or "",
        workshop=workshop or "",
        other_query=urlencode({k: v for k, v in other.items() if v}),
    )
    return HTMLResponse(page)
