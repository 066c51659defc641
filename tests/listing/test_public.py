"""The public views: /v1/activities and the agenda page (no auth, never cancelled sessions,
age bands only from 5 participants each, filters, Dutch by default and English on request)."""

from __future__ import annotations

import json
import re

import pytest

from tests.listing.snapshots import sized, snapshot

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def published(client):
    """Three sessions: Maldegem (14, closed), Gent (3, open, later), Gent (cancelled)."""
    big = snapshot(new_id=True)
    small = snapshot(
        new_id=True,
        status="open",
        ended_at=None,
        started_at="2026-03-01T10:00:00Z",
        attendance=sized(3),
        **{"stop.municipality": "Gent", "workshop.id": "lichtsensor"},
    )
    small["workshop"]["title"] = {"nl": "Lichtsensor", "en": "Light sensor"}
    gone = snapshot(new_id=True, status="cancelled", **{"stop.municipality": "Gent"})
    results = client.post("/v1/sessions/batch", json={"sessions": [big, small, gone]}).json()
    assert [r["result"] for r in results["results"]] == ["created"] * 3
    return big, small, gone


def test_activities_are_newest_first_without_cancelled_ones(anonymous, published):
    big, small, _ = published
    activities = anonymous.get("/v1/activities").json()["activities"]
    assert [a["session_id"] for a in activities] == [small["session_id"], big["session_id"]]
    first = activities[0]
    assert first["workshop"] == {
        "id": "lichtsensor",
        "title": {"nl": "Lichtsensor", "en": "Light sensor"},
        "typical_age_range": "10-14",
    }
    assert first["stop"] == {
        "name": "Bibliotheek Maldegem",
        "venue_type": "library",
        "municipality": "Gent",
    }
    assert first["participants"] == 3 and first["ended_at"] is None
    assert first["started_at"].startswith("2026-03-01T10:00:00")


def test_small_sessions_show_totals_only(anonymous, published):
    activities = anonymous.get("/v1/activities").json()["activities"]
    by_total = {a["participants"]: a for a in activities}
    assert by_total[3]["age_bands"] is None
    assert by_total[14]["age_bands"] == {"10-13": 5, "14-17": 7, "other": 2}
    page = anonymous.get("/").text
    small, big = page.split('<article class="activity"')[1:]
    assert "Per leeftijd" not in small and "14-17: 3" not in small
    assert "Per leeftijd: 10-13: 5, 14-17: 7, andere leeftijden: 2" in big


def test_activities_filter_by_municipality_and_workshop(anonymous, published):
    big, small, _ = published

    def ids(query):
        return [
            a["session_id"] for a in anonymous.get(f"/v1/activities?{query}").json()["activities"]
        ]

    assert ids("municipality=Gent") == [small["session_id"]]
    assert ids("workshop=reactiespel") == [big["session_id"]]
    assert ids("municipality=Gent&workshop=reactiespel") == []


def test_the_agenda_is_dutch_by_default_and_english_on_request(anonymous, published):
    dutch = anonymous.get("/")
    assert dutch.status_code == 200
    assert dutch.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in dutch.text
    assert "donderdag 12 februari 2026" in dutch.text and "14 deelnemers" in dutch.text
    assert "Lichtsensor" in dutch.text and "bezig" in dutch.text
    english = anonymous.get("/?lang=en").text
    assert '<html lang="en">' in english
    assert "Thursday 12 February 2026" in english and "14 participants" in english
    assert "Light sensor" in english and "14:30–16:02" in english  # local time, Brussels
    assert anonymous.get("/?lang=xx").text.startswith('<!doctype html>\n<html lang="nl">')


def test_the_agenda_filters_and_never_shows_cancelled_sessions(anonymous, published):
    big, small, gone = published
    page = anonymous.get("/?municipality=Gent").text
    assert small["session_id"] in page
    assert big["session_id"] not in page and gone["session_id"] not in page
    page = anonymous.get("/?workshop=reactiespel").text
    assert big["session_id"] in page and small["session_id"] not in page
    assert '<option value="Gent" selected>' in anonymous.get("/?municipality=Gent").text


