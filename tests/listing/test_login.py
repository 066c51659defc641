"""Logging in to the portal over real HTTP: cookies, CSRF on every form, throttling, idle
expiry, revocation and roles. Every refusal has its status and leaves nothing changed.
"""

from __future__ import annotations

import re
import warnings

import httpx
import pytest
from sqlalchemy import func, select, text

from listing import db
from listing.schema import login_throttle, web_sessions
from tests.listing.portal import HTML, add_person, browser, csrf_of, log_in
from tests.support.listing_server import running_listing

PASSWORD = "correct horse battery"


@pytest.fixture
def person(server) -> str:
    add_person(server.engine, "an", "coordinator", PASSWORD)
    return "an"


def logged_in_sessions(engine) -> int:
    with db.read(engine) as conn:
        query = select(func.count()).where(web_sessions.c.user_name.is_not(None))
        return conn.scalar(query)


def cookie_header(answer: httpx.Response) -> str:
    (found,) = [
        v for k, v in answer.headers.multi_items() if k == "set-cookie" and "stem_session" in v
    ]
    return found


def test_logging_in_gives_a_new_httponly_samesite_cookie_and_shows_who(server, person):
    with browser(server.url) as http:
        form = http.get("/portal/login")
        before = http.cookies["stem_session"]
        assert "HttpOnly" in cookie_header(form) and "SameSite=lax" in cookie_header(form)
        answer = http.post(
            "/portal/login", data={"name": "An", "password": PASSWORD, "csrf_token": csrf_of(form)}
        )
        assert (answer.status_code, answer.headers["location"]) == (303, "/portal/")
        cookie = cookie_header(answer)
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
        assert http.cookies["stem_session"] != before  # a login never keeps the old session id
        home = http.get("/portal/?lang=en")
    assert home.status_code == 200
    assert "Logged in as an (coordinator)." in home.text
    with browser(server.url) as stranger:  # the pre-login session id opens nothing
        stranger.cookies.set("stem_session", before)
        assert stranger.get("/portal/").status_code == 303


def test_behind_tls_the_cookie_is_secure(server, person):
    with browser(server.url) as http:
        http.headers["X-Forwarded-Proto"] = "https"
        assert "Secure" in cookie_header(http.get("/portal/login"))
        assert "Secure" in cookie_header(log_in(http, "an", PASSWORD))


def test_a_wrong_password_and_an_unknown_name_get_the_same_refusal(server, person):
    with browser(server.url) as http:
        wrong = log_in(http, "an", "not it")
        unknown = log_in(http, "nobody", "not it")
        assert "stem_session" not in http.cookies or http.get("/portal/").status_code == 303
    for answer in (wrong, unknown):
        assert answer.status_code == 401
        assert "Naam of wachtwoord klopt niet." in answer.text
    page = re.compile(r'value="[^"]*"')  # the token and the name typed differ; nothing else
    assert page.sub("", wrong.text) == page.sub("", unknown.text)
    assert logged_in_sessions(server.engine) == 0


def test_empty_fields_are_shown_next_to_the_field(server, person):
    with browser(server.url) as http:
        answer = log_in(http, "", "")
    assert answer.status_code == 422
    assert 'id="name-error">Vul je naam in.' in answer.text
    assert 'id="password-error">Vul je wachtwoord in.' in answer.text


@pytest.mark.parametrize("token", [None, "", "forged-token"], ids=["missing", "empty", "wrong"])
def test_a_login_without_its_form_s_token_is_refused(server, person, token):
    with browser(server.url) as http:
        http.get("/portal/login")
        fields = {"name": "an", "password": PASSWORD}
        if token is not None:
            fields["csrf_token"] = token
        answer = http.post("/portal/login", data=fields)
        assert answer.status_code == 403
        assert "Dit formulier is verlopen." in answer.text
        assert http.get("/portal/").status_code == 303
    assert logged_in_sessions(server.engine) == 0


def test_another_session_s_token_does_not_count(server, person):
    with browser(server.url) as attacker, browser(server.url) as victim:
        token = csrf_of(attacker.get("/portal/login"))
        victim.get("/portal/login")
        fields = {"name": "an", "password": PASSWORD, "csrf_token": token}
        assert victim.post("/portal/login", data=fields).status_code == 403
        no_cookie = httpx.post(f"{server.url}/portal/login", data=fields, headers=HTML)
        assert no_cookie.status_code == 403
    assert logged_in_sessions(server.engine) == 0


def test_logout_needs_the_token_then_ends_the_session_for_good(server, person):
    with browser(server.url) as http:
        assert log_in(http, "an", PASSWORD).status_code == 303
        token = csrf_of(http.get("/portal/"))
        assert http.post("/portal/logout", data={}).status_code == 403
        assert http.post("/portal/logout", data={"csrf_token": "x" + token}).status_code == 403
        assert http.get("/portal/").status_code == 200  # still logged in
        kept = http.cookies["stem_session"]
        answer = http.post("/portal/logout", data={"csrf_token": token})
        assert (answer.status_code, answer.headers["location"]) == (303, "/portal/login")
        assert http.get("/portal/").status_code == 303
    with browser(server.url) as replay:
        replay.cookies.set("stem_session", kept)
        assert replay.get("/portal/").status_code == 303
    assert logged_in_sessions(server.engine) == 0


