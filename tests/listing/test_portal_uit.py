"""UiTdatabank in the portal over real HTTP (SQLite and PostgreSQL) against the fake of publiq's
APIs: a stop's state and link, its Publish button (once, and again: unchanged), the place a
coordinator picks, publishing every stop that needs it, and each way a run can end.
"""

from __future__ import annotations

import re
import socket
from datetime import date, timedelta

import httpx
import pytest

from listing.storage.uit import stop_lock
from listing.uit.event import hidden_label
from listing.uit.links import event_url
from tests.listing.portal import browser, csrf, signed_in
from tests.uit.conftest import configure, write_secret
from tests.uit.fake_uit import FakeUit

KIOSK = "mobilab-gent-1"
PLACE_UUID = "787d7420-c06f-4935-b3c5-5cd5a1276796"
DAY = (date.today() + timedelta(days=10)).isoformat()


@pytest.fixture
def uit():
    with FakeUit() as fake:
        yield fake


@pytest.fixture
def configured(monkeypatch, uit, tmp_path):
    """The listing's STEM_LISTING_UIT_* pointing at the fake; returns a setter for changes."""
    return configure(monkeypatch, uit, write_secret(tmp_path / "uit-secret", uit.secret))


@pytest.fixture
def kiosk(server):
    server.add_kiosk(KIOSK)


def add_stop(server, name="Bibliotheek Maldegem", day=DAY, times=True, **fields) -> str:
    hours = {"starts_at": f"{day}T12:00:00Z", "ends_at": f"{day}T16:00:00Z"} if times else {}
    return server.add_stop(KIOSK, day, name, **hours, **fields)


def publish(http: httpx.Client, stop_id: str | None = None) -> httpx.Response:
    path = f"/portal/stops/{stop_id}/publish" if stop_id else "/portal/stops/publish"
    return http.post(path, data={"csrf_token": csrf(http)})


def lines(page: httpx.Response) -> list[str]:
    """The run's lines as a person reads them."""
    found = re.findall(r"<li data-stop=[^>]*>(.*?)</li>", page.text)
    return [re.sub(r"<[^>]+>", "", line) for line in found]


def test_publish_creates_one_event_and_the_stop_shows_it_with_its_link(
    server, kiosk, uit, configured
):
    uit.add_place("Bibliotheek Maldegem", "9990", "Maldegem", "Marktstraat 1")
    stop_id = add_stop(server)
    with signed_in(server) as http:
        before = http.get(f"/portal/stops/{stop_id}").text
        assert '<span class="tag tag--grey">niet gepubliceerd</span>' in before
        assert 'id="uit-publish">Publiceren op UiTdatabank</button>' in before
        first = publish(http, stop_id)
        [event] = uit.events_labelled(hidden_label(stop_id))
        page = http.get(f"/portal/stops/{stop_id}").text
        again = publish(http, stop_id)
        english = http.get(f"/portal/stops/{stop_id}?lang=en").text
    assert first.status_code == 200
    assert lines(first) == ["Bibliotheek Maldegem: aangemaakt"]
    link = event_url(uit.entry_url, event["@id"].rsplit("/", 1)[1])
    assert '<span class="tag tag--green">gepubliceerd</span>' in page
    assert f'<a href="{link}" id="uit-link">Gegevens in UiTdatabank</a>' in page
    assert lines(again) == ["Bibliotheek Maldegem: ongewijzigd"]
    assert len(uit.events) == 1 and uit.count("create") == 1
    assert '<span class="tag tag--green">published</span>' in english
    assert "Publish on UiTdatabank" in english