def test_each_activity_carries_schema_org_event_json_ld(anonymous, published):
    big, small, _ = published
    events = [json.loads(raw) for raw in LD.findall(anonymous.get("/").text)]
    assert [e["@id"] for e in events] == [
        f"urn:uuid:{small['session_id']}",
        f"urn:uuid:{big['session_id']}",
    ]
    event = events[1]
    assert event["@context"] == "https://schema.org" and event["@type"] == "Event"
    assert event["name"] == "Reactiespel"
    assert event["startDate"] == "2026-02-12T14:30:05+01:00"
    assert event["endDate"] == "2026-02-12T16:02:40+01:00"
    assert event["location"]["address"]["addressLocality"] == "Maldegem"
    assert event["typicalAgeRange"] == "10-14"
    assert "endDate" not in events[0]


def test_text_from_kiosks_is_escaped_on_the_agenda(client, anonymous):
    snap = snapshot(new_id=True, **{"stop.name": "</script><b>x</b>"})
    assert client.put(f"/v1/sessions/{snap['session_id']}", json=snap).status_code == 201
    page = anonymous.get("/").text
    assert "<b>x</b>" not in page
    assert json.loads(LD.findall(page)[0])["location"]["name"] == "</script><b>x</b>"


def test_an_empty_listing_says_so(anonymous):
    assert "Nog geen activiteiten." in anonymous.get("/").text
    assert anonymous.get("/v1/activities").json() == {"activities": []}


def _instant(snap) -> float:
    from datetime import datetime

    return datetime.fromisoformat(snap["started_at"]).timestamp()


def test_the_agenda_pages_through_every_activity_once_newest_first(client, anonymous):
    """Filters and language stay on every page; ties in time are in a stable order."""
    from datetime import UTC, datetime, timedelta

    from listing.routers.agenda import PAGE

    base = datetime(2026, 3, 1, 10, tzinfo=UTC)
    items = [
        snapshot(
            new_id=True,
            started_at=(base - timedelta(hours=i // 3)).isoformat(),  # three at each time
            ended_at=None,
            status="open",
            **{"stop.municipality": "Gent"},
        )
        for i in range(2 * PAGE + 5)
    ]
    items.append(snapshot(new_id=True))  # Maldegem: filtered out below
    assert client.post("/v1/sessions/batch", json={"sessions": items}).status_code == 200
    expected = [
        s["session_id"]
        for s in sorted(
            items[:-1],
            key=lambda s: (-datetime.fromisoformat(s["started_at"]).timestamp(), s["session_id"]),
        )
    ]
    seen, query, pages = [], "?municipality=Gent&lang=en", 0
    while query is not None:
        page = anonymous.get("/" + query)
        assert page.status_code == 200
        seen += re.findall(r'data-session="([^"]+)"', page.text)
        older = re.search(r'class="older" rel="next" href="\?([^"]+)"', page.text)
        query = "?" + older.group(1).replace("&amp;", "&") if older else None
        pages += 1
        if pages > 1:
            assert "Newest activities" in page.text
    assert pages == 3 and seen == expected
    assert anonymous.get("/?after=not-a-cursor").status_code == 422


def test_the_filters_list_each_public_town_and_workshop_once_with_its_newest_title(server, client):
    from listing import db
    from listing.storage.sessions import choices

    old = snapshot(new_id=True, started_at="2025-01-01T10:00:00Z", ended_at=None, status="open")
    new = snapshot(new_id=True, **{"stop.municipality": "Gent"})
    new["workshop"]["title"] = {"nl": "Reactiespel 2"}
    hidden = snapshot(new_id=True, status="cancelled", **{"stop.municipality": "Aalst"})
    hidden["workshop"]["id"] = "verborgen"
    assert (
        client.post("/v1/sessions/batch", json={"sessions": [old, new, hidden]}).status_code == 200
    )
    with db.read(server.engine) as conn:
        towns, shops = choices(conn)
    assert towns == ["Gent", "Maldegem"]
    assert [(i, json.loads(t)) for i, t in shops] == [("reactiespel", {"nl": "Reactiespel 2"})]
