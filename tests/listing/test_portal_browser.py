"""The portal in a real headless Chromium (driven over WebDriver): logging in and out, and a
coordinator's round (the fleet, a stop into a kiosk's plan, a pack, the funder report printed
to PDF and read back with poppler).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import httpx

from tests.listing.packs import good_pack
from tests.listing.portal import PASSWORD, add_person, seed_fleet
from tests.support.browser import driven_chromium, program


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


def pdf_text(pdf: Path) -> tuple[int, str]:
    """The pages of a PDF and its text, read by poppler (pdfinfo, pdftotext)."""
    info = subprocess.run(
        [program("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = subprocess.run(
        [program("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return pages, text


def test_a_coordinator_s_round_in_chromium(server, tmp_path):
    """See a kiosk's report on the fleet page, plan a stop that lands in its plan, upload a
    pack, and print the funder report to a PDF that holds the totals."""
    fleet = seed_fleet(server)
    add_person(server.engine, "an.peeters", "coordinator", PASSWORD)
    pack = tmp_path / "winter.zip"
    pack.write_bytes(good_pack("kleurmixer"))
    with driven_chromium(tmp_path / "profile") as page:
        page.go(f"{server.url}/portal/")
        page.type("#name", "an.peeters")
        page.type("#password", PASSWORD)
        page.click("button[type=submit]")
        row = page.text("tr[data-kiosk='mobilab-schilde-1']")
        assert "120 op de kiosk, 4 wachten, 2 vragen aandacht" in row
        assert "distance: not connected" in row
        assert "lasers: lazer.yaml:12:3: unknown device 'lazer'" in page.text(
            "tr[data-kiosk='mobilab-eeklo-2']"
        )
        # A stop, in steps: the kiosk, the stop (times typed as a browser's inputs take them),
        # the summary, saved.
        page.click("nav.primary a[href='/portal/stops']")
        page.click("a.button[href^='/portal/stops/new']")
        page.choose("#kiosk", "mobilab-gent-1")
        page.click("main button[type=submit]")
        page.script(
            "document.querySelector('#date').value = '2027-03-12';"
            "document.querySelector('#starts_at').value = '13:00';"
        )
        page.type("#name", "Bibliotheek Maldegem")
        page.choose("#venue_type", "library")
        page.type("#municipality", "Maldegem")
        page.type("#postcode", "9990")
        page.click("input[name=workshops][value=theremin]")
        page.click("main form.form button[type=submit]")
        assert page.text("h1") == "Klopt deze stop?"
        page.click("button[value=save]")
        assert "De stop is bewaard." in page.text(".notice")
        headers = {"Authorization": f"Bearer {fleet.tokens['mobilab-gent-1']}"}
        plan = httpx.get(f"{server.url}/v1/kiosks/mobilab-gent-1/plan", headers=headers).json()
        (stop,) = [s for s in plan["stops"] if s["name"] == "Bibliotheek Maldegem"]
        assert (stop["date"], stop["starts_at"], stop["workshops"]) == (
            "2027-03-12", "2027-03-12T12:00:00Z", ["theremin"]
        )  # fmt: skip
        # A pack, for every kiosk.
        page.click("nav.primary a[href='/portal/packs']")
        page.type("#file", str(pack))
        page.type("#name", "winter-2027")
        page.click("form[action='/portal/packs'] button[type=submit]")
        assert page.text("h1") == "winter-2027"
        plan = httpx.get(f"{server.url}/v1/kiosks/mobilab-gent-1/plan", headers=headers).json()
        assert "winter-2027" in [p["name"] for p in plan["packs"]]
        # The funder report, printed.
        page.go(f"{server.url}/portal/reports/funder?from=2027-01-01&to=2027-03-31")
        pdf = tmp_path / "funder.pdf"
        pdf.write_bytes(page.print_pdf())
    pages, text = pdf_text(pdf)
    assert pages >= 4  # a page per section: figures, ages, places, how they were made
    flat = " ".join(text.split())
    assert "Verslag voor de subsidiegever" in flat and "2027-01-01 – 2027-03-31" in flat
    sessions, participants = _totals(server)
    assert re.search(rf"sessies {sessions}\b", flat) and re.search(
        rf"deelnemers {participants}\b", flat
    )
    assert "Tourplanning" not in flat and "Verslag maken" not in flat  # no menu, no form


def _totals(server) -> tuple[int, int]:
    from sqlalchemy import func, select

    from listing import db
    from listing.schema import sessions

    with db.read(server.engine) as conn:
        row = conn.execute(
            select(func.count(), func.sum(sessions.c.total)).where(
                sessions.c.status != "cancelled",
                sessions.c.started_at >= "2026-12-31T23:00:00",
                sessions.c.started_at < "2027-03-31T22:00:00",
            )
        ).one()
    return row[0], int(row[1])
