"""Upcoming stops in public: `GET /v1/agenda` (every kiosk's stops from today on, soonest first,
workshop titles where the listing knows them) and the agenda page's coming weeks, each stop
with schema.org Event JSON-LD (scheduled or cancelled, place, age range from its workshops).
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import pytest

from listing.localtime import today
from listing.settings import UPCOMING_DAYS, UPCOMING_MAX
from tests.listing.packs import pack_zip, workshop_yaml
from tests.listing.snapshots import KIOSK, snapshot

OTHER = "mobilab-gent-2"
LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
STOP_LD = re.compile(
    r'<article class="stop[^"]*" data-stop="([^"]+)">.*?'
    r'<script type="application/ld\+json">(.*?)</script>',
    re.S,
)


def day(offset: int) -> str:
    return (today() + timedelta(days=offset)).isoformat()


@pytest.fixture
def planned(server, client):
    """Stops of two kiosks; workshops known from a pack (theremin 12-16), from a session
    (reactiespel 10-14), and one known nowhere (geheim)."""
    server.add_kiosk(OTHER)
    theremin = workshop_yaml("theremin", title="Theremin", ages="12-16")
    server.add_pack(pack_zip({"theremin.yaml": theremin}), "voorjaar")
    assert (
        client.put(f"/v1/sessions/{snapshot()['session_id']}", json=snapshot()).status_code == 201
    )
    stops = {
        "yesterday": server.add_stop(KIOSK, day(-1), "Gisteren"),
        "today": server.add_stop(
            KIOSK, day(0), "Bibliotheek Gent", municipality="Gent", postcode="9000",
            starts_at=f"{day(0)}T10:00:00Z", workshops=["theremin", "reactiespel", "geheim"],
        ),
        "later": server.add_stop(
            OTHER, day(10), "Jeugdhuis Aalst", venue_type="youth_house", municipality="Aalst",
            postcode=None, workshops=["geheim"],
        ),
        "far": server.add_stop(KIOSK, day(UPCOMING_DAYS + 1), "Far ahead"),
    }  # fmt: skip
    server.cancel_stop(stops["later"])
    return stops


def test_v1_agenda_lists_every_kiosk_s_stops_from_today_soonest_first(anonymous, planned):
    upcoming = anonymous.get("/v1/agenda").json()["upcoming"]
    assert [s["stop_id"] for s in upcoming] == [planned[k] for k in ("today", "later", "far")]
    first = upcoming[0]
    assert first == {
        "stop_id": planned["today"], "date": day(0), "starts_at": f"{day(0)}T10:00:00Z",
        "ends_at": None, "name": "Bibliotheek Gent", "venue_type": "library",
        "municipality": "Gent", "postcode": "9000", "status": "planned",
        "workshops": [
            {"id": "theremin", "title": {"nl": "Theremin", "en": "Theremin (en)"}},
            {"id": "reactiespel", "title": {"nl": "Reactiespel", "en": "Reaction game"}},
            {"id": "geheim", "title": None},
        ],
    }  # fmt: skip
    assert upcoming[1]["status"] == "cancelled" and upcoming[1]["postcode"] is None
    assert "kiosk_id" not in first  # which Pi goes where is not public


def test_v1_agenda_is_public_and_empty_without_stops(anonymous):
    assert anonymous.get("/v1/agenda").json() == {"upcoming": []}


def test_the_page_shows_the_coming_weeks_stops_with_their_workshops(anonymous, planned):
    page = anonymous.get("/").text
    shown = re.findall(r'<article class="stop[^"]*" data-stop="([^"]+)"', page)
    assert shown == [planned["today"], planned["later"]]  # not yesterday's, not past 8 weeks
    today_stop = page.split(f'data-stop="{planned["today"]}"')[1].split("</article>")[0]
    assert "Bibliotheek Gent" in today_stop and "Gent" in today_stop and "(9000)" in today_stop
    assert "Theremin, Reactiespel, geheim · 10–16 jaar" in today_stop
    assert "Binnenkort" in page
    cancelled = page.split(f'data-stop="{planned["later"]}"')[0].rsplit("<article", 1)[1]
    assert 'class="stop cancelled"' in cancelled
    assert "geannuleerd" in page.split(f'data-stop="{planned["later"]}"')[1].split("</article>")[0]
    english = anonymous.get("/?lang=en").text
    assert "Coming up" in english and "cancelled" in english and "Reaction game" in english


def test_each_stop_carries_schema_org_event_json_ld(anonymous, planned):
    events = {sid: json.loads(raw) for sid, raw in STOP_LD.findall(anonymous.get("/").text)}
    event = events[planned["today"]]
    assert event["@context"] == "https://schema.org" and event["@type"] == "Event"
    assert event["@id"] == f"urn:uuid:{planned['today']}"
    assert event["name"] == "Mobiel STEM-lab: Bibliotheek Gent"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["location"]["@type"] == "Place"
    assert event["location"]["name"] == "Bibliotheek Gent"
    address = event["location"]["address"]
    assert (address["addressLocality"], address["postalCode"]) == ("Gent", "9000")
    assert event["typicalAgeRange"] == "10-16"  # theremin 12-16 and reactiespel 10-14
    start = datetime.fromisoformat(event["startDate"])
    assert start == datetime.fromisoformat(f"{day(0)}T10:00:00Z")
    assert start.utcoffset() in (timedelta(hours=1), timedelta(hours=2))  # Brussels, local
    cancelled = events[planned["later"]]
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert cancelled["startDate"] == day(10)  # no time: the date
    assert "typicalAgeRange" not in cancelled  # its one workshop is known nowhere
    assert "postalCode" not in cancelled["location"]["address"]


def test_the_page_s_stops_follow_its_filters_and_only_open_its_first_page(
    server, anonymous, planned
):
    gent = re.findall(r'data-stop="([^"]+)"', anonymous.get("/?municipality=Gent").text)
    assert gent == [planned["today"]]
    by_workshop = re.findall(r'data-stop="([^"]+)"', anonymous.get("/?workshop=geheim").text)
    assert by_workshop == [planned["today"], planned["later"]]
    older = anonymous.get(
        "/?after=2026-01-01T00:00:00.000000Z_" + "0" * 8 + "-0000-0000-0000-" + "0" * 12
    )
    assert older.status_code == 200 and "data-stop" not in older.text


def test_the_page_shows_at_most_the_first_hundred_stops(server, anonymous):
    server.add_kiosk(KIOSK)
    for i in range(UPCOMING_MAX + 5):
        server.add_stop(KIOSK, day(i % 7), f"Stop {i:03d}", starts_at=None)
    shown = re.findall(r'data-stop="([^"]+)"', anonymous.get("/").text)
    assert len(shown) == UPCOMING_MAX == len(set(shown))
    assert len(anonymous.get("/v1/agenda").json()["upcoming"]) == UPCOMING_MAX + 5


def test_text_of_a_stop_is_escaped_on_the_page(server, anonymous):
    server.add_kiosk(KIOSK)
    server.add_stop(KIOSK, day(1), "</script><b>x</b>")
    page = anonymous.get("/").text
    assert "<b>x</b>" not in page
    (event,) = [json.loads(raw) for raw in LD.findall(page)]
    assert event["location"]["name"] == "</script><b>x</b>"
