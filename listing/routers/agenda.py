"""`GET /`: the public agenda, server-rendered with Jinja2, Dutch by default, `?lang=en`.

Its first page starts with the stops planned for the coming weeks (at most UPCOMING_MAX), then
the newest PAGE activities; `?after=` (a link at the bottom) opens the next, older ones. Filters
by municipality and workshop apply to both; each stop and activity carries schema.org Event
JSON-LD.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from listing import db, docs
from listing.agenda import days, upcoming_days
from listing.i18n import Catalogue, title_in
from listing.localtime import today
from listing.models.stored_fleet import StoredStop
from listing.pages import templates
from listing.routers.activities import Filter
from listing.settings import UPCOMING_DAYS, UPCOMING_MAX
from listing.storage.sessions import choices, public
from listing.storage.stops import list_stops
from listing.storage.workshops import known_workshops

router = APIRouter(tags=["public"])

Lang = Annotated[str, Query(max_length=8, description="nl (default) or en")]
After = Annotated[
    str | None,
    Query(
        pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{6}Z_[0-9a-f-]{36}$",
        description="Where the page starts: the last activity of the page before (its link).",
    ),
]
PAGE = 100


def _upcoming(conn, municipality: str | None, workshop: str | None) -> list[StoredStop]:
    first = today()
    last = first + timedelta(days=UPCOMING_DAYS)
    return list_stops(
        conn,
        since=first.isoformat(),
        until=last.isoformat(),
        municipality=municipality,
        workshop=workshop,
        limit=UPCOMING_MAX,
    )


@router.get("/", response_class=HTMLResponse, responses=docs.problems(422))
def agenda(
    request: Request,
    lang: Lang = "nl",
    municipality: Filter = None,
    workshop: Filter = None,
    after: After = None,
) -> HTMLResponse:
    cat = Catalogue(lang)
    lang = cat.lang
    start = tuple(after.split("_")) if after else None
    with db.read(request.app.state.engine) as conn:
        sessions = public(
            conn, municipality=municipality, workshop=workshop, after=start, limit=PAGE + 1
        )
        towns, shops = choices(conn)
        stops = [] if after else _upcoming(conn, municipality, workshop)
        known = known_workshops(conn, (w for s in stops for w in s.workshops))
    sessions, more = sessions[:PAGE], len(sessions) > PAGE
    filters = {
        "lang": lang if lang != "nl" else None,
        "municipality": municipality,
        "workshop": workshop,
    }
    older = None
    if more:
        last = sessions[-1]
        older = urlencode(
            {k: v for k, v in filters.items() if v}
            | {"after": f"{last.started_at}_{last.session_id}"}
        )
    other = {
        "lang": cat.t("other_language_code"),
        "municipality": municipality,
        "workshop": workshop,
    }
    page = templates.get_template("agenda.html.j2").render(
        lang=lang,
        t=cat.t,
        days=days(sessions, cat),
        upcoming=upcoming_days(stops, known, cat),
        municipalities=towns,
        workshops=[(wid, title_in(json.loads(title), lang)) for wid, title in shops],
        municipality=municipality or "",
        workshop=workshop or "",
        other_query=urlencode({k: v for k, v in other.items() if v}),
        older_query=older,
        newest_query=urlencode({k: v for k, v in filters.items() if v}) if after else None,
    )
    return HTMLResponse(page)
