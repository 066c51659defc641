"""`/portal/reports`: participation for a period, filtered by kiosk, municipality, venue type
and workshop, as charts with their numbers beside them; `/portal/reports/{chart}.csv` gives
each chart's table as a spreadsheet.

Staff see exact counts here; the funder report (`funder.py`) is what leaves the house.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from listing import db
from listing.auth import guard
from listing.i18n import Catalogue
from listing.pages import language
from listing.portal import layout, report_charts, report_filters
from listing.portal.report_filters import Chosen
from listing.reports import Participation, participation, table_csv, total

router = APIRouter(prefix="/portal/reports", include_in_schema=False)


def gather(request: Request, chosen: Chosen) -> Participation:
    """The sums behind every chart (one query)."""
    with db.read(request.app.state.engine) as conn:
        return participation(conn, chosen.filters(), *chosen.months)


def asked(request: Request, cat: Catalogue) -> tuple[Chosen | None, dict]:
    """What the query string chooses (None: a field has a problem), and what the filter form
    shows: the fields as typed, their problems, every choice."""
    chosen, typed, errors = report_filters.read(request.query_params, cat)
    with db.read(request.app.state.engine) as conn:
        options = report_filters.options(conn, cat)
    return chosen, {"typed": typed, "errors": errors, "options": options}


@router.get("")
def reports_page(request: Request, session: guard.Coordinator) -> Response:
    cat = Catalogue(language(request))
    chosen, context = asked(request, cat)
    if chosen is None:
        return layout.page(request, session, "portal/reports.html.j2", 422, **context)
    report = gather(request, chosen)
    whole = total(report.months)
    return layout.page(
        request,
        session,
        "portal/reports.html.j2",
        chosen=chosen,
        query=chosen.query(),
        whole=whole,
        towns_reached=len(report.towns),
        charts=report_charts.charts(report, cat),
        **context,
    )


@router.get("/{chart}.csv")
def chart_csv(chart: str, request: Request, session: guard.Coordinator) -> Response:
    """One chart's table (every row), for the same choice as the page."""
    cat = Catalogue(language(request))
    build = report_charts.CHARTS.get(chart)
    chosen, _typed, errors = report_filters.read(request.query_params, cat)
    if build is None or chosen is None:
        status = 404 if build is None else 422
        text = "\n".join(errors.values()) or "no such chart"
        return layout.harden(Response(text, status, media_type="text/plain; charset=utf-8"))
    table = build(gather(request, chosen), cat)
    name = f"{chart}_{chosen.first}_{chosen.last}.csv"
    return layout.harden(
        Response(
            table_csv(table.header, table.rows),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    )
