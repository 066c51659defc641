"""The fleet page and a kiosk's page over real HTTP: every kiosk with what it reported, silent
or behind ones first, the listing's reasons for the sessions it refused, paged lists, and any
HTML a kiosk sends shown as text.
"""

from __future__ import annotations

import re
import uuid

import httpx
import pytest

from listing.portal import fleet as portal_fleet
from listing.portal import kiosk as portal_kiosk
from tests.listing.portal import seed_fleet, signed_in, status_report
from tests.listing.snapshots import snapshot


@pytest.fixture
def fleet(server):
    return seed_fleet(server)


def order(page: str) -> list[str]:
    return re.findall(r'<tr class="[^"]*" data-kiosk="([^"]+)"', page)


def test_the_fleet_lists_silent_and_behind_kiosks_first_with_their_reasons(server, fleet):
    with signed_in(server) as http:
        page = http.get("/portal/").text
        english = http.get("/portal/?lang=en").text
    assert order(page) == ["mobilab-eeklo-2", "mobilab-schilde-1", "mobilab-gent-1"]
    assert re.findall(r'<tr class="urgent" data-kiosk="([^"]+)"', page) == [
        "mobilab-eeklo-2", "mobilab-schilde-1"
    ]  # fmt: skip
    assert "6 dagen geleden" in page and "Al 6 dagen stil." in page
    assert "Draait versie 0.1.4; de nieuwste is 0.2.0." in page
    assert "120 op de kiosk, 4 wachten, 2 vragen aandacht" in page
    assert "2 sessies vragen aandacht." in page
    assert "<strong>distance</strong>: not connected" in page
    assert "<strong>lasers</strong>: lazer.yaml:12:3: unknown device &#39;lazer&#39;" in page
    assert "niet gesynchroniseerd" not in page and "gesynchroniseerd, -3.2 s" in page
    assert "12.3 GB" in page
    assert "3 kiosken: 2 vallen op (stil of achter), 2 met iets om na te kijken." in page
    assert "Silent for 6 days." in english and "6 days ago" in english


def test_a_newer_report_of_a_silent_kiosk_brings_it_back(server, fleet):
    token = fleet.tokens["mobilab-eeklo-2"]
    body = status_report("mobilab-eeklo-2", "2030-01-01T00:00:00Z")
    headers = {"Authorization": f"Bearer {token}", "User-Agent": "stem-kiosk/0.2.0"}
    assert httpx.put(f"{server.url}/v1/kiosks/mobilab-eeklo-2/status", json=body, headers=headers)
    with signed_in(server) as http:
        page = http.get("/portal/").text
    assert order(page)[0] == "mobilab-schilde-1"
    assert 'data-kiosk="mobilab-eeklo-2"' in page and "Al 6 dagen stil." not in page


def test_only_the_kiosks_with_concerns(server, fleet):
    with signed_in(server) as http:
        page = http.get("/portal/", params={"show": "concerns"}).text
    assert order(page) == ["mobilab-eeklo-2", "mobilab-schilde-1"]


def test_what_a_kiosk_reports_is_text_never_markup(server, fleet):
    token = fleet.tokens["mobilab-gent-1"]
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    body = status_report(
        "mobilab-gent-1", "2030-01-01T00:00:00Z",
        kit={"checked_at": None, "failed": [{"device": hostile[:64], "detail": hostile}]},
        workshops=[{"id": "reactiespel", "version": hostile[:32]}],
    )  # fmt: skip
    answer = httpx.put(
        f"{server.url}/v1/kiosks/mobilab-gent-1/status",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200
    with signed_in(server) as http:
        pages = [http.get("/portal/").text, http.get("/portal/kiosks/mobilab-gent-1").text]
    for page in pages:
        assert "<script>" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_kiosk_s_page_says_why_the_listing_refused_its_sessions(server, fleet):
    token = fleet.tokens["mobilab-schilde-1"]
    headers = {"Authorization": f"Bearer {token}"}
    bad = snapshot(new_id=True, kiosk_id="mobilab-schilde-1", **{"attendance.total": 15})
    later = bad | {"attendance": snapshot()["attendance"]}
    answer = httpx.post(
        f"{server.url}/v1/sessions/batch", json={"sessions": [bad]}, headers=headers
    )
    assert answer.json()["results"][0]["result"] == "rejected"
    with signed_in(server) as http:
        page = http.get("/portal/kiosks/mobilab-schilde-1").text
        assert bad["session_id"] in page
        assert "422: /sessions/0/attendance/total: the age bands add up to 14, not 15" in page
        fixed = later | {"revision": 5}
        answer = httpx.put(
            f"{server.url}/v1/sessions/{bad['session_id']}", json=fixed, headers=headers
        )
        assert answer.status_code == 201
        assert bad["session_id"] not in http.get("/portal/kiosks/mobilab-schilde-1").text


def test_a_refused_put_is_remembered_under_its_path_s_session_id(server, fleet):
    headers = {"Authorization": f"Bearer {fleet.tokens['mobilab-gent-1']}"}
    sid = str(uuid.uuid4())
    body = snapshot(session_id=sid, kiosk_id="mobilab-gent-1", status="closed", ended_at=None)
    assert (
        httpx.put(f"{server.url}/v1/sessions/{sid}", json=body, headers=headers).status_code == 422
    )
    with signed_in(server) as http:
        page = http.get("/portal/kiosks/mobilab-gent-1").text
    assert sid in page and "422: /ended_at" in page


def test_a_kiosk_s_page_shows_its_state_packs_history_and_sessions(server, fleet):
    with signed_in(server) as http:
        page = http.get("/portal/kiosks/mobilab-eeklo-2").text
        missing = http.get("/portal/kiosks/nobody")
    assert "Al 6 dagen stil." in page
    packs = re.search(r'<table class="stack" id="packs">.*?</table>', page, re.S).group(0)
    assert "voorjaar-2027" in packs and "geïnstalleerd" in packs
    assert "lasers" in packs and "unknown device &#39;lazer&#39;" in packs
    assert re.search(r'id="history".*?<tbody>\s*<tr>', page, re.S)  # one report so far
    sessions = re.search(r'id="kiosk-sessions".*?</table>', page, re.S).group(0)
    assert sessions.count("<tr>") == 9 + 1  # three months of three sessions, and the header
    assert missing.status_code == 404


def test_long_lists_are_paged(server, fleet, monkeypatch):
    monkeypatch.setattr(portal_fleet, "PAGE", 2)
    monkeypatch.setattr(portal_kiosk, "SESSIONS_PAGE", 4)
    with signed_in(server) as http:
        first = http.get("/portal/").text
        second = http.get("/portal/?page=2").text
        sessions = [http.get(f"/portal/kiosks/mobilab-gent-1?sessions={n}").text for n in (1, 3)]
    assert order(first) == ["mobilab-eeklo-2", "mobilab-schilde-1"]
    assert order(second) == ["mobilab-gent-1"]
    assert 'rel="next" href="?page=2"' in first and 'rel="prev" href="?"' in second
    rows = [
        re.search(r'id="kiosk-sessions".*?</table>', p, re.S).group(0).count("<tr>")
        for p in sessions
    ]
    assert rows == [4 + 1, 1 + 1]  # 9 sessions, 4 a page: 4, 4, 1 (and the header)
    assert 'rel="next" href="?sessions=2"' in sessions[0]