def test_several_places_ask_the_coordinator_to_pick_and_the_event_is_made_there(
    server, kiosk, uit, configured
):
    first = uit.add_place("Jeugdhuis Kouter", "9990", "Maldegem", "Kouter 3")
    second = uit.add_place("Jeugdhuis Kouter Zaal 2", "9990", "Maldegem", "Kouter 5")
    stop_id = add_stop(server, "Jeugdhuis Kouter")
    page = f"/portal/stops/{stop_id}"
    with signed_in(server) as http:
        run = publish(http, stop_id)
        asked = http.get(page).text
        token = csrf(http)
        wrong = http.post(
            f"{page}/place", data={"place_id": "Jeugdhuis Kouter", "csrf_token": token}
        )
        empty = http.post(f"{page}/place", data={"csrf_token": token})
        picked = http.post(f"{page}/place", data={"place": second, "csrf_token": token})
        chosen = http.get(picked.headers["location"]).text
        published = publish(http, stop_id)
    assert lines(run) == [
        "Jeugdhuis Kouter: overgeslagen, UiTdatabank kent 2 plaatsen &#39;Jeugdhuis Kouter&#39; "
        "in 9990: kies de plaats Kies de plaats Jeugdhuis Kouter"
    ]
    assert '<details class="uit-pick" open>' in asked
    assert f'name="place" value="{first}">' in asked and f'name="place" value="{second}">' in asked
    assert 'Jeugdhuis Kouter Zaal 2 <span class="muted">(Kouter 5, 9990 Maldegem)</span>' in asked
    assert wrong.status_code == 422
    assert 'id="place_id-error">Vul het id van een plaats in' in wrong.text
    assert 'value="Jeugdhuis Kouter"' in wrong.text  # what was typed stays
    assert '<a href="#place_id">' in wrong.text  # the error summary leads to the field
    assert empty.status_code == 422
    assert 'id="place-error">Kies een plaats of vul een id in.' in empty.text
    assert picked.status_code == 303
    assert picked.headers["location"] == f"{page}?place=1#uit"
    assert "De plaats is bewaard." in chosen and f'id="uit-place">{second}<' in chosen
    assert lines(published) == ["Jeugdhuis Kouter: aangemaakt"]
    assert uit.count("create") == 1  # none before the place was picked
    [event] = uit.events_labelled(hidden_label(stop_id))
    assert event["location"] == {"@id": second}


def test_publish_all_takes_the_stops_that_need_it_and_the_list_shows_their_state(
    server, kiosk, uit, configured
):
    uit.add_place("Bibliotheek Maldegem", "9990", "Maldegem", "Marktstraat 1")
    due = [add_stop(server), add_stop(server, day=(date.today() + timedelta(days=11)).isoformat())]
    past = add_stop(server, day=(date.today() - timedelta(days=3)).isoformat())
    with signed_in(server) as http:
        before = http.get("/portal/stops").text
        run = publish(http)
        listed = http.get("/portal/stops").text
        nothing = publish(http)
        with_past = http.get("/portal/stops?past=1").text
    assert 'id="uit-publish-all">Alles publiceren wat nodig is</button>' in before
    assert before.count('<span class="tag tag--grey">niet gepubliceerd</span>') == 2
    assert lines(run) == ["Bibliotheek Maldegem: aangemaakt"] * 2
    assert {e["hiddenLabels"][0] for e in uit.events.values()} == {hidden_label(s) for s in due}
    assert listed.count('<span class="tag tag--green">gepubliceerd</span>') == 2
    assert lines(nothing) == ["Bibliotheek Maldegem: ongewijzigd"] * 2
    row = re.search(rf'<tr data-stop="{past}".*?</tr>', with_past, re.S).group(0)
    assert "niet gepubliceerd" in row


def test_a_name_with_html_is_text_and_a_stop_without_times_says_why(server, kiosk, uit, configured):
    stop_id = add_stop(server, "Bib <b>Gent</b>", times=False)
    with signed_in(server) as http:
        run = publish(http, stop_id)
        page = http.get(f"/portal/stops/{stop_id}").text
    assert "Bib &lt;b&gt;Gent&lt;/b&gt;" in run.text and "<b>Gent</b>" not in run.text
    assert "heeft geen begin- en einduur" in lines(run)[0]
    assert re.search(r'id="uit-reason">de stop op \S+ heeft geen begin- en einduur', page)
    assert uit.events == {}


