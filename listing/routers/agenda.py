"""`GET /`: the public agenda, server-rendered with Jinja2, Dutch by default, `?lang=en`.

Filters by municipality and workshop; each activity carries schema.org Event JSON-LD.
"""

from __future__ import annotations

import json
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from listing import db, docs
from listing.agenda import days
from listing.i18n import LANGUAGES, texts, title_in
from listing.pages import templates
from listing.routers.activities import Filter
from listing.storage.sessions import choices, public

router = APIRouter(tags=["public"])

Lang = Annotated[str, Query(max_length=8, description="nl (default) or en")]


@router.get("/", response_class=HTMLResponse, responses=docs.problems(422))
def agenda(
    request: Request, lang: Lang = "nl", municipality: Filter = None, workshop: Filter = None
) -> HTMLResponse:
    lang = lang if lang in LANGUAGES else "nl"
    t = texts(lang)
    with db.read(request.app.state.engine) as conn:
        sessions = public(conn, municipality=municipality, workshop=workshop)
        towns, shops = choices(conn)
    other = {"lang": t["other_language_code"], "municipality": municipality, "workshop": workshop}
    page = templates.get_template("agenda.html.j2").render(
        lang=lang,
        t=t,
        days=days(sessions, lang, t),
        municipalities=towns,
        workshops=[(wid, title_in(json.loads(title), lang)) for wid, title in shops],
        municipality=municipality or "",
        workshop=workshop or "",
        other_query=urlencode({k: v for k, v in other.items() if v}),
    )
    return HTMLResponse(page)
