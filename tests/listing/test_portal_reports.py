"""The Reports page and the funder report over real HTTP: sums by month with empty months shown,
filters, the numbers beside each chart and as CSV (BOM, no formulas), problems next to their
field with what was typed kept, and the funder's totals under the small-count rule.
"""

from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import httpx
import pytest

from tests.listing.portal import signed_in
from tests.listing.snapshots import KIOSK, snapshot

PERIOD = {"from": "2027-01-01", "to": "2027-04-30"}


def session(started: str, bands: tuple[int, int, int, int, int], **changes) -> dict:
    total = sum(bands)
    return snapshot(
        new_id=True,
        started_at=started,
        **({"status": "open", "ended_at": None} | changes),
        attendance={
            "total": total,
            "age_bands": dict(zip(["0-9", "10-13", "14-17", "18-", "unknown"], bands, strict=True)),
            "gender": {"girl": bands[2], "boy": total - bands[2], "x": 0, "unstated": 0},
            "returning": bands[3],
        },
    )


@pytest.fixture
def sessions(client):
    """Two months with sessions (January and March, in Brussels time), February empty."""
    items = [
        session("2027-01-10T10:00:00Z", (0, 3, 20, 9, 0)),
        session("2027-01-31T23:30:00Z", (0, 0, 6, 0, 0)),  # 1 February in Brussels
        session(
            "2027-03-05T10:00:00Z", (2, 8, 0, 0, 0),
            **{"stop.municipality": "=HYPERLINK(\"x\")", "stop.venue_type": "school"},
        ),
        session("2027-03-06T10:00:00Z", (1, 1, 1, 1, 1), status="cancelled"),
    ]  # fmt: skip
    answer = client.post("/v1/sessions/batch", json={"sessions": items})
    assert {r["result"] for r in answer.json()["results"]} == {"created"}
    return items


def table(page: str, ident: str) -> list[list[str]]:
    """The rows of the table beside a chart, as text."""
    section = re.search(rf'<section class="report" id="{ident}".*?</section>', page, re.S).group(0)
    body = re.search(r"<tbody>(.*?)</tbody>", section, re.S).group(1)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_months_by_age_band_with_the_empty_ones_shown(server, sessions):
    with signed_in(server) as http:
        page = http.get("/portal/reports", params=PERIOD).text
    assert table(page, "bands") == [
        ["januari 2027", "0", "3", "20", "9", "0", "32"],
        ["februari 2027", "0", "0", "6", "0", "0", "6"],
        ["maart 2027", "2", "8", "0", "0", "0", "10"],
        ["april 2027", "0", "0", "0", "0", "0", "0"],
    ]
    assert re.search(r'id="fig-participants">48<', page) and re.search(
        r'id="fig-sessions">3<', page
    )
    assert table(page, "older")[0] == ["januari 2027", "32", "29", "91"]  # 29 of 32 are 14+
    assert table(page, "older")[3] == ["april 2027", "0", "0", "–"]  # no share of nobody
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", page, re.S).group(0))
    labels = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert {"jan", "feb", "mrt", "apr", "deelnemers"} <= set(labels)


def test_filters_narrow_every_chart(server, sessions):
    with signed_in(server) as http:
        school = http.get("/portal/reports", params=PERIOD | {"venue_type": "school"}).text
        other = http.get("/portal/reports", params=PERIOD | {"kiosk": "no-such-kiosk"}).text
    assert re.search(r'id="fig-participants">10<', school)
    assert table(school, "venues") == [["school", "1", "10"]]
    assert re.search(r'id="fig-participants">0<', other)


def test_a_bad_filter_is_shown_next_to_its_field_keeping_what_was_typed(server, sessions):
    with signed_in(server) as http:
        answer = http.get(
            "/portal/reports", params={"from": "2027-13-01", "to": "2027-01-01", "venue_type": "x"}
        )
    assert answer.status_code == 422
    page = answer.text
    assert '<a href="#from">Vul een datum in zoals 2027-02-12.</a>' in page  # the summary
    assert 'id="from-error">Vul een datum in zoals 2027-02-12.' in page  # beside the field
    assert 'value="2027-13-01"' in page and 'aria-invalid="true"' in page
    assert 'id="venue_type-error">Kies een soort plaats uit de lijst.' in page
    assert page.startswith("<!doctype html>") and "<title>Fout: Rapporten" in page