def test_an_idle_session_has_ended(server, person):
    with browser(server.url) as http:
        assert log_in(http, "an", PASSWORD).status_code == 303
        with db.write(server.engine) as conn:
            conn.execute(
                text("UPDATE web_sessions SET last_seen_at = '2020-01-01T00:00:00.000000Z'")
            )
        answer = http.get("/portal/")
        assert (answer.status_code, answer.headers["location"]) == (
            303,
            "/portal/login?next=%2Fportal%2F",
        )
        api = httpx.get(f"{server.url}/portal/", cookies=http.cookies)  # not a browser: 401
        assert api.status_code == 401
        assert api.headers["content-type"] == "application/problem+json"


def test_a_person_who_is_still_active_stays_logged_in(server, person):
    with browser(server.url) as http:
        assert log_in(http, "an", PASSWORD).status_code == 303
        with db.write(server.engine) as conn:  # 59 idle minutes of 60: still in, and renewed
            conn.execute(
                text("UPDATE web_sessions SET last_seen_at = :t"),
                {"t": _minutes_ago(59)},
            )
        assert http.get("/portal/").status_code == 200
        with db.read(server.engine) as conn:
            seen = conn.scalar(
                select(web_sessions.c.last_seen_at).where(web_sessions.c.user_name == "an")
            )
        assert seen > _minutes_ago(1)


def _minutes_ago(minutes: int) -> str:
    from datetime import UTC, datetime, timedelta

    from listing.models.stored import utc_text

    return utc_text(datetime.now(UTC) - timedelta(minutes=minutes))


def test_after_five_failures_a_name_waits_even_with_the_right_password(listing_db_url):
    """Two listings (processes of their own would do the same) on one database: the count is
    in the database, so it holds whichever one answers."""
    with running_listing(listing_db_url) as one, running_listing(listing_db_url) as two:
        add_person(one.engine, "an", "coordinator", PASSWORD)
        with browser(one.url) as first, browser(two.url) as second:
            codes = [
                log_in((first, second)[i % 2], "an", f"guess {i}").status_code for i in range(5)
            ]
            assert codes == [401] * 5
            refused = log_in(second, "an", PASSWORD)
            assert refused.status_code == 429
            assert 1 <= int(refused.headers["Retry-After"]) <= 15 * 60
            assert "Te veel mislukte pogingen." in refused.text
            assert logged_in_sessions(one.engine) == 0
            with db.write(one.engine) as conn:  # the window has passed
                conn.execute(
                    login_throttle.update().values(window_start="2020-01-01T00:00:00.000000Z")
                )
            assert log_in(first, "an", PASSWORD).status_code == 303


def test_one_address_trying_many_names_waits(server, person):
    with browser(server.url) as http:
        codes = {log_in(http, f"name{i}", "guess").status_code for i in range(30)}
        assert codes == {401}
        assert log_in(http, "an", PASSWORD).status_code == 429


def test_next_only_leads_to_portal_pages(server, person):
    with browser(server.url) as http:
        elsewhere = log_in(http, "an", PASSWORD, next="https://evil.example/portal/")
        assert elsewhere.headers["location"] == "/portal/"
    with browser(server.url) as http:
        there = log_in(http, "an", PASSWORD, next="/portal/?lang=en")
        assert there.headers["location"] == "/portal/?lang=en"
        assert http.get("/portal/login").headers["location"] == "/portal/"  # already in


def test_require_user_refuses_a_wrong_role_with_403(tmp_path):
    """The admins' people page with the real guard: a page for people, a problem for clients."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from listing.app import create_app

    app = create_app(f"sqlite:///{tmp_path / 'roles.db'}")
    add_person(app.state.engine, "coord", "coordinator", PASSWORD)
    add_person(app.state.engine, "boss", "admin", PASSWORD)
    people = "/portal/admin/people"
    with TestClient(app, headers=HTML, follow_redirects=False) as http:
        assert http.get(people).status_code == 303
        assert log_in(http, "coord", PASSWORD).status_code == 303
        refused = http.get(people)
        assert refused.status_code == 403 and "Geen toegang" in refused.text
        problem = http.get(people, headers={"Accept": "application/json"})
        assert problem.status_code == 403
        assert problem.headers["content-type"] == "application/problem+json"
        token = csrf_of(http.get("/portal/"))
        assert http.post("/portal/logout", data={"csrf_token": token}).status_code == 303
        assert log_in(http, "boss", PASSWORD).status_code == 303
        shown = http.get(people)
        assert shown.status_code == 200 and "boss" in shown.text
    app.state.engine.dispose()
