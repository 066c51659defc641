"""`/portal/reports/funder`: the report a funder (CERA, VLAIO, a municipality) asks for, for one
period, printable on A4 from the browser; every count of participants under the small-count
rule of `listing.smallcounts`.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from listing.auth import guard
from listing.chart import bars
from listing.i18n import Catalogue
from listing.localtime import local
from listing.models.incoming import BANDS
from listing.models.stored import now_text
from listing.pages import language
from listing.portal import layout
from listing.portal.report_charts import band_name
from listing.portal.reports import asked, gather
from listing.reports import Participation, share, total
from listing.smallcounts import PRIMARY, Cell, Group, protect

router = APIRouter(prefix="/portal/reports", include_in_schema=False)


@dataclass
class Line:
    """A row of a table: what it counts, sessions (never hidden: not people), participants."""

    label: str
    participants: Cell
    sessions: int | None = None
    share: int | None = None


@dataclass
class Figures:
    sessions: int
    participants: Cell
    bands: list[Line]
    older: Line
    girls: Line
    returning: Line
    creations: int  # not people: as `Month.creations`
    venues: list[Line]
    towns: list[Line]

    @property
    def too_few(self) -> bool:
        """Under 5 participants in all: no breakdown by age or place (rule 3)."""
        return self.participants.hidden == PRIMARY


def _shown_share(part: Cell, whole: Cell) -> int | None:
    return None if part.hidden or whole.hidden else share(part.value, whole.value)


def figures(report: Participation, cat: Catalogue) -> Figures:
    """The funder's totals with the small-count rule applied across every table that adds up
    to a shown total (see `listing.smallcounts`)."""
    whole = total(report.months)
    participants = Cell(whole.participants)
    bands = {band: Cell(whole.bands[band]) for band in BANDS}
    older = Cell(whole.older)
    venues = [(cat.t(f"venue.{v}"), s, Cell(p)) for v, s, p in report.venues]
    towns = [(town, s, Cell(p)) for town, s, p in report.towns]
    few = participants.hidden == PRIMARY
    if few:
        venues, towns = [], []
    else:
        protect(
            [
                Group(participants, list(bands.values())),
                Group(older, [bands["14-17"], bands["18-"]]),
                Group(participants, [bands["0-9"], bands["10-13"], older, bands["unknown"]]),
                Group(participants, [cell for *_, cell in venues]),
                Group(participants, [cell for *_, cell in towns]),
            ]
        )
    recorded = Cell(whole.participants - whole.gender_not_reported)
    girls, returning = Cell(whole.gender["girl"]), Cell(whole.returning)

    def line(label: str, cell: Cell, sessions: int | None = None) -> Line:
        return Line(label, cell, sessions, _shown_share(cell, participants))

    return Figures(
        sessions=whole.sessions,
        participants=participants,
        bands=[] if few else [line(band_name(cat, b), bands[b]) for b in BANDS],
        older=line("14+", older),
        girls=Line(cat.t("fig_girls"), girls, None, _shown_share(girls, recorded)),
        returning=line(cat.t("fig_returning"), returning),
        creations=whole.creations,
        venues=[line(name, cell, s) for name, s, cell in venues],
        towns=[line(name, cell, s) for name, s, cell in towns],
    )


@router.get("/funder")
def funder_report(request: Request, session: guard.Coordinator) -> Response:
    cat = Catalogue(language(request))
    chosen, context = asked(request, cat)
    if chosen is None:
        return layout.page(request, session, "portal/funder.html.j2", 422, **context)
    names = dict(context["options"]["venue_type"]) | dict(context["options"]["workshop"])
    narrowed = [
        (cat.t(key), names.get(value, value))
        for key, value in (
            ("filter_kiosk", chosen.kiosk),
            ("filter_municipality", chosen.municipality),
            ("filter_venue_type", chosen.venue_type),
            ("filter_workshop", chosen.workshop),
        )
        if value
    ]
    fig = figures(gather(request, chosen), cat)
    return layout.page(
        request,
        session,
        "portal/funder.html.j2",
        chosen=chosen,
        query=chosen.query(),
        narrowed=narrowed,
        made_at=f"{local(now_text()):%Y-%m-%d %H:%M}",
        fig=fig,
        ages_chart=drawn("funder-ages", cat.t("funder_ages"), fig.bands, cat),
        venues_chart=drawn("funder-venues", cat.t("chart_venues_title"), fig.venues, cat),
        **context,
    )


def drawn(ident: str, title: str, lines: list[Line], cat: Catalogue) -> Markup | None:
    """Bars of the counts a table shows; hidden ones are left out (the table says so)."""
    shown = [
        (line.label, line.participants.value) for line in lines if not line.participants.hidden
    ]
    if not shown:
        return None
    return Markup(bars(ident, title, shown, axis=cat.t("chart_axis_participants")))
