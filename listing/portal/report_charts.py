"""The Reports page's charts: each an inline SVG with the table of its numbers beside it, and
that same table as the chart's CSV. Pure: from the report's sums to what the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from listing.chart import COLOURS, ONE, bars, columns
from listing.i18n import Catalogue
from listing.models.incoming import BANDS
from listing.reports import Month, Participation, share

TOP_TOWNS = 20  # municipalities on the page; the CSV holds every one
OTHERS = "#c4d7ea"


@dataclass
class Chart:
    ident: str
    title: str
    svg: Markup
    header: list[str]
    rows: list[list] = field(default_factory=list)
    left_out: int = 0  # rows only the CSV holds


def band_name(cat: Catalogue, band: str) -> str:
    """An age band as people write it: "18+" for "18-", "onbekend" for "unknown"."""
    if band == "unknown":
        return cat.t("band_unknown")
    return "18+" if band == "18-" else band


def month_name(cat: Catalogue, key: str) -> str:
    """ "februari 2026" for "2026-02"."""
    year, month = key.split("-")
    return f"{cat.t(f'month.{int(month)}')} {year}"


def _axis(cat: Catalogue, months: list[Month]) -> list[tuple[str, str]]:
    """Short month labels; the year under the first month and under every January."""
    labels = []
    for i, m in enumerate(months):
        year, month = m.month.split("-")
        short = cat.t(f"month_short.{int(month)}")
        labels.append((m.month, f"{short}\n{year}" if i == 0 or month == "01" else short))
    return labels


def per_band(report: Participation, cat: Catalogue) -> Chart:
    title = cat.t("chart_bands_title")
    series = [
        (band, band_name(cat, band), COLOURS[band], [m.bands[band] for m in report.months])
        for band in BANDS
    ]
    svg = columns(
        "chart-bands", title, _axis(cat, report.months), series,
        axis=cat.t("chart_axis_participants"), empty=cat.t("chart_empty"),
    )  # fmt: skip
    header = [cat.t("col_month"), *(band_name(cat, b) for b in BANDS), cat.t("col_total")]
    rows = [
        [month_name(cat, m.month), *(m.bands[b] for b in BANDS), m.participants]
        for m in report.months
    ]
    return Chart("bands", title, Markup(svg), header, rows)


def older(report: Participation, cat: Catalogue) -> Chart:
    title = cat.t("chart_older_title")
    shares = [share(m.older, m.participants) for m in report.months]
    svg = columns(
        "chart-older", title, _axis(cat, report.months),
        [("older", "14+", COLOURS["14-17"], [s or 0 for s in shares])],
        axis=cat.t("chart_axis_share"), percent=True, empty=cat.t("chart_empty"),
    )  # fmt: skip
    header = [cat.t("col_month"), cat.t("col_participants"), "14+", cat.t("col_share")]
    rows = [
        [month_name(cat, m.month), m.participants, m.older, s]
        for m, s in zip(report.months, shares, strict=True)
    ]
    return Chart("older", title, Markup(svg), header, rows)


def returning(report: Participation, cat: Catalogue) -> Chart:
    title = cat.t("chart_returning_title")
    series = [
        ("others", cat.t("chart_first_time"), OTHERS,
         [m.participants - m.returning for m in report.months]),
        ("returning", cat.t("chart_returning"), ONE, [m.returning for m in report.months]),
    ]  # fmt: skip
    svg = columns(
        "chart-returning", title, _axis(cat, report.months), series,
        axis=cat.t("chart_axis_participants"), empty=cat.t("chart_empty"),
    )  # fmt: skip
    header = [
        cat.t("col_month"), cat.t("col_participants"), cat.t("col_returning"), cat.t("col_share")
    ]  # fmt: skip
    rows = [
        [month_name(cat, m.month), m.participants, m.returning, share(m.returning, m.participants)]
        for m in report.months
    ]
    return Chart("returning", title, Markup(svg), header, rows)


def venues(report: Participation, cat: Catalogue) -> Chart:
    title = cat.t("chart_venues_title")
    named = [(cat.t(f"venue.{v}"), s, p) for v, s, p in report.venues]
    svg = bars(
        "chart-venues", title, [(name, p) for name, _s, p in named],
        axis=cat.t("chart_axis_participants"), empty=cat.t("chart_empty"),
    )  # fmt: skip
    header = [cat.t("col_venue_type"), cat.t("col_sessions"), cat.t("col_participants")]
    return Chart("venues", title, Markup(svg), header, [list(row) for row in named])


def municipalities(report: Participation, cat: Catalogue, everything: bool = False) -> Chart:
    """Every municipality reached; the page shows the TOP_TOWNS with most participants."""
    title = cat.tn("chart_towns_title", len(report.towns))
    shown = report.towns if everything else report.towns[:TOP_TOWNS]
    svg = bars(
        "chart-towns", title, [(town, p) for town, _s, p in shown],
        axis=cat.t("chart_axis_participants"), empty=cat.t("chart_empty"),
    )  # fmt: skip
    header = [cat.t("col_municipality"), cat.t("col_sessions"), cat.t("col_participants")]
    rows = [list(row) for row in shown]
    return Chart("municipalities", title, Markup(svg), header, rows, len(report.towns) - len(shown))


CHARTS = {
    "bands": per_band,
    "older": older,
    "returning": returning,
    "venues": venues,
    "municipalities": lambda report, cat: municipalities(report, cat, everything=True),
}


def charts(report: Participation, cat: Catalogue) -> list[Chart]:
    """The page's charts, in the order it shows them."""
    return [
        per_band(report, cat),
        older(report, cat),
        returning(report, cat),
        venues(report, cat),
        municipalities(report, cat),
    ]
