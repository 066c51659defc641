"""Reports need an admin token; CSV per session and per month, and the monthly SVG chart."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from tests.listing.snapshots import sized, snapshot

REPORTS = ["/reports/sessions.csv", "/reports/monthly.csv", "/reports/monthly.svg"]


@pytest.fixture
def admin(server):
    return {"Authorization": f"Bearer {server.admin_token()}"}


@pytest.fixture
def filled(client):
    items = [
        snapshot(new_id=True),  # February, 14
        snapshot(
            new_id=True,
            started_at="2026-02-28T23:30:00Z",
            ended_at=None,
            status="open",
            attendance=sized(3),
            **{"stop.name": "=HYPERLINK(1)"},
        ),  # 1 March in Brussels
        snapshot(new_id=True, status="cancelled"),
    ]
    assert client.post("/v1/sessions/batch", json={"sessions": items}).status_code == 200
    return items


@pytest.mark.parametrize("path", REPORTS)
def test_reports_need_an_admin_token(client, anonymous, path):
    assert anonymous.get(path).status_code == 401
    answer = client.get(path)  # a kiosk token is not an admin token
    assert answer.status_code == 401
    assert answer.headers["content-type"].startswith("application/problem+json")


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_sessions_csv_has_one_row_per_session_with_bands_gender_and_time_source(
    client, admin, filled
):
    answer = client.get("/reports/sessions.csv", headers=admin)
    assert answer.headers["content-type"].startswith("text/csv")
    table = {r["session_id"]: r for r in rows(answer.text)}
    assert len(table) == 3
    full = table[filled[0]["session_id"]]
    assert (full["10-13"], full["14-17"], full["18-"], full["unknown"]) == ("5", "7", "1", "1")
    assert (full["girl"], full["boy"], full["returning"], full["time_source"]) == (
        "6",
        "7",
        "3",
        "ntp",
    )
    small = table[filled[1]["session_id"]]
    assert small["girl"] == "" and small["14-17"] == "3"
    assert small["stop_name"] == "'=HYPERLINK(1)"  # never a spreadsheet formula
    assert table[filled[2]["session_id"]]["status"] == "cancelled"


def test_monthly_csv_counts_local_months_without_cancelled_sessions(client, admin, filled):
    months = rows(client.get("/reports/monthly.csv", headers=admin).text)
    assert [(m["month"], m["sessions"], m["participants"]) for m in months] == [
        ("2026-02", "1", "14"),
        ("2026-03", "1", "3"),
    ]
    assert months[0]["14-17"] == "7" and months[0]["girl"] == "6"
    assert months[1]["gender_not_reported"] == "3"


def test_monthly_svg_draws_a_stacked_bar_per_month(client, admin, filled):
    answer = client.get("/reports/monthly.svg", headers=admin)
    assert answer.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(answer.text)
    bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("class") == "bar"]
    drawn = {(r.get("data-category"), r.get("data-series")): int(r.get("data-value")) for r in bars}
    assert drawn == {
        ("2026-02", "10-13"): 5,
        ("2026-02", "14-17"): 7,
        ("2026-02", "18-"): 1,
        ("2026-02", "unknown"): 1,
        ("2026-03", "14-17"): 3,
    }
    heights = {key: float(r.get("height")) for key, r in zip(drawn, bars, strict=True)}
    assert heights[("2026-02", "14-17")] == pytest.approx(
        7 / 3 * heights[("2026-03", "14-17")], abs=0.1
    )
