"""Kiosks and people, for admins, over real HTTP: a kiosk enrolled in the portal gets a token
shown once (with the enroll line to copy) that opens the API, and loses it when revoked; a
person added gets a password shown once that logs in; removing one ends their sessions.
"""

from __future__ import annotations

import html
import re

import httpx
import pytest

from tests.listing.portal import browser, csrf, log_in, signed_in


def test_an_enrolled_kiosk_gets_a_token_shown_once_that_opens_the_api(server):
    with signed_in(server, "admin") as http:
        answer = http.post(
            "/portal/admin/kiosks", data={"csrf_token": csrf(http), "kiosk_id": "mobilab-gent-9"}
        )
        listed = http.get("/portal/admin/kiosks").text
    assert answer.status_code == 201
    token = re.search(r'id="token">([^<]+)<', answer.text).group(1)
    command = html.unescape(re.search(r'id="command">([^<]+)<', answer.text).group(1))
    assert command == (
        f"stem-kiosk enroll --listing {server.url} --kiosk-id mobilab-gent-9 "
        "--token-file /etc/stem-kiosk/token"
    )
    assert answer.headers["cache-control"] == "no-store"
    assert token not in listed and 'data-kiosk="mobilab-gent-9"' in listed
    own = httpx.get(
        f"{server.url}/v1/kiosks/mobilab-gent-9/sessions",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert own.status_code == 200 and own.json() == {"sessions": []}


@pytest.mark.parametrize(
    ("kiosk_id", "message"),
    [
        ("", "Vul de naam van de kiosk in."),
        ("Mobilab Gent", "Gebruik alleen kleine letters, cijfers en koppeltekens"),
        ("mobilab-gent-1", "Er is al een actieve kiosk met die naam."),
    ],
)
def test_a_bad_kiosk_name_is_told_beside_the_field(server, kiosk_id, message):
    server.add_kiosk("mobilab-gent-1")
    with signed_in(server, "admin") as http:
        answer = http.post(
            "/portal/admin/kiosks", data={"csrf_token": csrf(http), "kiosk_id": kiosk_id}
        )
    assert answer.status_code == 422
    assert f'id="kiosk_id-error">{message}' in answer.text
    assert f'value="{kiosk_id}"' in answer.text and 'id="token"' not in answer.text


def test_a_revoked_kiosk_s_token_no_longer_opens_anything(server):
    token = server.add_kiosk("mobilab-gent-1")
    with signed_in(server, "admin") as http:
        confirm = http.get("/portal/admin/kiosks/mobilab-gent-1/revoke")
        assert "Kiosk mobilab-gent-1 intrekken" in confirm.text
        done = http.post(
            "/portal/admin/kiosks/mobilab-gent-1/revoke", data={"csrf_token": csrf(http)}
        )
        assert done.status_code == 303
        page = http.get(done.headers["location"]).text
    assert "Kiosk mobilab-gent-1 is ingetrokken" in page and "ingetrokken</span>" in page
    answer = httpx.get(
        f"{server.url}/v1/kiosks/mobilab-gent-1/sessions",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 401


def test_a_person_added_logs_in_with_the_password_shown_once_and_removed_is_out(server):
    with signed_in(server, "admin") as http:
        added = http.post(
            "/portal/admin/people",
            data={"csrf_token": csrf(http), "name": "jan.de-smet", "role": "coordinator"},
        )
        assert added.status_code == 201
        password = re.search(r'id="password">([^<]+)<', added.text).group(1)
        with browser(server.url) as jan:
            assert log_in(jan, "jan.de-smet", password).status_code == 303
            assert jan.get("/portal/").status_code == 200
            assert http.get("/portal/admin/people/jan.de-smet/remove").status_code == 200
            done = http.post(
                "/portal/admin/people/jan.de-smet/remove", data={"csrf_token": csrf(http)}
            )
            assert done.status_code == 303
            assert jan.get("/portal/").status_code == 303  # logged out everywhere
        page = http.get(done.headers["location"]).text
    assert "jan.de-smet is verwijderd en overal afgemeld." in page
    assert 'data-person="jan.de-smet"' not in page


def test_bad_people_forms_and_removing_oneself_are_refused(server):
    with signed_in(server, "admin", name="boss") as http:
        token = csrf(http)
        taken = http.post(
            "/portal/admin/people", data={"csrf_token": token, "name": "boss", "role": "admin"}
        )
        odd = http.post(
            "/portal/admin/people", data={"csrf_token": token, "name": "Jan <b>", "role": "king"}
        )
        myself = http.post("/portal/admin/people/boss/remove", data={"csrf_token": token})
        still = http.get("/portal/admin/people").text
    assert taken.status_code == 422 and 'id="name-error">Die naam is al in gebruik.' in taken.text
    assert odd.status_code == 422 and 'value="Jan &lt;b&gt;"' in odd.text
    assert 'id="role-error">Kies een rol.' in odd.text
    assert myself.status_code == 409 and 'data-person="boss"' in still