def test_a_wrong_secret_is_said_plainly_and_nothing_is_published(
    server, kiosk, uit, configured, tmp_path
):
    uit.add_place("Bibliotheek Maldegem", "9990", "Maldegem", "Marktstraat 1")
    stop_id = add_stop(server)
    configured(CLIENT_SECRET_FILE=str(write_secret(tmp_path / "wrong", "not-it")))
    with signed_in(server) as http:
        coordinator = publish(http, stop_id)
    with signed_in(server, "admin") as http:
        admin = publish(http)
    for page in (coordinator, admin):
        assert page.status_code == 200
        assert "publiq weigerde de client id en het geheim van de listing." in page.text
        assert "Traceback" not in page.text and "not-it" not in page.text
    assert "STEM_LISTING_UIT_CLIENT_SECRET_FILE" not in coordinator.text
    assert "STEM_LISTING_UIT_CLIENT_SECRET_FILE" in admin.text  # admins see what to check
    assert uit.events == {} and uit.count("create") == 0


def test_uit_out_of_reach_says_try_later_and_how_many_were_not_tried(server, kiosk, configured):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    configured(ENTRY_URL=closed, SEARCH_URL=closed, TOKEN_URL=f"{closed}/token")
    add_stop(server)
    add_stop(server, day=(date.today() + timedelta(days=11)).isoformat())
    with signed_in(server) as http:
        page = publish(http)
    assert page.status_code == 200
    assert "UiTdatabank is nu niet bereikbaar. Probeer later opnieuw" in page.text
    assert "2 stops zijn niet geprobeerd." in page.text


def test_without_settings_the_portal_says_so_and_offers_no_button(server, kiosk, monkeypatch):
    for name in ("ENTRY_URL", "SEARCH_URL", "TOKEN_URL", "CLIENT_ID", "CLIENT_SECRET_FILE"):
        monkeypatch.delenv(f"STEM_LISTING_UIT_{name}", raising=False)
    stop_id = add_stop(server)
    with signed_in(server) as http:
        page = http.get(f"/portal/stops/{stop_id}").text
        listed = http.get("/portal/stops").text
        pressed = publish(http, stop_id)
    with signed_in(server, "admin") as http:
        admin = http.get(f"/portal/stops/{stop_id}").text
    assert "UiTdatabank is nog niet ingesteld voor deze listing." in page
    assert 'id="uit-publish"' not in page and "STEM_LISTING_UIT" not in page
    assert "uit-publish-all" not in listed and "niet gepubliceerd" not in listed
    assert "De instellingen voor UiTdatabank kloppen niet." in pressed.text
    assert "STEM_LISTING_UIT_ENTRY_URL is not set" in admin


def test_without_the_csrf_token_or_a_login_nothing_reaches_uitdatabank(
    server, kiosk, uit, configured
):
    uit.add_place("Bibliotheek Maldegem", "9990", "Maldegem", "Marktstraat 1")
    stop_id = add_stop(server)
    forms = [f"/portal/stops/{stop_id}/publish", "/portal/stops/publish"]
    with signed_in(server) as http:
        refused = [http.post(path, data={"csrf_token": "forged"}) for path in forms]
        refused.append(http.post(f"/portal/stops/{stop_id}/place", data={"place_id": PLACE_UUID}))
        page = http.get(f"/portal/stops/{stop_id}").text
    with browser(server.url) as stranger:
        outside = stranger.post(forms[0], data={"csrf_token": "x"})
        back = stranger.get(f"/portal/stops/{stop_id}/publish")
    assert [answer.status_code for answer in refused] == [403, 403, 403]
    assert outside.status_code == 303
    assert outside.headers["location"].startswith("/portal/login?next=")
    assert back.status_code == 303  # after logging in, `next` leads to the stop's page
    assert uit.calls == [] and uit.events == {}
    assert "niet gepubliceerd" in page and 'id="uit-place"' not in page  # no place was kept


def test_a_stop_another_run_is_publishing_is_said_busy(server, kiosk, uit, configured):
    uit.add_place("Bibliotheek Maldegem", "9990", "Maldegem", "Marktstraat 1")
    stop_id = add_stop(server)
    with signed_in(server) as http:
        with stop_lock(server.engine, stop_id, wait_s=1.0):  # another run holds the stop
            page = publish(http, stop_id)
        later = publish(http, stop_id)
    assert "Iemand anders publiceert deze stops nu." in page.text
    assert lines(page) == [
        "Bibliotheek Maldegem: overgeslagen, iemand anders publiceert deze stop nu"
    ]
    assert lines(later) == ["Bibliotheek Maldegem: aangemaakt"]
    assert uit.count("create") == 1
