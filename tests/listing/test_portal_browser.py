"""Logging in to the portal in a real headless Chromium (driven over WebDriver): the form,
the cookie the page cannot read, who is logged in, and logging out again.
"""

from __future__ import annotations

from tests.listing.portal import add_person
from tests.support.browser import driven_chromium

PASSWORD = "correct horse battery"


def test_a_coordinator_logs_in_and_out_in_chromium(server, tmp_path):
    add_person(server.engine, "an.peeters", "coordinator", PASSWORD)
    with driven_chromium(tmp_path / "profile") as page:
        page.go(f"{server.url}/portal/")  # logged out: sent to the login form
        assert page.url() == f"{server.url}/portal/login?next=%2Fportal%2F"
        assert page.text("h1") == "Aanmelden"
        page.type("#name", "an.peeters")
        page.type("#password", "wrong")
        page.click("button[type=submit]")
        assert page.text(".message") == "Naam of wachtwoord klopt niet."
        page.type("#password", PASSWORD)
        page.click("button[type=submit]")
        assert page.url() == f"{server.url}/portal/"
        assert page.text(".who") == "Aangemeld als an.peeters (coördinator)."
        assert "stem_session" not in page.script("return document.cookie")  # HttpOnly
        page.screenshot(tmp_path / "portal.png")
        page.click("a.lang")
        assert page.text(".who") == "Logged in as an.peeters (coordinator)."
        page.click("form[action='/portal/logout'] button")
        assert page.url() == f"{server.url}/portal/login"
        assert page.text("h1") == "Log in"  # the language choice is kept in its cookie
        page.go(f"{server.url}/portal/")
        assert page.url().startswith(f"{server.url}/portal/login")