def test_each_chart_downloads_as_csv_for_a_spreadsheet(server, sessions):
    with signed_in(server) as http:
        answer = http.get("/portal/reports/municipalities.csv", params=PERIOD)
        bands = http.get("/portal/reports/bands.csv", params=PERIOD | {"lang": "en"})
        missing = http.get("/portal/reports/nothing.csv", params=PERIOD)
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    assert answer.content.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0] == ["Gemeente", "Sessies", "Deelnemers"]
    assert ['\'=HYPERLINK("x")', "1", "10"] in rows  # never a formula
    english = list(csv.reader(io.StringIO(bands.content.decode("utf-8-sig"))))
    assert english[0] == ["Month", "0-9", "10-13", "14-17", "18+", "unknown", "Total"]
    assert english[1:] == [
        ["January 2027", "0", "3", "20", "9", "0", "32"],
        ["February 2027", "0", "0", "6", "0", "0", "6"],
        ["March 2027", "2", "8", "0", "0", "0", "10"],
        ["April 2027", "0", "0", "0", "0", "0", "0"],
    ]
    assert missing.status_code == 404


def test_html_from_a_kiosk_is_text_in_charts_tables_and_csv(server, client):
    town = '<b>Gent</b>" onmouseover="alert(1)'
    item = session("2027-02-01T10:00:00Z", (0, 0, 6, 0, 0), **{"stop.municipality": town})
    assert client.post("/v1/sessions/batch", json={"sessions": [item]}).status_code == 200
    with signed_in(server) as http:
        page = http.get("/portal/reports", params=PERIOD).text
    assert "<b>" not in page and "&lt;b&gt;Gent&lt;/b&gt;" in page
    assert "onmouseover" not in attributes(page)
    svg = ET.fromstring(
        re.search(r'<svg[^>]*aria-labelledby="chart-towns-title".*?</svg>', page, re.S).group(0)
    )
    bars = [r.get("data-category") for r in svg.iter("{http://www.w3.org/2000/svg}rect")]
    assert town in bars  # the whole name, an attribute's value and nothing more


def attributes(page: str) -> set[str]:
    """The name of every attribute of every element of a page, as a browser parses it."""
    found: set[str] = set()

    class Names(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.update(name for name, _value in attrs)

    Names().feed(page)
    return found


def funder(server, **params) -> str:
    with signed_in(server, name="funder-reader") as http:
        answer = http.get("/portal/reports/funder", params=PERIOD | params)
    assert answer.status_code == 200
    return answer.text


def cell(page: str, row: str) -> list[str]:
    found = re.search(rf'<tr id="{row}">(.*?)</tr>', page, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", found, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells]


def test_the_funder_report_holds_the_totals_without_small_counts(server, sessions):
    page = funder(server)
    assert cell(page, "row-sessions") == ["3", ""]
    assert cell(page, "row-participants") == ["48", ""]
    assert cell(page, "row-towns") == ["2", ""]
    ages = re.search(r'id="ages".*?</section>', page, re.S).group(0)
    shown = dict(
        re.findall(
            r'<tr><th scope="row">([^<]+)</th><td class="num">'
            r'<span class="count[^"]*">([^<]+)</span>',
            ages,
        )
    )
    # 0-9 is 2 in all: hidden; and 10-13 with it, else 48 minus the rest would give the 2 away
    assert (shown["0-9"], shown["10-13"]) == ("&lt;5", "x")
    assert (shown["14-17"], shown["18+"], shown["onbekend"], shown["Totaal"]) == (
        "26",
        "9",
        "0",
        "48",
    )
    assert "Elke kiosk telt per sessie" in page  # how the figures were made


def test_a_period_with_under_five_participants_breaks_nothing_down(server, client):
    item = session("2027-02-01T10:00:00Z", (0, 1, 2, 0, 0))
    assert client.post("/v1/sessions/batch", json={"sessions": [item]}).status_code == 200
    page = funder(server)
    assert cell(page, "row-participants")[0] == "<5"
    assert page.count("te weinig om uit te splitsen") == 2  # ages and places
    assert "Maldegem" not in re.search(r'id="places".*?</section>', page, re.S).group(0)


def test_the_funder_report_says_its_period_and_filters(server, sessions):
    page = funder(server, municipality="Maldegem", kiosk=KIOSK)
    assert "2027-01-01 – 2027-04-30" in page
    assert "<dt>Gemeente</dt><dd>Maldegem</dd>" in page and f"<dd>{KIOSK}</dd>" in page
    assert cell(page, "row-participants") == ["38", ""]  # the two Maldegem sessions


def test_the_api_s_monthly_csv_now_shows_empty_months_too(server, sessions):
    token = server.admin_token()
    answer = httpx.get(
        f"{server.url}/reports/monthly.csv", headers={"Authorization": f"Bearer {token}"}
    )
    months = [row["month"] for row in csv.DictReader(io.StringIO(answer.text))]
    assert months == ["2027-01", "2027-02", "2027-03"]
