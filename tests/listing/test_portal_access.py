"""Who may reach which portal page, over real HTTP: logged out, sent to log in (coming back to
the page asked for); a coordinator refused the admin pages (403); every form without the
session's CSRF token refused (403) with nothing changed; headers that keep pages private and
script-free.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from listing import db
from listing.schema import kiosks, packs, stops, users
from tests.listing.portal import (
    ADMIN_PAGES,
    HTML,
    browser,
    csrf,
    portal_pages,
    seed_fleet,
    signed_in,
)


@pytest.fixture
def fleet(server):
    return seed_fleet(server)


def test_a_logged_out_visitor_is_sent_to_log_in_and_back(server, fleet):
    with browser(server.url) as http:
        for path in [*portal_pages(fleet), *ADMIN_PAGES, "/portal/reports/bands.csv"]:
            answer = http.get(path)
            assert answer.status_code == 303, path
            assert answer.headers["location"] == f"/portal/login?next={quote(path, safe='')}"


def test_a_coordinator_opens_every_page_but_the_admin_ones(server, fleet):
    with signed_in(server, "coordinator") as http:
        for path in portal_pages(fleet):
            answer = http.get(path)
            assert answer.status_code == 200, (path, answer.text[:300])
            assert "text/html" in answer.headers["content-type"]
        for path in [*ADMIN_PAGES, "/portal/admin/kiosks/mobilab-gent-1/revoke"]:
            answer = http.get(path)
            assert answer.status_code == 403, path
            assert "Geen toegang" in answer.text
        nav = http.get("/portal/").text
    assert 'href="/portal/admin/kiosks"' not in nav and 'href="/portal/reports"' in nav


def test_an_admin_opens_the_admin_pages_and_sees_them_in_the_menu(server, fleet):
    with signed_in(server, "admin") as http:
        for path in ADMIN_PAGES:
            assert http.get(path).status_code == 200
        assert 'href="/portal/admin/people"' in http.get("/portal/").text


def test_without_a_browser_a_refusal_is_a_problem_not_a_page(server, fleet):
    with signed_in(server, "coordinator") as http:
        answer = http.get("/portal/admin/people", headers={"Accept": "application/json"})
    assert answer.status_code == 403
    assert answer.headers["content-type"].startswith("application/problem+json")


def counts(engine) -> dict[str, int]:
    with db.read(engine) as conn:
        return {
            t.name: conn.scalar(select(func.count()).select_from(t))
            for t in (kiosks, users, stops, packs)
        }


def forms(fleet) -> list[tuple[str, dict]]:
    """Every form the portal posts (urlencoded), with fields that would change something."""
    stop, sha = fleet.stop_id, fleet.packs["lasers"]
    new_stop = {
        "kiosk": "mobilab-gent-1", "step": "save", "date": "2027-05-04", "name": "Bib",
        "venue_type": "library", "municipality": "Gent",
    }  # fmt: skip
    return [
        ("/portal/admin/kiosks", {"kiosk_id": "mobilab-new-1"}),
        ("/portal/admin/kiosks/mobilab-gent-1/revoke", {}),
        ("/portal/admin/people", {"name": "newcomer", "role": "admin"}),
        ("/portal/admin/people/coordinator/remove", {}),
        ("/portal/stops/new", new_stop),
        (f"/portal/stops/{stop}/edit", new_stop | {"kiosk": ""}),
        (f"/portal/stops/{stop}/cancel", {}),
        (f"/portal/packs/{sha}/assign", {"for": "all"}),
        (f"/portal/packs/{sha}/remove", {}),
        ("/portal/logout", {}),
    ]


@pytest.mark.parametrize("token", ["", "forged"])
def test_no_form_changes_anything_without_the_session_s_csrf_token(server, fleet, token):
    add_person_for_removal = signed_in(server, "coordinator")
    with add_person_for_removal, signed_in(server, "admin") as http:
        before = counts(server.engine)
        plan_before = plan(server, fleet)
        for path, fields in forms(fleet):
            answer = http.post(path, data=fields | ({"csrf_token": token} if token else {}))
            assert answer.status_code == 403, path
            assert "Formulier verlopen" in answer.text
        files = {"file": ("p.zip", b"PK\x05\x06" + bytes(18), "application/zip")}
        answer = http.post("/portal/packs", data={"name": "x", "csrf_token": token}, files=files)
        assert answer.status_code == 403
        assert counts(server.engine) == before
        assert plan(server, fleet) == plan_before
        assert http.get("/portal/").status_code == 200  # still logged in: logout was refused too


def plan(server, fleet) -> dict:
    import httpx

    headers = {"Authorization": f"Bearer {fleet.tokens['mobilab-gent-1']}"}
    return httpx.get(f"{server.url}/v1/kiosks/mobilab-gent-1/plan", headers=headers).json()


def test_portal_pages_are_private_unframed_and_run_no_script(server, fleet):
    with browser(server.url) as stranger:
        login = stranger.get("/portal/login")
    with signed_in(server, "admin") as http:
        for path in [*portal_pages(fleet), *ADMIN_PAGES]:
            answer = http.get(path)
            policy = answer.headers["content-security-policy"]
            assert "default-src 'none'" in policy and "script-src" not in policy, path
            assert "frame-ancestors 'none'" in policy
            assert answer.headers["cache-control"] == "no-store"
            assert "<script" not in answer.text.lower(), path
        sheet = http.get("/portal/portal.css", headers=HTML)
    assert "default-src 'none'" in login.headers["content-security-policy"]
    assert sheet.status_code == 200 and sheet.headers["content-type"].startswith("text/css")


def test_csrf_helper_reads_the_logged_in_session_s_token(server, fleet):
    with signed_in(server, "coordinator") as http:
        token = csrf(http)
        assert token and token == csrf(http)
