"""Every portal page checked by axe-core in a real headless Chromium, on a laptop and on a
phone: no serious or critical violation. axe-core comes from the npm registry, pinned in
tests/a11y/package-lock.json (`make test` installs it), and is injected into each page.

With $STEM_PORTAL_SCREENSHOTS set to a folder, each page is also saved there as a whole-page
PNG at both sizes, with the funder report as a PDF: what a person looks at before a release.
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from listing.uit.run import publish_from_env
from tests.listing.portal import ADMIN_PAGES, PASSWORD, add_person, portal_pages, seed_fleet
from tests.support.browser import driven_chromium
from tests.support.listing_server import running_listing
from tests.support.needs import missing
from tests.uit.conftest import configure, write_secret
from tests.uit.fake_uit import FakeUit

AXE = Path(__file__).parents[1] / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
SIZES = {"laptop": (1366, 768), "phone": (390, 844)}
RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]}).then(
  (r) => done(r.violations.filter((v) => ["serious", "critical"].includes(v.impact)).map(
    (v) => ({id: v.id, impact: v.impact, help: v.help,
             nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5)}))),
  (e) => done([{id: "axe-failed", help: String(e)}]));
"""


def axe_source() -> str:
    if not AXE.exists():
        missing(f"axe-core is not installed: npm ci --prefix {AXE.parents[2]} (make test does)")
    return AXE.read_text(encoding="utf-8")


def page_paths(fleet, uit_stops: list[str]) -> list[str]:
    """Every portal page an admin can open, with a month and a period that have something to
    show, forms showing their problems, and stops at each UiTdatabank state."""
    return [
        *portal_pages(fleet),
        *(f"/portal/stops/{stop_id}" for stop_id in uit_stops),
        *ADMIN_PAGES,
        "/portal/stops?view=month&month=2027-02",
        "/portal/stops/new?kiosk=nobody",  # with its problem shown
        "/portal/reports?from=2027-01-01&to=2027-03-31",
        "/portal/reports?from=2027-13-01&to=x",  # with its problems shown
        "/portal/reports/funder?from=2027-01-01&to=2027-03-31",
        "/portal/admin/kiosks/mobilab-gent-1/revoke",
        "/portal/admin/people/piet/remove",
        "/portal/nothing-here",  # not found
    ]


def name_of(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.removeprefix("/portal").lower()).strip("-") or "fleet"


@pytest.fixture(scope="module")
def listing(tmp_path_factory):
    """The listing with a small fleet, publishing to the fake UiTdatabank: a stop without times
    (the fleet's), one with two places to pick from, one published."""
    folder = tmp_path_factory.mktemp("a11y")
    with (
        running_listing(f"sqlite:///{folder / 'listing.db'}") as server,
        FakeUit() as uit,
        pytest.MonkeyPatch.context() as env,
    ):
        fleet = seed_fleet(server)
        add_person(server.engine, "an.peeters", "admin", PASSWORD)
        add_person(server.engine, "piet", "coordinator", PASSWORD)
        configure(env, uit, write_secret(folder / "uit-secret", uit.secret))
        uit.add_place("Jeugdhuis Kouter", "9990", "Maldegem", "Kouter 3")
        uit.add_place("Jeugdhuis Kouter Zaal 2", "9990", "Maldegem", "Kouter 5")
        uit.add_place("Bibliotheek Maldegem", "9990", "Maldegem", "Marktstraat 1")
        day = (date.today() + timedelta(days=6)).isoformat()
        hours = {"starts_at": f"{day}T12:00:00Z", "ends_at": f"{day}T16:00:00Z"}
        uit_stops = [
            server.add_stop("mobilab-gent-1", day, name, **hours)
            for name in ("Jeugdhuis Kouter", "Bibliotheek Maldegem")
        ]
        publish_from_env(server.engine)
        yield server, fleet, uit_stops


def check(page, source: str, label: str, found: dict, shots: Path | None, size: str) -> None:
    page.script(source + "\nreturn true;")
    violations = page.script_async(RUN)
    if violations:
        found[label] = violations
    if shots:
        page.screenshot(shots / f"{name_of(label)}-{size}.png", whole=True)


@pytest.mark.parametrize("size", SIZES)
def test_no_portal_page_has_a_serious_accessibility_violation(listing, tmp_path, size):
    source = axe_source()
    server, fleet, uit_stops = listing
    shots = (
        Path(os.environ["STEM_PORTAL_SCREENSHOTS"])
        if os.environ.get("STEM_PORTAL_SCREENSHOTS")
        else None
    )
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    found: dict[str, list] = {}
    width, height = SIZES[size]
    with driven_chromium(tmp_path / "profile") as page:
        page.viewport(width, height, mobile=width < 500)
        page.go(f"{server.url}/portal/login")
        check(page, source, "/portal/login", found, shots, size)
        page.click("main button[type=submit]")  # empty: the form shows its problems
        check(page, source, "/portal/login?problems", found, shots, size)
        page.type("#name", "an.peeters")
        page.type("#password", PASSWORD)
        page.click("main button[type=submit]")
        for path in page_paths(fleet, uit_stops):
            page.go(f"{server.url}{path}")
            check(page, source, path, found, shots, size)
        page.go(f"{server.url}/portal/stops/{uit_stops[0]}")
        page.type("#place_id", "Jeugdhuis Kouter")
        page.click("details.uit-pick button[type=submit]")  # the place form with its problem
        check(page, source, "/portal/stops/uit-place-problem", found, shots, size)
        page.click("#uit-publish")  # a run's result: skipped, pick the place
        check(page, source, "/portal/stops/uit-publish", found, shots, size)
        page.go(f"{server.url}/portal/admin/kiosks")
        page.type("#kiosk_id", f"mobilab-new-{size}")
        page.click("main button[type=submit]")  # the token, shown once
        check(page, source, "/portal/admin/kiosks/enrolled", found, shots, size)
        page.go(f"{server.url}/portal/stops/new?kiosk=mobilab-gent-1")
        page.script("document.querySelector('#date').value = '2027-03-12';")
        page.type("#name", "Bibliotheek")
        page.choose("#venue_type", "library")
        page.type("#municipality", "Gent")
        page.click("main form.form button[type=submit]")  # the summary to check
        check(page, source, "/portal/stops/new/check", found, shots, size)
        if shots and size == "laptop":
            page.go(f"{server.url}/portal/reports/funder?from=2027-01-01&to=2027-03-31")
            (shots / "funder.pdf").write_bytes(page.print_pdf())
    assert found == {}, "\n".join(f"{path}: {v}" for path, v in found.items())
