"""The tour planner over real HTTP: a stop added in steps (the kiosk, the stop, a summary to
check) is the next plan its kiosk receives; problems stand next to their field with what was
typed kept; workshops come from what the kiosk runs and its packs; change, cancel, a month.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import httpx
import pytest

from tests.listing.portal import csrf, seed_fleet, signed_in

KIOSK = "mobilab-gent-1"
STOP = {
    "date": "2027-03-12",
    "starts_at": "13:00",
    "ends_at": "17:00",
    "name": "Bibliotheek <b>Maldegem</b>",
    "venue_type": "library",
    "municipality": "Maldegem",
    "postcode": "9990",
}


@pytest.fixture
def fleet(server):
    return seed_fleet(server)


def plan(server, fleet, kiosk: str = KIOSK) -> httpx.Response:
    headers = {"Authorization": f"Bearer {fleet.tokens[kiosk]}"}
    return httpx.get(f"{server.url}/v1/kiosks/{kiosk}/plan", headers=headers)


def post(http, path: str, fields: dict, workshops=()) -> httpx.Response:
    """A form as a browser posts it: several `workshops` boxes ticked, the CSRF token."""
    pairs = [*fields.items(), *(("workshops", w) for w in workshops), ("csrf_token", csrf(http))]
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    return http.post(path, content=urlencode(pairs), headers=form)


def test_a_stop_added_in_steps_is_the_kiosk_s_next_plan(server, fleet):
    before = plan(server, fleet).headers["etag"]
    with signed_in(server) as http:
        choose = http.get("/portal/stops/new")
        assert 'name="kiosk"' in choose.text and f'value="{KIOSK}"' in choose.text
        form = http.get("/portal/stops/new", params={"kiosk": KIOSK}).text
        offered = re.findall(r'name="workshops" value="([^"]+)"', form)
        assert offered == ["reactiespel", "theremin", "lichtshow", "morse"]  # reported, then packs
        assert "op de kiosk, versie 1.1" in form and "in pakket voorjaar-2027" in form
        check = post(http, "/portal/stops/new", {"kiosk": KIOSK, **STOP}, ["theremin", "morse"])
        assert check.status_code == 200 and "Klopt deze stop?" in check.text
        assert "Bibliotheek &lt;b&gt;Maldegem&lt;/b&gt;" in check.text  # typed HTML is text
        assert plan(server, fleet).headers["etag"] == before  # nothing saved yet
        saved = post(
            http,
            "/portal/stops/new",
            {"kiosk": KIOSK, "step": "save", **STOP},
            ["theremin", "morse"],
        )
        assert saved.status_code == 303
        page = http.get(saved.headers["location"]).text
    assert "De stop is bewaard." in page and "<b>Maldegem</b>" not in page
    answer = plan(server, fleet)
    assert answer.headers["etag"] != before
    (stop,) = [s for s in answer.json()["stops"] if s["name"] == STOP["name"]]
    assert stop | {"stop_id": "x"} == {
        "stop_id": "x",
        "date": "2027-03-12",
        "starts_at": "2027-03-12T12:00:00Z",  # 13:00 in Brussels, in winter
        "ends_at": "2027-03-12T16:00:00Z",
        "name": "Bibliotheek <b>Maldegem</b>",
        "venue_type": "library",
        "municipality": "Maldegem",
        "postcode": "9990",
        "workshops": ["theremin", "morse"],
        "status": "planned",
    }


def test_changing_the_details_goes_back_to_the_form_with_everything_kept(server, fleet):
    with signed_in(server) as http:
        back = post(
            http, "/portal/stops/new", {"kiosk": KIOSK, "step": "change", **STOP}, ["morse"]
        )
    assert back.status_code == 200 and "Waar en wanneer?" in back.text
    assert 'value="2027-03-12"' in back.text and 'value="13:00"' in back.text
    assert re.search(r'value="morse" checked', back.text)


def test_every_problem_stands_next_to_its_field_and_what_was_typed_stays(server, fleet):
    typed = STOP | {
        "date": "12/03/2027", "starts_at": "25:00", "name": "", "venue_type": "castle",
        "municipality": "x" * 201, "postcode": "99",
    }  # fmt: skip
    with signed_in(server) as http:
        answer = post(http, "/portal/stops/new", {"kiosk": KIOSK, **typed}, ["not-offered"])
        later = post(http, "/portal/stops/new", {"kiosk": KIOSK, **STOP, "ends_at": "12:00"})
        spring = post(
            http,
            "/portal/stops/new",
            {"kiosk": KIOSK, **STOP, "date": "2027-03-28", "starts_at": "02:30"},
        )
    assert answer.status_code == 422
    for field, message in {
        "date": "Vul een datum in zoals 2027-02-12.",
        "starts_at": "Vul een uur in zoals 13:00.",
        "name": "Vul de plaats in.",
        "venue_type": "Kies een soort plaats.",
        "municipality": "Gebruik hoogstens 200 tekens.",
        "postcode": "Een postcode heeft vier cijfers, bijvoorbeeld 9990.",
        "workshops": "Kies alleen workshops uit de lijst.",
    }.items():
        assert f'id="{field}-error">{message}' in answer.text, field
        assert f'<a href="#{field}">{message}</a>' in answer.text, field
    assert 'value="12/03/2027"' in answer.text and 'value="25:00"' in answer.text
    assert 'id="ends_at-error">Het einde moet na het begin liggen.' in later.text
    assert 'id="starts_at-error">Dat uur bestaat die dag niet' in spring.text
    assert all(s["name"] != STOP["name"] for s in plan(server, fleet).json()["stops"])


def test_a_kiosk_that_is_not_there_is_not_planned_for(server, fleet):
    with signed_in(server) as http:
        unknown = http.get("/portal/stops/new", params={"kiosk": "nobody"})
        posted = post(http, "/portal/stops/new", {"kiosk": "nobody", "step": "save", **STOP})
    assert (
        unknown.status_code == 422
        and 'id="kiosk-error">Kies een kiosk uit de lijst.' in unknown.text
    )
    assert posted.status_code == 404


def test_a_changed_stop_and_a_cancelled_one_reach_the_plan(server, fleet):
    stop = fleet.stop_id
    with signed_in(server) as http:
        form = http.get(f"/portal/stops/{stop}/edit").text
        assert 'value="Bibliotheek Gent"' in form and re.search(
            r'value="reactiespel" checked', form
        )
        changed = {**STOP, "name": "De Krook", "step": "save"}
        assert post(http, f"/portal/stops/{stop}/edit", changed, ["reactiespel"]).status_code == 303
        (planned,) = [s for s in plan(server, fleet).json()["stops"] if s["stop_id"] == stop]
        assert (planned["name"], planned["date"], planned["status"]) == (
            "De Krook",
            "2027-03-12",
            "planned",
        )
        confirm = http.get(f"/portal/stops/{stop}/cancel").text
        assert "De Krook (2027-03-12) wordt geannuleerd." in confirm
        assert post(http, f"/portal/stops/{stop}/cancel", {}).status_code == 303
        page = http.get(f"/portal/stops/{stop}").text
    (planned,) = [s for s in plan(server, fleet).json()["stops"] if s["stop_id"] == stop]
    assert planned["status"] == "cancelled"
    assert 'tag--red">geannuleerd' in page and f"/portal/stops/{stop}/cancel" not in page


def test_the_list_and_the_month(server, fleet):
    with signed_in(server) as http:
        saved = post(http, "/portal/stops/new", {"kiosk": KIOSK, "step": "save", **STOP})
        assert saved.status_code == 303
        listed = http.get("/portal/stops", params={"past": "1", "kiosk": KIOSK}).text
        other = http.get("/portal/stops", params={"past": "1", "kiosk": "mobilab-schilde-1"}).text
        month = http.get("/portal/stops", params={"view": "month", "month": "2027-03"}).text
    assert "vrijdag 12 maart 2027" in listed and "13:00–17:00" in listed
    assert "Bibliotheek &lt;b&gt;Maldegem&lt;/b&gt;" in listed and "theremin" not in listed
    assert "Geen stops." in other
    assert "<h1>maart 2027</h1>" in month
    day = re.search(r'data-date="2027-03-12">(.*?)</td>', month, re.S).group(1)
    assert "Bibliotheek &lt;b&gt;Maldegem&lt;/b&gt;" in day and KIOSK in day
    assert "month=2027-02" in month and "month=2027-04" in month
